//! Generated groups for the benchmark and for the `generate` example: many functions, each with
//! ten attachments over a mix of the five resource kinds, deterministic (no randomness), shaped
//! like a real group with a few mistakes of the common kinds in it.

#![allow(dead_code)]

use serde_json::{json, Value};

/// How many resources a group may hold (`ref/too-many-resources`), and what the groups use.
pub const RESOURCES: usize = 50;

/// Attachments per function: the guide's documented limit.
pub const ATTACHMENTS: usize = 10;

/// A merged document `{DefaultConfig, Functions, Resources}` with `resources` resources and
/// `functions` functions of [`ATTACHMENTS`] attachments each.
pub fn group(resources: usize, functions: usize) -> Value {
    let resources: Vec<Value> = (0..resources).map(resource).collect();
    let count = resources.len();
    let functions: Vec<Value> = (0..functions).map(|j| function(j, count)).collect();
    json!({
        "DefaultConfig": {"Execution": {"IsolationMode": "GreengrassContainer"}},
        "Functions": functions,
        "Resources": resources,
    })
}

/// The kind of resource `i`: ML from S3, ML from SageMaker, device, volume, secret in turn.
fn kind(i: usize) -> usize {
    i % 5
}

/// Resource `i`. One ML resource in ten has an owner (GID 1500 + i, read and write).
fn resource(i: usize) -> Value {
    let data = match kind(i) {
        0 => {
            let mut data = json!({
                "S3Uri": format!("s3://ggaccess-models/model-{i}.tar.gz"),
                "DestinationPath": format!("/ml/model-{i}"),
            });
            if i % 10 == 0 {
                data["OwnerSetting"] =
                    json!({"GroupOwner": (1500 + i).to_string(), "GroupPermission": "rw"});
            }
            json!({"S3MachineLearningModelResourceData": data})
        }
        1 => json!({"SageMakerMachineLearningModelResourceData": {
            "SageMakerJobArn":
                format!("arn:aws:sagemaker:us-east-1:123456789012:training-job/job-{i}"),
            "DestinationPath": format!("/ml/sagemaker-{i}"),
        }}),
        2 => json!({"LocalDeviceResourceData": {
            "SourcePath": format!("/dev/ttyUSB{i}"),
            "GroupOwnerSetting": {"AutoAddGroupOwner": true},
        }}),
        3 => json!({"LocalVolumeResourceData": {
            "SourcePath": format!("/home/ggc_user/data-{i}"),
            "DestinationPath": format!("/data/{i}"),
            "GroupOwnerSetting": {"AutoAddGroupOwner": false},
        }}),
        _ => json!({"SecretsManagerSecretResourceData": {
            "ARN": format!("arn:aws:secretsmanager:us-east-1:123456789012:secret:secret-{i}-AbCdEf"),
        }}),
    };
    json!({
        "Id": format!("resource-{i}"),
        "Name": format!("resource_{i}"),
        "ResourceDataContainer": data,
    })
}

/// Function `j`: in a container with 16 MB, except one in ten without container; one in three
/// runs as its own user. A containerized function attaches ten distinct resources of mixed kinds
/// (stride 11, coprime with 50), read-only for secrets, alternately ro and rw elsewhere. A function
/// without container attaches the ML resources that have an owner (inheriting its permission)
/// and secrets. One function in a hundred gives a secret write access (`secret/read-only`).
fn function(j: usize, resources: usize) -> Value {
    let no_container = j % 10 == 0;
    let chosen: Vec<usize> = if no_container {
        let owned = (0..resources).filter(|&r| kind(r) == 0 && r % 10 == 0);
        let secrets = (0..resources).filter(|&r| kind(r) == 4);
        owned.chain(secrets).take(ATTACHMENTS).collect()
    } else {
        (0..ATTACHMENTS.min(resources))
            .map(|k| (j * 7 + k * 11) % resources)
            .collect()
    };
    let policies: Vec<Value> = chosen
        .iter()
        .enumerate()
        .map(|(k, &r)| {
            let mut policy = json!({"ResourceId": format!("resource-{r}")});
            let permission = match kind(r) {
                0 | 1 if no_container => None,
                4 if j % 100 == 1 => Some("rw"),
                4 => Some("ro"),
                _ if (j + k) % 2 == 0 => Some("ro"),
                _ => Some("rw"),
            };
            if let Some(permission) = permission {
                policy["Permission"] = json!(permission);
            }
            policy
        })
        .collect();

    let mut execution = json!({
        "IsolationMode": if no_container { "NoContainer" } else { "GreengrassContainer" },
    });
    if j % 3 == 0 {
        execution["RunAs"] = json!({"Uid": 2000 + j % 7, "Gid": 2000 + j % 7});
    }
    let mut configuration = json!({
        "Executable": "index.handler",
        "Timeout": 30,
        "Pinned": j % 2 == 0,
        "EncodingType": "json",
        "Environment": {
            "Variables": {"STAGE": "production"},
            "Execution": execution,
            "ResourceAccessPolicies": policies,
        },
    });
    if !no_container {
        configuration["MemorySize"] = json!(16384);
    }
    json!({
        "Id": format!("function-{j}"),
        "FunctionArn": format!("arn:aws:lambda:us-east-1:123456789012:function:worker-{j}:1"),
        "FunctionConfiguration": configuration,
    })
}

/// A group whose pretty-printed JSON is about `bytes` long (within one function's size).
pub fn document_of_size(bytes: usize) -> String {
    let probe = pretty(&group(RESOURCES, 100));
    let base = pretty(&group(RESOURCES, 0)).len();
    let per_function = (probe.len().saturating_sub(base) / 100).max(1);
    let functions = bytes.saturating_sub(base) / per_function;
    pretty(&group(RESOURCES, functions))
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
