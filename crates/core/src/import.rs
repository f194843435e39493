//! Import: text in the formats people keep definitions in, to a [`Group`].
//!
//! Contract (implementation pending in the import work): detect the document shape, parse with
//! positions, apply lossless scalar conversions (reported as `shape/coerced`), merge several files.

use crate::diagnostic::Diagnostic;
use crate::model::Group;

/// One input text and the name to report it under (`-` for standard input).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The name as the user gave it.
    pub name: String,
    /// The whole text.
    pub text: String,
}

/// A group read from text, with the diagnostics the reading itself produced (`shape/coerced`).
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The merged group, with the origin of each part.
    pub group: Group,
    /// Findings of the import itself, located in the source.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why an input cannot be read, parsed or recognised: `file:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ImportError {
    /// The file name as given.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// What is wrong, and what was expected.
    pub message: String,
}

/// Reads and merges `files` into one group.
pub fn import(files: &[SourceFile]) -> Result<Imported, ImportError> {
    let file = files.first().map_or("-", |f| f.name.as_str());
    Err(ImportError {
        file: file.into(),
        line: 1,
        column: 1,
        message: "import pending".into(),
    })
}
