//! Which document a JSON value is, told by its members, and the parts it gives the merged
//! document.

use std::fmt;

use serde_json::{Map, Value};

use crate::edit::escape_token;

/// The document shapes import recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// The merged document `{DefaultConfig?, Functions?, Resources?}` holding both halves (or
    /// nothing), as in the examples of `access-ml-resources.md`.
    Merged,
    /// The body of CreateFunctionDefinitionVersion: `{FunctionDefinitionId?, DefaultConfig?,
    /// Functions?}`.
    FunctionDefinitionVersion,
    /// The body of CreateResourceDefinitionVersion: `{ResourceDefinitionId?, Resources?}`.
    ResourceDefinitionVersion,
    /// The body of CreateFunctionDefinition: `{Name?, InitialVersion, tags?}`.
    CreateFunctionDefinition,
    /// The body of CreateResourceDefinition: `{Name?, InitialVersion, tags?}`.
    CreateResourceDefinition,
    /// The response of GetFunctionDefinitionVersion: `{Arn, CreationTimestamp, Definition, Id,
    /// Version}`.
    GetFunctionDefinitionVersion,
    /// The response of GetResourceDefinitionVersion.
    GetResourceDefinitionVersion,
    /// A CloudFormation template (JSON or YAML) with `AWS::Greengrass::FunctionDefinition`,
    /// `ResourceDefinition` or their `...Version` entries.
    CloudFormationTemplate,
}

impl Shape {
    /// How messages name the shape.
    pub fn describe(self) -> &'static str {
        match self {
            Shape::Merged => "merged document",
            Shape::FunctionDefinitionVersion => "CreateFunctionDefinitionVersion body",
            Shape::ResourceDefinitionVersion => "CreateResourceDefinitionVersion body",
            Shape::CreateFunctionDefinition => "CreateFunctionDefinition body",
            Shape::CreateResourceDefinition => "CreateResourceDefinition body",
            Shape::GetFunctionDefinitionVersion => "get-function-definition-version response",
            Shape::GetResourceDefinitionVersion => "get-resource-definition-version response",
            Shape::CloudFormationTemplate => "CloudFormation template",
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// The shapes import accepts, for the message that refuses any other.
pub const EXPECTED: &str = "expected one of: the merged document {DefaultConfig?, Functions?, \
    Resources?}; a CreateFunctionDefinitionVersion body {FunctionDefinitionId?, DefaultConfig?, \
    Functions}; a CreateResourceDefinitionVersion body {ResourceDefinitionId?, Resources}; a \
    CreateFunctionDefinition or CreateResourceDefinition body {Name?, InitialVersion, tags?}; a \
    get-function-definition-version or get-resource-definition-version response {Arn, \
    CreationTimestamp, Definition, Id, Version}; a CloudFormation template whose `Resources` hold \
    AWS::Greengrass::FunctionDefinition, ResourceDefinition or their ...Version entries";

/// Which definition a document is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Function,
    Resource,
}

/// A top-level member of the merged document as one file gives it.
#[derive(Debug)]
pub(crate) struct Part {
    /// The member name in the merged document.
    pub name: String,
    /// Its value.
    pub value: Value,
    /// Its pointer in the file.
    pub pointer: String,
}

/// A document recognised: its shape, where its version body is, and what it gives.
#[derive(Debug)]
pub(crate) struct Reading {
    pub shape: Shape,
    /// Pointer of the version body in the file (`""`, `/InitialVersion`, `/Definition`).
    pub body: String,
    /// Members for the merged document, in the file's order.
    pub parts: Vec<Part>,
    /// Members of the definitions beyond their versions (`Name`, `tags`), with their pointers;
    /// a template may give both kinds.
    pub metadata: Vec<(Kind, Vec<Part>)>,
    /// What a CloudFormation template held besides the definitions.
    pub template: Option<crate::model::Template>,
}

/// Why a value is not a document import accepts: the pointer to blame, and what was expected.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub pointer: String,
    pub message: String,
}

/// Members of a get-*-definition-version response other than `Definition`; they describe the
/// stored version, not the group, and are not kept.
const RESPONSE_MEMBERS: [&str; 4] = ["Arn", "CreationTimestamp", "Id", "Version"];

/// Members of CreateFunctionDefinition / CreateResourceDefinition kept as definition metadata.
const CREATE_MEMBERS: [&str; 3] = ["Name", "tags", "AmznClientToken"];

/// Recognises `value` by its members.
pub(crate) fn read(value: Value) -> Result<Reading, Refusal> {
    let Value::Object(map) = value else {
        return Err(refuse("", format!("{EXPECTED}; found {}", kind_of(&value))));
    };
    if super::cloudformation::is_template(&map) {
        return super::cloudformation::read(map);
    }
    if map.contains_key("InitialVersion") {
        return read_create(map);
    }
    if map.contains_key("Definition") {
        return read_response(map);
    }
    read_version(map)
}

fn read_version(map: Map<String, Value>) -> Result<Reading, Refusal> {
    let function = ["DefaultConfig", "Functions", "FunctionDefinitionId"]
        .iter()
        .any(|key| map.contains_key(*key));
    let resource = ["Resources", "ResourceDefinitionId"]
        .iter()
        .any(|key| map.contains_key(*key));
    let shape = match (function, resource) {
        (true, true) => Shape::Merged,
        (true, false) => Shape::FunctionDefinitionVersion,
        (false, true) => Shape::ResourceDefinitionVersion,
        (false, false) if map.is_empty() => Shape::Merged,
        (false, false) => {
            let names: Vec<String> = map.keys().map(|key| format!("`{key}`")).collect();
            let found = format!("found an object with members {}", names.join(", "));
            return Err(refuse("", format!("{EXPECTED}; {found}")));
        }
    };

    // The definition ids go to metadata; everything else is a member of the merged document.
    let mut function_meta = Vec::new();
    let mut resource_meta = Vec::new();
    let mut parts = Vec::new();
    for (name, value) in map {
        let part = part(name, value, "");
        match part.name.as_str() {
            "FunctionDefinitionId" => function_meta.push(part),
            "ResourceDefinitionId" => resource_meta.push(part),
            "AmznClientToken" if shape == Shape::FunctionDefinitionVersion => {
                function_meta.push(part)
            }
            "AmznClientToken" if shape == Shape::ResourceDefinitionVersion => {
                resource_meta.push(part)
            }
            _ => parts.push(part),
        }
    }

    // A merged document may carry both ids; the second kind's is then kept as a plain member.
    let metadata = match (function_meta.is_empty(), resource_meta.is_empty()) {
        (false, _) => {
            parts.extend(resource_meta);
            vec![(Kind::Function, function_meta)]
        }
        (true, false) => vec![(Kind::Resource, resource_meta)],
        (true, true) => Vec::new(),
    };
    Ok(Reading {
        shape,
        body: String::new(),
        parts,
        metadata,
        template: None,
    })
}

fn read_create(map: Map<String, Value>) -> Result<Reading, Refusal> {
    let kind = inner_kind(&map, "InitialVersion")?;
    let shape = match kind {
        Kind::Function => Shape::CreateFunctionDefinition,
        Kind::Resource => Shape::CreateResourceDefinition,
    };
    let mut parts = Vec::new();
    let mut metadata = Vec::new();
    for (name, value) in map {
        match name.as_str() {
            "InitialVersion" => parts.extend(body_parts(value, "/InitialVersion")),
            known if CREATE_MEMBERS.contains(&known) => metadata.push(part(name, value, "")),
            _ => parts.push(part(name, value, "")),
        }
    }
    Ok(Reading {
        shape,
        body: "/InitialVersion".into(),
        parts,
        metadata: vec![(kind, metadata)],
        template: None,
    })
}

fn read_response(map: Map<String, Value>) -> Result<Reading, Refusal> {
    let kind = inner_kind(&map, "Definition")?;
    let shape = match kind {
        Kind::Function => Shape::GetFunctionDefinitionVersion,
        Kind::Resource => Shape::GetResourceDefinitionVersion,
    };
    let mut parts = Vec::new();
    for (name, value) in map {
        match name.as_str() {
            "Definition" => parts.extend(body_parts(value, "/Definition")),
            known if RESPONSE_MEMBERS.contains(&known) => {}
            _ => parts.push(part(name, value, "")),
        }
    }
    Ok(Reading {
        shape,
        body: "/Definition".into(),
        parts,
        metadata: Vec::new(),
        template: None,
    })
}

/// Whether the version inside `member` (`InitialVersion`, `Definition`) is of functions or of
/// resources; refused when it is not an object or holds neither (another kind of definition).
fn inner_kind(map: &Map<String, Value>, member: &str) -> Result<Kind, Refusal> {
    let at = format!("/{member}");
    let Some(Value::Object(inner)) = map.get(member) else {
        let found = map.get(member).map_or("nothing", kind_of);
        let message = format!(
            "`{member}` must be an object holding a function or resource definition version \
             ({{DefaultConfig?, Functions}} or {{Resources}}); found {found}"
        );
        return Err(refuse(&at, message));
    };
    let function = inner.contains_key("Functions") || inner.contains_key("DefaultConfig");
    let resource = inner.contains_key("Resources");
    match (function, resource) {
        (true, _) => Ok(Kind::Function),
        (false, true) => Ok(Kind::Resource),
        (false, false) => {
            // An empty version still tells its kind through a response's ARN.
            let arn = map.get("Arn").and_then(Value::as_str).unwrap_or("");
            if arn.contains("/definition/functions/") {
                Ok(Kind::Function)
            } else if arn.contains("/definition/resources/") {
                Ok(Kind::Resource)
            } else {
                let message = format!(
                    "`{member}` holds neither `Functions`, `DefaultConfig` nor `Resources`, so it \
                     is not a function or resource definition version (core, device, \
                     subscription, logger and connector definitions are out of scope)"
                );
                Err(refuse(&at, message))
            }
        }
    }
}

/// The members of a version body as parts (a body that is not an object was refused earlier).
pub(crate) fn body_parts(value: Value, at: &str) -> Vec<Part> {
    match value {
        Value::Object(map) => map
            .into_iter()
            .map(|(name, value)| part(name, value, at))
            .collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn part(name: String, value: Value, parent: &str) -> Part {
    let pointer = format!("{parent}/{}", escape_token(&name));
    Part {
        name,
        value,
        pointer,
    }
}

pub(crate) fn refuse(pointer: &str, message: impl Into<String>) -> Refusal {
    Refusal {
        pointer: pointer.to_string(),
        message: message.into(),
    }
}

/// How a message names the JSON type of a value.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn shape(value: Value) -> Shape {
        read(value).unwrap().shape
    }

    #[test]
    fn tells_version_bodies_by_their_members() {
        assert_eq!(
            shape(json!({"Functions": []})),
            Shape::FunctionDefinitionVersion
        );
        assert_eq!(
            shape(json!({"DefaultConfig": {}})),
            Shape::FunctionDefinitionVersion
        );
        assert_eq!(
            shape(json!({"Resources": []})),
            Shape::ResourceDefinitionVersion
        );
        assert_eq!(
            shape(json!({"Functions": [], "Resources": []})),
            Shape::Merged
        );
        assert_eq!(shape(json!({})), Shape::Merged);
    }

    #[test]
    fn keeps_definition_ids_as_metadata() {
        let reading = read(json!({"FunctionDefinitionId": "abc", "Functions": []})).unwrap();
        assert_eq!(reading.shape, Shape::FunctionDefinitionVersion);
        let (kind, members) = reading.metadata.into_iter().next().unwrap();
        assert_eq!(kind, Kind::Function);
        assert_eq!(members[0].name, "FunctionDefinitionId");
        assert_eq!(reading.parts.len(), 1);
    }

    #[test]
    fn tells_an_empty_response_by_its_arn() {
        let arn = "arn:aws:greengrass:us-west-2:123456789012:/greengrass/definition/resources/\
                   abc/versions/def";
        let reading = read(json!({"Arn": arn, "Definition": {}})).unwrap();
        assert_eq!(reading.shape, Shape::GetResourceDefinitionVersion);
        assert!(reading.parts.is_empty());
    }

    #[test]
    fn refuses_other_definitions_and_non_objects() {
        let refusal = read(json!({"InitialVersion": {"Cores": []}})).unwrap_err();
        assert_eq!(refusal.pointer, "/InitialVersion");
        let refusal = read(json!({"Definition": "x"})).unwrap_err();
        assert!(
            refusal.message.contains("found a string"),
            "{}",
            refusal.message
        );
        let refusal = read(json!([1])).unwrap_err();
        assert!(
            refusal.message.ends_with("found an array"),
            "{}",
            refusal.message
        );
    }
}
