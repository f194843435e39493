"""Templates as users keep them (conformance/templates): cfn-lint accepts them, ggaccess reads
them without an error, and what ggaccess writes back is accepted by cfn-lint again and reads back
as the same group."""

import subprocess
from pathlib import Path

import pytest

import tools

TEMPLATES = sorted((Path(__file__).parent / "templates").glob("*.*"))


def ggaccess_run(ggaccess, *args):
    return subprocess.run([ggaccess, *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def test_there_are_templates():
    assert len(TEMPLATES) >= 2


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_a_template_survives_ggaccess(ggaccess, template, tmp_path):
    assert tools.unexpected(tools.cfn_lint([template])) == []
    checked = ggaccess_run(ggaccess, "check", "--format", "json", template)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    merged = ggaccess_run(ggaccess, "export", "--to", "merged", template).stdout
    written = []
    for target, suffix in (("cloudformation", "json"), ("cloudformation-yaml", "yaml")):
        done = ggaccess_run(ggaccess, "export", "--to", target, template)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        path = tmp_path / f"again.{suffix}"
        path.write_text(done.stdout)
        written.append(path)
        again = ggaccess_run(ggaccess, "export", "--to", "merged", path)
        assert again.stdout == merged
    assert tools.unexpected(tools.cfn_lint(written)) == []
