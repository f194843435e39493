//! Rules of the `shape/*` family: the document's structure against the API's.
//!
//! One walk over the raw merged document, guided by [`crate::schema`], finds every wrong type,
//! value outside an enum, undefined member, missing required member and malformed data container.
//! The walk keeps the path as borrowed tokens and builds a pointer only for a finding, so a clean
//! document costs no allocation per value. A CloudFormation intrinsic (`{"Ref": ..}`) stands for a
//! value decided at deploy time: the walk neither reports nor enters it.
//!
//! [`coerce`] uses the same walk to convert the scalars that templates quote (`"512"`, `"true"`)
//! before validation, so [`check`] normally sees them converted. A document that skipped import
//! (one built in code, or edited by hand) can still hold them: `check` then reports them as
//! `shape/type`, since the API rejects them, with the conversion as the fix.

use serde_json::{Map, Number, Value};

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::edit::{escape_token, Edit};
use crate::model::is_intrinsic;
use crate::rules::{Context, Rule, Versions};
use crate::schema::{kinds_with_member, Kind, Member, Type};

/// `shape/enum`: an enum member holds a string the API does not accept.
pub static ENUM: Rule = Rule {
    id: "shape/enum",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "`IsolationMode`, `Permission`, `GroupPermission` or `EncodingType` holds a value outside its set",
    rationale: "The API accepts only the listed spellings, case included, and rejects the whole \
                definition version otherwise. Neither the AWS SDK nor cfn-lint checks these values \
                before the call, so the mistake usually surfaces late.",
    help: "Use one of the listed values, spelled exactly.",
};

/// `shape/type`: a value has a JSON type the API does not accept there.
pub static TYPE: Rule = Rule {
    id: "shape/type",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "A value has the wrong JSON type and cannot be converted without loss",
    rationale: "The API checks the type of every member and rejects the request when one is off. \
                Import converts the harmless cases (quoted numbers and booleans); what remains \
                needs a person to decide the value.",
    help: "Give the member a value of the type the API expects.",
};

/// `shape/coerced`: import converted a scalar to the type the API expects.
pub static COERCED: Rule = Rule {
    id: "shape/coerced",
    severity: Severity::Info,
    versions: Versions::All,
    summary: "Import converted a quoted number or boolean to the type the API expects",
    rationale: "CloudFormation templates, YAML in particular, often quote numbers and booleans, \
                and CloudFormation converts them on deployment. The API itself does not, so \
                ggaccess converts them on import, where nothing is lost, and says where.",
    help: "Nothing to do; write the value unquoted to silence this.",
};

/// `shape/unknown-field`: a member the API does not define.
pub static UNKNOWN_FIELD: Rule = Rule {
    id: "shape/unknown-field",
    severity: Severity::Warning,
    versions: Versions::All,
    summary: "A key the API does not define for this object",
    rationale: "A member in the wrong object, or spelled with the wrong case, does not do what \
                its author meant: the setting never reaches the core. The usual cause is a \
                misplaced block, such as `Execution` written beside `Environment` instead of \
                inside it.",
    help: "Move the member to the object that defines it, correct its spelling, or remove it.",
};

/// `shape/required`: a member the API requires is absent.
pub static REQUIRED: Rule = Rule {
    id: "shape/required",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "`Function.Id`, `Resource.Id`, `Name` or `ResourceDataContainer`, or \
              `ResourceAccessPolicy.ResourceId` is missing",
    rationale: "The API rejects a function without an `Id`, a resource without an `Id`, a `Name` \
                and its data, and an attachment that does not say which resource it attaches.",
    help: "Add the missing member.",
};

/// `shape/one-data-type`: a resource's data container holds zero or several data types.
pub static ONE_DATA_TYPE: Rule = Rule {
    id: "shape/one-data-type",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "A `ResourceDataContainer` holds no data type, or more than one",
    rationale: "A resource is exactly one thing: a local device, a local volume, an S3 or \
                SageMaker model, or a secret. The API rejects a container that holds none of them \
                or several.",
    help: "Keep exactly one of the data types in the container.",
};

/// The rules of this family.
pub static RULES: &[&Rule] = &[
    &ENUM,
    &TYPE,
    &COERCED,
    &UNKNOWN_FIELD,
    &REQUIRED,
    &ONE_DATA_TYPE,
];

/// The type of the whole merged document.
static DOCUMENT: Type = Type::Object(Kind::Document);

/// Reports every occurrence of this family's rules (never `shape/coerced`, which is [`coerce`]'s).
///
/// It reads the raw document rather than the typed view, since the view has already smoothed over
/// exactly what these rules look for; `_cx` is there for the common signature.
pub fn check(doc: &Value, _cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut walk = Walk::new(doc, Mode::Check, out);
    walk.value(doc, &DOCUMENT);
}

/// Applies the lossless scalar conversions (`"512"` to 512, `"true"` to true) to a merged document
/// and reports each as `shape/coerced` at its pointer. Import calls it once per file.
///
/// Converted: a string holding an integer in canonical form (`"512"`, `"-1"`; not `"5.0"`,
/// `" 5"`, `"05"`, nor one beyond 64 bits) where an integer is expected; `"true"` and `"false"`
/// where a boolean is expected; a whole number or a boolean where a string is expected
/// (`GroupOwner: 1500`). Enum members are never converted: no number is an enum value.
pub fn coerce(doc: &mut Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let conversions = {
        let mut walk = Walk::new(doc, Mode::Coerce, &mut out);
        walk.value(doc, &DOCUMENT);
        walk.conversions
    };

    for (pointer, value) in conversions {
        if let Some(slot) = doc.pointer_mut(&pointer) {
            *slot = value;
        }
    }
    out
}

/// Whether the walk reports findings or collects conversions.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Coerce,
}

/// One step of the path from the document to the current value.
#[derive(Clone, Copy)]
enum Token<'a> {
    Key(&'a str),
    Index(usize),
}

/// An object the walk is inside: its kind, its members, and the path length at which it sits.
struct Frame<'a> {
    kind: Kind,
    map: &'a Map<String, Value>,
    depth: usize,
}

/// The state of one walk over a document.
struct Walk<'a, 'o> {
    root: &'a Value,
    mode: Mode,
    path: Vec<Token<'a>>,
    frames: Vec<Frame<'a>>,
    out: &'o mut Vec<Diagnostic>,
    conversions: Vec<(String, Value)>,
}

impl<'a, 'o> Walk<'a, 'o> {
    fn new(root: &'a Value, mode: Mode, out: &'o mut Vec<Diagnostic>) -> Self {
        Walk {
            root,
            mode,
            path: Vec::with_capacity(16),
            frames: Vec::with_capacity(16),
            out,
            conversions: Vec::new(),
        }
    }

    /// Checks one value against the type the schema expects at its place.
    fn value(&mut self, value: &'a Value, ty: &'static Type) {
        if is_intrinsic(value) {
            return;
        }
        match (ty, value) {
            (Type::Object(kind), Value::Object(map)) => self.object(*kind, map),
            (Type::Array(item), Value::Array(items)) => {
                for (index, item_value) in items.iter().enumerate() {
                    self.path.push(Token::Index(index));
                    self.value(item_value, item);
                    self.path.pop();
                }
            }
            (Type::StringMap, Value::Object(map)) => {
                for (key, entry) in map {
                    self.path.push(Token::Key(key));
                    self.value(entry, &Type::String);
                    self.path.pop();
                }
            }
            (Type::String, Value::String(_)) | (Type::Boolean, Value::Bool(_)) => {}
            (Type::Integer, Value::Number(number)) if number.is_i64() || number.is_u64() => {}
            (Type::Enum(set), Value::String(text)) => {
                if !set.accepts(text) {
                    self.bad_enum(ty, text);
                }
            }
            _ => self.mismatch(value, ty),
        }
    }

    /// Checks the members of an object of `kind`.
    fn object(&mut self, kind: Kind, map: &'a Map<String, Value>) {
        self.frames.push(Frame {
            kind,
            map,
            depth: self.path.len(),
        });

        // Which members are present, by position in the kind's table (no kind has more than 32),
        // so the required and one-of checks need no lookups.
        let members = kind.members();
        let mut seen: u32 = 0;
        for (key, value) in map {
            let member = members.iter().position(|member| same_key(member.name, key));
            if let Some(index) = member {
                seen |= 1 << index;
            }
            match member.and_then(|index| members.get(index)) {
                // Most values are scalars of the right type: settled here, without a step.
                Some(member) if scalar_fits(&member.ty, value) => {}
                Some(member) => {
                    self.path.push(Token::Key(key));
                    self.value(value, &member.ty);
                    self.path.pop();
                }
                None => {
                    self.path.push(Token::Key(key));
                    self.unknown(key);
                    self.path.pop();
                }
            }
        }

        if self.mode == Mode::Check {
            for (index, member) in members.iter().enumerate() {
                if member.required && seen & (1 << index) == 0 {
                    self.missing(member);
                }
            }
            if kind.exactly_one() && seen.count_ones() != 1 {
                self.data_types(members, seen);
            }
        }
        self.frames.pop();
    }

    /// A value of another type than the schema's: a lossless conversion, or a type error.
    fn mismatch(&mut self, value: &Value, ty: &Type) {
        let converted = convert(value, ty);
        match (self.mode, converted) {
            (Mode::Coerce, Some(new)) => {
                let pointer = self.pointer();
                let message = format!(
                    "{}{} was {}; read as {}",
                    self.place(),
                    self.subject(),
                    describe(value),
                    describe(&new)
                );
                self.out
                    .push(Diagnostic::new(&COERCED, pointer.clone(), message));
                self.conversions.push((pointer, new));
            }
            (Mode::Coerce, None) => {}
            (Mode::Check, converted) => {
                let pointer = self.pointer();
                let message = format!(
                    "{}{} is {}; the API expects {ty}",
                    self.place(),
                    self.subject(),
                    describe(value)
                );
                let mut diagnostic = Diagnostic::new(&TYPE, pointer.clone(), message);
                if let Some(new) = converted {
                    diagnostic = diagnostic
                        .with_help(format!(
                            "Write it as {}; import makes this conversion itself.",
                            describe(&new)
                        ))
                        .with_fix(Fix::new(
                            format!("Convert to {new}"),
                            vec![Edit::replace(pointer, new)],
                        ));
                } else if value.is_null() {
                    diagnostic = diagnostic
                        .with_help("Remove the member to leave it unset.")
                        .with_fix(Fix::new(
                            "Remove the null value",
                            vec![Edit::remove(pointer)],
                        ));
                } else if let Some(wrapped) = wrap(value, ty) {
                    diagnostic = diagnostic
                        .with_help("The API expects a list here, even of one entry.")
                        .with_fix(Fix::new(
                            "Put it in a list",
                            vec![Edit::replace(pointer, wrapped)],
                        ));
                }
                self.out.push(diagnostic);
            }
        }
    }

    /// A string outside the enum of `ty`.
    fn bad_enum(&mut self, ty: &Type, text: &str) {
        let Some(set) = ty.enumeration() else {
            return;
        };
        if self.mode != Mode::Check {
            return;
        }
        let pointer = self.pointer();
        let message = format!(
            "{}{} is {}, which is not one of {}",
            self.place(),
            self.subject(),
            quote(text),
            set.list()
        );
        let mut diagnostic = Diagnostic::new(&ENUM, pointer.clone(), message);
        if let Some(near) = set.near(text) {
            diagnostic = diagnostic
                .with_help(format!("Values are case-sensitive: write `{near}`."))
                .with_fix(Fix::new(
                    format!("Use `{near}`"),
                    vec![Edit::replace(pointer, Value::String(near.to_string()))],
                ));
        } else {
            diagnostic = diagnostic.with_help(format!("Use one of {}.", set.list()));
        }
        self.out.push(diagnostic);
    }

    /// A required member absent from the current object.
    fn missing(&mut self, member: &Member) {
        let mut pointer = self.pointer();
        pointer.push('/');
        pointer.push_str(member.name);
        let message = format!("`{}` is missing{}", member.name, self.subject_for(false));
        let help = format!("Add `{}`: {}.", member.name, lowercase_first(member.doc));
        self.out
            .push(Diagnostic::new(&REQUIRED, pointer, message).with_help(help));
    }

    /// Reports a data container that holds zero or several data types (`seen`: which of
    /// `members` it holds, by position).
    fn data_types(&mut self, members: &[Member], seen: u32) {
        let present: Vec<&str> = members
            .iter()
            .enumerate()
            .filter(|(index, _)| seen & (1 << index) != 0)
            .map(|(_, member)| member.name)
            .collect();

        let pointer = self.pointer();
        let mut diagnostic = if present.is_empty() {
            let message = format!(
                "`ResourceDataContainer`{} holds no data type",
                self.subject()
            );
            let help = "Add one of LocalDeviceResourceData, LocalVolumeResourceData, \
                        S3MachineLearningModelResourceData, \
                        SageMakerMachineLearningModelResourceData or \
                        SecretsManagerSecretResourceData.";
            Diagnostic::new(&ONE_DATA_TYPE, pointer.clone(), message).with_help(help)
        } else {
            let message = format!(
                "`ResourceDataContainer`{} holds {} data types ({}); a resource is exactly one",
                self.subject(),
                present.len(),
                present.join(", ")
            );
            Diagnostic::new(&ONE_DATA_TYPE, pointer.clone(), message).with_help(
                "Keep the data type this resource is, and make each of the others a resource \
                 of its own.",
            )
        };
        for name in &present {
            diagnostic = diagnostic.with_related(format!("{pointer}/{}", escape_token(name)));
        }
        for keep in &present {
            let edits = present
                .iter()
                .filter(|name| *name != keep)
                .map(|name| Edit::remove(format!("{pointer}/{}", escape_token(name))))
                .collect();
            diagnostic = diagnostic.with_fix(Fix::new(format!("Keep only {keep}"), edits));
        }
        self.out.push(diagnostic);
    }

    /// A key the current object's kind does not define (the key is the last path token).
    fn unknown(&mut self, key: &str) {
        if self.mode != Mode::Check {
            return;
        }
        let Some(frame) = self.frames.last() else {
            return;
        };

        let pointer = self.pointer();
        let object = self.object_name(frame);
        let message = format!("`{key}` is not a member of {object}{}", self.subject());
        let mut diagnostic = Diagnostic::new(&UNKNOWN_FIELD, pointer.clone(), message);
        let mut candidates = self.candidates(key);
        candidates.retain(|c| self.compatible(c));
        let chosen = match candidates.as_slice() {
            [one] => Some(one),
            _ => {
                let mut existing = candidates.iter().filter(|c| self.exists(c));
                match (existing.next(), existing.next()) {
                    (Some(one), None) => Some(one),
                    _ => None,
                }
            }
        };

        if let Some(candidate) = chosen {
            let target = self.target_pointer(candidate);
            let renamed = candidate.frame + 1 == self.frames.len() && candidate.names.len() == 1;
            let help = if renamed {
                let name = candidate.names.last().copied().unwrap_or_default();
                format!("Did you mean `{name}`? Member names are spelled exactly as the API's.")
            } else {
                format!(
                    "`{key}` belongs in {} ({target}).",
                    self.container_label(candidate)
                )
            };
            diagnostic = match self.move_edits(candidate) {
                Some(edit) => {
                    let title = if renamed {
                        format!(
                            "Rename to `{}`",
                            candidate.names.last().copied().unwrap_or(key)
                        )
                    } else {
                        format!("Move `{key}` into {}", self.container_label(candidate))
                    };
                    diagnostic
                        .with_help(help)
                        .with_related(target)
                        .with_fix(Fix::new(title, vec![Edit::remove(pointer), edit]))
                }
                None => diagnostic
                    .with_help(format!(
                        "{help} That place is already taken; keep one of them."
                    ))
                    .with_related(target),
            };
        } else if !candidates.is_empty() {
            let places: Vec<String> = candidates.iter().map(|c| self.target_pointer(c)).collect();
            diagnostic = diagnostic.with_help(format!(
                "`{key}` belongs at one of {}: move it to the one this object uses.",
                places.join(", ")
            ));
        } else {
            let owners: Vec<&str> = kinds_with_member(key)
                .map(|(kind, _)| kind.name())
                .collect();
            if !owners.is_empty() {
                diagnostic = diagnostic.with_help(format!(
                    "`{key}` is a member of {}, not of {object}; move it there or remove it.",
                    owners.join(" and ")
                ));
            }
        }
        self.out.push(diagnostic);
    }

    /// Where an unknown key of the current object could belong, nearest first: a near-miss of a
    /// member of this object; then a member of a child object or of the parent; then of a
    /// grandchild, a sibling or the grandparent. Only the nearest non-empty level is returned.
    /// Moving up stops at an array: a member of one function never belongs to the whole list.
    fn candidates(&self, key: &str) -> Vec<Candidate> {
        let current = self.frames.len().saturating_sub(1);
        let Some(frame) = self.frames.get(current) else {
            return Vec::new();
        };
        let kind = frame.kind;
        let parent = self.parent(current);
        let grandparent = parent.and_then(|p| self.parent(p));
        let mut found = Vec::new();

        // The object itself: a spelling that differs only in case, space or one letter.
        for member in kind.members() {
            if near_miss(member.name, key) {
                found.push(Candidate::new(current, &[member.name]));
            }
        }
        if !found.is_empty() {
            return found;
        }

        // One step away: a child object, or the parent.
        for child in object_members(kind) {
            for member in child_kind(child).members() {
                if matches(member.name, key) {
                    found.push(Candidate::new(current, &[child.name, member.name]));
                }
            }
        }
        if let Some(p) = parent {
            for member in self.frame_kind(p).members() {
                if matches(member.name, key) {
                    found.push(Candidate::new(p, &[member.name]));
                }
            }
        }
        if !found.is_empty() {
            return found;
        }

        // Two steps away: a grandchild, a sibling, or the grandparent.
        for child in object_members(kind) {
            for grandchild in object_members(child_kind(child)) {
                for member in child_kind(grandchild).members() {
                    if matches(member.name, key) {
                        let names = [child.name, grandchild.name, member.name];
                        found.push(Candidate::new(current, &names));
                    }
                }
            }
        }
        if let Some(p) = parent {
            for sibling in object_members(self.frame_kind(p)) {
                if child_kind(sibling) == kind {
                    continue;
                }
                for member in child_kind(sibling).members() {
                    if matches(member.name, key) {
                        found.push(Candidate::new(p, &[sibling.name, member.name]));
                    }
                }
            }
        }
        if let Some(g) = grandparent {
            for member in self.frame_kind(g).members() {
                if matches(member.name, key) {
                    found.push(Candidate::new(g, &[member.name]));
                }
            }
        }
        found
    }

    /// The frame holding frame `index` as a member (not through an array), if any.
    fn parent(&self, index: usize) -> Option<usize> {
        let frame = self.frames.get(index)?;
        let reached_by_key = matches!(
            frame.depth.checked_sub(1).and_then(|i| self.path.get(i)),
            Some(Token::Key(_))
        );
        let parent = index.checked_sub(1)?;
        (reached_by_key && self.frames.get(parent)?.depth + 1 == frame.depth).then_some(parent)
    }

    fn frame_kind(&self, index: usize) -> Kind {
        self.frames.get(index).map_or(Kind::Document, |f| f.kind)
    }

    /// Whether a candidate's place fits the document: its way does not pass through a data type
    /// that the container does not hold while it holds another.
    fn compatible(&self, candidate: &Candidate) -> bool {
        let Some(frame) = self.frames.get(candidate.frame) else {
            return false;
        };
        let (mut map, mut kind) = (frame.map, frame.kind);
        for name in &candidate.names {
            match map.get(*name) {
                Some(next @ Value::Object(inner)) if !is_intrinsic(next) => {
                    let Some(inner_kind) = member_kind(kind, name) else {
                        return true;
                    };
                    (map, kind) = (inner, inner_kind);
                }
                Some(_) => return true,
                None => {
                    let holds_other = kind.members().iter().any(|m| map.contains_key(m.name));
                    return !(kind.exactly_one() && holds_other);
                }
            }
        }
        true
    }

    /// Whether every object on the way to a candidate's place already exists.
    fn exists(&self, candidate: &Candidate) -> bool {
        let Some(frame) = self.frames.get(candidate.frame) else {
            return false;
        };
        let mut map = frame.map;
        let steps = candidate.names.len().saturating_sub(1);
        for name in candidate.names.iter().take(steps) {
            match map.get(*name) {
                Some(next @ Value::Object(inner)) if !is_intrinsic(next) => map = inner,
                _ => return false,
            }
        }
        true
    }

    /// The `add` that puts the current value at a candidate's place, creating the objects on the
    /// way; `None` when the place is taken, or an object on the way is not a plain object, or
    /// the move would give a data container a second data type.
    fn move_edits(&self, candidate: &Candidate) -> Option<Edit> {
        let frame = self.frames.get(candidate.frame)?;
        let value = self.current_value()?;
        let mut pointer = self.prefix_pointer(frame.depth);
        let mut map = frame.map;
        let mut kind = frame.kind;

        for (step, name) in candidate.names.iter().enumerate() {
            pointer.push('/');
            pointer.push_str(&escape_token(name));
            let last = step + 1 == candidate.names.len();
            match map.get(*name) {
                Some(_) if last => return None,
                None if last => return Some(Edit::add(pointer, value.clone())),
                None => {
                    let other_data = kind.exactly_one()
                        && kind.members().iter().any(|m| map.contains_key(m.name));
                    if other_data {
                        return None;
                    }
                    let mut nested = value.clone();
                    for inner in candidate.names.iter().skip(step + 1).rev() {
                        let mut object = Map::new();
                        object.insert((*inner).to_string(), nested);
                        nested = Value::Object(object);
                    }
                    return Some(Edit::add(pointer, nested));
                }
                Some(next @ Value::Object(inner)) if !is_intrinsic(next) => {
                    kind = member_kind(kind, name)?;
                    map = inner;
                }
                Some(_) => return None,
            }
        }
        None
    }

    /// The value at the end of the path.
    fn current_value(&self) -> Option<&'a Value> {
        let mut value = self.root;
        for token in &self.path {
            value = match token {
                Token::Key(key) => value.get(*key)?,
                Token::Index(index) => value.get(*index)?,
            };
        }
        Some(value)
    }

    /// How messages name the object a candidate puts the key in: `` `Environment.Execution` ``.
    fn container_label(&self, candidate: &Candidate) -> String {
        match candidate.names.split_last() {
            Some((_, path)) if !path.is_empty() => format!("`{}`", path.join(".")),
            _ => match self.frames.get(candidate.frame) {
                Some(frame) => self.object_name(frame),
                None => "the document".to_string(),
            },
        }
    }

    /// The pointer of a candidate's place.
    fn target_pointer(&self, candidate: &Candidate) -> String {
        let depth = self.frames.get(candidate.frame).map_or(0, |f| f.depth);
        let mut pointer = self.prefix_pointer(depth);
        for name in &candidate.names {
            pointer.push('/');
            pointer.push_str(&escape_token(name));
        }
        pointer
    }

    /// The JSON Pointer of the current value.
    fn pointer(&self) -> String {
        self.prefix_pointer(self.path.len())
    }

    /// The JSON Pointer of the first `depth` tokens of the path.
    fn prefix_pointer(&self, depth: usize) -> String {
        let mut pointer = String::new();
        for token in self.path.iter().take(depth) {
            pointer.push('/');
            match token {
                Token::Key(key) => pointer.push_str(&escape_token(key)),
                Token::Index(index) => pointer.push_str(&index.to_string()),
            }
        }
        pointer
    }

    /// How messages name the current place: `` `MemorySize` ``, "item 2 of `Functions`".
    fn place(&self) -> String {
        match self.path.as_slice() {
            [] => "The document".to_string(),
            [.., Token::Key(key)] => format!("`{key}`"),
            [.., Token::Key(list), Token::Index(index)] => {
                format!("Item {} of `{list}`", index + 1)
            }
            [.., Token::Index(index)] => format!("Item {}", index + 1),
        }
    }

    /// How messages name an object: the key it sits under, else its kind.
    fn object_name(&self, frame: &Frame) -> String {
        match frame.depth.checked_sub(1).and_then(|i| self.path.get(i)) {
            None => "the top level of the document".to_string(),
            Some(Token::Key(key)) => format!("`{key}`"),
            Some(Token::Index(_)) => frame.kind.name().to_string(),
        }
    }

    /// " in function `f`", " in attachment #2 of function `f`", " in resource `r`", or "": the
    /// entry the current place belongs to, for a message that names the place itself.
    fn subject(&self) -> String {
        self.subject_for(true)
    }

    /// Like [`Walk::subject`]; `place_named` says whether the message names the current place
    /// (an attachment named as "Item 2 of `ResourceAccessPolicies`" needs no "in attachment #2").
    fn subject_for(&self, place_named: bool) -> String {
        let (list, index) = match self.path.as_slice() {
            // "Item 2 of `Functions`" already says which entry.
            [Token::Key(_), Token::Index(_)] if place_named => return String::new(),
            [Token::Key(list), Token::Index(index), ..] => (*list, *index),
            _ => return String::new(),
        };
        let entry = self.root.get(list).and_then(|items| items.get(index));
        let text = |key: &str| entry.and_then(|e| e.get(key)).and_then(Value::as_str);
        let owner = match list {
            "Functions" => match (text("Id"), text("FunctionArn")) {
                (Some(id), _) | (None, Some(id)) => format!("function `{id}`"),
                _ => format!("function #{}", index + 1),
            },
            "Resources" => match (text("Id"), text("Name")) {
                (Some(id), _) | (None, Some(id)) => format!("resource `{id}`"),
                _ => format!("resource #{}", index + 1),
            },
            _ => return String::new(),
        };
        let policy = self.path.windows(2).find_map(|pair| match pair {
            [Token::Key("ResourceAccessPolicies"), Token::Index(i)] => Some(*i),
            _ => None,
        });
        // An attachment that is itself the place is named by `place`; its members are not.
        let at_policy = matches!(
            self.path.as_slice(),
            [.., Token::Key("ResourceAccessPolicies"), Token::Index(_)]
        );
        match policy {
            Some(i) if !(at_policy && place_named) => {
                format!(" in attachment #{} of {owner}", i + 1)
            }
            _ => format!(" in {owner}"),
        }
    }
}

/// A place an unknown key could belong: a frame of the walk, then members down from it.
struct Candidate {
    frame: usize,
    names: Vec<&'static str>,
}

impl Candidate {
    fn new(frame: usize, names: &[&'static str]) -> Candidate {
        Candidate {
            frame,
            names: names.to_vec(),
        }
    }
}

/// Whether `value` is a scalar that [`Walk::value`] would accept at a place of type `ty` without
/// a word: the common case, decided without a call.
fn scalar_fits(ty: &Type, value: &Value) -> bool {
    match (ty, value) {
        (Type::String, Value::String(_)) | (Type::Boolean, Value::Bool(_)) => true,
        (Type::Integer, Value::Number(number)) => number.is_i64() || number.is_u64(),
        (Type::Enum(set), Value::String(text)) => set.accepts(text),
        _ => false,
    }
}

/// `name == key`, rejecting by length and first byte before comparing the rest: it runs for
/// every member of every object, and most candidates differ right away.
fn same_key(name: &str, key: &str) -> bool {
    name.len() == key.len() && name.as_bytes().first() == key.as_bytes().first() && name == key
}

/// The members of `kind` that hold an object (not a list).
fn object_members(kind: Kind) -> impl Iterator<Item = &'static Member> {
    kind.members()
        .iter()
        .filter(|member| matches!(member.ty, Type::Object(_)))
}

/// The kind of an object member.
fn child_kind(member: &Member) -> Kind {
    member.ty.kind().unwrap_or(Kind::Document)
}

/// The kind of member `name` of `kind`, when it holds an object.
fn member_kind(kind: Kind, name: &str) -> Option<Kind> {
    match kind.member(name)?.ty {
        Type::Object(inner) => Some(inner),
        _ => None,
    }
}

/// Whether `key` names member `name` elsewhere: exactly, or as a near miss.
fn matches(name: &str, key: &str) -> bool {
    name == key || near_miss(name, key)
}

/// Whether `key` is a slip of `name`: it differs only in ASCII case or surrounding space, or
/// (for names of five letters or more) by one letter added, dropped, changed or swapped.
fn near_miss(name: &str, key: &str) -> bool {
    let key = key.trim();
    if name.eq_ignore_ascii_case(key) {
        return true;
    }
    if name.len() < 5 {
        return false;
    }
    one_edit(name.as_bytes(), key.as_bytes())
}

/// Whether two ASCII-case-folded byte strings are one insertion, deletion, substitution or
/// adjacent swap apart.
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let same = |x: u8, y: u8| x.eq_ignore_ascii_case(&y);
    let prefix = a.iter().zip(b).take_while(|(x, y)| same(**x, **y)).count();
    let (a_rest, b_rest) = (&a[prefix..], &b[prefix..]);
    let equal =
        |x: &[u8], y: &[u8]| x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(*p, *q));
    match (a_rest, b_rest) {
        ([], []) => true,
        ([_, a_tail @ ..], [_, b_tail @ ..]) if equal(a_tail, b_tail) => true,
        ([x, y, a_tail @ ..], [p, q, b_tail @ ..])
            if same(*x, *q) && same(*y, *p) && equal(a_tail, b_tail) =>
        {
            true
        }
        ([_, a_tail @ ..], b_all) if equal(a_tail, b_all) => true,
        (a_all, [_, b_tail @ ..]) if equal(a_all, b_tail) => true,
        _ => false,
    }
}

/// The lossless conversion of `value` to `ty`, if there is one.
fn convert(value: &Value, ty: &Type) -> Option<Value> {
    match (ty, value) {
        (Type::Integer, Value::String(text)) => canonical_integer(text).map(Value::from),
        (Type::Boolean, Value::String(text)) => match text.as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        (Type::String, Value::Number(number)) if number.is_i64() || number.is_u64() => {
            Some(Value::String(number.to_string()))
        }
        (Type::String, Value::Bool(flag)) => Some(Value::String(flag.to_string())),
        _ => None,
    }
}

/// The integer a string spells in canonical form: an optional `-`, then digits without a leading
/// zero (`"0"` itself is fine, `"-0"` is not), within 64 bits.
fn canonical_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && text != "-0";
    if canonical {
        text.parse().ok()
    } else {
        None
    }
}

/// A single value given where a list of such values is expected, put in a list.
fn wrap(value: &Value, ty: &Type) -> Option<Value> {
    let Type::Array(item) = ty else {
        return None;
    };
    let fits = matches!(
        (item, value),
        (Type::Object(_), Value::Object(_)) | (Type::String, Value::String(_))
    );
    fits.then(|| Value::Array(vec![value.clone()]))
}

/// A value as messages describe it: `the string "lots"`, `the number 5.5`, `a list`.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(flag) => format!("the boolean {flag}"),
        Value::Number(number) => describe_number(number),
        Value::String(text) => format!("the string {}", quote(text)),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// A number as messages describe it, saying why it is not an integer when it is not one: a
/// fraction, a whole number written with a point or an exponent (`1.0`, `3e1`), or a whole number
/// beyond the 64-bit range that JSON readers keep as a float.
fn describe_number(number: &Number) -> String {
    let Some(value) = number.as_f64().filter(|_| number.is_f64()) else {
        return format!("the number {number}");
    };

    // 2^63: from here on a float no longer fits an `i64` (or, from 2^64, a `u64`).
    const INTEGER_LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if value.fract() != 0.0 {
        format!("the number {number} (not a whole number)")
    } else if value.abs() < INTEGER_LIMIT {
        format!("the number {number} (written with a decimal point or an exponent)")
    } else {
        format!("the number {number} (too large for an integer)")
    }
}

/// A string quoted for a message, cut after 40 characters.
fn quote(text: &str) -> String {
    const LIMIT: usize = 40;
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}...", Value::String(text[..end].to_string())),
        None => Value::String(text.to_string()).to_string(),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::rules::testing::{assert_fix_clears, run};

    const CORE: &str = "1.11";

    /// The pointers of the diagnostics of `rule` for `doc`.
    fn pointers(rule: &Rule, doc: Value) -> Vec<String> {
        run(rule, doc, CORE)
            .into_iter()
            .map(|d| d.pointer)
            .collect()
    }

    /// Every `shape/*` diagnostic of `doc`.
    fn all_shape(doc: Value) -> Vec<Diagnostic> {
        RULES
            .iter()
            .flat_map(|rule| run(rule, doc.clone(), CORE))
            .collect()
    }

    /// `doc` after the first fix of the only diagnostic of `rule`.
    fn fixed(rule: &Rule, doc: Value) -> Value {
        let found = run(rule, doc.clone(), CORE);
        assert_eq!(found.len(), 1, "{found:#?}");
        let mut doc = doc;
        crate::edit::apply(&mut doc, &found[0].fixes[0].edits).unwrap();
        doc
    }

    /// A group with one function whose `Environment` is `environment`.
    fn with_environment(environment: Value) -> Value {
        json!({"Functions": [{
            "Id": "f",
            "FunctionConfiguration": {"MemorySize": 16384, "Environment": environment}
        }]})
    }

    /// A group with one resource whose container is `container`.
    fn with_container(container: Value) -> Value {
        json!({"Resources": [{"Id": "r", "Name": "r", "ResourceDataContainer": container}]})
    }

    /// A document that uses every member of the schema with a value of the right type.
    fn complete() -> Value {
        json!({
            "DefaultConfig": {"Execution": {
                "IsolationMode": "GreengrassContainer",
                "RunAs": {"Uid": 1000, "Gid": 1000}
            }},
            "Functions": [{
                "Id": "f",
                "FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:f:1",
                "FunctionConfiguration": {
                    "EncodingType": "binary",
                    "ExecArgs": "-v",
                    "Executable": "f.py",
                    "MemorySize": 16384,
                    "Pinned": false,
                    "Timeout": 3,
                    "FunctionRuntimeOverride": "python3.8",
                    "Environment": {
                        "AccessSysfs": true,
                        "Execution": {"IsolationMode": "NoContainer", "RunAs": {"Uid": 0, "Gid": 0}},
                        "ResourceAccessPolicies": [
                            {"ResourceId": "device", "Permission": "rw"},
                            {"ResourceId": "model"}
                        ],
                        "Variables": {"LOG_LEVEL": "debug"}
                    }
                }
            }],
            "Resources": [
                {"Id": "device", "Name": "device", "ResourceDataContainer": {
                    "LocalDeviceResourceData": {
                        "SourcePath": "/dev/video0",
                        "GroupOwnerSetting": {"AutoAddGroupOwner": false, "GroupOwner": "video"}
                    }
                }},
                {"Id": "volume", "Name": "volume", "ResourceDataContainer": {
                    "LocalVolumeResourceData": {
                        "SourcePath": "/srv/data",
                        "DestinationPath": "/data",
                        "GroupOwnerSetting": {"AutoAddGroupOwner": true}
                    }
                }},
                {"Id": "model", "Name": "model", "ResourceDataContainer": {
                    "S3MachineLearningModelResourceData": {
                        "DestinationPath": "/models/a",
                        "S3Uri": "s3://bucket/model.tar.gz",
                        "OwnerSetting": {"GroupOwner": "1500", "GroupPermission": "ro"}
                    }
                }},
                {"Id": "job", "Name": "job", "ResourceDataContainer": {
                    "SageMakerMachineLearningModelResourceData": {
                        "DestinationPath": "/models/b",
                        "SageMakerJobArn":
                            "arn:aws:sagemaker:us-west-2:123456789012:training-job/train",
                        "OwnerSetting": {"GroupOwner": "1501", "GroupPermission": "rw"}
                    }
                }},
                {"Id": "secret", "Name": "secret", "ResourceDataContainer": {
                    "SecretsManagerSecretResourceData": {
                        "ARN": "arn:aws:secretsmanager:us-west-2:123456789012:secret:s-AbCdEf",
                        "AdditionalStagingLabelsToDownload": ["Label1"]
                    }
                }}
            ]
        })
    }

    #[test]
    fn a_complete_document_has_no_shape_diagnostic() {
        assert_eq!(all_shape(complete()), []);
        assert_eq!(all_shape(json!({})), []);
    }

    // shape/type

    #[test]
    fn type_reports_each_wrong_value_at_its_pointer() {
        let doc = json!({
            "DefaultConfig": {"Execution": {"RunAs": {"Uid": -1.5}}},
            "Functions": [{
                "Id": 7,
                "FunctionConfiguration": {
                    "MemorySize": "lots",
                    "Pinned": 1,
                    "Timeout": 5.0,
                    "ExecArgs": ["-v"],
                    "Environment": {
                        "AccessSysfs": "yes",
                        "ResourceAccessPolicies": [{"ResourceId": "r", "Permission": 1}, "r2"],
                        "Variables": {"A": {"x": 1}, "B": "ok"}
                    }
                }
            }],
            "Resources": [{"Id": "r", "Name": "r", "ResourceDataContainer": {
                "SecretsManagerSecretResourceData": {
                    "ARN": "arn",
                    "AdditionalStagingLabelsToDownload": ["a", false, 2.5]
                }
            }}]
        });
        let env = "/Functions/0/FunctionConfiguration/Environment";
        let data = "/Resources/0/ResourceDataContainer/SecretsManagerSecretResourceData";
        let expected = [
            "/DefaultConfig/Execution/RunAs/Uid".to_string(),
            "/Functions/0/Id".to_string(),
            "/Functions/0/FunctionConfiguration/MemorySize".to_string(),
            "/Functions/0/FunctionConfiguration/Pinned".to_string(),
            "/Functions/0/FunctionConfiguration/Timeout".to_string(),
            "/Functions/0/FunctionConfiguration/ExecArgs".to_string(),
            format!("{env}/AccessSysfs"),
            format!("{env}/ResourceAccessPolicies/0/Permission"),
            format!("{env}/ResourceAccessPolicies/1"),
            format!("{env}/Variables/A"),
            format!("{data}/AdditionalStagingLabelsToDownload/1"),
            format!("{data}/AdditionalStagingLabelsToDownload/2"),
        ];
        assert_eq!(pointers(&TYPE, doc), expected);
    }

    #[test]
    fn type_message_names_the_function_and_both_types() {
        let doc =
            json!({"Functions": [{"Id": "f", "FunctionConfiguration": {"MemorySize": "lots"}}]});
        let found = run(&TYPE, doc, CORE);
        assert_eq!(
            found[0].message,
            "`MemorySize` in function `f` is the string \"lots\"; the API expects an integer"
        );
        assert!(found[0].fixes.is_empty());
    }

    #[test]
    fn type_reports_a_document_or_list_of_the_wrong_kind() {
        assert_eq!(pointers(&TYPE, json!([])), [""]);
        assert_eq!(
            pointers(&TYPE, json!({"Functions": {"Id": "f"}})),
            ["/Functions"]
        );
        assert_eq!(pointers(&TYPE, json!({"Resources": "r"})), ["/Resources"]);
        assert_eq!(
            pointers(&TYPE, json!({"DefaultConfig": []})),
            ["/DefaultConfig"]
        );
        let found = run(&TYPE, json!({"Functions": [{"Id": "f"}, 5]}), CORE);
        assert_eq!(
            found[0].message,
            "Item 2 of `Functions` is the number 5; the API expects an object (Function)"
        );
    }

    #[test]
    fn type_offers_the_lossless_conversion_when_import_was_skipped() {
        let doc = json!({"Functions": [{"Id": "f", "FunctionConfiguration": {"Timeout": "5"}}]});
        assert_eq!(
            fixed(&TYPE, doc.clone()),
            json!({"Functions": [{"Id": "f", "FunctionConfiguration": {"Timeout": 5}}]})
        );
        assert_fix_clears(&TYPE, doc, CORE);
    }

    #[test]
    fn type_fixes_null_and_a_lone_attachment() {
        let null = with_environment(json!({"AccessSysfs": null}));
        assert_eq!(fixed(&TYPE, null.clone()), with_environment(json!({})));
        assert_fix_clears(&TYPE, null, CORE);

        let lone = with_environment(json!({"ResourceAccessPolicies": {"ResourceId": "r"}}));
        assert_eq!(
            fixed(&TYPE, lone.clone()),
            with_environment(json!({"ResourceAccessPolicies": [{"ResourceId": "r"}]}))
        );
        assert_fix_clears(&TYPE, lone, CORE);
    }

    // shape/enum

    #[test]
    fn enum_accepts_the_api_values() {
        let doc = json!({
            "DefaultConfig": {"Execution": {"IsolationMode": "NoContainer"}},
            "Functions": [{"Id": "f", "FunctionConfiguration": {
                "EncodingType": "json",
                "Environment": {
                    "Execution": {"IsolationMode": "GreengrassContainer"},
                    "ResourceAccessPolicies": [{"ResourceId": "r", "Permission": "ro"}]
                }
            }}]
        });
        assert_eq!(pointers(&ENUM, doc), Vec::<String>::new());
    }

    #[test]
    fn enum_reports_every_value_outside_its_set() {
        let doc = json!({
            "DefaultConfig": {"Execution": {"IsolationMode": "Container"}},
            "Functions": [{"Id": "f", "FunctionConfiguration": {
                "EncodingType": "JSON",
                "Environment": {
                    "Execution": {"IsolationMode": "NoContainer "},
                    "ResourceAccessPolicies": [{"ResourceId": "r", "Permission": "RW"}]
                }
            }}],
            "Resources": [{"Id": "r", "Name": "r", "ResourceDataContainer": {
                "S3MachineLearningModelResourceData": {
                    "DestinationPath": "/m",
                    "S3Uri": "s3://b/m.zip",
                    "OwnerSetting": {"GroupOwner": "1500", "GroupPermission": "read"}
                }
            }}]
        });
        let found = run(&ENUM, doc.clone(), CORE);
        let got: Vec<(&str, Option<&Value>)> = found
            .iter()
            .map(|d| {
                let value = d.fixes.first().and_then(|f| match f.edits.as_slice() {
                    [Edit::Replace { value, .. }] => Some(value),
                    _ => None,
                });
                (d.pointer.as_str(), value)
            })
            .collect();
        let env = "/Functions/0/FunctionConfiguration/Environment";
        assert_eq!(
            got,
            [
                ("/DefaultConfig/Execution/IsolationMode", None),
                ("/Functions/0/FunctionConfiguration/EncodingType", Some(&json!("json"))),
                (&*format!("{env}/Execution/IsolationMode"), Some(&json!("NoContainer"))),
                (&*format!("{env}/ResourceAccessPolicies/0/Permission"), Some(&json!("rw"))),
                (
                    "/Resources/0/ResourceDataContainer/S3MachineLearningModelResourceData/OwnerSetting/GroupPermission",
                    None
                ),
            ]
        );
        assert!(found[0]
            .message
            .contains("`GreengrassContainer`, `NoContainer`"));
        assert!(found[4].message.contains("`ro`, `rw`"));
        assert_fix_clears(&ENUM, doc, CORE);
    }

    // shape/unknown-field

    #[test]
    fn unknown_field_reports_keys_anywhere() {
        let doc = json!({
            "Tags": {},
            "DefaultConfig": {"Execution": {"RunAs": {"User": "ggc_user"}}},
            "Functions": [{"Id": "f", "Name": "f"}],
            "Resources": [{"Id": "r", "Name": "r", "ResourceDataContainer": {
                "SecretsManagerSecretResourceData": {"ARN": "arn", "VersionStage": "x"}
            }}]
        });
        assert_eq!(
            pointers(&UNKNOWN_FIELD, doc),
            [
                "/Tags",
                "/DefaultConfig/Execution/RunAs/User",
                "/Functions/0/Name",
                "/Resources/0/ResourceDataContainer/SecretsManagerSecretResourceData/VersionStage",
            ]
        );
    }

    #[test]
    fn unknown_field_moves_execution_into_environment() {
        let doc = json!({"Functions": [{"Id": "f", "FunctionConfiguration": {
            "Execution": {"IsolationMode": "NoContainer"},
            "Environment": {"AccessSysfs": false}
        }}]});
        let found = run(&UNKNOWN_FIELD, doc.clone(), CORE);
        assert_eq!(
            found[0].pointer,
            "/Functions/0/FunctionConfiguration/Execution"
        );
        assert_eq!(
            found[0].related,
            ["/Functions/0/FunctionConfiguration/Environment/Execution"]
        );
        assert_eq!(
            fixed(&UNKNOWN_FIELD, doc.clone()),
            json!({"Functions": [{"Id": "f", "FunctionConfiguration": {
                "Environment": {"AccessSysfs": false, "Execution": {"IsolationMode": "NoContainer"}}
            }}]})
        );
        assert_fix_clears(&UNKNOWN_FIELD, doc, CORE);
    }

    #[test]
    fn unknown_field_creates_the_objects_on_the_way() {
        let doc = json!({"Functions": [{"Id": "f", "FunctionConfiguration": {
            "IsolationMode": "NoContainer"
        }}]});
        assert_eq!(
            fixed(&UNKNOWN_FIELD, doc),
            json!({"Functions": [{"Id": "f", "FunctionConfiguration": {
                "Environment": {"Execution": {"IsolationMode": "NoContainer"}}
            }}]})
        );
    }

    #[test]
    fn unknown_field_moves_isolation_mode_down_from_environment() {
        let doc = with_environment(json!({
            "IsolationMode": "NoContainer",
            "Execution": {"RunAs": {"Uid": 1}}
        }));
        let found = run(&UNKNOWN_FIELD, doc.clone(), CORE);
        assert_eq!(
            found[0].pointer,
            "/Functions/0/FunctionConfiguration/Environment/IsolationMode"
        );
        assert_eq!(
            fixed(&UNKNOWN_FIELD, doc.clone()),
            with_environment(json!({
                "Execution": {"RunAs": {"Uid": 1}, "IsolationMode": "NoContainer"}
            }))
        );
        assert_fix_clears(&UNKNOWN_FIELD, doc, CORE);
    }

    #[test]
    fn unknown_field_moves_a_member_up_to_its_parent() {
        let doc = with_environment(json!({"Timeout": 3}));
        let found = run(&UNKNOWN_FIELD, doc.clone(), CORE);
        assert_eq!(
            found[0].related,
            ["/Functions/0/FunctionConfiguration/Timeout"]
        );
        assert_fix_clears(&UNKNOWN_FIELD, doc, CORE);
    }

    #[test]
    fn unknown_field_renames_a_near_miss() {
        let doc = json!({"Functions": [{"Id": "f", "FunctionConfiguration": {
            "memorySize": 512, "Timout": 3
        }}]});
        let found = run(&UNKNOWN_FIELD, doc.clone(), CORE);
        assert_eq!(found[0].fixes[0].title, "Rename to `MemorySize`");
        assert!(found[0].help.contains("`MemorySize`"), "{}", found[0].help);
        assert_eq!(found[1].fixes[0].title, "Rename to `Timeout`");
        let mut renamed = doc.clone();
        crate::edit::apply(&mut renamed, &found[0].fixes[0].edits).unwrap();
        assert_eq!(
            renamed,
            json!({"Functions": [{"Id": "f", "FunctionConfiguration": {
                "Timout": 3, "MemorySize": 512
            }}]})
        );
        assert_fix_clears(&UNKNOWN_FIELD, doc, CORE);
    }

    #[test]
    fn unknown_field_offers_no_move_to_a_taken_place() {
        let doc = json!({"Functions": [{"Id": "f", "FunctionConfiguration": {
            "memorySize": 512, "MemorySize": 1024
        }}]});
        let found = run(&UNKNOWN_FIELD, doc, CORE);
        assert_eq!(found.len(), 1);
        assert!(found[0].fixes.is_empty());
        assert!(found[0].help.contains("already"), "{}", found[0].help);
    }

    #[test]
    fn unknown_field_offers_no_move_when_ambiguous() {
        let doc = with_container(json!({"SourcePath": "/dev/a"}));
        let found = run(&UNKNOWN_FIELD, doc, CORE);
        assert_eq!(
            found[0].pointer,
            "/Resources/0/ResourceDataContainer/SourcePath"
        );
        assert!(found[0].fixes.is_empty());
        assert!(found[0].help.contains("LocalDeviceResourceData/SourcePath"));
        assert!(found[0].help.contains("LocalVolumeResourceData/SourcePath"));
    }

    #[test]
    fn unknown_field_picks_the_data_type_the_container_holds() {
        let doc = with_container(json!({
            "GroupOwner": "1500",
            "S3MachineLearningModelResourceData": {"DestinationPath": "/m", "S3Uri": "s3://b/m.zip"}
        }));
        let found = run(&UNKNOWN_FIELD, doc.clone(), CORE);
        assert_eq!(
            found[0].related,
            ["/Resources/0/ResourceDataContainer/S3MachineLearningModelResourceData/OwnerSetting/GroupOwner"]
        );
        assert_fix_clears(&UNKNOWN_FIELD, doc, CORE);
    }

    #[test]
    fn unknown_field_names_the_owner_of_an_unreachable_member() {
        let doc = json!({"Functions": [{"Id": "f", "Permission": "ro"}]});
        let found = run(&UNKNOWN_FIELD, doc, CORE);
        assert_eq!(found[0].pointer, "/Functions/0/Permission");
        assert!(found[0].fixes.is_empty());
        assert!(
            found[0].help.contains("ResourceAccessPolicy"),
            "{}",
            found[0].help
        );
    }

    #[test]
    fn near_misses_are_one_slip_apart() {
        assert!(near_miss("MemorySize", "memorysize"));
        assert!(near_miss("Timeout", " Timeout"));
        assert!(near_miss("Timeout", "Timout"));
        assert!(near_miss("Timeout", "Timeouts"));
        assert!(near_miss("Timeout", "Tiemout"));
        assert!(near_miss("Pinned", "Pinnad"));
        assert!(!near_miss("Timeout", "Tmeuot"));
        assert!(!near_miss("Uid", "Gid"));
        assert!(!near_miss("Pinned", "Pin"));
    }

    // shape/required

    #[test]
    fn required_reports_where_the_member_would_be() {
        let doc = json!({
            "Functions": [
                {"FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:f:1"},
                {"Id": "g", "FunctionConfiguration": {"Environment": {
                    "ResourceAccessPolicies": [{"ResourceId": "r"}, {"Permission": "ro"}]
                }}}
            ],
            "Resources": [{"Id": "r"}, {"Name": "n", "ResourceDataContainer": {
                "LocalDeviceResourceData": {"SourcePath": "/dev/a"}
            }}]
        });
        let found = run(&REQUIRED, doc, CORE);
        let got: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            got,
            [
                "/Functions/0/Id",
                "/Functions/1/FunctionConfiguration/Environment/ResourceAccessPolicies/1/ResourceId",
                "/Resources/0/Name",
                "/Resources/0/ResourceDataContainer",
                "/Resources/1/Id",
            ]
        );
        assert_eq!(
            found[0].message,
            "`Id` is missing in function `arn:aws:lambda:us-west-2:123456789012:function:f:1`"
        );
        assert_eq!(
            found[1].message,
            "`ResourceId` is missing in attachment #2 of function `g`"
        );
        assert_eq!(found[4].message, "`Id` is missing in resource `n`");
    }

    #[test]
    fn required_is_quiet_when_everything_is_there() {
        assert_eq!(pointers(&REQUIRED, complete()), Vec::<String>::new());
    }

    // shape/one-data-type

    #[test]
    fn one_data_type_reports_an_empty_container() {
        let doc = with_container(json!({}));
        let found = run(&ONE_DATA_TYPE, doc, CORE);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer, "/Resources/0/ResourceDataContainer");
        assert!(found[0].fixes.is_empty());
    }

    #[test]
    fn one_data_type_reports_several_and_keeps_one() {
        let doc = with_container(json!({
            "LocalDeviceResourceData": {"SourcePath": "/dev/a"},
            "SecretsManagerSecretResourceData": {"ARN": "arn"}
        }));
        let found = run(&ONE_DATA_TYPE, doc.clone(), CORE);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer, "/Resources/0/ResourceDataContainer");
        assert_eq!(
            found[0].related,
            [
                "/Resources/0/ResourceDataContainer/LocalDeviceResourceData",
                "/Resources/0/ResourceDataContainer/SecretsManagerSecretResourceData",
            ]
        );
        assert_eq!(found[0].fixes.len(), 2);
        assert_eq!(
            fixed(&ONE_DATA_TYPE, doc.clone()),
            with_container(json!({"LocalDeviceResourceData": {"SourcePath": "/dev/a"}}))
        );
        assert_fix_clears(&ONE_DATA_TYPE, doc, CORE);
    }

    #[test]
    fn one_data_type_is_quiet_for_one() {
        assert_eq!(pointers(&ONE_DATA_TYPE, complete()), Vec::<String>::new());
    }

    // shape/coerced

    #[test]
    fn coerce_converts_lossless_scalars_in_place() {
        let mut doc = json!({
            "DefaultConfig": {"Execution": {"RunAs": {"Uid": "0", "Gid": "-1"}}},
            "Functions": [{"Id": "f", "FunctionConfiguration": {
                "MemorySize": "512",
                "Pinned": "true",
                "Timeout": "5.0",
                "Environment": {
                    "AccessSysfs": "false",
                    "Execution": {"RunAs": {"Uid": " 5", "Gid": "9223372036854775808"}},
                    "Variables": {"PORT": 8080, "DEBUG": true, "RATIO": 0.5}
                }
            }}],
            "Resources": [{"Id": "r", "Name": "r", "ResourceDataContainer": {
                "S3MachineLearningModelResourceData": {
                    "DestinationPath": "/m",
                    "S3Uri": "s3://b/m.zip",
                    "OwnerSetting": {"GroupOwner": 1500, "GroupPermission": "ro"}
                }
            }}]
        });
        let found = coerce(&mut doc);
        let env = "/Functions/0/FunctionConfiguration/Environment";
        let got: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            got,
            [
                "/DefaultConfig/Execution/RunAs/Uid",
                "/DefaultConfig/Execution/RunAs/Gid",
                "/Functions/0/FunctionConfiguration/MemorySize",
                "/Functions/0/FunctionConfiguration/Pinned",
                &format!("{env}/AccessSysfs"),
                &format!("{env}/Variables/PORT"),
                &format!("{env}/Variables/DEBUG"),
                "/Resources/0/ResourceDataContainer/S3MachineLearningModelResourceData/OwnerSetting/GroupOwner",
            ]
        );
        assert!(found
            .iter()
            .all(|d| d.rule == "shape/coerced" && d.severity == Severity::Info));
        assert_eq!(
            found[2].message,
            "`MemorySize` in function `f` was the string \"512\"; read as the number 512"
        );
        assert_eq!(
            doc,
            json!({
                "DefaultConfig": {"Execution": {"RunAs": {"Uid": 0, "Gid": -1}}},
                "Functions": [{"Id": "f", "FunctionConfiguration": {
                    "MemorySize": 512,
                    "Pinned": true,
                    "Timeout": "5.0",
                    "Environment": {
                        "AccessSysfs": false,
                        "Execution": {"RunAs": {"Uid": " 5", "Gid": "9223372036854775808"}},
                        "Variables": {"PORT": "8080", "DEBUG": "true", "RATIO": 0.5}
                    }
                }}],
                "Resources": [{"Id": "r", "Name": "r", "ResourceDataContainer": {
                    "S3MachineLearningModelResourceData": {
                        "DestinationPath": "/m",
                        "S3Uri": "s3://b/m.zip",
                        "OwnerSetting": {"GroupOwner": "1500", "GroupPermission": "ro"}
                    }
                }}]
            })
        );

        // Its own output needs nothing more; what it left is for shape/type.
        assert_eq!(coerce(&mut doc), []);
        let env_pointers = pointers(&TYPE, doc);
        assert_eq!(
            env_pointers,
            [
                "/Functions/0/FunctionConfiguration/Timeout".to_string(),
                format!("{env}/Execution/RunAs/Uid"),
                format!("{env}/Execution/RunAs/Gid"),
                format!("{env}/Variables/RATIO"),
            ]
        );
    }

    #[test]
    fn coerce_leaves_enums_and_intrinsics_alone() {
        let original = json!({"Functions": [{"Id": {"Ref": "Id"}, "FunctionConfiguration": {
            "MemorySize": {"Fn::GetAtt": ["Config", "Memory"]},
            "Environment": {"ResourceAccessPolicies": [{"ResourceId": "r", "Permission": 1}]}
        }}]});
        let mut doc = original.clone();
        assert_eq!(coerce(&mut doc), []);
        assert_eq!(doc, original);
    }

    #[test]
    fn check_never_reports_coerced() {
        let doc =
            json!({"Functions": [{"Id": "f", "FunctionConfiguration": {"MemorySize": "512"}}]});
        assert_eq!(pointers(&COERCED, doc), Vec::<String>::new());
    }

    #[test]
    fn numbers_say_why_they_are_not_integers() {
        let number = |text: &str| -> Number { serde_json::from_str(text).unwrap() };

        assert_eq!(describe_number(&number("512")), "the number 512");
        assert_eq!(describe_number(&number("-3")), "the number -3");
        assert_eq!(
            describe_number(&number("1.5")),
            "the number 1.5 (not a whole number)"
        );
        assert_eq!(
            describe_number(&number("1.0")),
            "the number 1.0 (written with a decimal point or an exponent)"
        );
        assert!(describe_number(&number("3e1"))
            .ends_with("(written with a decimal point or an exponent)"));
        // 2^64 and 10^300 are whole, but no 64-bit integer holds them.
        assert!(describe_number(&number("18446744073709551616"))
            .ends_with("(too large for an integer)"));
        assert!(describe_number(&number("-1e300")).ends_with("(too large for an integer)"));
    }

    #[test]
    fn canonical_integers_only() {
        assert_eq!(canonical_integer("512"), Some(512));
        assert_eq!(canonical_integer("0"), Some(0));
        assert_eq!(canonical_integer("-7"), Some(-7));
        for text in [
            "",
            "-",
            "-0",
            "05",
            "+5",
            " 5",
            "5 ",
            "5.0",
            "1e3",
            "99999999999999999999",
        ] {
            assert_eq!(canonical_integer(text), None, "{text:?}");
        }
    }

    // Whole documents

    /// The five snippets of `access-ml-resources.md`, placeholders made real: `ro-or-rw` to a
    /// permission, `os-group-id` to a GID, the S3 URI to an archive (the page's comment and
    /// trailing comma dropped, as JSON has neither).
    #[test]
    fn the_pages_examples_have_no_shape_diagnostic() {
        let arn = "arn:aws:lambda:us-west-2:123456789012:function:function-name:1";
        let containerized = json!({"Functions": [{
            "Id": "my-containerized-function",
            "FunctionArn": arn,
            "FunctionConfiguration": {
                "Environment": {
                    "ResourceAccessPolicies": [
                        {"ResourceId": "my-resource-id", "Permission": "ro"}
                    ]
                },
                "MemorySize": 512,
                "Pinned": true,
                "Timeout": 5
            }
        }]});
        let no_owner = json!({"Resources": [{
            "Id": "my-resource-id",
            "Name": "my-resource-name",
            "ResourceDataContainer": {
                "S3MachineLearningModelResourceData": {
                    "DestinationPath": "/local-destination-path",
                    "S3Uri": "s3://my-bucket/model.tar.gz"
                }
            }
        }]});
        let non_containerized = json!({"Functions": [{
            "Id": "my-non-containerized-function",
            "FunctionArn": arn,
            "FunctionConfiguration": {
                "Environment": {
                    "Execution": {"IsolationMode": "NoContainer"},
                    "ResourceAccessPolicies": [{"ResourceId": "my-resource-id"}]
                },
                "Pinned": true,
                "Timeout": 5
            }
        }]});
        let containerized_with_owner = json!({"Functions": [{
            "Id": "my-containerized-function",
            "FunctionArn": arn,
            "FunctionConfiguration": {
                "Environment": {
                    "ResourceAccessPolicies": [
                        {"ResourceId": "my-resource-id", "Permission": "rw"}
                    ]
                },
                "MemorySize": 512,
                "Pinned": true,
                "Timeout": 5
            }
        }]});
        let with_owner = json!({"Resources": [{
            "Id": "my-resource-id",
            "Name": "my-resource-name",
            "ResourceDataContainer": {
                "S3MachineLearningModelResourceData": {
                    "DestinationPath": "/local-destination-path",
                    "S3Uri": "s3://my-bucket/model.tar.gz",
                    "OwnerSetting": {"GroupOwner": "1500", "GroupPermission": "rw"}
                }
            }
        }]});
        for doc in [
            containerized,
            no_owner,
            non_containerized,
            containerized_with_owner,
            with_owner,
        ] {
            assert_eq!(all_shape(doc.clone()), [], "{doc:#}");
            let mut coerced = doc.clone();
            assert_eq!(coerce(&mut coerced), []);
        }
    }

    #[test]
    fn intrinsics_in_any_scalar_place_are_quiet() {
        let intrinsics = [
            json!({"Ref": "X"}),
            json!({"Fn::GetAtt": ["Model", "Arn"]}),
            json!({"Fn::Sub": "${AWS::Region}"}),
        ];
        for value in intrinsics {
            let doc = json!({
                "DefaultConfig": {"Execution": {"IsolationMode": value, "RunAs": {"Uid": value}}},
                "Functions": [{
                    "Id": value,
                    "FunctionArn": value,
                    "FunctionConfiguration": {
                        "EncodingType": value, "ExecArgs": value, "Executable": value,
                        "MemorySize": value, "Pinned": value, "Timeout": value,
                        "FunctionRuntimeOverride": value,
                        "Environment": {
                            "AccessSysfs": value,
                            "Execution": {"IsolationMode": value, "RunAs": {"Uid": value, "Gid": value}},
                            "ResourceAccessPolicies": [{"ResourceId": value, "Permission": value}],
                            "Variables": {"A": value}
                        }
                    }
                }, value],
                "Resources": [
                    {"Id": value, "Name": value, "ResourceDataContainer": {
                        "LocalVolumeResourceData": {
                            "SourcePath": value, "DestinationPath": value,
                            "GroupOwnerSetting": {"AutoAddGroupOwner": value, "GroupOwner": value}
                        }
                    }},
                    {"Id": "m", "Name": "m", "ResourceDataContainer": {
                        "SageMakerMachineLearningModelResourceData": {
                            "DestinationPath": value, "SageMakerJobArn": value,
                            "OwnerSetting": {"GroupOwner": value, "GroupPermission": value}
                        }
                    }},
                    {"Id": "s", "Name": "s", "ResourceDataContainer": {
                        "SecretsManagerSecretResourceData": {
                            "ARN": value, "AdditionalStagingLabelsToDownload": [value]
                        }
                    }},
                    {"Id": "c", "Name": "c", "ResourceDataContainer": value}
                ]
            });
            assert_eq!(all_shape(doc.clone()), [], "{value}");
            let mut coerced = doc.clone();
            assert_eq!(coerce(&mut coerced), []);
            assert_eq!(coerced, doc);
        }
        assert_eq!(all_shape(json!({"Fn::If": ["C", {}, {}]})), []);
    }
}
