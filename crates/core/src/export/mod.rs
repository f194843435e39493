//! Export: a [`Group`] to the API request bodies, the merged document, CloudFormation templates
//! and AWS CLI commands.
//!
//! Every body is cut from the merged document as it stands: members keep their order, and members
//! the API does not define stay where they are inside functions and resources (the `shape/*` rules
//! report them; export does not silently drop what a user wrote). The CloudFormation export is the
//! exception the format forces: a template cannot hold what CloudFormation does not define, so
//! [`cloudformation()`] drops it and says so in its warnings.
//!
//! The web app's export panel and `ggaccess export --to ...` call the same functions:
//! - [`function_definition_version`], [`resource_definition_version`],
//!   [`create_function_definition`], [`create_resource_definition`], [`merged`]: API JSON;
//! - [`cloudformation()`] (template and warnings), [`cloudformation_json`],
//!   [`cloudformation_yaml`]: CloudFormation;
//! - [`aws_cli`]: the `aws greengrass` commands and the JSON files they read.

mod cli;
mod cloudformation;
mod yaml;

pub use cli::{aws_cli, CliExport, CLI_FILES};
pub use cloudformation::{cloudformation, CloudFormation, ExportWarning, FORMAT_VERSION};
pub use yaml::to_yaml;

use serde_json::{Map, Value};

use crate::model::Group;

/// The body of CreateFunctionDefinitionVersion: `{DefaultConfig?, Functions}`, `Functions` always
/// present.
// A top-level member the API does not define cannot be assigned to one of the two bodies; it is
// written only by `merged`.
pub fn function_definition_version(group: &Group) -> Value {
    Value::Object(version(group, &["DefaultConfig", "Functions"], "Functions"))
}

/// The body of CreateResourceDefinitionVersion: `{Resources}`, always present.
pub fn resource_definition_version(group: &Group) -> Value {
    Value::Object(version(group, &["Resources"], "Resources"))
}

/// The body of CreateFunctionDefinition: `{InitialVersion, Name?, tags?}`, with the `Name` and
/// `tags` the group was imported with.
pub fn create_function_definition(group: &Group) -> Value {
    let metadata = group.definitions.function.as_ref();
    create(
        function_definition_version(group),
        metadata,
        "FunctionDefinitionId",
    )
}

/// The body of CreateResourceDefinition: `{InitialVersion, Name?, tags?}`.
pub fn create_resource_definition(group: &Group) -> Value {
    let metadata = group.definitions.resource.as_ref();
    create(
        resource_definition_version(group),
        metadata,
        "ResourceDefinitionId",
    )
}

/// The merged document `{DefaultConfig?, Functions?, Resources?}`, exactly as the group holds it.
pub fn merged(group: &Group) -> Value {
    match &group.doc {
        Value::Object(_) => group.doc.clone(),
        _ => Value::Object(Map::new()),
    }
}

/// The CloudFormation template as a JSON value (see [`cloudformation()`] for what it leaves out).
pub fn cloudformation_json(group: &Group) -> Value {
    cloudformation(group).template
}

/// The CloudFormation template as YAML text, intrinsics in their long form (`Ref:`, `Fn::Sub:`).
pub fn cloudformation_yaml(group: &Group) -> String {
    to_yaml(&cloudformation(group).template)
}

/// Stable pretty JSON (two-space indent, key order kept, trailing newline).
pub fn to_pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// The members `keep` of the merged document in its order, with `list` added as `[]` if absent.
fn version(group: &Group, keep: &[&str], list: &str) -> Map<String, Value> {
    let mut body: Map<String, Value> = match &group.doc {
        Value::Object(doc) => doc
            .iter()
            .filter(|(name, _)| keep.contains(&name.as_str()))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect(),
        _ => Map::new(),
    };
    if !body.contains_key(list) {
        body.insert(list.to_string(), Value::Array(Vec::new()));
    }
    body
}

/// `{InitialVersion, ...metadata}` without the id of an existing definition, which a create
/// request does not take.
fn create(version: Value, metadata: Option<&Map<String, Value>>, id: &str) -> Value {
    let mut body = Map::new();
    body.insert("InitialVersion".into(), version);
    for (name, value) in metadata.into_iter().flatten() {
        if name != id {
            body.insert(name.clone(), value.clone());
        }
    }
    Value::Object(body)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn cuts_the_bodies_in_document_order() {
        let group = Group::from_doc(json!({
            "Resources": [{"Id": "r"}],
            "Functions": [{"Id": "f", "Extra": 1}],
            "DefaultConfig": {"Execution": {"IsolationMode": "NoContainer"}},
            "Other": true
        }));
        let functions = function_definition_version(&group);
        let keys: Vec<&String> = functions.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["Functions", "DefaultConfig"]);
        assert_eq!(functions["Functions"], json!([{"Id": "f", "Extra": 1}]));
        assert_eq!(
            resource_definition_version(&group),
            json!({"Resources": [{"Id": "r"}]})
        );
        assert_eq!(merged(&group), group.doc);
    }

    #[test]
    fn always_writes_the_lists() {
        let group = Group::new();
        assert_eq!(
            function_definition_version(&group),
            json!({"Functions": []})
        );
        assert_eq!(
            resource_definition_version(&group),
            json!({"Resources": []})
        );
        assert_eq!(merged(&Group::default()), json!({}));
    }

    #[test]
    fn writes_back_name_and_tags_without_the_definition_id() {
        let mut group = Group::from_doc(json!({"Resources": []}));
        let metadata =
            json!({"Name": "models", "tags": {"team": "ml"}, "ResourceDefinitionId": "x"});
        group.definitions.resource = metadata.as_object().cloned();
        assert_eq!(
            create_resource_definition(&group),
            json!({"InitialVersion": {"Resources": []}, "Name": "models", "tags": {"team": "ml"}})
        );
    }

    #[test]
    fn pretty_text_is_stable() {
        let value = json!({"b": [1, {"a": "x"}], "a": 2.5});
        assert_eq!(
            to_pretty(&value),
            "{\n  \"b\": [\n    1,\n    {\n      \"a\": \"x\"\n    }\n  ],\n  \"a\": 2.5\n}\n"
        );
    }
}
