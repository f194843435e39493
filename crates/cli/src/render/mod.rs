//! The output formats of `check`: each turns a [`Report`](crate::check::Report) into the text
//! printed on stdout.

pub mod human;
pub mod json;
pub mod sarif;

use ggaccess_core::{Edit, Location};

/// A place named by a diagnostic: its pointer and, when known, its source position.
pub struct Place {
    /// JSON Pointer into the merged document.
    pub pointer: String,
    /// Where it came from in the source text.
    pub location: Option<Location>,
}

/// The places a diagnostic's `related` pointers name, located through the report's group.
pub fn related(report: &crate::check::Report, pointers: &[String]) -> Vec<Place> {
    pointers
        .iter()
        .map(|pointer| Place {
            pointer: pointer.clone(),
            location: report.locate(pointer),
        })
        .collect()
}

/// One edit as a line of text: `replace /a/b with "ro"`, `remove /a`, `add {..} at /a/-`.
pub fn describe_edit(edit: &Edit) -> String {
    match edit {
        Edit::Add { path, value } => format!("add {value} at {path}"),
        Edit::Remove { path } => format!("remove {path}"),
        Edit::Replace { path, value } => format!("replace {path} with {value}"),
    }
}

/// `file:line:column`.
pub fn position(location: &Location) -> String {
    format!("{}:{}:{}", location.file, location.line, location.column)
}
