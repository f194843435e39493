//! CloudFormation templates: the Greengrass function and resource definitions they declare, as
//! parts of the merged document.
//!
//! A template is told from a merged document by its `Resources` being an object of logical ids
//! (the merged document's is an array), or by `AWSTemplateFormatVersion`. Four entry types give
//! the group something, in the order the template lists them:
//!
//! - `AWS::Greengrass::FunctionDefinition`: `Properties.InitialVersion` gives `DefaultConfig` and
//!   `Functions`; `Name` and `Tags` become the function definition's `Name` and `tags`.
//! - `AWS::Greengrass::FunctionDefinitionVersion`: `Properties` itself is the version body; its
//!   `FunctionDefinitionId` is kept as the definition's id unless it refers (`Ref`, or `GetAtt`
//!   of `Id`) to a function definition of the same template, which it then simply joins.
//! - `AWS::Greengrass::ResourceDefinition` and `...ResourceDefinitionVersion`, alike for
//!   `Resources`.
//!
//! Several entries merge as several files do: their `Functions` and `Resources` are concatenated
//! in order, and `DefaultConfig` must be the same wherever it is given. A template holding a
//! `FunctionDefinition` and a `FunctionDefinitionVersion` therefore yields one group with the
//! functions of both, which is what a person checking access wants to see; the definitions'
//! `Name` and `tags` come from the first entry that gives them. Every other entry, and every
//! other top-level member, is kept in [`Template`] so that export writes it back.
//!
//! Values are kept as written: intrinsics stay intrinsics (the rules skip them), and quoted
//! scalars are converted by the merge as for any other input.

use serde_json::{Map, Value};

use super::detect::{body_parts, part, refuse, Kind, Part, Reading, Refusal, Shape};
use crate::edit::escape_token;
use crate::model::{is_intrinsic, Template, TemplateEntry};

/// The four entry types that give the group something.
pub(crate) const FUNCTION_DEFINITION: &str = "AWS::Greengrass::FunctionDefinition";
pub(crate) const FUNCTION_DEFINITION_VERSION: &str = "AWS::Greengrass::FunctionDefinitionVersion";
pub(crate) const RESOURCE_DEFINITION: &str = "AWS::Greengrass::ResourceDefinition";
pub(crate) const RESOURCE_DEFINITION_VERSION: &str = "AWS::Greengrass::ResourceDefinitionVersion";

/// Whether a document is a CloudFormation template rather than one of the API's shapes.
pub(crate) fn is_template(map: &Map<String, Value>) -> bool {
    map.get("Resources").is_some_and(Value::is_object)
        || map.contains_key("AWSTemplateFormatVersion")
}

/// One Greengrass entry found: its kind, whether it is a `...Version`, and where it is.
struct Entry {
    id: String,
    kind: Kind,
    version: bool,
}

/// Reads a template (see the module documentation).
pub(crate) fn read(mut map: Map<String, Value>) -> Result<Reading, Refusal> {
    let resources = match map.get_mut("Resources").map(std::mem::take) {
        Some(Value::Object(resources)) => resources,
        other => {
            let at = if other.is_some() { "/Resources" } else { "" };
            return Err(refuse(
                at,
                "this CloudFormation template has no `Resources` object of logical ids; the \
                 Greengrass definitions are entries of it",
            ));
        }
    };

    // Which entries are Greengrass definitions, so that versions can tell their parents.
    let entries: Vec<Entry> = resources
        .iter()
        .filter_map(|(id, entry)| {
            let (kind, version) = match entry.get("Type").and_then(Value::as_str)? {
                FUNCTION_DEFINITION => (Kind::Function, false),
                FUNCTION_DEFINITION_VERSION => (Kind::Function, true),
                RESOURCE_DEFINITION => (Kind::Resource, false),
                RESOURCE_DEFINITION_VERSION => (Kind::Resource, true),
                _ => return None,
            };
            Some(Entry {
                id: id.clone(),
                kind,
                version,
            })
        })
        .collect();
    if entries.is_empty() {
        return Err(refuse(
            "/Resources",
            format!(
                "this CloudFormation template declares no Greengrass function or resource \
                 definition; expected entries of type {FUNCTION_DEFINITION}, \
                 {FUNCTION_DEFINITION_VERSION}, {RESOURCE_DEFINITION} or \
                 {RESOURCE_DEFINITION_VERSION}"
            ),
        ));
    }

    let mut reader = Reader {
        parts: Vec::new(),
        function_meta: Vec::new(),
        resource_meta: Vec::new(),
        body: None,
    };
    let mut template = Template::default();
    let mut rest = Map::new();
    for (id, value) in resources {
        let Some(entry) = entries.iter().find(|entry| entry.id == id) else {
            rest.insert(id, value);
            continue;
        };
        if template.function.is_none() && template.resource.is_none() {
            template.at = rest.len();
        }
        let Value::Object(mut fields) = value else {
            continue;
        };
        let properties = fields.shift_remove("Properties");
        fields.shift_remove("Type");
        let slot = match entry.kind {
            Kind::Function => &mut template.function,
            Kind::Resource => &mut template.resource,
        };
        if slot.is_none() {
            *slot = Some(TemplateEntry {
                logical_id: id.clone(),
                attributes: fields,
            });
        } else {
            template.merged.push(id.clone());
        }
        reader.entry(entry, properties, &entries)?;
    }

    // Everything else of the template, in its order, for export.
    map.insert("Resources".into(), Value::Object(rest));
    template.rest = map;

    let mut metadata = Vec::new();
    if !reader.function_meta.is_empty() {
        metadata.push((Kind::Function, reader.function_meta));
    }
    if !reader.resource_meta.is_empty() {
        metadata.push((Kind::Resource, reader.resource_meta));
    }
    Ok(Reading {
        shape: Shape::CloudFormationTemplate,
        body: reader.body.unwrap_or_else(|| "/Resources".into()),
        parts: reader.parts,
        metadata,
        template: Some(template),
    })
}

/// Collects the parts and metadata of the entries, in order.
struct Reader {
    parts: Vec<Part>,
    function_meta: Vec<Part>,
    resource_meta: Vec<Part>,
    /// Pointer of the first version body, the origin of the document itself.
    body: Option<String>,
}

impl Reader {
    fn entry(
        &mut self,
        entry: &Entry,
        properties: Option<Value>,
        entries: &[Entry],
    ) -> Result<(), Refusal> {
        let at = format!("/Resources/{}/Properties", escape_token(&entry.id));
        let properties = match properties {
            None => Map::new(),
            Some(Value::Object(map)) if !is_intrinsic_object(&map) => map,
            Some(other) => {
                let found = match other {
                    Value::Object(_) => "an intrinsic function",
                    ref other => super::detect::kind_of(other),
                };
                let message = format!(
                    "`Properties` of {} must be an object; found {found}",
                    entry.id
                );
                return Err(refuse(&at, message));
            }
        };

        for (name, value) in properties {
            match (entry.version, name.as_str()) {
                (false, "InitialVersion") => {
                    let body = format!("{at}/InitialVersion");
                    if !value.is_object() || is_intrinsic(&value) {
                        let message = format!(
                            "`InitialVersion` of {} must be an object holding the version \
                             ({{DefaultConfig?, Functions}} or {{Resources}}); found {}",
                            entry.id,
                            super::detect::kind_of(&value)
                        );
                        return Err(refuse(&body, message));
                    }
                    self.body.get_or_insert_with(|| body.clone());
                    self.parts.extend(body_parts(value, &body));
                }
                (false, "Name") => self.meta(entry.kind, part(name, value, &at)),
                (false, "Tags") => {
                    let mut tags = part(name, value, &at);
                    tags.name = "tags".into();
                    self.meta(entry.kind, tags);
                }
                (true, "FunctionDefinitionId" | "ResourceDefinitionId") => {
                    if !refers_to_definition(&value, entry.kind, entries) {
                        self.meta(entry.kind, part(name, value, &at));
                    }
                }
                _ => {
                    if entry.version {
                        self.body.get_or_insert_with(|| at.clone());
                    }
                    self.parts.push(part(name, value, &at));
                }
            }
        }
        Ok(())
    }

    /// A member of a definition; the first entry that gives it wins.
    fn meta(&mut self, kind: Kind, member: Part) {
        let list = match kind {
            Kind::Function => &mut self.function_meta,
            Kind::Resource => &mut self.resource_meta,
        };
        if !list.iter().any(|known| known.name == member.name) {
            list.push(member);
        }
    }
}

/// Whether an object is a single intrinsic (`{"Fn::If": ..}`), which cannot be read here.
fn is_intrinsic_object(map: &Map<String, Value>) -> bool {
    let mut keys = map.keys();
    match (keys.next(), keys.next()) {
        (Some(key), None) => key == "Ref" || key == "Condition" || key.starts_with("Fn::"),
        _ => false,
    }
}

/// Whether a version's definition id is `{"Ref": X}` or `{"Fn::GetAtt": [X, "Id"]}` (also
/// `"X.Id"`) for a definition X of the same kind in the template.
fn refers_to_definition(value: &Value, kind: Kind, entries: &[Entry]) -> bool {
    let target = match value.as_object() {
        Some(map) if map.len() == 1 => match (map.get("Ref"), map.get("Fn::GetAtt")) {
            (Some(Value::String(id)), _) => Some(id.as_str()),
            (_, Some(Value::Array(pair))) => match pair.as_slice() {
                [Value::String(id), Value::String(attribute)] if attribute == "Id" => {
                    Some(id.as_str())
                }
                _ => None,
            },
            (_, Some(Value::String(text))) => text.strip_suffix(".Id"),
            _ => None,
        },
        _ => None,
    };
    target.is_some_and(|id| {
        entries
            .iter()
            .any(|entry| entry.id == id && entry.kind == kind && !entry.version)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn reading(value: Value) -> Reading {
        match value {
            Value::Object(map) => read(map).unwrap(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn tells_templates_from_merged_documents() {
        let template = json!({"Resources": {"A": {"Type": "x"}}});
        assert!(is_template(template.as_object().unwrap()));
        let versioned = json!({"AWSTemplateFormatVersion": "2010-09-09"});
        assert!(is_template(versioned.as_object().unwrap()));
        let merged = json!({"Resources": [], "Functions": []});
        assert!(!is_template(merged.as_object().unwrap()));
    }

    #[test]
    fn joins_a_version_to_its_definition_and_keeps_an_outside_id() {
        let template = json!({
            "Parameters": {"Existing": {"Type": "String"}},
            "Resources": {
                "Role": {"Type": "AWS::IAM::Role"},
                "Fns": {
                    "Type": FUNCTION_DEFINITION,
                    "Condition": "Deploy",
                    "Properties": {"Name": "fns", "Tags": {"a": "b"},
                                   "InitialVersion": {"Functions": [{"Id": "f"}]}}
                },
                "More": {
                    "Type": FUNCTION_DEFINITION_VERSION,
                    "Properties": {"FunctionDefinitionId": {"Fn::GetAtt": ["Fns", "Id"]},
                                   "Functions": [{"Id": "g"}]}
                },
                "Res": {
                    "Type": RESOURCE_DEFINITION_VERSION,
                    "Properties": {"ResourceDefinitionId": {"Ref": "Existing"},
                                   "Resources": []}
                }
            }
        });
        let reading = reading(template);
        assert_eq!(reading.shape, Shape::CloudFormationTemplate);
        assert_eq!(reading.body, "/Resources/Fns/Properties/InitialVersion");
        let pointers: Vec<&str> = reading.parts.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/Resources/Fns/Properties/InitialVersion/Functions",
                "/Resources/More/Properties/Functions",
                "/Resources/Res/Properties/Resources"
            ]
        );
        let meta: Vec<(Kind, Vec<&str>)> = reading
            .metadata
            .iter()
            .map(|(kind, parts)| (*kind, parts.iter().map(|p| p.name.as_str()).collect()))
            .collect();
        assert_eq!(
            meta,
            [
                (Kind::Function, vec!["Name", "tags"]),
                (Kind::Resource, vec!["ResourceDefinitionId"])
            ]
        );
        let template = reading.template.unwrap();
        assert_eq!(template.at, 1);
        assert_eq!(
            template.rest,
            *json!({"Parameters": {"Existing": {"Type": "String"}},
                    "Resources": {"Role": {"Type": "AWS::IAM::Role"}}})
            .as_object()
            .unwrap()
        );
        let function = template.function.unwrap();
        assert_eq!(function.logical_id, "Fns");
        assert_eq!(
            Value::Object(function.attributes),
            json!({"Condition": "Deploy"})
        );
        assert_eq!(template.resource.unwrap().logical_id, "Res");
        assert_eq!(template.merged, ["More"]);
    }

    #[test]
    fn refuses_templates_without_greengrass_definitions() {
        let map = json!({"Resources": {"Fn": {"Type": "AWS::Lambda::Function"}}});
        let Value::Object(map) = map else {
            unreachable!()
        };
        let refusal = read(map).unwrap_err();
        assert_eq!(refusal.pointer, "/Resources");
        assert!(
            refusal.message.contains(FUNCTION_DEFINITION),
            "{}",
            refusal.message
        );
    }
}
