//! The rules of `RULES.md`, one module per family, each rule beside its pass and fail cases.
//!
//! Every rule reads the [`Context`]: the typed view of the group plus the effective settings of
//! each function (isolation and Run As after the group defaults), computed once per validation.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Field, Function, Group, GroupView, IsolationMode, Resource};
use crate::version::CoreVersion;

pub mod container;
pub mod function;
pub mod local;
pub mod ml;
pub mod reference;
pub mod runas;
pub mod secret;
pub mod shape;

/// The core versions a rule applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Versions {
    /// Every version.
    All,
    /// `1.minor` and later.
    AtLeast(u8),
    /// `1.minor` and earlier.
    AtMost(u8),
    /// Before `1.minor`.
    Before(u8),
}

impl Versions {
    /// Whether `version` is in range.
    pub fn contains(self, version: CoreVersion) -> bool {
        match self {
            Versions::All => true,
            Versions::AtLeast(minor) => version.minor >= minor,
            Versions::AtMost(minor) => version.minor <= minor,
            Versions::Before(minor) => version.minor < minor,
        }
    }

    /// The range as people write it (`>=1.10`, `all`).
    pub fn describe(self) -> String {
        match self {
            Versions::All => "all core versions".to_string(),
            Versions::AtLeast(minor) => format!("core v1.{minor} or later"),
            Versions::AtMost(minor) => format!("core v1.{minor} or earlier"),
            Versions::Before(minor) => format!("core versions before v1.{minor}"),
        }
    }
}

/// A rule of the catalogue: its stable id and what `ggaccess explain` and the app say about it.
#[derive(Debug)]
pub struct Rule {
    /// Stable id from `RULES.md` (`ml/owner-incomplete`).
    pub id: &'static str,
    /// Severity of every diagnostic it reports.
    pub severity: Severity,
    /// The core versions it applies to.
    pub versions: Versions,
    /// One line: when it fires.
    pub summary: &'static str,
    /// Why it exists: what the API or the device does with such a group.
    pub rationale: &'static str,
    /// The default help line of its diagnostics: how to fix it.
    pub help: &'static str,
}

/// Every rule, grouped by family in catalogue order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [
        ml::RULES,
        container::RULES,
        runas::RULES,
        local::RULES,
        secret::RULES,
        reference::RULES,
        function::RULES,
        shape::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    all().find(|rule| rule.id == id)
}

/// A function's settings after the group defaults are applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Effective {
    /// Isolation: its own, else the group's, else Greengrass container; `None` when unknown.
    pub isolation: Option<IsolationMode>,
    /// Run As Uid: its own, else the group's, else the core's `ggc_user`.
    pub uid: Identity,
    /// Run As Gid: its own, else the group's, else the core's `ggc_group`.
    pub gid: Identity,
}

impl Effective {
    /// Whether the function runs without a container (known).
    pub fn no_container(&self) -> bool {
        self.isolation == Some(IsolationMode::NoContainer)
    }

    /// Whether the function runs in a Greengrass container (known).
    pub fn in_container(&self) -> bool {
        self.isolation == Some(IsolationMode::GreengrassContainer)
    }

    /// Whether the function runs as root: effective Uid 0.
    pub fn root_uid(&self) -> bool {
        self.uid == Identity::Id(0)
    }
}

/// An effective Uid or Gid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    /// A number.
    Id(i64),
    /// Left to the core's `ggc_user` / `ggc_group`, whose number is not known here.
    Core,
    /// Given, but not readable (wrong type, intrinsic).
    Unknown,
}

/// What every rule reads: the group's typed view, its core version, and derived facts.
pub struct Context<'a> {
    /// The typed view of the merged document.
    pub view: &'a GroupView<'a>,
    /// The core version checked against.
    pub core: CoreVersion,
    /// Effective settings, one per function, by position.
    pub effective: Vec<Effective>,
    /// Positions of resources by `Id` (several when ids repeat). Every attachment of every
    /// function is looked up here, so it uses a fast non-cryptographic hash.
    pub resources_by_id: foldhash::HashMap<&'a str, Vec<usize>>,
    /// Whether the document gives its resources (a `Resources` list, even empty). When it does
    /// not, as for a function definition checked alone, rules that need the resources to judge
    /// an attachment (`ref/unknown-resource`) stay quiet.
    pub has_resources: bool,
    /// Whether the document gives its functions (a `Functions` list, even empty). When it does
    /// not, as for a resource definition checked alone, rules that judge a resource by the
    /// functions attaching it (`ml/unattached`, `ml/owner-not-recommended`) stay quiet.
    pub has_functions: bool,
}

impl<'a> Context<'a> {
    /// Derives the effective settings of `view`.
    pub fn new(view: &'a GroupView<'a>, core: CoreVersion) -> Context<'a> {
        let default = view.default_execution.as_ref();
        let default_run_as = default.and_then(|execution| execution.run_as.as_ref());
        let effective = view
            .functions
            .iter()
            .map(|function| {
                let own = function.execution.as_ref();
                let own_run_as = own.and_then(|execution| execution.run_as.as_ref());
                let isolation = match own.map(|e| &e.isolation_mode) {
                    Some(Field::Known(mode)) => Some(*mode),
                    Some(Field::Unknown) => None,
                    _ => match default.map(|e| &e.isolation_mode) {
                        Some(Field::Known(mode)) => Some(*mode),
                        Some(Field::Unknown) => None,
                        _ => Some(IsolationMode::GreengrassContainer),
                    },
                };
                let identity = |pick: fn(&crate::model::RunAs) -> &Field<i64>| {
                    let resolve = |field: Option<&Field<i64>>| match field {
                        Some(Field::Known(id)) => Some(Identity::Id(*id)),
                        Some(Field::Unknown) => Some(Identity::Unknown),
                        _ => None,
                    };
                    resolve(own_run_as.map(pick))
                        .or_else(|| resolve(default_run_as.map(pick)))
                        .unwrap_or(Identity::Core)
                };
                // An unreadable `FunctionConfiguration` or `Environment` (an intrinsic) may hold
                // any `Execution`: nothing is known then.
                let hidden = function.configuration == Field::Unknown
                    || function.environment == Field::Unknown;
                if hidden {
                    return Effective {
                        isolation: None,
                        uid: Identity::Unknown,
                        gid: Identity::Unknown,
                    };
                }
                Effective {
                    isolation,
                    uid: identity(|r| &r.uid),
                    gid: identity(|r| &r.gid),
                }
            })
            .collect();
        let mut resources_by_id: foldhash::HashMap<&str, Vec<usize>> = Default::default();
        for resource in &view.resources {
            if let Field::Known(id) = &resource.id {
                resources_by_id.entry(*id).or_default().push(resource.index);
            }
        }
        Context {
            view,
            core,
            effective,
            resources_by_id,
            has_resources: view.has_resources,
            has_functions: view.has_functions,
        }
    }

    /// Whether `rule` applies to this group's core version.
    pub fn applies(&self, rule: &Rule) -> bool {
        rule.versions.contains(self.core)
    }

    /// The resource an attachment's `ResourceId` names (the first, if ids repeat).
    pub fn resource(&self, id: &Field<&str>) -> Option<&'a Resource<'a>> {
        let index = *self.resources_by_id.get(id.known()?)?.first()?;
        self.view.resources.get(index)
    }

    /// Each function with its effective settings.
    pub fn functions(&self) -> impl Iterator<Item = (&'a Function<'a>, &Effective)> + '_ {
        self.view.functions.iter().zip(&self.effective)
    }
}

/// Checks a group against every rule and returns every finding, located in the source when the
/// group was imported, ordered by pointer position then rule id: positions follow the document
/// (members in the order it gives them, elements by index, a missing member after the present
/// ones of its object), so findings read in the order of the document.
pub fn validate(group: &Group) -> Vec<Diagnostic> {
    let view = group.view();
    let cx = Context::new(&view, group.core_version);
    let mut out = Vec::new();
    ml::check(&cx, &mut out);
    container::check(&cx, &mut out);
    runas::check(&cx, &mut out);
    local::check(&cx, &mut out);
    secret::check(&cx, &mut out);
    reference::check(&cx, &mut out);
    function::check(&cx, &mut out);
    shape::check(&group.doc, &cx, &mut out);

    // Stable: findings of one rule at one place keep the order their rule gave them.
    let mut keyed: Vec<(Vec<Step>, Diagnostic)> = out
        .into_iter()
        .map(|diagnostic| (position(&group.doc, &diagnostic.pointer), diagnostic))
        .collect();
    keyed.sort_by(|(a, first), (b, second)| a.cmp(b).then_with(|| first.rule.cmp(second.rule)));
    keyed
        .into_iter()
        .map(|(_, mut diagnostic)| {
            diagnostic.location = group.locate(&diagnostic.pointer);
            diagnostic
        })
        .collect()
}

/// One token of a pointer, as the diagnostics are ordered by it.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    /// A member or element the document has, by its position in its object or array.
    At(usize),
    /// Past the document's values (a missing member and what is under it): a token of digits,
    /// by its number, after every present member of the same object.
    Number(u64),
    /// Past the document's values: any other token, by its text, after the numbers.
    Name(String),
}

/// Where `pointer` leads in `doc`, token by token: the position of each member in its object
/// (the order the document gives them), of each element in its array, and past the end of the
/// document's values the tokens themselves, so that a missing member sorts after the present
/// ones. Only diagnostics are placed, so a clean group costs nothing here.
fn position(doc: &Value, pointer: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut here = Some(doc);
    for token in pointer.split('/').skip(1) {
        let token = if token.contains('~') {
            std::borrow::Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
        } else {
            std::borrow::Cow::Borrowed(token)
        };
        let number = token
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| token.parse::<u64>().ok())
            .flatten();
        let found = match here {
            Some(Value::Object(map)) => map
                .iter()
                .enumerate()
                .find(|(_, (key, _))| key.as_str() == token)
                .map(|(index, (_, value))| (index, value)),
            Some(Value::Array(items)) => number
                .and_then(|n| usize::try_from(n).ok())
                .and_then(|index| Some((index, items.get(index)?))),
            _ => None,
        };
        here = found.map(|(_, value)| value);
        steps.push(match (found, number) {
            (Some((index, _)), _) => Step::At(index),
            (None, Some(number)) => Step::Number(number),
            (None, None) => Step::Name(token.into_owned()),
        });
    }
    steps
}

/// Test helpers shared by the rule families' pass and fail cases.
#[cfg(test)]
pub(crate) mod testing {
    use serde_json::Value;

    use super::*;

    /// Validates `doc` at `core` and keeps the diagnostics of `rule`.
    pub fn run(rule: &Rule, doc: Value, core: &str) -> Vec<Diagnostic> {
        let mut group = Group::from_doc(doc);
        group.core_version = core.parse().expect("test core version");
        validate(&group)
            .into_iter()
            .filter(|d| d.rule == rule.id)
            .collect()
    }

    /// Applies the first fix of every diagnostic of `rule`, one at a time, and asserts that the
    /// rule no longer fires at that pointer.
    pub fn assert_fix_clears(rule: &Rule, doc: Value, core: &str) {
        let found = run(rule, doc.clone(), core);
        assert!(!found.is_empty(), "{} should fire", rule.id);
        for diagnostic in found {
            for fix in &diagnostic.fixes {
                let mut fixed = doc.clone();
                crate::edit::apply(&mut fixed, &fix.edits).expect("fix applies");
                let after = run(rule, fixed, core);
                assert!(
                    after.iter().all(|d| d.pointer != diagnostic.pointer),
                    "fix `{}` left {} at {}: {after:#?}",
                    fix.title,
                    rule.id,
                    diagnostic.pointer
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn function(i: usize) -> Value {
        json!({
            "Id": format!("f{i}"),
            "FunctionArn": format!("arn:aws:lambda:us-east-1:123456789012:function:f{i}:1"),
            "FunctionConfiguration": {"Timeout": 3},
        })
    }

    fn volume(id: &str, name: &str) -> Value {
        json!({"Id": id, "Name": name, "ResourceDataContainer": {"LocalVolumeResourceData": {
            "SourcePath": format!("/src/{name}"), "DestinationPath": format!("/dst/{name}")
        }}})
    }

    #[test]
    fn diagnostics_follow_the_document_then_the_rule_id() {
        let mut functions: Vec<Value> = (0..11).map(function).collect();
        functions[10]["FunctionArn"] = json!("nope");
        // Members in the document's order, not the alphabet's: `FunctionArn` comes last.
        functions[2] = json!({
            "Id": "f2",
            "FunctionConfiguration": {"Timeout": "soon"},
            "FunctionArn": "nope",
        });
        if let Some(first) = functions[1].as_object_mut() {
            first.remove("Id");
        }
        let doc = json!({
            "DefaultConfig": {"Execution": {"IsolationMode": "nocontainer"}},
            "Functions": functions,
            "Resources": [volume("a", "a"), volume("bad id!", "b"), volume("bad id!", "c")],
        });
        let planted = [
            "shape/enum",
            "shape/type",
            "shape/required",
            "function/arn",
            "ref/invalid-id",
            "ref/duplicate-id",
        ];

        let found: Vec<(String, &str)> = validate(&Group::from_doc(doc))
            .into_iter()
            .filter(|d| planted.contains(&d.rule))
            .map(|d| (d.pointer, d.rule))
            .collect();
        let expected = [
            ("/DefaultConfig/Execution/IsolationMode", "shape/enum"),
            // A missing member sorts after the present ones of its object.
            ("/Functions/1/Id", "shape/required"),
            ("/Functions/2/FunctionConfiguration/Timeout", "shape/type"),
            ("/Functions/2/FunctionArn", "function/arn"),
            ("/Functions/10/FunctionArn", "function/arn"),
            ("/Resources/1/Id", "ref/invalid-id"),
            // Two rules at one place: by rule id, though `ref/*` reports the invalid id first.
            ("/Resources/2/Id", "ref/duplicate-id"),
            ("/Resources/2/Id", "ref/invalid-id"),
        ];
        let expected: Vec<(String, &str)> =
            expected.iter().map(|(p, r)| (p.to_string(), *r)).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn places_escaped_and_missing_tokens() {
        let doc = json!({"Functions": [{"Id": "f", "a/b": 1, "Environment": {}}]});
        let at = |pointer| position(&doc, pointer);

        assert_eq!(at(""), []);
        assert_eq!(
            at("/Functions/0/a~1b"),
            [Step::At(0), Step::At(0), Step::At(1)]
        );
        assert_eq!(
            at("/Functions/0/Missing/7"),
            [
                Step::At(0),
                Step::At(0),
                Step::Name("Missing".into()),
                Step::Number(7)
            ]
        );
        assert!(at("/Functions/2") < at("/Functions/10"));
        assert!(at("/Functions/0/Environment") < at("/Functions/0/Absent"));
    }
}
