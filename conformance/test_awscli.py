"""The AWS CLI sends the exports as they are: run against the recording server on 127.0.0.1."""

import json
import os
import stat
import subprocess
import sys

import pytest

import tools

DEFINITION_ID = "0f6a1b2c-3d4e-5f60-7182-93a4b5c6d7e8"

COMMANDS = [
    ("function", "function-definition-version.json", "function_version"),
    ("resource", "resource-definition-version.json", "resource_version"),
]


def aws(env, recorder, *args):
    return subprocess.run([*tools.AWS, "greengrass", *args, "--endpoint-url", recorder.url],
                          env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("kind,file,attribute", COMMANDS)
def test_version_commands_send_the_export(exports, recorder, aws_env, kind, file, attribute):
    for export in exports:
        done = aws(aws_env, recorder, f"create-{kind}-definition-version",
                   f"--{kind}-definition-id", DEFINITION_ID,
                   "--cli-input-json", f"file://{export.cli_dir / file}")
        assert done.returncode == 0, done.stderr
        [request] = recorder.take()
        assert request["path"] == f"/greengrass/definition/{kind}s/{DEFINITION_ID}/versions"
        assert json.loads(request["body"]) == getattr(export, attribute)


def test_the_printed_script_runs_as_printed(exports, recorder, aws_env, tmp_path):
    """The script ggaccess prints, run verbatim by sh with `aws` on PATH and the endpoint given
    by AWS_ENDPOINT_URL: both ways (new definitions, new versions) send the export."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "aws"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m awscli "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    env = dict(aws_env, PATH=f"{bin_dir}{os.pathsep}{aws_env['PATH']}",
               AWS_ENDPOINT_URL=recorder.url)
    for export in exports[:4]:
        done = subprocess.run(["sh", "-c", export.script], env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        created = recorder.take()
        assert [r["path"] for r in created] == ["/greengrass/definition/functions",
                                                "/greengrass/definition/resources"]
        function_body = {"InitialVersion": export.function_version, **export.metadata["functions"]}
        resource_body = {"InitialVersion": export.resource_version, **export.metadata["resources"]}
        assert json.loads(created[0]["body"]) == function_body
        assert json.loads(created[1]["body"]) == resource_body

        ids = dict(env, FUNCTION_DEFINITION_ID="fd-1", RESOURCE_DEFINITION_ID="rd-1")
        done = subprocess.run(["sh", "-c", export.script], env=ids, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        versions = recorder.take()
        assert [r["path"] for r in versions] == ["/greengrass/definition/functions/fd-1/versions",
                                                 "/greengrass/definition/resources/rd-1/versions"]
        assert json.loads(versions[0]["body"]) == export.function_version
        assert json.loads(versions[1]["body"]) == export.resource_version


def test_a_broken_export_is_rejected_before_sending(exports, recorder, aws_env, tmp_path):
    body = json.loads(json.dumps(exports[0].function_version))
    body["Functions"][0]["FunctionConfiguration"]["MemorySize"] = "lots"
    body["Functions"][0]["Unknown"] = True
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(body))
    done = aws(aws_env, recorder, "create-function-definition-version",
               "--function-definition-id", DEFINITION_ID,
               "--cli-input-json", f"file://{broken}")
    assert done.returncode != 0
    assert "Parameter validation failed" in done.stderr, done.stderr
    assert recorder.take() == []
