"""The real AWS tools, called the same way whatever PATH holds: through the Python that runs the
suite, where requirements.txt installed them."""

import copy
import json
import subprocess
import sys

import botocore.session
from botocore.validate import ParamValidator

CFN_LINT = [sys.executable, "-c", "import sys; from cfnlint.runner import main; sys.exit(main())"]
AWS = [sys.executable, "-m", "awscli"]

# cfn-lint's warning that Greengrass v1 is past its end of support: expected on every template.
EXPECTED_WARNINGS = {"W3696"}


def cfn_lint(paths):
    """cfn-lint's findings on the templates, as its JSON output lists them."""
    done = subprocess.run([*CFN_LINT, "--format", "json", *map(str, paths)],
                          capture_output=True, text=True, timeout=600)
    # Exit codes: 0 clean, 2 errors, 4 warnings, 6 both, 8 informational; others are failures.
    assert done.returncode in (0, 2, 4, 6, 8, 10, 12, 14), done.stderr
    return json.loads(done.stdout or "[]")


def unexpected(findings):
    """The findings that are errors, or warnings other than the expected ones."""
    return [f for f in findings
            if f["Level"] == "Error" or f["Rule"]["Id"] not in EXPECTED_WARNINGS]


_MODEL = botocore.session.get_session().get_service_model("greengrass")


def input_shape(operation):
    return _MODEL.operation_model(operation).input_shape


def validate(operation, params):
    """botocore's own validation of a request: its report, empty when valid."""
    report = ParamValidator().validate(params, input_shape(operation))
    return report.generate_report() if report.has_errors() else ""


def enum_errors(operation, params):
    """Values outside an enum of botocore's service model, which ParamValidator does not check:
    a walk of the request along the input shape."""
    errors = []

    def walk(shape, value, path):
        if getattr(shape, "enum", None) and isinstance(value, str) and value not in shape.enum:
            errors.append(f"{path}: {value!r} is not one of {shape.enum}")
        if shape.type_name == "structure" and isinstance(value, dict):
            for name, member in value.items():
                if name in shape.members:
                    walk(shape.members[name], member, f"{path}.{name}")
        elif shape.type_name == "list" and isinstance(value, list):
            for index, item in enumerate(value):
                walk(shape.member, item, f"{path}[{index}]")
        elif shape.type_name == "map" and isinstance(value, dict):
            for key, item in value.items():
                walk(shape.value, item, f"{path}[{key!r}]")

    walk(input_shape(operation), params, operation)
    return errors


def with_id(body, member, value="0f6a1b2c-3d4e-5f60-7182-93a4b5c6d7e8"):
    """A version body with the definition id the CLI's --...-definition-id supplies."""
    params = copy.deepcopy(body)
    params[member] = value
    return params
