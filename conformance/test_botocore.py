"""botocore's validation of the request bodies the exports hold, and an enum walk over its model."""

import copy

import pytest

import tools

OPERATIONS = [
    ("CreateFunctionDefinitionVersion", "function_version", "FunctionDefinitionId"),
    ("CreateResourceDefinitionVersion", "resource_version", "ResourceDefinitionId"),
]


def create_body(export, kind):
    """What `create-<kind>-definition --name --tags --initial-version` sends."""
    version = export.function_version if kind == "functions" else export.resource_version
    return {"InitialVersion": version, **export.metadata[kind]}


@pytest.mark.parametrize("operation,attribute,member", OPERATIONS)
def test_version_bodies_are_valid_requests(exports, operation, attribute, member):
    for export in exports:
        params = tools.with_id(getattr(export, attribute), member)
        assert tools.validate(operation, params) == "", f"group {export.index}"
        assert tools.enum_errors(operation, params) == [], f"group {export.index}"


@pytest.mark.parametrize("operation,kind", [("CreateFunctionDefinition", "functions"),
                                            ("CreateResourceDefinition", "resources")])
def test_create_bodies_are_valid_requests(exports, operation, kind):
    for export in exports:
        params = create_body(export, kind)
        assert tools.validate(operation, params) == "", f"group {export.index}"
        assert tools.enum_errors(operation, params) == [], f"group {export.index}"


def test_the_corpus_reaches_every_enum_value(exports):
    seen = set()
    for export in exports:
        text = repr(export.function_version) + repr(export.resource_version)
        for value in ("'GreengrassContainer'", "'NoContainer'", "'ro'", "'rw'", "'json'",
                      "'binary'"):
            if value in text:
                seen.add(value)
    assert len(seen) == 6, seen


def test_broken_bodies_are_rejected(exports):
    body = copy.deepcopy(exports[0].function_version)
    body["Functions"][0]["FunctionConfiguration"]["MemorySize"] = "512"
    params = tools.with_id(body, "FunctionDefinitionId")
    assert "MemorySize" in tools.validate("CreateFunctionDefinitionVersion", params)

    body = copy.deepcopy(exports[0].function_version)
    body["Functions"][0]["FunctionConfiguration"]["Environment"]["Execution"][
        "IsolationMode"] = "Container"
    params = tools.with_id(body, "FunctionDefinitionId")
    # botocore itself lets the bad value through; the walk finds it.
    assert tools.validate("CreateFunctionDefinitionVersion", params) == ""
    errors = tools.enum_errors("CreateFunctionDefinitionVersion", params)
    assert len(errors) == 1 and "IsolationMode" in errors[0]

    resources = next(e.resource_version for e in exports if e.resource_version["Resources"])
    body = copy.deepcopy(resources)
    del body["Resources"][0]["Name"]
    params = tools.with_id(body, "ResourceDefinitionId")
    assert "Name" in tools.validate("CreateResourceDefinitionVersion", params)
