//! Strict JSON with positions: the value of a text, and where each of its places starts.
//!
//! `jsonc-parser`, with every extension turned off, gives the syntax tree with byte ranges, the
//! first syntax error at the token that causes it, and the duplicate keys that `serde_json` would
//! silently collapse. `serde_json` then reads the same text into the value the group keeps (member
//! order kept, numbers as exact as it holds them) and refuses what the tree parser lets through:
//! raw control characters in strings, numbers out of range, nesting deeper than 128.

use jsonc_parser::ast::{self, ObjectPropName};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};
use serde_json::Value;

use crate::edit::escape_token;
use crate::model::PositionMap;

/// A JSON text read with positions.
#[derive(Debug)]
pub(crate) struct Parsed {
    /// The value.
    pub value: Value,
    /// Line and column (from 1, in characters) of each place, by JSON Pointer.
    pub positions: PositionMap,
}

/// Why a text is not strict JSON, and where (line and column from 1, in characters).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses `text` as strict JSON (RFC 8259; a leading byte order mark is skipped).
pub(crate) fn parse(text: &str) -> Result<Parsed, SyntaxError> {
    let lines = LineIndex::new(text);
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skipped = text.len() - body.len();
    let at = |offset: usize, message: String| {
        let (line, column) = lines.position(offset + skipped);
        SyntaxError {
            line,
            column,
            message,
        }
    };

    // Syntax, positions and duplicate keys.
    let tree = jsonc_parser::parse_to_ast(body, &CollectOptions::default(), &STRICT)
        .map_err(|error| at(error.range().start, describe(error.kind())))?;
    let Some(root) = tree.value else {
        let end = body.len();
        return Err(at(
            end,
            "the file holds no JSON value; expected an object".into(),
        ));
    };
    // Sized once: growing would rehash every pointer so far, a third of the walk's time.
    let mut positions =
        PositionMap::with_capacity_and_hasher(count_values(&root), Default::default());
    let mut walk = Walk {
        lines: &lines,
        skipped,
        positions: &mut positions,
    };
    walk.value(&root, String::new(), root.range().start)
        .map_err(|(offset, message)| at(offset, message))?;

    // The syntax tree is the largest thing held here: free it before serde_json builds the value
    // (on a 5 MB document this lowers the peak memory of a check by about a third).
    drop(root);

    // The value itself, with serde_json's stricter checks. An integer beyond 64 bits becomes the
    // nearest f64 (serde_json's `arbitrary_precision` would keep it, at the cost of every
    // number's representation); no field of the API holds one.
    let value = serde_json::from_str::<Value>(body).map_err(|error| {
        let line = error.line().max(1);
        let column = lines.column_of_byte(line, error.column());
        SyntaxError {
            line,
            column,
            message: serde_message(&error),
        }
    })?;
    Ok(Parsed { value, positions })
}

/// Strict JSON: every extension of the parser turned off.
const STRICT: ParseOptions = ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

/// The parser's message, lowercased at its start to read as ours, with what strict JSON wants.
fn describe(kind: &jsonc_parser::errors::ParseErrorKind) -> String {
    use jsonc_parser::errors::ParseErrorKind as Kind;
    let text = kind.to_string();
    let hint = match kind {
        Kind::CommentsNotAllowed => " (strict JSON has no comments; remove it)",
        Kind::TrailingCommasNotAllowed => " (strict JSON allows no comma before `]` or `}`)",
        Kind::SingleQuotedStringsNotAllowed => " (use double quotes)",
        Kind::ExpectedStringObjectProperty => " (member names are double-quoted strings)",
        _ => "",
    };
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
    format!("{}{}{hint}", first.unwrap_or_default(), chars.as_str())
}

/// serde_json's message without its own ` at line L column C` suffix.
fn serde_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// Byte offsets of line starts, to turn offsets into lines and character columns. A byte order
/// mark counts as before the first line, as editors do not show it.
// Only `\n` ends a line (so `\r\n` too); a lone `\r`, which some old editors wrote, does not,
// and positions after one are off by its lines.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last offset asked for and its line and column: the walk asks in increasing order, so
    /// the next answer usually needs only the characters in between counted.
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        let bom = if text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let mut starts = vec![bom];
        starts.extend(text.match_indices('\n').map(|(index, _)| index + 1));
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((0, 0, 0)),
        }
    }

    /// Line and column (from 1, in characters) of a byte offset of the whole text.
    fn position(&self, offset: usize) -> (usize, usize) {
        let (last, last_line, last_column) = self.last.get();
        let position = if last_line > 0 && last <= offset {
            // Forward from the last answer: the lines passed are few, a search of all is not.
            let mut line = last_line;
            while self.starts.get(line).is_some_and(|&start| start <= offset) {
                line += 1;
            }
            if line == last_line && self.text.is_char_boundary(last) {
                (line, last_column + self.characters(last, offset))
            } else {
                let start = self.starts.get(line - 1).copied().unwrap_or(0);
                (line, self.characters(start, offset) + 1)
            }
        } else {
            let line = self.starts.partition_point(|&start| start <= offset).max(1);
            let start = self.starts.get(line - 1).copied().unwrap_or(0);
            (line, self.characters(start, offset) + 1)
        };
        self.last.set((offset, position.0, position.1));
        position
    }

    /// The character column of serde_json's column on `line`: it counts the bytes read on the
    /// line up to and including the offending one (0 when none was read).
    fn column_of_byte(&self, line: usize, column: usize) -> usize {
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        self.characters(start, start + column).max(1)
    }

    /// How many characters start in `start..end` (bytes), clamped to the text.
    fn characters(&self, start: usize, end: usize) -> usize {
        let mut end = end.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        self.text
            .get(start..end)
            .map_or(0, |slice| slice.chars().count())
    }
}

/// Collects the position of every place of the tree and refuses duplicate keys.
struct Walk<'a, 'b> {
    lines: &'a LineIndex<'b>,
    skipped: usize,
    positions: &'a mut PositionMap,
}

impl Walk<'_, '_> {
    fn value(
        &mut self,
        value: &ast::Value,
        pointer: String,
        at: usize,
    ) -> Result<(), (usize, String)> {
        let position = self.lines.position(at + self.skipped);
        match value {
            ast::Value::Object(object) => {
                let mut seen: foldhash::HashMap<&str, usize> = Default::default();
                for property in &object.properties {
                    let (name, start) = match &property.name {
                        ObjectPropName::String(lit) => (lit.value.as_ref(), lit.range.start),
                        ObjectPropName::Word(lit) => (lit.value, lit.range.start),
                    };
                    if let Some(&first) = seen.get(name) {
                        let (line, column) = self.lines.position(first + self.skipped);
                        let message = format!(
                            "duplicate member `{name}` (first given at line {line}, column \
                             {column}); a member may appear once per object"
                        );
                        return Err((start, message));
                    }
                    seen.insert(name, start);
                    // Most keys need no escaping: skip the two copies `escape_token` makes.
                    let child = if name.contains(['~', '/']) {
                        child_pointer(&pointer, &escape_token(name))
                    } else {
                        child_pointer(&pointer, name)
                    };
                    self.value(&property.value, child, start)?;
                }
            }
            ast::Value::Array(array) => {
                for (index, element) in array.elements.iter().enumerate() {
                    let child = child_pointer(&pointer, &index.to_string());
                    self.value(element, child, element.range().start)?;
                }
            }
            _ => {}
        }
        self.positions.insert(pointer, position);
        Ok(())
    }
}

/// How many values `value` holds, itself included: the number of positions the walk records.
fn count_values(value: &ast::Value) -> usize {
    1 + match value {
        ast::Value::Object(object) => object
            .properties
            .iter()
            .map(|property| count_values(&property.value))
            .sum(),
        ast::Value::Array(array) => array.elements.iter().map(count_values).sum(),
        _ => 0,
    }
}

/// `pointer/token`, allocated at its exact length: one of these is kept per value of the
/// document, and `format!` would reserve up to twice as much.
fn child_pointer(pointer: &str, token: &str) -> String {
    let mut child = String::with_capacity(pointer.len() + 1 + token.len());
    child.push_str(pointer);
    child.push('/');
    child.push_str(token);
    child
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> (usize, usize, String) {
        let e = parse(text).unwrap_err();
        (e.line, e.column, e.message)
    }

    fn at(text: &str) -> (usize, usize) {
        let (line, column, _) = error(text);
        (line, column)
    }

    #[test]
    fn places_members_at_their_keys_and_elements_at_their_start() {
        let text = "{\n  \"a\": [1,\n    {\"é\": true}]\n}";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.positions[""], (1, 1));
        assert_eq!(parsed.positions["/a"], (2, 3));
        assert_eq!(parsed.positions["/a/0"], (2, 9));
        assert_eq!(parsed.positions["/a/1"], (3, 5));
        assert_eq!(parsed.positions["/a/1/é"], (3, 6));
    }

    #[test]
    fn escapes_keys_in_pointers() {
        let parsed = parse(r#"{"a/b": {"c~d": 1}}"#).unwrap();
        assert_eq!(parsed.positions["/a~1b/c~0d"], (1, 10));
    }

    #[test]
    fn refuses_extensions_at_the_offending_token() {
        // The `é` before each error is two bytes but one character.
        let (line, column, message) = error("{\"é\": 1,}");
        assert_eq!((line, column), (1, 8));
        assert!(
            message.starts_with("trailing commas are not allowed"),
            "{message}"
        );
        assert_eq!(at("[\"é\", // no\n 1]"), (1, 7));
        assert_eq!(at("{\n\"é\": 'x'}"), (2, 6));
        assert_eq!(at("[\"é\", 01]"), (1, 8));
    }

    #[test]
    fn refuses_what_serde_json_refuses_in_characters() {
        // A raw tab inside a string: serde_json reports the byte after `é` and the tab.
        let (line, column, message) = error("[\"é\",\n \"aé\tb\"]");
        assert_eq!((line, column), (2, 5));
        assert!(message.starts_with("control character"), "{message}");
        assert!(!message.contains(" at line"), "{message}");
        assert_eq!(at("[1e400]"), (1, 6));
    }

    #[test]
    fn refuses_duplicate_keys_at_the_second() {
        let (line, column, message) = error("{\"a\": 1,\n \"a\": 2}");
        assert_eq!((line, column), (2, 2));
        assert!(
            message.contains("first given at line 1, column 2"),
            "{message}"
        );
    }

    #[test]
    fn refuses_empty_text_and_skips_a_byte_order_mark() {
        assert_eq!(at("  \n ").0, 2);
        let parsed = parse("\u{feff}{\"a\": 1}").unwrap();
        assert_eq!(parsed.positions["/a"], (1, 2));
        assert_eq!(at("\u{feff}[1,]"), (1, 3));
    }

    #[test]
    fn positions_asked_in_any_order() {
        // Bytes: a b \n é(2) space x \n y; lines start at bytes 0, 3 and 8.
        let lines = LineIndex::new("ab\né x\ny");
        assert_eq!(lines.position(6), (2, 3));
        assert_eq!(lines.position(8), (3, 1));
        assert_eq!(lines.position(0), (1, 1));
        assert_eq!(lines.position(5), (2, 2));
        assert_eq!(lines.position(6), (2, 3));
        assert_eq!(lines.position(1), (1, 2));
        assert_eq!(lines.position(8), (3, 1));
    }
}
