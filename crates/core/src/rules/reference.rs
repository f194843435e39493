//! Rules of the `ref/*` family: identifiers, references between functions and resources, limits.

use foldhash::{HashMap, HashMapExt, HashSet};

use serde_json::json;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::edit::Edit;
use crate::model::{Field, Function, Resource, ResourceAccessPolicy};
use crate::rules::{Context, Rule, Versions};

/// The most attachments one function should have (the guide says 10 in one place, 20 in another).
pub const MAX_ATTACHMENTS: usize = 10;

/// The most resources one group may have.
pub const MAX_RESOURCES: usize = 50;

/// The longest `Id` or resource `Name` the API takes.
pub const MAX_ID_LENGTH: usize = 128;

/// `ref/unknown-resource`.
pub static UNKNOWN_RESOURCE: Rule = Rule {
    id: "ref/unknown-resource",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "An attachment's `ResourceId` names no resource of the group",
    rationale: "An attachment refers to a resource by the resource's `Id` (not its `Name`); a \
                deployment whose function refers to a resource the group does not define fails.",
    help: "Use the `Id` of one of the group's resources, or add the resource",
};

/// `ref/duplicate-id`.
pub static DUPLICATE_ID: Rule = Rule {
    id: "ref/duplicate-id",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "Two functions share an `Id`, two resources share an `Id` or a `Name`, or one \
              function attaches a resource twice",
    rationale: "The API requires function ids to be unique within a function definition and \
                resource ids and names to be unique within a resource definition, and a \
                function lists each resource it accesses once; a repeat is refused.",
    help: "Give each function and resource its own `Id` (and each resource its own `Name`), and \
           attach a resource once",
};

/// `ref/invalid-id`.
pub static INVALID_ID: Rule = Rule {
    id: "ref/invalid-id",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "An `Id` or resource `Name` is longer than 128 characters or not made of letters, \
              digits, `:`, `_` and `-`",
    rationale: "The API accepts function and resource ids and resource names only of the form \
                `[a-zA-Z0-9:_-]+`, at most 128 characters long.",
    help: "Use 1 to 128 letters, digits, `:`, `_` or `-`",
};

/// `ref/too-many-attachments`.
pub static TOO_MANY_ATTACHMENTS: Rule = Rule {
    id: "ref/too-many-attachments",
    severity: Severity::Warning,
    versions: Versions::All,
    summary: "A function has more than 10 resource attachments",
    rationale: "The Greengrass guide limits the resources one function may access, to 10 in one \
                place and 20 in another; more than 10 may be refused.",
    help: "Attach at most 10 resources to one function, for instance by sharing a parent directory",
};

/// `ref/too-many-resources`.
pub static TOO_MANY_RESOURCES: Rule = Rule {
    id: "ref/too-many-resources",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "The group has more than 50 resources",
    rationale: "Greengrass allows at most 50 resources in one group; a larger resource \
                definition cannot be deployed.",
    help: "Keep at most 50 resources in the group",
};

/// The rules of this family.
pub static RULES: &[&Rule] = &[
    &UNKNOWN_RESOURCE,
    &DUPLICATE_ID,
    &INVALID_ID,
    &TOO_MANY_ATTACHMENTS,
    &TOO_MANY_RESOURCES,
];

/// Reports every occurrence of this family's rules.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    check_functions(cx, out);
    check_resources(cx, out);
    check_attachments(cx, out);

    let count = cx.view.resources.len();
    if count > MAX_RESOURCES && cx.applies(&TOO_MANY_RESOURCES) {
        let message =
            format!("the group has {count} resources, more than the {MAX_RESOURCES} allowed");
        out.push(Diagnostic::new(&TOO_MANY_RESOURCES, "/Resources", message));
    }
}

/// Function ids: their form, and each repeat paired with the first function of that id.
fn check_functions(cx: &Context, out: &mut Vec<Diagnostic>) {
    // Every id, to keep a fix from renaming onto one that exists; only wanted for a bad id.
    let ids = std::cell::OnceCell::new();
    let ids = || ids.get_or_init(|| known_ids(cx.view.functions.iter().map(|f| &f.id)));
    let mut seen: HashMap<&str, &Function> = HashMap::with_capacity(cx.view.functions.len());

    for function in &cx.view.functions {
        let Field::Known(id) = &function.id else {
            continue;
        };
        let pointer = || format!("{}/Id", function.pointer());

        if cx.applies(&INVALID_ID) {
            if let Some(problem) = id_problem(id) {
                let pointer = pointer();
                let message = format!("function id `{id}` {problem}");
                let mut diagnostic = Diagnostic::new(&INVALID_ID, pointer.clone(), message);
                if let Some(valid) = sanitize(id).filter(|valid| !ids().contains(valid.as_str())) {
                    let edits = vec![Edit::replace(&pointer, json!(valid))];
                    diagnostic = diagnostic.with_fix(Fix::new(format!("Use `{valid}`"), edits));
                }
                out.push(diagnostic);
            }
        }

        match seen.get(id) {
            None => {
                seen.insert(id, function);
            }
            Some(first) if cx.applies(&DUPLICATE_ID) => {
                let message = format!(
                    "functions #{} and #{} share the `Id` `{id}`",
                    first.index + 1,
                    function.index + 1
                );
                out.push(
                    Diagnostic::new(&DUPLICATE_ID, pointer(), message)
                        .with_related(format!("{}/Id", first.pointer())),
                );
            }
            Some(_) => {}
        }
    }
}

fn check_resources(cx: &Context, out: &mut Vec<Diagnostic>) {
    let ids: HashSet<&str> = known_ids(cx.view.resources.iter().map(|r| &r.id));
    let names: HashSet<&str> = known_ids(cx.view.resources.iter().map(|r| &r.name));
    let mut seen_ids: HashMap<&str, &Resource> = HashMap::new();
    let mut seen_names: HashMap<&str, &Resource> = HashMap::new();

    for resource in &cx.view.resources {
        for (member, field) in [("Id", &resource.id), ("Name", &resource.name)] {
            let Field::Known(value) = field else {
                continue;
            };
            let pointer = format!("{}/{member}", resource.pointer());
            let (taken, seen) = match member {
                "Id" => (&ids, &mut seen_ids),
                _ => (&names, &mut seen_names),
            };

            if cx.applies(&INVALID_ID) {
                if let Some(problem) = id_problem(value) {
                    let kind = if member == "Id" { "id" } else { "name" };
                    let message = format!("resource {kind} `{value}` {problem}");
                    let mut diagnostic = Diagnostic::new(&INVALID_ID, pointer.clone(), message);
                    let valid = sanitize(value).filter(|valid| !taken.contains(valid.as_str()));
                    if let Some(valid) = valid {
                        let mut edits = vec![Edit::replace(&pointer, json!(valid))];
                        if member == "Id" {
                            edits.extend(retarget(cx, value, &valid));
                        }
                        diagnostic = diagnostic.with_fix(Fix::new(format!("Use `{valid}`"), edits));
                    }
                    out.push(diagnostic);
                }
            }

            match seen.get(value) {
                None => {
                    seen.insert(value, resource);
                }
                Some(first) if cx.applies(&DUPLICATE_ID) => {
                    let message = format!(
                        "resources #{} and #{} share the `{member}` `{value}`",
                        first.index + 1,
                        resource.index + 1
                    );
                    out.push(
                        Diagnostic::new(&DUPLICATE_ID, pointer, message)
                            .with_related(format!("{}/{member}", first.pointer())),
                    );
                }
                Some(_) => {}
            }
        }
    }
}

fn check_attachments(cx: &Context, out: &mut Vec<Diagnostic>) {
    // With an id that cannot be read, any `ResourceId` might name that resource.
    // Without a `Resources` list (a function definition checked alone) every id names a resource
    // defined elsewhere.
    let ids_known = cx.has_resources && cx.view.resources.iter().all(|r| r.id != Field::Unknown);
    let by_name: HashMap<&str, &Resource> = cx
        .view
        .resources
        .iter()
        .filter_map(|r| Some((*r.name.known()?, r)))
        .collect();
    let mut attached: HashMap<&str, usize> = HashMap::new();

    for function in &cx.view.functions {
        let count = function.policies.len();
        if count > MAX_ATTACHMENTS && cx.applies(&TOO_MANY_ATTACHMENTS) {
            let message = format!(
                "function {} has {count} resource attachments, more than {MAX_ATTACHMENTS}",
                function.label()
            );
            let pointer = function.environment_pointer("ResourceAccessPolicies");
            out.push(Diagnostic::new(&TOO_MANY_ATTACHMENTS, pointer, message));
        }

        // A handful of attachments is the norm: comparing with the earlier ones beats hashing.
        let small = count <= 2 * MAX_ATTACHMENTS;
        attached.clear();
        for (position, policy) in function.policies.iter().enumerate() {
            let Field::Known(id) = &policy.resource_id else {
                continue;
            };

            let unknown = !cx.resources_by_id.contains_key(id);
            if unknown && ids_known && cx.applies(&UNKNOWN_RESOURCE) {
                let pointer = function.policy_pointer(policy.index, "ResourceId");
                out.push(unknown_resource(function, id, pointer, &by_name));
            }

            let earlier = if small {
                let before = function.policies.get(..position).unwrap_or_default();
                before.iter().find(|p| p.resource_id.known() == Some(id))
            } else {
                let first = *attached.entry(id).or_insert(position);
                (first != position)
                    .then(|| function.policies.get(first))
                    .flatten()
            };
            if let Some(earlier) = earlier {
                if cx.applies(&DUPLICATE_ID) {
                    out.push(duplicate_attachment(function, id, earlier, policy));
                }
            }
        }
    }
}

fn duplicate_attachment(
    function: &Function,
    id: &str,
    earlier: &ResourceAccessPolicy,
    policy: &ResourceAccessPolicy,
) -> Diagnostic {
    let pointer = function.policy_pointer(policy.index, "ResourceId");
    let message = format!(
        "function {} attaches `{id}` twice (attachments #{} and #{})",
        function.label(),
        earlier.index + 1,
        policy.index + 1
    );
    let diagnostic = Diagnostic::new(&DUPLICATE_ID, pointer, message)
        .with_related(function.policy_pointer(earlier.index, "ResourceId"));

    // Two equal attachments: dropping the later one changes nothing.
    if earlier.permission != policy.permission {
        return diagnostic;
    }
    diagnostic.with_fix(Fix::new(
        "Remove the repeated attachment",
        vec![Edit::remove(function.policy_pointer(policy.index, ""))],
    ))
}

fn unknown_resource(
    function: &Function,
    id: &str,
    pointer: String,
    by_name: &HashMap<&str, &Resource>,
) -> Diagnostic {
    let message = format!(
        "function {} attaches `{id}`, which is not the `Id` of any resource",
        function.label()
    );
    let mut diagnostic = Diagnostic::new(&UNKNOWN_RESOURCE, pointer.clone(), message);

    // A common slip: the resource's `Name` where its `Id` belongs.
    if let Some(Field::Known(real)) = by_name.get(id).map(|resource| &resource.id) {
        diagnostic = diagnostic
            .with_help(format!(
                "`{id}` is the `Name` of the resource whose `Id` is `{real}`"
            ))
            .with_fix(Fix::new(
                format!("Use the resource's `Id` `{real}`"),
                vec![Edit::replace(pointer, json!(real))],
            ));
    }
    diagnostic
}

/// The edits that point every attachment of resource `old` at `new`.
fn retarget(cx: &Context, old: &str, new: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    for function in &cx.view.functions {
        for policy in &function.policies {
            if policy.resource_id.known().is_some_and(|id| *id == old) {
                let pointer = function.policy_pointer(policy.index, "ResourceId");
                edits.push(Edit::replace(pointer, json!(new)));
            }
        }
    }
    edits
}

fn known_ids<'a>(fields: impl Iterator<Item = &'a Field<&'a str>>) -> HashSet<&'a str> {
    fields.filter_map(|field| field.known().copied()).collect()
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '-')
}

/// Why an id or name is refused, as the end of a sentence; none when it is valid.
fn id_problem(id: &str) -> Option<String> {
    let length = id.chars().count();
    if length == 0 {
        return Some("is empty".to_string());
    }
    if let Some(bad) = id.chars().find(|c| !is_id_char(*c)) {
        return Some(format!(
            "has the character {bad:?}; only letters, digits, `:`, `_` and `-` are allowed"
        ));
    }
    (length > MAX_ID_LENGTH)
        .then(|| format!("is {length} characters long, more than {MAX_ID_LENGTH}"))
}

/// The id with each refused character replaced by `-` and cut to 128 characters; none when
/// nothing would be left.
fn sanitize(id: &str) -> Option<String> {
    let valid: String = id
        .trim()
        .chars()
        .map(|c| if is_id_char(c) { c } else { '-' })
        .take(MAX_ID_LENGTH)
        .collect();
    (!valid.is_empty() && valid.chars().any(|c| c != '-')).then_some(valid)
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::rules::testing::{assert_fix_clears, run};

    const ARN: &str = "arn:aws:lambda:us-west-2:123456789012:function:f:1";
    const POLICIES: &str = "FunctionConfiguration/Environment/ResourceAccessPolicies";

    fn attaching(id: &str, policies: Value) -> Value {
        json!({"Id": id, "FunctionArn": ARN, "FunctionConfiguration": {
            "MemorySize": 16384, "Environment": {"ResourceAccessPolicies": policies}}})
    }

    fn volume(id: &str, name: &str) -> Value {
        json!({"Id": id, "Name": name, "ResourceDataContainer": {"LocalVolumeResourceData": {
            "SourcePath": format!("/src/{id}"), "DestinationPath": format!("/dst/{id}")}}})
    }

    fn pointers(found: &[Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.pointer.as_str()).collect()
    }

    fn unknown_doc() -> Value {
        json!({
            "Functions": [attaching("f", json!([
                {"ResourceId": "data", "Permission": "ro"},
                {"ResourceId": "missing", "Permission": "ro"},
                {"ResourceId": "Data Volume", "Permission": "ro"}
            ]))],
            "Resources": [volume("data", "Data Volume")]
        })
    }

    #[test]
    fn unknown_resource_reports_each_dangling_attachment() {
        let found = run(&UNKNOWN_RESOURCE, unknown_doc(), "1.11");

        assert_eq!(
            pointers(&found),
            [
                format!("/Functions/0/{POLICIES}/1/ResourceId"),
                format!("/Functions/0/{POLICIES}/2/ResourceId")
            ]
        );
        assert!(found[0].message.contains("`f`") && found[0].message.contains("`missing`"));
        assert!(found[0].fixes.is_empty());
        assert_eq!(
            found[1].fixes[0].edits,
            [Edit::replace(
                format!("/Functions/0/{POLICIES}/2/ResourceId"),
                json!("data")
            )]
        );
        assert_fix_clears(&UNKNOWN_RESOURCE, unknown_doc(), "1.11");
    }

    #[test]
    fn unknown_resource_skips_when_a_resource_id_is_unknown() {
        let mut doc = unknown_doc();
        doc["Resources"][0]["Id"] = json!({"Ref": "Id"});
        assert_eq!(run(&UNKNOWN_RESOURCE, doc, "1.11"), vec![]);
    }

    #[test]
    fn unknown_resource_waits_for_the_resources_of_a_function_definition_alone() {
        // A CreateFunctionDefinitionVersion body: its resources are defined elsewhere.
        let mut doc = unknown_doc();
        doc.as_object_mut().unwrap().remove("Resources");
        assert_eq!(run(&UNKNOWN_RESOURCE, doc, "1.11"), vec![]);

        // An empty list is a group with no resources: every attachment dangles.
        let mut doc = unknown_doc();
        doc["Resources"] = json!([]);
        assert_eq!(run(&UNKNOWN_RESOURCE, doc, "1.11").len(), 3);
    }

    fn duplicate_doc() -> Value {
        json!({
            "Functions": [
                attaching("f", json!([
                    {"ResourceId": "b", "Permission": "ro"},
                    {"ResourceId": "a", "Permission": "ro"},
                    {"ResourceId": "b", "Permission": "rw"},
                    {"ResourceId": "a", "Permission": "ro"}
                ])),
                attaching("g", json!([{"ResourceId": "a", "Permission": "ro"}])),
                attaching("f", json!([])),
            ],
            "Resources": [volume("a", "A"), volume("b", "B"), volume("a", "C"), volume("d", "B")]
        })
    }

    #[test]
    fn duplicate_id_reports_each_pair_once() {
        let found = run(&DUPLICATE_ID, duplicate_doc(), "1.11");

        let policy = |i: usize| format!("/Functions/0/{POLICIES}/{i}/ResourceId");
        assert_eq!(
            pointers(&found),
            [
                &policy(2),
                &policy(3),
                "/Functions/2/Id",
                "/Resources/2/Id",
                "/Resources/3/Name"
            ]
        );
        assert_eq!(found[2].related, ["/Functions/0/Id"]);
        assert!(found[2].message.contains("#1 and #3") && found[2].message.contains("`f`"));
        assert_eq!(found[3].related, ["/Resources/0/Id"]);
        assert_eq!(found[4].related, ["/Resources/1/Name"]);
        assert!(found[4].message.contains("`B`"));
        assert_eq!(found[0].related, [policy(0)]);
        assert!(found[0]
            .message
            .contains("attaches `b` twice (attachments #1 and #3)"));
        assert!(
            found[0].fixes.is_empty(),
            "ro and rw differ: no safe removal"
        );
        assert_eq!(found[1].related, [policy(1)]);
        assert_eq!(
            found[1].fixes[0].edits,
            [Edit::remove(format!("/Functions/0/{POLICIES}/3"))]
        );
        assert_fix_clears(&DUPLICATE_ID, duplicate_doc(), "1.11");
    }

    fn invalid_doc() -> Value {
        let long = "x".repeat(129);
        json!({
            "Functions": [
                attaching("my function", json!([{"ResourceId": "bad/id", "Permission": "ro"}])),
                attaching("ok:fn_1-2", json!([])),
                attaching(&long, json!([])),
            ],
            "Resources": [volume("bad/id", "fine"), volume("good", "has space"), volume("", "n")]
        })
    }

    #[test]
    fn invalid_id_checks_function_and_resource_ids_and_names() {
        let found = run(&INVALID_ID, invalid_doc(), "1.11");

        assert_eq!(
            pointers(&found),
            [
                "/Functions/0/Id",
                "/Functions/2/Id",
                "/Resources/0/Id",
                "/Resources/1/Name",
                "/Resources/2/Id"
            ]
        );
        assert!(found[0].message.contains("`my function`") && found[0].message.contains("' '"));
        assert!(found[1].message.contains("129 characters"));
        assert_eq!(
            found[2].fixes[0].edits,
            [
                Edit::replace("/Resources/0/Id", json!("bad-id")),
                Edit::replace(
                    format!("/Functions/0/{POLICIES}/0/ResourceId"),
                    json!("bad-id")
                ),
            ]
        );
        assert!(found[4].message.contains("is empty") && found[4].fixes.is_empty());
        assert_fix_clears(&INVALID_ID, invalid_doc(), "1.11");
    }

    #[test]
    fn invalid_id_fix_keeps_references_whole() {
        let found = run(&INVALID_ID, invalid_doc(), "1.11");
        let mut doc = invalid_doc();
        crate::edit::apply(&mut doc, &found[2].fixes[0].edits).unwrap();
        assert_eq!(run(&UNKNOWN_RESOURCE, doc, "1.11"), vec![]);
    }

    #[test]
    fn limits_on_attachments_and_resources() {
        let policies: Vec<Value> = (0..11)
            .map(|i| json!({"ResourceId": format!("r{i}"), "Permission": "ro"}))
            .collect();
        let resources: Vec<Value> = (0..51)
            .map(|i| volume(&format!("r{i}"), &format!("r{i}")))
            .collect();
        let doc = json!({
            "Functions": [attaching("many", json!(policies)), attaching("few", json!(policies[..10]))],
            "Resources": resources
        });

        let found = run(&TOO_MANY_ATTACHMENTS, doc.clone(), "1.11");
        assert_eq!(pointers(&found), [format!("/Functions/0/{POLICIES}")]);
        assert!(found[0].message.contains("`many` has 11"));

        let found = run(&TOO_MANY_RESOURCES, doc.clone(), "1.11");
        assert_eq!(pointers(&found), ["/Resources"]);
        assert!(found[0].message.contains("51 resources"));

        let mut fifty = doc;
        fifty["Resources"].as_array_mut().unwrap().pop();
        assert_eq!(run(&TOO_MANY_RESOURCES, fifty, "1.11"), vec![]);
    }

    #[test]
    fn duplicate_attachments_among_many() {
        let mut policies: Vec<Value> = (0..24)
            .map(|i| json!({"ResourceId": format!("r{i}"), "Permission": "ro"}))
            .collect();
        policies.push(json!({"ResourceId": "r3", "Permission": "ro"}));
        let resources: Vec<Value> = (0..24)
            .map(|i| volume(&format!("r{i}"), &format!("r{i}")))
            .collect();
        let doc =
            json!({"Functions": [attaching("many", json!(policies))], "Resources": resources});

        let found = run(&DUPLICATE_ID, doc.clone(), "1.11");
        assert_eq!(
            pointers(&found),
            [format!("/Functions/0/{POLICIES}/24/ResourceId")]
        );
        assert_eq!(
            found[0].related,
            [format!("/Functions/0/{POLICIES}/3/ResourceId")]
        );
        assert_fix_clears(&DUPLICATE_ID, doc, "1.11");
    }
}
