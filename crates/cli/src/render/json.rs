//! `--format json`: one object, schema version 1.
//!
//! `{"version": 1, "diagnostics": [...], "summary": {"errors", "warnings", "infos"}}`. Each
//! diagnostic has `rule`, `severity`, `message`, `help`, `file`, `pointer`, `line`, `column`,
//! `related` (only when the rule names other places: `pointer`, `file`, `line`, `column` each) and
//! `fixes` (`title`, and `edits` as RFC 6902 operations). `file`, `line` and `column` are null for
//! a place that has no source position.

use serde_json::{json, Value};

use crate::check::Report;
use crate::render::{related, Place};

/// The version of this output's schema; raised on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole output, pretty printed, with a trailing newline.
pub fn render(report: &Report) -> String {
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let location = diagnostic.location.as_ref();
            let mut entry = json!({
                "rule": diagnostic.rule,
                "severity": diagnostic.severity.as_str(),
                "message": diagnostic.message,
                "help": diagnostic.help,
                "file": location.map(|l| l.file.as_str()),
                "pointer": diagnostic.pointer,
                "line": location.map(|l| l.line),
                "column": location.map(|l| l.column),
            });
            if !diagnostic.related.is_empty() {
                let places = related(report, &diagnostic.related);
                entry["related"] = places.iter().map(place).collect();
            }
            entry["fixes"] = diagnostic
                .fixes
                .iter()
                .map(|fix| json!({"title": fix.title, "edits": fix.edits}))
                .collect();
            entry
        })
        .collect();

    let summary = report.summary();
    let output = json!({
        "version": SCHEMA_VERSION,
        "diagnostics": diagnostics,
        "summary": {
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
    });
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}

fn place(place: &Place) -> Value {
    let location = place.location.as_ref();
    json!({
        "pointer": place.pointer,
        "file": location.map(|l| l.file.as_str()),
        "line": location.map(|l| l.line),
        "column": location.map(|l| l.column),
    })
}
