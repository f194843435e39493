"""Fixtures of the conformance suite: the ggaccess binary, the corpus and its exports, the
recording server, and an environment for the AWS CLI that reaches nothing but that server."""

import json
import os
import subprocess
from pathlib import Path

import pytest

import corpus
from recorder import Recorder

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def ggaccess():
    """The release CLI: $GGACCESS_BIN if set (conformance/run builds it), else built here."""
    given = os.environ.get("GGACCESS_BIN")
    if given:
        return given
    subprocess.run(["cargo", "build", "--release", "--locked", "-p", "ggaccess-cli"],
                   cwd=ROOT, check=True)
    return str(ROOT / "target" / "release" / "ggaccess")


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)
    return result


class Export:
    """Everything ggaccess exports for one group of the corpus."""

    def __init__(self, index, inputs, directory, ggaccess):
        self.index = index
        self.inputs = [str(p) for p in inputs]
        self.directory = directory
        self.templates = {}
        self.warnings = {}
        for target, suffix in (("cloudformation", "json"), ("cloudformation-yaml", "yaml")):
            done = run([ggaccess, "export", "--to", target, *self.inputs])
            assert done.returncode == 0, done.stderr
            path = directory / f"group-{index}.template.{suffix}"
            path.write_text(done.stdout)
            self.templates[suffix] = path
            self.warnings[suffix] = done.stderr
        self.cli_dir = directory / f"group-{index}-cli"
        done = run([ggaccess, "export", "--to", "cli", "--out-dir", str(self.cli_dir),
                    *self.inputs])
        assert done.returncode == 0, done.stderr
        self.script = done.stdout
        self.function_version = json.loads(
            (self.cli_dir / "function-definition-version.json").read_text())
        self.resource_version = json.loads(
            (self.cli_dir / "resource-definition-version.json").read_text())
        self.metadata = {"functions": {}, "resources": {}}
        for path in inputs:
            body = json.loads(Path(path).read_text())
            for kind in ("functions", "resources"):
                if path.name.endswith(f"-{kind}.json"):
                    self.metadata[kind] = {k: body[k] for k in ("Name", "tags") if k in body}


@pytest.fixture(scope="session")
def exports(ggaccess, tmp_path_factory):
    directory = tmp_path_factory.mktemp("corpus")
    files = corpus.write(directory)
    return [Export(i, paths, directory, ggaccess) for i, paths in files.items()]


@pytest.fixture()
def recorder():
    server = Recorder().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def aws_env(tmp_path_factory):
    """An environment in which the AWS CLI has dummy keys, a region, empty config files and no
    instance metadata lookup: it can only reach the endpoint given on its command line."""
    home = tmp_path_factory.mktemp("aws-home")
    config = home / "config"
    credentials = home / "credentials"
    config.write_text("")
    credentials.write_text("")
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AWS_DEFAULT_REGION": "us-west-2",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(credentials),
        "AWS_MAX_ATTEMPTS": "1",
        "AWS_PAGER": "",
    }
