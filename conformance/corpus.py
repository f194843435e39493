"""Generated groups for the conformance suite: between them every resource kind and every setting
the API defines, written as the files users give ggaccess (merged documents, definition bodies)."""

import json
from pathlib import Path

ISOLATION = ["GreengrassContainer", "NoContainer"]
PERMISSION = ["ro", "rw"]

# Strings that a YAML writer must quote, or that readers tend to change: YAML 1.1 booleans and
# nulls, numbers in several notations, indicators, a line break, non-ASCII. (Not `${Name}`: the
# template holds it literally, as the API does, but cfn-lint takes it for a forgotten `Fn::Sub`.)
TRICKY = ["no", "On", "~", "null", "1.0", "0x10", "012", "1_000", "12:30", "2010-09-09", "@at",
          "- dash", "a: b", "#hash", "*star", "&amp", "!bang", "%pct", "`tick", "{x}", "[y]",
          "é ü", "line\nbreak", " padded ", "", "x:", "$HOME"]


def function(i, resource_ids):
    """One function; i picks its settings, resource_ids what it may attach."""
    config = {}
    if i % 2 == 0:
        config["EncodingType"] = ["json", "binary"][i // 2 % 2]
    if i % 3 == 0:
        config["Executable"] = f"bin/run-{i}"
        config["ExecArgs"] = "--verbose 'quoted' \"double\""
    config["MemorySize"] = 16384 * (i + 1)
    config["Pinned"] = i % 2 == 1
    config["Timeout"] = 3 + i
    if i % 5 != 4:
        execution = {"IsolationMode": ISOLATION[i % 2]}
        if i % 3 != 2:
            execution["RunAs"] = {"Uid": i * 100, "Gid": 0}
        policies = []
        for k, rid in enumerate(resource_ids):
            if (k + i) % 2 == 0:
                policy = {"ResourceId": rid}
                if (k + i) % 3:
                    policy["Permission"] = PERMISSION[(k + i) % 3 - 1]
                policies.append(policy)
        config["Environment"] = {
            "AccessSysfs": i % 2 == 0,
            "Execution": execution,
            "ResourceAccessPolicies": policies,
            "Variables": {"MODEL_DIR": "/greengrass-machine-learning/model", "MODE": "yes"},
        }
        if i % 4 == 0:
            config["Environment"]["Variables"].update(
                {f"V{k}": text for k, text in enumerate(TRICKY)})
    return {
        "Id": f"function-{i}",
        "FunctionArn": f"arn:aws:lambda:us-west-2:123456789012:function:fn{i}:{i + 1}",
        "FunctionConfiguration": config,
    }


def owner(i):
    return [
        {"AutoAddGroupOwner": True},
        {"AutoAddGroupOwner": False, "GroupOwner": "video"},
        {"GroupOwner": "1500"},
    ][i % 3]


def resource(kind, i):
    """One resource of kind kind % 5."""
    kind %= 5
    if kind == 0:
        data = {"LocalDeviceResourceData": {"SourcePath": f"/dev/video{i}",
                                            "GroupOwnerSetting": owner(i)}}
    elif kind == 1:
        data = {"LocalVolumeResourceData": {"SourcePath": f"/var/data/{i}",
                                            "DestinationPath": f"/data/{i}",
                                            "GroupOwnerSetting": owner(i + 1)}}
    elif kind == 2:
        model = {"DestinationPath": f"/ml/model{i}", "S3Uri": f"s3://models/m{i}.tar.gz"}
        if i % 2 == 0:
            model["OwnerSetting"] = {"GroupOwner": "1500", "GroupPermission": PERMISSION[i // 2 % 2]}
        data = {"S3MachineLearningModelResourceData": model}
    elif kind == 3:
        model = {"DestinationPath": f"/ml/sm{i}",
                 "SageMakerJobArn": f"arn:aws:sagemaker:us-west-2:123456789012:training-job/j{i}"}
        if i % 2 == 1:
            model["OwnerSetting"] = {"GroupOwner": "ml", "GroupPermission": "ro"}
        data = {"SageMakerMachineLearningModelResourceData": model}
    else:
        secret = {"ARN": f"arn:aws:secretsmanager:us-west-2:123456789012:secret:s{i}-AbCdEf"}
        if i % 2 == 0:
            secret["AdditionalStagingLabelsToDownload"] = ["AWSPREVIOUS", "custom"]
        data = {"SecretsManagerSecretResourceData": secret}
    return {"Id": f"resource-{kind}-{i}", "Name": f"Resource {i}", "ResourceDataContainer": data}


def group(i):
    """Group i as the merged document."""
    resources = [resource(k + i, i + k) for k in range(i % 6)]
    ids = [r["Id"] for r in resources]
    doc = {}
    if i % 3 != 1:
        execution = {"IsolationMode": ISOLATION[i % 2]}
        if i % 2 == 0:
            execution["RunAs"] = {"Uid": 1000 + i, "Gid": 1000}
        doc["DefaultConfig"] = {"Execution": execution}
    doc["Functions"] = [function(i + k, ids) for k in range(1 + i % 3)]
    doc["Resources"] = resources
    return doc


COUNT = 24


def write(directory: Path):
    """Writes each group as the files ggaccess reads; returns {index: [paths]}.

    Even groups are one merged document; odd ones are CreateFunctionDefinition and
    CreateResourceDefinition bodies with a name and tags, so the exports carry those too."""
    files = {}
    for i in range(COUNT):
        doc = group(i)
        if i % 2 == 0:
            path = directory / f"group-{i}.json"
            path.write_text(json.dumps(doc, indent=2))
            files[i] = [path]
        else:
            functions = {k: doc[k] for k in ("DefaultConfig", "Functions") if k in doc}
            bodies = {
                "functions": {"Name": f"functions-{i}", "InitialVersion": functions,
                              "tags": {"team": "vision", "n": str(i)}},
                "resources": {"Name": f"resources-{i}",
                              "InitialVersion": {"Resources": doc["Resources"]}},
            }
            files[i] = []
            for name, body in bodies.items():
                path = directory / f"group-{i}-{name}.json"
                path.write_text(json.dumps(body, indent=2))
                files[i].append(path)
    return files
