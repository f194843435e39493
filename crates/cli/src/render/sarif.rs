//! `--format sarif`: a SARIF 2.1.0 log with one run, for code scanning services.
//!
//! Every rule of the catalogue is listed in `tool.driver.rules` (with its summary, rationale, help
//! and default level); each diagnostic is a result pointing at the file position and, as a logical
//! location, at its JSON Pointer in the merged document. Columns count Unicode code points, as in
//! every other output. SARIF fixes are text replacements, while ours are JSON Patch edits on the
//! merged document, so the fixes travel in the result's property bag instead.

use ggaccess_core::{rules, Diagnostic, Location, Severity};
use serde_json::{json, Map, Value};

use crate::check::Report;
use crate::render::related;

/// Where a SARIF viewer sends someone who wants to know more about the tool.
const INFORMATION_URI: &str =
    "https://docs.aws.amazon.com/greengrass/v1/developerguide/access-ml-resources.html";

/// The SARIF version written.
const SARIF_VERSION: &str = "2.1.0";

/// Where the SARIF 2.1.0 schema is published.
const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The whole SARIF log, pretty printed, with a trailing newline.
pub fn render(report: &Report) -> String {
    let catalogue: Vec<&rules::Rule> = rules::all().collect();
    let descriptors: Vec<Value> = catalogue.iter().map(|rule| descriptor(rule)).collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|diagnostic| result(report, &catalogue, diagnostic))
        .collect();

    let mut driver = json!({
        "name": "ggaccess",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
    });
    // The project has no public home yet; the AWS page whose rules ggaccess checks is the most
    // useful place to learn about what it reports.
    driver["informationUri"] = json!(INFORMATION_URI);
    driver["rules"] = Value::Array(descriptors);

    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"coreVersion": report.group.core_version.to_string()},
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// A `reportingDescriptor` for one rule of the catalogue.
fn descriptor(rule: &rules::Rule) -> Value {
    json!({
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": sentence(rule.summary)},
        "fullDescription": {"text": sentence(rule.rationale)},
        "help": {"text": sentence(rule.help)},
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {"coreVersions": rule.versions.describe()},
    })
}

/// One `result`.
fn result(report: &Report, catalogue: &[&rules::Rule], diagnostic: &Diagnostic) -> Value {
    let mut result = json!({
        "ruleId": diagnostic.rule,
    });
    if let Some(index) = catalogue.iter().position(|rule| rule.id == diagnostic.rule) {
        result["ruleIndex"] = json!(index);
    }
    result["level"] = json!(level(diagnostic.severity));
    result["message"] = json!({"text": sentence(&diagnostic.message)});
    result["locations"] = json!([location(diagnostic.location.as_ref(), &diagnostic.pointer)]);

    let places = related(report, &diagnostic.related);
    if !places.is_empty() {
        let related: Vec<Value> = places
            .iter()
            .enumerate()
            .map(|(index, place)| {
                let mut value = location(place.location.as_ref(), &place.pointer);
                value["id"] = json!(index);
                value["message"] = json!({"text": format!("Also concerns {}.", place.pointer)});
                value
            })
            .collect();
        result["relatedLocations"] = Value::Array(related);
    }

    let fixes: Vec<Value> = diagnostic
        .fixes
        .iter()
        .map(|fix| json!({"title": fix.title, "edits": fix.edits}))
        .collect();
    result["properties"] = json!({
        "pointer": diagnostic.pointer,
        "help": diagnostic.help,
        "fixes": fixes,
    });
    result
}

/// A `location`: the file position when known, and always the pointer as a logical location.
fn location(place: Option<&Location>, pointer: &str) -> Value {
    let mut value = Map::new();
    if let Some(place) = place {
        value.insert(
            "physicalLocation".into(),
            json!({
                "artifactLocation": {"uri": file_uri(&place.file)},
                "region": {"startLine": place.line, "startColumn": place.column},
            }),
        );
    }
    value.insert(
        "logicalLocations".into(),
        json!([{"fullyQualifiedName": pointer, "kind": "member"}]),
    );
    Value::Object(value)
}

/// The SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule's `name`: its id in UpperCamelCase, letters and digits only (`ml/owner-incomplete` is
/// `MlOwnerIncomplete`, `container/needs-1.7` is `ContainerNeeds17`).
fn rule_name(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// Text ending with a full stop, as SARIF messages should.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// A file name as a URI reference: relative names stay relative (to the directory `check` ran
/// in), absolute ones become `file://` URIs; `\` becomes `/` and other reserved bytes are
/// percent-encoded.
fn file_uri(name: &str) -> String {
    let path = name.replace('\\', "/");
    let mut uri = String::new();
    if path.starts_with('/') {
        uri.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(byte))
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_camel_case() {
        assert_eq!(rule_name("ml/owner-incomplete"), "MlOwnerIncomplete");
        assert_eq!(
            rule_name("ref/too-many-attachments"),
            "RefTooManyAttachments"
        );
    }

    #[test]
    fn file_uris() {
        assert_eq!(file_uri("cases/a b.json"), "cases/a%20b.json");
        assert_eq!(file_uri("/tmp/é.json"), "file:///tmp/%C3%A9.json");
        assert_eq!(file_uri("dir\\x.json"), "dir/x.json");
    }
}
