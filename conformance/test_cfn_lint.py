"""cfn-lint on every exported template: no error, and no warning but Greengrass's end of support."""

import json

import tools


def test_every_exported_template_lints_clean(exports):
    paths = [export.templates[suffix] for export in exports for suffix in ("json", "yaml")]
    findings = tools.cfn_lint(paths)
    assert tools.unexpected(findings) == []
    # The end-of-support warning is there: cfn-lint did read each template's Greengrass entries.
    warned = {f["Filename"] for f in findings if f["Rule"]["Id"] == "W3696"}
    assert warned == {str(p) for p in paths}


def test_templates_carry_names_tags_and_real_scalars(exports):
    for export in exports:
        template = json.loads(export.templates["json"].read_text())
        functions = template["Resources"]["FunctionDefinition"]["Properties"]
        resources = template["Resources"]["ResourceDefinition"]["Properties"]
        expected = export.metadata["functions"]
        if expected:
            assert functions["Name"] == expected["Name"]
            assert functions["Tags"] == expected["tags"]
        for function in functions["InitialVersion"]["Functions"]:
            config = function["FunctionConfiguration"]
            assert isinstance(config["MemorySize"], int)
            assert isinstance(config["Pinned"], bool)
        for resource in resources["InitialVersion"]["Resources"]:
            for data in resource["ResourceDataContainer"].values():
                if "GroupOwnerSetting" in data:
                    assert isinstance(data["GroupOwnerSetting"]["AutoAddGroupOwner"], bool)


def test_a_broken_template_is_rejected(exports, tmp_path):
    template = json.loads(exports[0].templates["json"].read_text())
    function = template["Resources"]["FunctionDefinition"]["Properties"]["InitialVersion"][
        "Functions"][0]
    function["FunctionConfiguration"]["MemorySize"] = "lots"
    del function["Id"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(template))
    errors = [f["Rule"]["Id"] for f in tools.unexpected(tools.cfn_lint([broken]))]
    assert "E3012" in errors  # MemorySize is not an integer
    assert "E3003" in errors  # Id is required
