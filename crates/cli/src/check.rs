//! The check itself: import the files, validate the group, order the findings for output.

use std::cmp::Ordering;

use ggaccess_core::import::{self, ImportError, Imported, SourceFile};
use ggaccess_core::{validate, CoreVersion, Diagnostic, Location, Severity};

use crate::input;

/// The files as read and the group imported from them.
pub struct Loaded {
    /// The source texts, in the order given (for the human output's source lines).
    pub files: Vec<SourceFile>,
    /// The merged group and the import's own findings.
    pub imported: Imported,
}

/// Reads and imports `names`; the errors are ready to print as `FILE:LINE:COLUMN: message`.
pub fn load(names: &[String]) -> Result<Loaded, Vec<ImportError>> {
    let files = input::read_all(names)?;
    let imported = import::import(&files).map_err(|error| vec![error])?;
    Ok(Loaded { files, imported })
}

/// Everything a renderer needs: the sources, the group and its ordered diagnostics.
pub struct Report {
    /// The source texts, in the order given.
    pub files: Vec<SourceFile>,
    /// The group that was checked, with its core version set.
    pub group: ggaccess_core::Group,
    /// Import findings and rule findings, sorted by file, line, column, rule.
    pub diagnostics: Vec<Diagnostic>,
}

/// How many diagnostics of each severity a report holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Diagnostics of severity error.
    pub errors: usize,
    /// Diagnostics of severity warning.
    pub warnings: usize,
    /// Diagnostics of severity info.
    pub infos: usize,
}

impl Report {
    /// Counts the diagnostics by severity.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for diagnostic in &self.diagnostics {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }

    /// Where a pointer of the merged document came from (for a diagnostic's related places).
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        self.group.locate(pointer)
    }
}

/// Checks the loaded group against `core`: the import's findings plus every rule's.
pub fn check(loaded: Loaded, core: CoreVersion) -> Report {
    let Imported {
        mut group,
        diagnostics: mut found,
        ..
    } = loaded.imported;
    group.core_version = core;

    found.extend(validate(&group));
    found.sort_by(order);
    Report {
        files: loaded.files,
        group,
        diagnostics: found,
    }
}

/// Output order: by file, line, column, rule; unlocated diagnostics last, by pointer. Pointer and
/// message break the remaining ties so the order never depends on the rules' evaluation order.
fn order(a: &Diagnostic, b: &Diagnostic) -> Ordering {
    match (place(a), place(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.rule.cmp(b.rule))
    .then_with(|| a.pointer.cmp(&b.pointer))
    .then_with(|| a.message.cmp(&b.message))
}

fn place(diagnostic: &Diagnostic) -> Option<(&str, usize, usize)> {
    let location = diagnostic.location.as_ref()?;
    Some((location.file.as_str(), location.line, location.column))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ggaccess_core::rules;

    fn at(rule: &'static str, place: Option<(&str, usize, usize)>, pointer: &str) -> Diagnostic {
        let mut d = Diagnostic::new(
            &rules::Rule {
                id: rule,
                severity: Severity::Error,
                versions: rules::Versions::All,
                summary: "",
                rationale: "",
                help: "",
            },
            pointer,
            "m",
        );
        d.location = place.map(|(file, line, column)| Location {
            file: file.into(),
            line,
            column,
        });
        d
    }

    #[test]
    fn orders_by_file_line_column_rule_then_unlocated() {
        let mut list = vec![
            at("b/x", None, "/B"),
            at("b/x", Some(("b.json", 1, 1)), "/x"),
            at("a/x", None, "/A"),
            at("z/x", Some(("a.json", 2, 3)), "/x"),
            at("a/x", Some(("a.json", 2, 3)), "/x"),
            at("a/x", Some(("a.json", 2, 10)), "/x"),
            at("a/x", Some(("a.json", 10, 1)), "/x"),
        ];
        list.sort_by(order);
        let keys: Vec<_> = list
            .iter()
            .map(|d| {
                let place = d
                    .location
                    .as_ref()
                    .map(|l| (l.file.as_str(), l.line, l.column));
                (place, d.rule)
            })
            .collect();
        assert_eq!(
            keys,
            [
                (Some(("a.json", 2, 3)), "a/x"),
                (Some(("a.json", 2, 3)), "z/x"),
                (Some(("a.json", 2, 10)), "a/x"),
                (Some(("a.json", 10, 1)), "a/x"),
                (Some(("b.json", 1, 1)), "b/x"),
                (None, "a/x"),
                (None, "b/x"),
            ]
        );
    }
}
