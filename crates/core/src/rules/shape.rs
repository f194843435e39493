//! Rules of the `shape/*` family: the document's structure against the API's.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule};

/// The rules of this family.
pub static RULES: &[&Rule] = &[];

/// Reports every occurrence of this family's rules.
pub fn check(_doc: &Value, _cx: &Context, _out: &mut Vec<Diagnostic>) {}

/// Applies the lossless scalar conversions (`"512"` to 512, `"true"` to true) to a merged document
/// and reports each as `shape/coerced` at its pointer. Import calls it once per file.
pub fn coerce(_doc: &mut Value) -> Vec<Diagnostic> {
    Vec::new()
}
