"""The YAML export reads, with cfn-lint's own YAML loader (PyYAML, as CloudFormation tools read
YAML), as exactly the JSON export: same strings, numbers and booleans, not merely equal ones."""

import json

from cfnlint.decode import cfn_yaml


def differences(yaml_value, json_value, path=""):
    """Where two decoded documents differ, telling True from 1 and "1" from 1."""
    if isinstance(json_value, dict):
        if not isinstance(yaml_value, dict) or list(yaml_value) != list(json_value):
            return [path]
        return [d for key in json_value
                for d in differences(yaml_value[key], json_value[key], f"{path}/{key}")]
    if isinstance(json_value, list):
        if not isinstance(yaml_value, list) or len(yaml_value) != len(json_value):
            return [path]
        return [d for index, (a, b) in enumerate(zip(yaml_value, json_value))
                for d in differences(a, b, f"{path}/{index}")]
    for kind in (bool, int, float, str, type(None)):
        if isinstance(json_value, kind):
            same = isinstance(yaml_value, kind) and yaml_value == json_value
            if kind is int and isinstance(yaml_value, bool):
                same = False
            return [] if same else [path]
    return [path]


def test_yaml_and_json_exports_hold_the_same_template(exports):
    for export in exports:
        from_yaml = cfn_yaml.loads(export.templates["yaml"].read_text())
        from_json = json.loads(export.templates["json"].read_text())
        assert differences(from_yaml, from_json) == [], f"group {export.index}"


def test_the_comparison_tells_types_apart():
    assert differences(cfn_yaml.loads("a: yes\nb: '1'\n"), {"a": "yes", "b": 1}) == ["/a", "/b"]
    assert differences(cfn_yaml.loads("a: true\nb: 1\n"), {"a": True, "b": 1}) == []
