//! YAML with positions, as CloudFormation reads it: the value of a text, and where each of its
//! places starts.
//!
//! `saphyr-parser` turns the text into events, each with its span; this module builds the JSON
//! value from them and records the line and column of every place, keyed by JSON Pointer, the same
//! way [`super::json`] does (an object member at its key, an array element at its start).
//!
//! Plain scalars are resolved with the YAML 1.2 core schema (`512` is a number, `true` a boolean,
//! `null` and `~` null); quoted ones stay strings, so `Uid: '0'` reaches the merge as the string
//! it is and is converted there, with a `shape/coerced` finding. CloudFormation's short tags
//! become the long form of the intrinsic: `!Ref X` is `{"Ref": "X"}`, `!GetAtt A.B` is
//! `{"Fn::GetAtt": ["A", "B"]}`, `!Sub ..` is `{"Fn::Sub": ..}`, and so on for every `Fn::`.
//! Anchors and aliases work (the alias copies the anchored value); the merge key `<<` is not
//! expanded, since CloudFormation does not expand it either.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};

use super::json::{Parsed, SyntaxError};
use crate::edit::escape_token;

/// The short tags CloudFormation defines; each is `Fn::<name>` except `!Ref` and `!Condition`.
const SHORT_TAGS: [&str; 21] = [
    "Ref",
    "Condition",
    "And",
    "Base64",
    "Cidr",
    "Equals",
    "FindInMap",
    "ForEach",
    "GetAtt",
    "GetAZs",
    "If",
    "ImportValue",
    "Join",
    "Length",
    "Not",
    "Or",
    "Select",
    "Split",
    "Sub",
    "ToJsonString",
    "Transform",
];

/// Parses `text` as one YAML document (a leading byte order mark is skipped).
pub(crate) fn parse(text: &str) -> Result<Parsed, SyntaxError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut events = Vec::new();
    for event in Parser::new_from_str(body) {
        match event {
            Ok(event) => events.push(event),
            Err(error) => {
                let marker = error.marker();
                return Err(SyntaxError {
                    line: marker.line().max(1),
                    column: marker.col() + 1,
                    message: format!("invalid YAML: {}", error.info()),
                });
            }
        }
    }

    let mut builder = Builder {
        events: events.into_iter().peekable(),
        positions: Default::default(),
        anchors: HashMap::new(),
        depth: 0,
        values: 0,
    };
    let value = builder.document()?;
    Ok(Parsed {
        value,
        positions: builder.positions,
    })
}

/// Nesting deeper than this is refused, as the JSON reader does, so no input overflows the stack.
const MAX_DEPTH: usize = 128;

/// Builds the value from the events, recording positions.
struct Builder<'a, I: Iterator<Item = (Event<'a>, Span)>> {
    events: std::iter::Peekable<I>,
    positions: crate::model::PositionMap,
    /// Each anchored value, with how many values it holds.
    anchors: HashMap<usize, (Value, usize)>,
    depth: usize,
    /// How many values the document holds so far, aliases expanded.
    values: usize,
}

/// Aliases can make a short text expand to an enormous value ("billion laughs"); a document
/// holding more values than this, aliases expanded, is refused.
const MAX_VALUES: usize = 1_000_000;

fn at(span: &Span, message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        line: span.start.line().max(1),
        column: span.start.col() + 1,
        message: message.into(),
    }
}

fn position(span: &Span) -> (usize, usize) {
    (span.start.line().max(1), span.start.col() + 1)
}

impl<'a, I: Iterator<Item = (Event<'a>, Span)>> Builder<'a, I> {
    /// The stream's single document.
    fn document(&mut self) -> Result<Value, SyntaxError> {
        let mut value = None;
        let mut last = None;
        while let Some((event, span)) = self.events.next() {
            match event {
                Event::DocumentStart(_) if value.is_some() => {
                    return Err(at(
                        &span,
                        "a second YAML document; a template is one document",
                    ));
                }
                Event::DocumentStart(_) => {
                    let (node, node_span) = self.next_event()?;
                    value = Some(self.node(node, node_span, String::new(), None)?);
                }
                Event::StreamEnd => {
                    last = Some(span);
                    break;
                }
                _ => {}
            }
        }
        match (value, last) {
            (Some(Value::Null), Some(span)) | (None, Some(span)) => Err(at(
                &span,
                "the file holds no YAML value; expected a mapping (a template or a definition)",
            )),
            (Some(value), _) => Ok(value),
            (None, None) => Err(SyntaxError {
                line: 1,
                column: 1,
                message: "the file holds no YAML value".into(),
            }),
        }
    }

    fn next_event(&mut self) -> Result<(Event<'a>, Span), SyntaxError> {
        self.events.next().ok_or_else(|| SyntaxError {
            line: 1,
            column: 1,
            message: "the YAML text ends inside a value".into(),
        })
    }

    /// One node starting with `event`; `place` is where it is recorded (an object member's key),
    /// else its own start.
    fn node(
        &mut self,
        event: Event<'a>,
        span: Span,
        pointer: String,
        place: Option<(usize, usize)>,
    ) -> Result<Value, SyntaxError> {
        self.positions
            .insert(pointer.clone(), place.unwrap_or_else(|| position(&span)));
        let before = self.values;
        if !matches!(event, Event::Alias(_)) {
            self.count(1, &span)?;
        }
        let (value, anchor, tag) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(&text, style, tag.as_deref(), &span)?;
                (value, anchor, None)
            }
            Event::SequenceStart(anchor, tag) => {
                let value = self.nested(&span, |builder| builder.sequence(&pointer, &tag))?;
                (value, anchor, tag.map(|tag| tag.into_owned()))
            }
            Event::MappingStart(anchor, tag) => {
                let value = self.nested(&span, |builder| builder.mapping(&pointer, &tag))?;
                (value, anchor, tag.map(|tag| tag.into_owned()))
            }
            Event::Alias(id) => {
                let (value, count) = self.anchors.get(&id).cloned().ok_or_else(|| {
                    at(&span, "an alias to an anchor that is not defined before it")
                })?;
                self.count(count, &span)?;
                return Ok(value);
            }
            _ => return Err(at(&span, "unexpected YAML event; expected a value")),
        };

        // A tagged sequence or mapping is an intrinsic in short form (`!If [..]`); a tagged
        // scalar was wrapped by `scalar`.
        let value = match tag {
            Some(tag) => wrap(&tag, value, &span)?,
            None => value,
        };
        if anchor > 0 {
            let count = self.values - before;
            self.anchors.insert(anchor, (value.clone(), count));
        }
        Ok(value)
    }

    /// Counts `count` more values, refusing a document that grows past [`MAX_VALUES`].
    fn count(&mut self, count: usize, span: &Span) -> Result<(), SyntaxError> {
        self.values = self.values.saturating_add(count);
        if self.values > MAX_VALUES {
            return Err(at(
                span,
                "the document expands to more than 1,000,000 values (through aliases?)",
            ));
        }
        Ok(())
    }

    fn nested(
        &mut self,
        span: &Span,
        build: impl FnOnce(&mut Self) -> Result<Value, SyntaxError>,
    ) -> Result<Value, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(at(span, "nesting deeper than 128 levels"));
        }
        let value = build(self);
        self.depth -= 1;
        value
    }

    fn sequence(
        &mut self,
        pointer: &str,
        tag: &Option<std::borrow::Cow<'a, Tag>>,
    ) -> Result<Value, SyntaxError> {
        let base = intrinsic_base(pointer, tag.as_deref());
        let mut items = Vec::new();
        loop {
            let (event, span) = self.next_event()?;
            if matches!(event, Event::SequenceEnd) {
                return Ok(Value::Array(items));
            }
            let child = format!("{base}/{}", items.len());
            items.push(self.node(event, span, child, None)?);
        }
    }

    fn mapping(
        &mut self,
        pointer: &str,
        tag: &Option<std::borrow::Cow<'a, Tag>>,
    ) -> Result<Value, SyntaxError> {
        let base = intrinsic_base(pointer, tag.as_deref());
        let mut map = Map::new();
        let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
        loop {
            let (event, span) = self.next_event()?;
            let key = match event {
                Event::MappingEnd => return Ok(Value::Object(map)),
                Event::Scalar(text, ..) => text.into_owned(),
                _ => {
                    return Err(at(
                        &span,
                        "a mapping key that is not a scalar; keys must be plain names",
                    ))
                }
            };
            let place = position(&span);
            if let Some(&(line, column)) = seen.get(&key) {
                let message = format!(
                    "duplicate key `{key}` (first given at line {line}, column {column}); a key \
                     may appear once per mapping"
                );
                return Err(at(&span, message));
            }
            seen.insert(key.clone(), place);
            let child = format!("{base}/{}", escape_token(&key));
            let (event, span) = self.next_event()?;
            let value = self.node(event, span, child, Some(place))?;
            map.insert(key, value);
        }
    }
}

/// Where the children of a tagged collection sit: inside the intrinsic's member.
fn intrinsic_base(pointer: &str, tag: Option<&Tag>) -> String {
    match tag.and_then(intrinsic_name) {
        Some(name) => format!("{pointer}/{}", escape_token(&name)),
        None => pointer.to_string(),
    }
}

/// The long-form name of a CloudFormation short tag (`Fn::Sub` for `!Sub`).
fn intrinsic_name(tag: &Tag) -> Option<String> {
    if tag.handle != "!" || !SHORT_TAGS.contains(&tag.suffix.as_str()) {
        return None;
    }
    Some(match tag.suffix.as_str() {
        "Ref" | "Condition" => tag.suffix.clone(),
        other => format!("Fn::{other}"),
    })
}

/// A tagged value as the intrinsic it stands for.
fn wrap(tag: &Tag, value: Value, span: &Span) -> Result<Value, SyntaxError> {
    if tag.is_yaml_core_schema() {
        return Ok(value);
    }
    let Some(name) = intrinsic_name(tag) else {
        return Err(at(
            span,
            format!(
                "unknown tag `{tag}`; CloudFormation's short forms are {}",
                SHORT_TAGS.map(|name| format!("!{name}")).join(", ")
            ),
        ));
    };
    // `!GetAtt Resource.Attribute` is the list form `[Resource, Attribute]`.
    let value = match (name.as_str(), value) {
        ("Fn::GetAtt", Value::String(text)) => match text.split_once('.') {
            Some((resource, attribute)) => Value::Array(vec![
                Value::String(resource.into()),
                Value::String(attribute.into()),
            ]),
            None => Value::String(text),
        },
        (_, value) => value,
    };
    let mut map = Map::new();
    map.insert(name, value);
    Ok(Value::Object(map))
}

/// A scalar's value: quoted and block scalars are strings, plain ones follow the core schema.
fn scalar(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: &Span,
) -> Result<Value, SyntaxError> {
    let value = match (style, tag) {
        (_, Some(tag)) if tag.is_yaml_core_schema() => match tag.suffix.as_str() {
            "str" => Value::String(text.into()),
            "null" | "bool" | "int" | "float" => plain(text),
            other => {
                return Err(at(
                    span,
                    format!("the tag `!!{other}` does not fit a scalar"),
                ))
            }
        },
        (ScalarStyle::Plain, _) => plain(text),
        _ => Value::String(text.into()),
    };
    match tag {
        Some(tag) if !tag.is_yaml_core_schema() => wrap(tag, value, span),
        _ => Ok(value),
    }
}

/// A plain scalar by the YAML 1.2 core schema. Infinities and NaN, which JSON cannot hold, stay
/// strings.
fn plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(number) = integer(text) {
        return Value::Number(number);
    }
    if is_float(text) {
        if let Some(number) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(number);
        }
    }
    Value::String(text.into())
}

fn integer(text: &str) -> Option<Number> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(hex) = text.strip_prefix("0x") {
        (16, hex)
    } else if let Some(octal) = text.strip_prefix("0o") {
        (8, octal)
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if radix == 10 && negative {
        let value = 0i64.checked_sub_unsigned(magnitude)?;
        Some(Number::from(value))
    } else {
        Some(Number::from(magnitude))
    }
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(text: &str) -> bool {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(cut) => (&text[..cut], Some(&text[cut + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match fraction {
        Some(fraction) => {
            digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty())
        }
        None => !whole.is_empty() && digits(whole),
    };
    let exponent_ok = match exponent {
        Some(exponent) => {
            let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
            !exponent.is_empty() && digits(exponent)
        }
        None => true,
    };
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_values_and_positions() {
        let text = "a: 1\nb:\n  - x\n  - 'true'\n  - {c: true, d: ~}\ne: 2.5\n";
        let parsed = parse(text).unwrap();
        assert_eq!(
            parsed.value,
            json!({"a": 1, "b": ["x", "true", {"c": true, "d": null}], "e": 2.5})
        );
        assert_eq!(parsed.positions["/a"], (1, 1));
        assert_eq!(parsed.positions["/b"], (2, 1));
        assert_eq!(parsed.positions["/b/0"], (3, 5));
        assert_eq!(parsed.positions["/b/2/d"], (5, 15));
    }

    #[test]
    fn turns_short_tags_into_intrinsics() {
        let text = "a: !Ref Role\nb: !GetAtt Fn.Arn\nc: !Sub '${AWS::Region}'\n\
                    d: !If [Cond, !Ref X, 1]\n";
        let parsed = parse(text).unwrap();
        assert_eq!(
            parsed.value,
            json!({
                "a": {"Ref": "Role"},
                "b": {"Fn::GetAtt": ["Fn", "Arn"]},
                "c": {"Fn::Sub": "${AWS::Region}"},
                "d": {"Fn::If": ["Cond", {"Ref": "X"}, 1]}
            })
        );
        assert_eq!(parsed.positions["/d/Fn::If/1"], (4, 15));
    }

    #[test]
    fn resolves_plain_scalars_by_the_core_schema() {
        assert_eq!(plain("0x1F"), json!(31));
        assert_eq!(plain("-12"), json!(-12));
        assert_eq!(plain("1e3"), json!(1000.0));
        assert_eq!(plain(".5"), json!(0.5));
        assert_eq!(plain("1.2.3"), json!("1.2.3"));
        assert_eq!(plain("yes"), json!("yes"));
        assert_eq!(plain("-"), json!("-"));
        assert_eq!(plain(".inf"), json!(".inf"));
    }

    #[test]
    fn refuses_duplicates_unknown_tags_and_two_documents() {
        let error = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 1));
        assert!(
            error.message.contains("first given at line 1"),
            "{}",
            error.message
        );
        let error = parse("a: !Bogus 1\n").unwrap_err();
        assert!(
            error.message.contains("unknown tag `!Bogus`"),
            "{}",
            error.message
        );
        let error = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(error.line, 2);
        let error = parse("a: [1\n").unwrap_err();
        assert!(
            error.message.starts_with("invalid YAML"),
            "{}",
            error.message
        );
        assert!(parse("# nothing\n").is_err());
    }

    #[test]
    fn refuses_alias_bombs() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..8 {
            let previous = format!("*a{}", level - 1);
            let list = [previous.as_str(); 10].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{list}]\n"));
        }
        let error = parse(&text).unwrap_err();
        assert!(error.message.contains("1,000,000"), "{}", error.message);
        // Level k holds 1 + 10 x level k-1 values: 11, 111, ..., 1,111,111 at level 5 (line 6).
        assert_eq!(error.line, 6);
    }

    #[test]
    fn aliases_copy_the_anchored_value() {
        let parsed = parse("a: &x {b: 1}\nc: *x\n").unwrap();
        assert_eq!(parsed.value, json!({"a": {"b": 1}, "c": {"b": 1}}));
    }
}
