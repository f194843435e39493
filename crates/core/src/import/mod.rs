//! Import: text in the formats people keep definitions in, to a [`Group`].
//!
//! Each file is parsed as strict JSON with the position of every place (`json`), or as YAML
//! (`yaml`) when its name ends in `.yaml` / `.yml` or its text does not start like JSON. It is
//! recognised by its members ([`Shape`]; CloudFormation templates in `cloudformation`), split
//! into the top-level members of the merged document, converted where a scalar is losslessly
//! convertible (`shape/coerced`), and merged with the files before it: `Functions` and
//! `Resources` are concatenated, `DefaultConfig` must be the same wherever it is given. The group
//! remembers where each part came from, so every diagnostic can name a file, a line and a column.

mod cloudformation;
mod detect;
mod json;
mod yaml;

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::edit::escape_token;
use crate::model::{Definitions, Group, Origin, Origins, SourcePositions};

pub use detect::{Shape, EXPECTED};

/// One input text and the name to report it under (`-` for standard input).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The name as the user gave it.
    pub name: String,
    /// The whole text.
    pub text: String,
}

impl SourceFile {
    /// A file of this name holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// A group read from text, with the diagnostics the reading itself produced (`shape/coerced`).
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The merged group, with the origin of each part.
    pub group: Group,
    /// Findings of the import itself, located in the source.
    pub diagnostics: Vec<Diagnostic>,
    /// The shape each file was recognised as, in the order given.
    pub shapes: Vec<Shape>,
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

/// Reads and merges `files` into one group (no file gives the empty group).
pub fn import(files: &[SourceFile]) -> Result<Imported, ImportError> {
    let mut merge = Merge::default();
    for (index, file) in files.iter().enumerate() {
        // Parse, then recognise.
        let parsed = parse(file).map_err(|error| ImportError {
            file: file.name.clone(),
            line: error.line,
            column: error.column,
            message: error.message,
        })?;
        merge.origins.files.push(SourcePositions {
            name: file.name.clone(),
            positions: parsed.positions,
        });
        let reading = detect::read(parsed.value)
            .map_err(|refusal| merge.error(index, &refusal.pointer, refusal.message))?;

        // Merge what it gives.
        merge.shapes.push(reading.shape);
        if merge.origins.root.is_none() {
            merge.origins.root = Some(Origin {
                file: index,
                pointer: reading.body.clone(),
            });
        }
        for part in reading.parts {
            merge.part(index, part)?;
        }
        for (kind, members) in reading.metadata {
            merge.metadata(index, kind, members)?;
        }
        if merge.definitions.template.is_none() {
            merge.definitions.template = reading.template;
        }
    }
    Ok(merge.finish())
}

/// Parses one file as YAML when its name says so or its text does not start like JSON (`{` or
/// `[`), else as strict JSON, whose messages are the more precise for JSON text.
fn parse(file: &SourceFile) -> Result<json::Parsed, json::SyntaxError> {
    let name = file.name.to_ascii_lowercase();
    let first = file
        .text
        .trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace())
        .chars()
        .next();
    let yaml = name.ends_with(".yaml")
        || name.ends_with(".yml")
        || !matches!(first, None | Some('{') | Some('['));
    if yaml {
        yaml::parse(&file.text)
    } else {
        json::parse(&file.text)
    }
}

/// The group being assembled from the files read so far.
#[derive(Default)]
struct Merge {
    doc: Map<String, Value>,
    origins: Origins,
    definitions: Definitions,
    /// Where each kept member of the definitions came from, to name it in a conflict.
    metadata_origins: HashMap<(bool, String), Origin>,
    diagnostics: Vec<Diagnostic>,
    shapes: Vec<Shape>,
}

impl Merge {
    /// Adds one top-level member of one file.
    fn part(&mut self, file: usize, part: detect::Part) -> Result<(), ImportError> {
        let detect::Part {
            name,
            value,
            pointer,
        } = part;
        let origin = Origin { file, pointer };

        // Convert lossless scalars on the member alone, as a document of its own: the pointers
        // of the conversions are then the merged document's, up to the offset of a list.
        let mut single = Map::new();
        single.insert(name.clone(), value);
        let mut single = Value::Object(single);
        let coerced = crate::rules::shape::coerce(&mut single);
        let value = match single {
            Value::Object(mut map) => map.remove(&name).unwrap_or(Value::Null),
            _ => Value::Null,
        };

        match name.as_str() {
            "Functions" | "Resources" => self.list(origin, name, value, coerced),
            _ => self.single(origin, name, value, coerced),
        }
    }

    /// `Functions` or `Resources`: the elements join those of the files before.
    fn list(
        &mut self,
        origin: Origin,
        name: String,
        value: Value,
        coerced: Vec<Diagnostic>,
    ) -> Result<(), ImportError> {
        let functions = name == "Functions";
        let slot = usize::from(!functions);
        let offset = match (self.doc.get_mut(&name), value) {
            (None, Value::Array(items)) => {
                self.push_elements(functions, &origin, items.len());
                self.doc.insert(name.clone(), Value::Array(items));
                self.origins.arrays[slot] = Some(origin);
                0
            }
            (Some(Value::Array(existing)), Value::Array(items)) => {
                let offset = existing.len();
                let count = items.len();
                existing.extend(items);
                self.push_elements(functions, &origin, count);
                offset
            }
            (None, other) => {
                // Not an array: kept as given for `shape/type` to report, never merged.
                self.doc.insert(name.clone(), other);
                self.origins.arrays[slot] = Some(origin);
                0
            }
            (Some(existing), value) => {
                let (here, there) = (detect::kind_of(&value), detect::kind_of(existing));
                let first = self.describe(self.origins.arrays[slot].as_ref());
                let message = format!(
                    "`{name}` here is {here} and in {first} it is {there}: several files' \
                     `{name}` merge only when each is an array"
                );
                return Err(self.error(origin.file, &origin.pointer, message));
            }
        };

        // The conversions' pointers count elements in this file; shift them to the merged list.
        for mut diagnostic in coerced {
            diagnostic.pointer = shift(&diagnostic.pointer, &name, offset);
            self.diagnostics.push(diagnostic);
        }
        Ok(())
    }

    /// Records the origin of elements appended to a list, given by `origin`.
    fn push_elements(&mut self, functions: bool, origin: &Origin, count: usize) {
        let list = if functions {
            &mut self.origins.functions
        } else {
            &mut self.origins.resources
        };
        list.extend((0..count).map(|index| Origin {
            file: origin.file,
            pointer: format!("{}/{index}", origin.pointer),
        }));
    }

    /// `DefaultConfig` or a member the API does not define: given once, or the same each time.
    fn single(
        &mut self,
        origin: Origin,
        name: String,
        value: Value,
        coerced: Vec<Diagnostic>,
    ) -> Result<(), ImportError> {
        let token = escape_token(&name);
        if let Some(existing) = self.doc.get(&name) {
            if *existing == value {
                // The same again: the first is kept, and so are only its findings.
                return Ok(());
            }
            let first = match name.as_str() {
                "DefaultConfig" => self.origins.default_config.as_ref(),
                _ => self.origins.members.get(&token),
            };
            let message = format!(
                "`{name}` differs from the one in {}; give it once, or the same in every file",
                self.describe(first)
            );
            return Err(self.error(origin.file, &origin.pointer, message));
        }
        if name == "DefaultConfig" {
            self.origins.default_config = Some(origin);
        } else {
            self.origins.members.insert(token, origin);
        }
        self.doc.insert(name, value);
        self.diagnostics.extend(coerced);
        Ok(())
    }

    /// Members of a definition beyond its version (`Name`, `tags`, the definition id).
    fn metadata(
        &mut self,
        file: usize,
        kind: detect::Kind,
        members: Vec<detect::Part>,
    ) -> Result<(), ImportError> {
        let function = kind == detect::Kind::Function;
        for member in members {
            let slot = if function {
                &mut self.definitions.function
            } else {
                &mut self.definitions.resource
            };
            let map = slot.get_or_insert_with(Map::new);
            match map.get(&member.name) {
                Some(existing) if *existing == member.value => {}
                Some(_) => {
                    let key = (function, member.name.clone());
                    let first = self.describe(self.metadata_origins.get(&key));
                    let message = format!(
                        "`{}` differs from the one in {first}; give it once, or the same in \
                         every file",
                        member.name
                    );
                    return Err(self.error(file, &member.pointer, message));
                }
                None => {
                    map.insert(member.name.clone(), member.value);
                    let origin = Origin {
                        file,
                        pointer: member.pointer,
                    };
                    self.metadata_origins
                        .insert((function, member.name), origin);
                }
            }
        }
        Ok(())
    }

    /// The group, with the import's own findings located.
    fn finish(self) -> Imported {
        let group = Group {
            doc: Value::Object(self.doc),
            origins: self.origins,
            definitions: self.definitions,
            ..Group::default()
        };
        let mut diagnostics = self.diagnostics;
        for diagnostic in &mut diagnostics {
            diagnostic.location = group.locate(&diagnostic.pointer);
        }
        Imported {
            group,
            diagnostics,
            shapes: self.shapes,
        }
    }

    /// `name (line L, column C)` of an origin, for messages about two places.
    fn describe(&self, origin: Option<&Origin>) -> String {
        let Some(origin) = origin else {
            return "an earlier file".into();
        };
        let (name, (line, column)) = self.position(origin.file, &origin.pointer);
        format!("{name} (line {line}, column {column})")
    }

    /// An import error at `pointer` of file `file` (its nearest parent with a position).
    fn error(&self, file: usize, pointer: &str, message: String) -> ImportError {
        let (name, (line, column)) = self.position(file, pointer);
        ImportError {
            file: name,
            line,
            column,
            message,
        }
    }

    fn position(&self, file: usize, pointer: &str) -> (String, (usize, usize)) {
        let Some(source) = self.origins.files.get(file) else {
            return ("-".into(), (1, 1));
        };
        let mut path = pointer;
        let position = loop {
            if let Some(&position) = source.positions.get(path) {
                break position;
            }
            match path.rfind('/') {
                Some(cut) => path = &path[..cut],
                None => break (1, 1),
            }
        };
        (source.name.clone(), position)
    }
}

/// `/Functions/2/...` to `/Functions/{2 + offset}/...`; other pointers unchanged.
fn shift(pointer: &str, list: &str, offset: usize) -> String {
    let prefix = format!("/{list}/");
    let Some(rest) = pointer.strip_prefix(&prefix) else {
        return pointer.to_string();
    };
    let (index, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match index.parse::<usize>() {
        Ok(index) => format!("{prefix}{}{tail}", index + offset),
        Err(_) => pointer.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_list_pointers_only() {
        assert_eq!(shift("/Functions/2/Id", "Functions", 3), "/Functions/5/Id");
        assert_eq!(shift("/Functions/0", "Functions", 1), "/Functions/1");
        assert_eq!(shift("/Functions", "Functions", 1), "/Functions");
        assert_eq!(
            shift("/DefaultConfig/x", "Functions", 1),
            "/DefaultConfig/x"
        );
    }
}
