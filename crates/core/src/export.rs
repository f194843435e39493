//! Export: a [`Group`] to the API request bodies and the merged document.
//!
//! Contract (implementation pending in the export work).

use serde_json::Value;

use crate::model::Group;

/// The body of CreateFunctionDefinitionVersion: `{DefaultConfig?, Functions}`.
pub fn function_definition_version(group: &Group) -> Value {
    group.doc.clone()
}

/// The body of CreateResourceDefinitionVersion: `{Resources}`.
pub fn resource_definition_version(group: &Group) -> Value {
    group.doc.clone()
}

/// The merged document `{DefaultConfig?, Functions?, Resources?}`.
pub fn merged(group: &Group) -> Value {
    group.doc.clone()
}

/// Stable pretty JSON (two-space indent, key order kept, trailing newline).
pub fn to_pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
