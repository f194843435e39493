//! The group as a CloudFormation template: one function definition entry and one resource
//! definition entry, written so that CloudFormation and cfn-lint accept them.
//!
//! What changes on the way, each with an [`ExportWarning`] where something is lost:
//! - Members CloudFormation's Greengrass types do not hold are dropped: `FunctionRuntimeOverride`,
//!   members unknown to the API, top-level members other than `DefaultConfig`, `Functions` and
//!   `Resources`, and `AmznClientToken`.
//! - A local resource's `GroupOwnerSetting` always holds `AutoAddGroupOwner` (CloudFormation
//!   requires it): `false`, what the API assumes when it is left out, is written where it is
//!   absent. No warning, since nothing changes in meaning.
//! - Quoted integers and booleans (`"512"`, `"true"`) of a document that skipped import are
//!   written as real ones.
//! - `tags` is written as CloudFormation's `Tags`.
//!
//! Each definition is an `AWS::Greengrass::FunctionDefinition` (`ResourceDefinition`) whose
//! `InitialVersion` is the version body, named by the imported `Name`, else
//! `${AWS::StackName}-functions` (`-resources`), since CloudFormation requires a name. When the
//! group came from a version alone (the metadata has the definition id and no `Name`), the entry
//! is an `AWS::Greengrass::FunctionDefinitionVersion` adding to that definition instead.
//!
//! A group imported from a template is written back into it: its other top-level members and
//! resources, in their order, with the definitions where the first of them stood, under the
//! logical ids and attributes (`Condition`, `DependsOn`...) they had. Other groups get the logical
//! ids `FunctionDefinition` and `ResourceDefinition`.

use serde_json::{Map, Value};

use crate::edit::escape_token;
use crate::model::{is_intrinsic, Group, TemplateEntry};
use crate::schema::{Kind, Type};

/// The template format version every exported template declares.
pub const FORMAT_VERSION: &str = "2010-09-09";

/// Something the export could not carry: a member of the group, at its pointer in the merged
/// document (`/FunctionDefinition/...` for the definitions' own members), or a reference of the
/// imported template to an entry it no longer has, at its pointer in the template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportWarning {
    /// JSON Pointer of the dropped member.
    pub pointer: String,
    /// What was dropped, and why.
    pub message: String,
}

/// A CloudFormation export: the template and what it had to leave out.
#[derive(Clone, Debug, PartialEq)]
pub struct CloudFormation {
    /// The template, as a JSON value.
    pub template: Value,
    /// What could not be written, in document order.
    pub warnings: Vec<ExportWarning>,
}

/// Which definition an entry describes.
#[derive(Clone, Copy)]
enum Definition {
    Function,
    Resource,
}

impl Definition {
    fn types(self) -> (&'static str, &'static str) {
        match self {
            Definition::Function => (
                "AWS::Greengrass::FunctionDefinition",
                "AWS::Greengrass::FunctionDefinitionVersion",
            ),
            Definition::Resource => (
                "AWS::Greengrass::ResourceDefinition",
                "AWS::Greengrass::ResourceDefinitionVersion",
            ),
        }
    }

    fn id_member(self) -> &'static str {
        match self {
            Definition::Function => "FunctionDefinitionId",
            Definition::Resource => "ResourceDefinitionId",
        }
    }

    fn default_logical_id(self) -> &'static str {
        match self {
            Definition::Function => "FunctionDefinition",
            Definition::Resource => "ResourceDefinition",
        }
    }

    fn default_name(self) -> &'static str {
        match self {
            Definition::Function => "${AWS::StackName}-functions",
            Definition::Resource => "${AWS::StackName}-resources",
        }
    }
}

/// The template and its warnings (see the module documentation).
pub fn cloudformation(group: &Group) -> CloudFormation {
    let mut warnings = Vec::new();
    let doc = match &group.doc {
        Value::Object(doc) => doc.clone(),
        _ => Map::new(),
    };

    // The two version bodies, cleaned to what CloudFormation holds.
    let mut functions = Map::new();
    let mut resources = Map::new();
    for (name, value) in &doc {
        let pointer = format!("/{}", escape_token(name));
        match name.as_str() {
            "DefaultConfig" | "Functions" => {
                let ty = document_type(name);
                functions.insert(name.clone(), clean(value, &ty, &pointer, &mut warnings));
            }
            "Resources" => {
                let ty = document_type(name);
                resources.insert(name.clone(), clean(value, &ty, &pointer, &mut warnings));
            }
            _ => warnings.push(ExportWarning {
                message: format!(
                    "`{name}` is not a member of a function or resource definition version, so \
                     the template cannot hold it; dropped"
                ),
                pointer,
            }),
        }
    }
    if !functions.contains_key("Functions") {
        functions.insert("Functions".into(), Value::Array(Vec::new()));
    }
    if !resources.contains_key("Resources") {
        resources.insert("Resources".into(), Value::Array(Vec::new()));
    }

    // The entries, where the imported template had them.
    let template = group.definitions.template.as_ref();
    let mut rest = template.map(|t| t.rest.clone()).unwrap_or_default();
    let mut others = match rest.get_mut("Resources") {
        Some(Value::Object(others)) => std::mem::take(others),
        _ => Map::new(),
    };
    let function = entry(
        Definition::Function,
        functions,
        group.definitions.function.as_ref(),
        template.and_then(|t| t.function.as_ref()),
        &others,
        &mut warnings,
    );
    let resource = entry(
        Definition::Resource,
        resources,
        group.definitions.resource.as_ref(),
        template.and_then(|t| t.resource.as_ref()),
        &others,
        &mut warnings,
    );
    if let Some(template) = template {
        let rest = Value::Object(template.rest.clone());
        dangling(&rest, &template.merged, &mut String::new(), &mut warnings);
    }
    let at = template.map_or(0, |t| t.at).min(others.len());
    let mut ordered = Map::new();
    let mut definitions = Some([function, resource]);
    for (index, (id, value)) in std::mem::take(&mut others).into_iter().enumerate() {
        if index == at {
            ordered.extend(definitions.take().into_iter().flatten());
        }
        ordered.insert(id, value);
    }
    ordered.extend(definitions.take().into_iter().flatten());

    // The template: the format version first, then what the imported one had, in its order,
    // `Resources` where it stood.
    let mut out = Map::new();
    out.insert(
        "AWSTemplateFormatVersion".into(),
        rest.shift_remove("AWSTemplateFormatVersion")
            .unwrap_or_else(|| Value::String(FORMAT_VERSION.into())),
    );
    if !rest.contains_key("Resources") {
        rest.insert("Resources".into(), Value::Null);
    }
    for (name, value) in rest {
        if name == "Resources" {
            out.insert(name, Value::Object(std::mem::take(&mut ordered)));
        } else {
            out.insert(name, value);
        }
    }
    CloudFormation {
        template: Value::Object(out),
        warnings,
    }
}

/// One definition entry: `(logical id, {Type, Properties, ...attributes})`.
fn entry(
    definition: Definition,
    body: Map<String, Value>,
    metadata: Option<&Map<String, Value>>,
    imported: Option<&TemplateEntry>,
    others: &Map<String, Value>,
    warnings: &mut Vec<ExportWarning>,
) -> (String, Value) {
    let (definition_type, version_type) = definition.types();
    let metadata = metadata.cloned().unwrap_or_default();
    let id_member = definition.id_member();
    let as_version = metadata.contains_key(id_member) && !metadata.contains_key("Name");

    let mut properties = Map::new();
    let entry_type = if as_version {
        if let Some(id) = metadata.get(id_member) {
            properties.insert(id_member.into(), id.clone());
        }
        properties.extend(body);
        version_type
    } else {
        let name = metadata.get("Name").cloned().unwrap_or_else(|| {
            let mut sub = Map::new();
            sub.insert(
                "Fn::Sub".into(),
                Value::String(definition.default_name().into()),
            );
            Value::Object(sub)
        });
        properties.insert("Name".into(), name);
        properties.insert("InitialVersion".into(), Value::Object(body));
        if let Some(tags) = metadata.get("tags") {
            properties.insert("Tags".into(), tags.clone());
        }
        definition_type
    };
    for name in metadata.keys() {
        let written = if as_version {
            name == id_member
        } else {
            matches!(name.as_str(), "Name" | "tags")
        };
        if !written {
            warnings.push(ExportWarning {
                pointer: format!(
                    "/{}/{}",
                    definition.default_logical_id(),
                    escape_token(name)
                ),
                message: format!("CloudFormation's {entry_type} has no `{name}`; dropped"),
            });
        }
    }

    let mut value = Map::new();
    value.insert("Type".into(), Value::String(entry_type.into()));
    let logical_id = match imported {
        Some(imported) => {
            value.extend(imported.attributes.clone());
            imported.logical_id.clone()
        }
        None => free_id(definition.default_logical_id(), others),
    };
    value.insert("Properties".into(), Value::Object(properties));
    (logical_id, Value::Object(value))
}

/// Warns of each reference in `value` (at `pointer` of the template) to a merged-away entry:
/// `Ref`, `Fn::GetAtt`, `DependsOn` and `${Id}` / `${Id.Attribute}` in `Fn::Sub`.
// A reference is reported rather than rewritten: a version entry's `Ref` (its ARN) and a
// definition's (its id) differ, so no rewrite keeps the meaning.
fn dangling(
    value: &Value,
    merged: &[String],
    pointer: &mut String,
    warnings: &mut Vec<ExportWarning>,
) {
    let length = pointer.len();
    match value {
        Value::Object(map) => {
            for (name, member) in map {
                pointer.push('/');
                pointer.push_str(&escape_token(name));
                for id in references(name, member, merged) {
                    warnings.push(ExportWarning {
                        pointer: pointer.clone(),
                        message: format!(
                            "refers to `{id}`, a definition entry merged into the group's, which \
                             the template no longer has; change the reference"
                        ),
                    });
                }
                dangling(member, merged, pointer, warnings);
                pointer.truncate(length);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointer.push_str(&format!("/{index}"));
                dangling(item, merged, pointer, warnings);
                pointer.truncate(length);
            }
        }
        _ => {}
    }
}

/// The merged-away ids that member `name` holding `value` refers to.
fn references<'a>(name: &str, value: &Value, merged: &'a [String]) -> Vec<&'a str> {
    let named = |id: Option<&str>| -> Vec<&'a str> {
        merged
            .iter()
            .filter(|m| Some(m.as_str()) == id)
            .map(String::as_str)
            .collect()
    };
    match (name, value) {
        ("Ref" | "DependsOn", Value::String(id)) => named(Some(id)),
        ("DependsOn", Value::Array(ids)) => ids.iter().flat_map(|id| named(id.as_str())).collect(),
        ("Fn::GetAtt", Value::String(path)) => named(path.split('.').next()),
        ("Fn::GetAtt", Value::Array(items)) => named(items.first().and_then(Value::as_str)),
        ("Fn::Sub", _) => {
            // `Fn::Sub` is a string, or `[string, {variables}]`.
            let text = match value {
                Value::Array(items) => items.first().and_then(Value::as_str).unwrap_or(""),
                other => other.as_str().unwrap_or(""),
            };
            merged
                .iter()
                .filter(|id| {
                    text.contains(&format!("${{{id}}}")) || text.contains(&format!("${{{id}."))
                })
                .map(String::as_str)
                .collect()
        }
        _ => Vec::new(),
    }
}

/// `base`, or `base2`, `base3`... if the template already uses it.
fn free_id(base: &str, others: &Map<String, Value>) -> String {
    let mut id = base.to_string();
    let mut n = 1;
    while others.contains_key(&id) {
        n += 1;
        id = format!("{base}{n}");
    }
    id
}

/// The type of a top-level member of the merged document.
fn document_type(name: &str) -> Type {
    Kind::Document
        .member(name)
        .map_or(Type::String, |member| member.ty)
}

/// The members CloudFormation's Greengrass types require beyond what the API requires (its
/// resource schemas, as cfn-lint enforces them). Export cannot invent them, so it warns.
fn cloudformation_requires(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::FunctionDefaultConfig => &["Execution"],
        Kind::Function => &["FunctionArn", "FunctionConfiguration"],
        Kind::LocalDeviceResourceData => &["SourcePath"],
        Kind::LocalVolumeResourceData => &["SourcePath", "DestinationPath"],
        Kind::S3MachineLearningModelResourceData => &["DestinationPath", "S3Uri"],
        Kind::SageMakerMachineLearningModelResourceData => &["DestinationPath", "SageMakerJobArn"],
        Kind::ResourceDownloadOwnerSetting => &["GroupOwner", "GroupPermission"],
        Kind::SecretsManagerSecretResourceData => &["ARN"],
        _ => &[],
    }
}

/// `value` reduced to what CloudFormation holds at a place of type `ty`.
fn clean(value: &Value, ty: &Type, pointer: &str, warnings: &mut Vec<ExportWarning>) -> Value {
    if is_intrinsic(value) {
        return value.clone();
    }
    match (ty, value) {
        (Type::Object(kind), Value::Object(map)) => {
            let mut out = Map::new();
            if *kind == Kind::GroupOwnerSetting && !map.contains_key("AutoAddGroupOwner") {
                out.insert("AutoAddGroupOwner".into(), Value::Bool(false));
            }
            for (name, member) in map {
                let at = format!("{pointer}/{}", escape_token(name));
                match kind.member(name) {
                    Some(known) if known.name != "FunctionRuntimeOverride" => {
                        out.insert(name.clone(), clean(member, &known.ty, &at, warnings));
                    }
                    Some(_) => warnings.push(ExportWarning {
                        pointer: at,
                        message: "CloudFormation cannot hold `FunctionRuntimeOverride`; dropped"
                            .into(),
                    }),
                    None => warnings.push(ExportWarning {
                        pointer: at,
                        message: format!(
                            "`{name}` is not a member of {kind} in the API, and CloudFormation \
                             refuses members it does not define; dropped"
                        ),
                    }),
                }
            }
            for name in cloudformation_requires(*kind) {
                if !out.contains_key(*name) {
                    warnings.push(ExportWarning {
                        pointer: pointer.to_string(),
                        message: format!(
                            "CloudFormation requires `{name}` in {kind}, and the group has none; \
                             the template will not deploy until it is added"
                        ),
                    });
                }
            }
            Value::Object(out)
        }
        (Type::Array(item), Value::Array(items)) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(index, element)| {
                    clean(element, item, &format!("{pointer}/{index}"), warnings)
                })
                .collect(),
        ),
        (Type::Integer, Value::String(text)) => match text.trim().parse::<i64>() {
            Ok(number) if number.to_string() == text.trim() => Value::from(number),
            _ => value.clone(),
        },
        (Type::Boolean, Value::String(text)) => match text.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => value.clone(),
        },
        _ => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn writes_both_definitions_with_cloudformation_types() {
        let mut group = Group::from_doc(json!({
            "Functions": [{"Id": "f", "FunctionConfiguration": {
                "MemorySize": "512", "Pinned": "true", "FunctionRuntimeOverride": "python3.7",
                "Extra": 1}}],
            "Resources": [{"Id": "d", "Name": "d", "ResourceDataContainer": {
                "LocalDeviceResourceData": {"SourcePath": "/dev/x",
                                            "GroupOwnerSetting": {"GroupOwner": "video"}}}}],
            "Comment": "mine"
        }));
        group.definitions.function =
            json!({"Name": "fns", "tags": {"k": "v"}, "AmznClientToken": "t"})
                .as_object()
                .cloned();
        let export = cloudformation(&group);
        assert_eq!(
            export.template,
            json!({
                "AWSTemplateFormatVersion": "2010-09-09",
                "Resources": {
                    "FunctionDefinition": {
                        "Type": "AWS::Greengrass::FunctionDefinition",
                        "Properties": {
                            "Name": "fns",
                            "InitialVersion": {"Functions": [{"Id": "f", "FunctionConfiguration": {
                                "MemorySize": 512, "Pinned": true}}]},
                            "Tags": {"k": "v"}
                        }
                    },
                    "ResourceDefinition": {
                        "Type": "AWS::Greengrass::ResourceDefinition",
                        "Properties": {
                            "Name": {"Fn::Sub": "${AWS::StackName}-resources"},
                            "InitialVersion": {"Resources": [{"Id": "d", "Name": "d",
                                "ResourceDataContainer": {"LocalDeviceResourceData": {
                                    "SourcePath": "/dev/x",
                                    "GroupOwnerSetting": {"AutoAddGroupOwner": false,
                                                          "GroupOwner": "video"}}}}]}
                        }
                    }
                }
            })
        );
        let pointers: Vec<&str> = export.warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/Functions/0/FunctionConfiguration/FunctionRuntimeOverride",
                "/Functions/0/FunctionConfiguration/Extra",
                "/Functions/0",
                "/Comment",
                "/FunctionDefinition/AmznClientToken"
            ]
        );
        assert!(export.warnings[2].message.contains("`FunctionArn`"));
    }

    #[test]
    fn writes_a_version_for_a_group_read_from_a_version_body() {
        let mut group = Group::from_doc(json!({"Resources": []}));
        group.definitions.resource = json!({"ResourceDefinitionId": "abc", "tags": {"a": "b"}})
            .as_object()
            .cloned();
        group.definitions.function = json!({"Name": "f", "FunctionDefinitionId": "def"})
            .as_object()
            .cloned();
        let export = cloudformation(&group);
        assert_eq!(
            export.template["Resources"]["ResourceDefinition"],
            json!({"Type": "AWS::Greengrass::ResourceDefinitionVersion",
                   "Properties": {"ResourceDefinitionId": "abc", "Resources": []}})
        );
        // A version cannot hold tags; a new definition does not take an existing one's id.
        let pointers: Vec<&str> = export.warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/FunctionDefinition/FunctionDefinitionId",
                "/ResourceDefinition/tags"
            ]
        );
    }

    #[test]
    fn keeps_intrinsics_and_avoids_taken_logical_ids() {
        let mut group = Group::from_doc(json!({
            "Functions": [{"Id": "f", "FunctionArn": {"Ref": "Alias"},
                           "FunctionConfiguration": {"MemorySize": {"Ref": "Memory"}}}]
        }));
        let mut rest = Map::new();
        rest.insert(
            "Resources".into(),
            json!({"FunctionDefinition": {"Type": "AWS::Lambda::Function"}}),
        );
        rest.insert("Outputs".into(), json!({}));
        group.definitions.template = Some(crate::model::Template {
            rest,
            at: 1,
            ..Default::default()
        });
        let template = cloudformation(&group).template;
        let ids: Vec<&String> = template["Resources"].as_object().unwrap().keys().collect();
        assert_eq!(
            ids,
            [
                "FunctionDefinition",
                "FunctionDefinition2",
                "ResourceDefinition"
            ]
        );
        let keys: Vec<&String> = template.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["AWSTemplateFormatVersion", "Resources", "Outputs"]);
        assert_eq!(
            template["Resources"]["FunctionDefinition2"]["Properties"]["InitialVersion"],
            json!({"Functions": [{"Id": "f", "FunctionArn": {"Ref": "Alias"},
                                  "FunctionConfiguration": {"MemorySize": {"Ref": "Memory"}}}]})
        );
    }
}
