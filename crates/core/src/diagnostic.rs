//! What a rule reports: one finding, tied to a field of the merged document.

use serde::Serialize;

use crate::edit::Edit;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The API or a deployment rejects it.
    Error,
    /// It depends on the device, the sources disagree, or the docs advise against it.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The lowercase word used in every output (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Where a place of the merged document came from in the text a user gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file name as the user gave it (`-` for standard input).
    pub file: String,
    /// Line, counted from 1.
    pub line: usize,
    /// Column in characters, counted from 1.
    pub column: usize,
}

/// A way to resolve a diagnostic: a title for the button, and the edits it makes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fix {
    /// What the fix does, as a short imperative ("Use read-only access").
    pub title: String,
    /// JSON Patch operations on the merged document, applied in order.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix made of the given edits.
    pub fn new(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
        }
    }
}

/// One finding of one rule at one place.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The stable rule id of `RULES.md` (`ml/permission-exceeds-owner`).
    pub rule: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, naming the function and resource by their ids.
    pub message: String,
    /// How to put it right, in one line.
    pub help: String,
    /// JSON Pointer of the offending field in the merged document; for an absent member, where it
    /// would be.
    pub pointer: String,
    /// Other places a rule about a pair names (the second path, the other id).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// Where `pointer` came from in the source text, when the group was imported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Ways to resolve it, safest first.
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `pointer`, with the rule's severity and help.
    pub fn new(rule: &crate::Rule, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule: rule.id,
            severity: rule.severity,
            message: message.into(),
            help: rule.help.to_string(),
            pointer: pointer.into(),
            related: Vec::new(),
            location: None,
            fixes: Vec::new(),
        }
    }

    /// Replaces the rule's generic help with one for this occurrence.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    /// Adds a second place this diagnostic is about.
    pub fn with_related(mut self, pointer: impl Into<String>) -> Self {
        self.related.push(pointer.into());
        self
    }

    /// Adds a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }
}
