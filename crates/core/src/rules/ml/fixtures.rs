//! Small builders for the family's test documents, so each case shows only what it is about.

use serde_json::{json, Value};

/// An S3 model resource at `destination`, with an owner `(GroupOwner, GroupPermission)` or none.
pub fn s3(id: &str, destination: &str, owner: Option<(&str, &str)>) -> Value {
    let mut data = json!({
        "DestinationPath": destination,
        "S3Uri": format!("s3://models-bucket/{id}.tar.gz"),
    });
    if let Some((group_owner, permission)) = owner {
        data["OwnerSetting"] = json!({"GroupOwner": group_owner, "GroupPermission": permission});
    }
    json!({
        "Id": id,
        "Name": format!("{id}-name"),
        "ResourceDataContainer": {"S3MachineLearningModelResourceData": data}
    })
}

/// A SageMaker model resource at `destination`, without owner.
pub fn sagemaker(id: &str, destination: &str, job_arn: &str) -> Value {
    json!({
        "Id": id,
        "Name": format!("{id}-name"),
        "ResourceDataContainer": {"SageMakerMachineLearningModelResourceData": {
            "DestinationPath": destination,
            "SageMakerJobArn": job_arn,
        }}
    })
}

/// A function that sets no isolation of its own (so it takes the group's), without `MemorySize`.
pub fn inheriting(id: &str, policies: Value) -> Value {
    json!({
        "Id": id,
        "FunctionArn": format!("arn:aws:lambda:us-west-2:123456789012:function:{id}:1"),
        "FunctionConfiguration": {
            "Environment": {"ResourceAccessPolicies": policies},
            "Pinned": true,
            "Timeout": 5
        }
    })
}

/// A containerized function (`MemorySize` 512, isolation left to the default).
pub fn container(id: &str, policies: Value) -> Value {
    let mut function = inheriting(id, policies);
    function["FunctionConfiguration"]["MemorySize"] = json!(512);
    function
}

/// A function that sets `IsolationMode: NoContainer` itself.
pub fn no_container(id: &str, policies: Value) -> Value {
    let mut function = inheriting(id, policies);
    function["FunctionConfiguration"]["Environment"]["Execution"] =
        json!({"IsolationMode": "NoContainer"});
    function
}

/// `function` with its own `RunAs` (`Uid` and `Gid` each only when given).
pub fn run_as(mut function: Value, uid: Option<i64>, gid: Option<i64>) -> Value {
    let mut run_as = json!({});
    if let Some(uid) = uid {
        run_as["Uid"] = json!(uid);
    }
    if let Some(gid) = gid {
        run_as["Gid"] = json!(gid);
    }
    let environment = &mut function["FunctionConfiguration"]["Environment"];
    if environment.get("Execution").is_none() {
        environment["Execution"] = json!({});
    }
    environment["Execution"]["RunAs"] = run_as;
    function
}

/// An attachment inheriting the owner's permission.
pub fn inherit(resource: &str) -> Value {
    json!({"ResourceId": resource})
}

/// An attachment with its own `Permission`.
pub fn with(resource: &str, permission: &str) -> Value {
    json!({"ResourceId": resource, "Permission": permission})
}

/// The pointer of an attachment, or of a member of it.
pub fn policy(function: usize, policy: usize, member: &str) -> String {
    let base = format!(
        "/Functions/{function}/FunctionConfiguration/Environment/ResourceAccessPolicies/{policy}"
    );
    if member.is_empty() {
        base
    } else {
        format!("{base}/{member}")
    }
}

/// The pointer of a member of an S3 model resource's data.
pub fn s3_data(resource: usize, member: &str) -> String {
    format!(
        "/Resources/{resource}/ResourceDataContainer/S3MachineLearningModelResourceData/{member}"
    )
}
