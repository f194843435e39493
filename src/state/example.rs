//! The group a first visit opens.

use ggaccess_core::Group;
use serde_json::json;

/// The built-in example: the two cases of the AWS page on ML resource access side by side.
// TODO: use `ggaccess_core::examples::BUILT_IN` once the core's examples land on main, so that the
// app, the CLI and the fixtures share one example.
pub fn built_in() -> Group {
    Group::from_doc(json!({
        "Functions": [
            {
                "Id": "containerized-function",
                "FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:classify:1",
                "FunctionConfiguration": {
                    "Environment": {
                        "ResourceAccessPolicies": [
                            {"ResourceId": "unowned-model", "Permission": "ro"}
                        ]
                    },
                    "MemorySize": 512,
                    "Pinned": true,
                    "Timeout": 5
                }
            }
        ],
        "Resources": [
            {
                "Id": "unowned-model",
                "Name": "unowned-model",
                "ResourceDataContainer": {
                    "S3MachineLearningModelResourceData": {
                        "DestinationPath": "/ml/unowned",
                        "S3Uri": "s3://example-bucket/models/unowned.tar.gz"
                    }
                }
            }
        ]
    }))
}
