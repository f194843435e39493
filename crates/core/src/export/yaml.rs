//! JSON values as block-style YAML, for CloudFormation templates.
//!
//! The output is meant to be read by people and by every YAML reader CloudFormation users have
//! (PyYAML's YAML 1.1 rules in cfn-lint and the AWS CLI, YAML 1.2 elsewhere), so a string is
//! written plain only when it reads back as the same string under both: otherwise it is
//! double-quoted with JSON's escapes, which YAML's double-quoted style shares. Intrinsics are
//! ordinary mappings here (`Fn::Sub: ...`), CloudFormation's long form.

use std::fmt::Write;

use serde_json::Value;

/// `value` as a YAML document (two-space indent, key order kept, trailing newline).
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => mapping(&mut out, value, 0),
        Value::Array(items) if !items.is_empty() => sequence(&mut out, value, 0),
        scalar => {
            out.push_str(&inline(scalar));
            out.push('\n');
        }
    }
    out
}

/// A non-empty mapping, each key at `indent`, starting at the current line's start.
fn mapping(out: &mut String, value: &Value, indent: usize) {
    let Value::Object(map) = value else { return };
    for (index, (key, member)) in map.iter().enumerate() {
        // The first key of a mapping inside a sequence item follows the `- ` directly.
        if index > 0 || !out.ends_with("- ") {
            push_indent(out, indent);
        }
        out.push_str(&string(key));
        out.push(':');
        block(out, member, indent);
    }
}

/// A non-empty sequence, each `- ` at `indent`.
fn sequence(out: &mut String, value: &Value, indent: usize) {
    let Value::Array(items) = value else { return };
    for (index, item) in items.iter().enumerate() {
        if index > 0 || !out.ends_with("- ") {
            push_indent(out, indent);
        }
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => mapping(out, item, indent + 2),
            Value::Array(inner) if !inner.is_empty() => sequence(out, item, indent + 2),
            scalar => {
                out.push_str(&inline(scalar));
                out.push('\n');
            }
        }
    }
}

/// The value of a mapping member whose key (and colon) was just written.
fn block(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            mapping(out, value, indent + 2);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            sequence(out, value, indent + 2);
        }
        scalar => {
            out.push(' ');
            out.push_str(&inline(scalar));
            out.push('\n');
        }
    }
}

fn push_indent(out: &mut String, indent: usize) {
    let _ = write!(out, "{:indent$}", "");
}

/// A scalar or an empty collection on one line.
fn inline(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => string(text),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// Words that some YAML reader takes for a boolean or null.
const RESERVED: [&str; 12] = [
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "nan", "inf",
];

/// A string plain when every reader reads it back unchanged, else double-quoted.
fn string(text: &str) -> String {
    let first_ok = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '_' || c == '$');
    let chars_ok = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_./-@+=:$".contains(c));
    let plain = first_ok
        && chars_ok
        && !text.ends_with(':')
        && !RESERVED.contains(&text.to_ascii_lowercase().as_str());
    if plain {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// A double-quoted scalar: printable characters as they are, the rest escaped. Line breaks that
/// YAML 1.1 knows (NEL, the Unicode separators) and the byte order mark are escaped too.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0xa0
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
                || (0xfff0..=0xffff).contains(&(c as u32)) =>
            {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn writes_block_style() {
        let value = json!({
            "A": {"Fn::Sub": "${AWS::StackName}-x", "Empty": {}},
            "L": [{"Id": "f", "M": 512, "B": true}, "s", [], ["x"]],
            "Q": ["yes", "0", "a b", "", "arn:aws:lambda:us-east-1:1:function:f:1", "x:"]
        });
        let expected = "\
A:
  Fn::Sub: \"${AWS::StackName}-x\"
  Empty: {}
L:
  - Id: f
    M: 512
    B: true
  - s
  - []
  - - x
Q:
  - \"yes\"
  - \"0\"
  - \"a b\"
  - \"\"
  - arn:aws:lambda:us-east-1:1:function:f:1
  - \"x:\"
";
        assert_eq!(to_yaml(&value), expected);
    }

    #[test]
    fn quotes_what_a_reader_would_change() {
        for text in [
            "Yes", "NULL", "1.5", "-1", "#c", "a: b", "é", "{x}", "*a", "!Ref",
        ] {
            assert!(string(text).starts_with('"'), "{text}");
        }
        for text in [
            "ro",
            "GreengrassContainer",
            "/dev/video0",
            "s3://b/k.tar.gz",
        ] {
            assert_eq!(string(text), text);
        }
        assert_eq!(quoted("a\"\\\n\u{85}\u{1}é"), r#""a\"\\\n\u0085\u0001é""#);
    }
}
