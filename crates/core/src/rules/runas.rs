//! Rules of the `runas/*` family: the identity functions run as.

use serde_json::{json, Map, Value};

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::edit::Edit;
use crate::model::{Field, Function, RunAs};
use crate::rules::function::is_system_function;
use crate::rules::{Context, Identity, Rule, Versions};

/// `runas/root`.
pub static ROOT: Rule = Rule {
    id: "runas/root",
    severity: Severity::Warning,
    versions: Versions::All,
    summary: "A function runs as root (effective Uid 0 and Gid 0)",
    rationale: "A Greengrass core runs a function as root only when `allowFunctionsToRunAsRoot` \
                is `yes` in its `greengrass-root/config/config.json`, a setting of the device that \
                the group cannot see; and a function running as root can change anything on it.",
    help: "Allow root in the core's config.json, or run the function as a dedicated user",
};

/// `runas/root-in-container`.
pub static ROOT_IN_CONTAINER: Rule = Rule {
    id: "runas/root-in-container",
    severity: Severity::Warning,
    versions: Versions::All,
    summary: "A function runs as root (effective Uid 0) inside a Greengrass container",
    rationale: "The Greengrass API model says a function may run as root only without a \
                container, while the developer guide does not say so; a deployment may refuse \
                it depending on which one the service follows.",
    help: "Run the function without a container, or as a user other than root",
};

/// `runas/group-default-needs-1.8`.
pub static GROUP_DEFAULT_NEEDS_1_8: Rule = Rule {
    id: "runas/group-default-needs-1.8",
    severity: Severity::Error,
    versions: Versions::Before(8),
    summary: "`DefaultConfig.Execution.RunAs` is set on a core older than v1.8",
    rationale: "A group-wide default identity for functions arrived in Greengrass core v1.8; \
                v1.7 honours `RunAs` only on each function, and older cores not at all.",
    help: "Set `RunAs` on each function instead (core v1.7), remove it, or target core v1.8",
};

/// The rules of this family.
pub static RULES: &[&Rule] = &[&ROOT, &ROOT_IN_CONTAINER, &GROUP_DEFAULT_NEEDS_1_8];

const DEFAULT_RUN_AS: &str = "/DefaultConfig/Execution/RunAs";

/// Reports every occurrence of this family's rules.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (function, effective) in cx.functions() {
        if !effective.root_uid() {
            continue;
        }
        let uid = identity_pointer(function, "Uid");
        let gid = identity_pointer(function, "Gid");

        if effective.gid == Identity::Id(0) && cx.applies(&ROOT) {
            let message = format!(
                "function {} runs as root (Uid 0{}, Gid 0{}); the core must allow it",
                function.label(),
                inherited(&uid),
                inherited(&gid)
            );
            let mut diagnostic = Diagnostic::new(&ROOT, uid.clone(), message);
            if inherited(&uid) != inherited(&gid) {
                diagnostic = diagnostic.with_related(gid);
            }
            out.push(diagnostic);
        }

        if effective.in_container() && cx.applies(&ROOT_IN_CONTAINER) {
            let message = format!(
                "function {} runs as root (Uid 0{}) inside a Greengrass container",
                function.label(),
                inherited(&uid)
            );
            out.push(Diagnostic::new(&ROOT_IN_CONTAINER, uid, message));
        }
    }

    check_group_default(cx, out);
}

fn check_group_default(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(default) = cx
        .view
        .default_execution
        .as_ref()
        .and_then(|e| e.run_as.as_ref())
    else {
        return;
    };
    if !cx.applies(&GROUP_DEFAULT_NEEDS_1_8) {
        return;
    }

    let message = format!(
        "the group's `DefaultConfig` sets `RunAs`, which core v{} does not support (a group \
         default needs v1.8 or later)",
        cx.core
    );
    let mut diagnostic = Diagnostic::new(&GROUP_DEFAULT_NEEDS_1_8, DEFAULT_RUN_AS, message);
    if cx.core.at_least(7) {
        if let Some(edits) = move_to_functions(cx, default) {
            diagnostic = diagnostic.with_fix(Fix::new("Move `RunAs` to each function", edits));
        }
    }
    out.push(diagnostic.with_fix(Fix::new(
        "Remove the group's default `RunAs`",
        vec![Edit::remove(DEFAULT_RUN_AS)],
    )));
}

/// The edits that copy the group's default `Uid` and `Gid` into every function that does not set
/// its own, then remove the default: on core v1.7 every function keeps its identity. None when a
/// default value or a function's configuration cannot be read. System functions are left alone:
/// they may carry no `Execution`.
fn move_to_functions(cx: &Context, default: &RunAs) -> Option<Vec<Edit>> {
    let values = [("Uid", &default.uid), ("Gid", &default.gid)];
    if values.iter().any(|(_, value)| **value == Field::Unknown) {
        return None;
    }

    let mut edits = Vec::new();
    for function in &cx.view.functions {
        if is_system_function(&function.arn) {
            continue;
        }
        let own = function.execution.as_ref().and_then(|e| e.run_as.as_ref());
        let mut missing = Map::new();
        for (member, value) in values {
            let own_value = own.map_or(&Field::Absent, |run_as| match member {
                "Uid" => &run_as.uid,
                _ => &run_as.gid,
            });
            if let (Field::Known(id), true) = (value, own_value.is_absent()) {
                missing.insert(member.to_string(), json!(id));
            }
        }
        if missing.is_empty() {
            continue;
        }
        edits.extend(add_run_as(function, missing)?);
    }

    edits.push(Edit::remove(DEFAULT_RUN_AS));
    Some(edits)
}

/// The edits that give a function these `RunAs` members, adding whichever parent is absent; none
/// when its configuration cannot be read. A `RunAs` or `Execution` that is there but not an object
/// (an intrinsic) reads as absent and is replaced.
fn add_run_as(function: &Function, members: Map<String, Value>) -> Option<Vec<Edit>> {
    let execution = function.execution.as_ref();
    if execution.is_some_and(|e| e.run_as.is_some()) {
        let edits = members
            .into_iter()
            .map(|(member, value)| {
                Edit::add(
                    function.execution_pointer(&format!("RunAs/{member}")),
                    value,
                )
            })
            .collect();
        return Some(edits);
    }
    if execution.is_some() {
        let pointer = function.execution_pointer("RunAs");
        return Some(vec![Edit::add(pointer, Value::Object(members))]);
    }

    let execution = json!({ "RunAs": members });
    let edit = match (&function.configuration, &function.environment) {
        (Field::Known(()), Field::Known(())) => {
            Edit::add(function.environment_pointer("Execution"), execution)
        }
        (Field::Known(()), Field::Absent) => Edit::add(
            function.config_pointer("Environment"),
            json!({ "Execution": execution }),
        ),
        (Field::Absent, _) => Edit::add(
            format!("{}/FunctionConfiguration", function.pointer()),
            json!({ "Environment": { "Execution": execution } }),
        ),
        _ => return None,
    };
    Some(vec![edit])
}

/// Where a function's effective `Uid` or `Gid` is set: its own `RunAs`, else the group's.
fn identity_pointer(function: &Function, member: &str) -> String {
    let pick = |run_as: &RunAs| {
        match member {
            "Uid" => &run_as.uid,
            _ => &run_as.gid,
        }
        .is_present()
    };
    let own = function.execution.as_ref().and_then(|e| e.run_as.as_ref());
    if own.is_some_and(pick) {
        function.execution_pointer(&format!("RunAs/{member}"))
    } else {
        format!("{DEFAULT_RUN_AS}/{member}")
    }
}

fn inherited(pointer: &str) -> &'static str {
    if pointer.starts_with("/DefaultConfig") {
        " from `DefaultConfig`"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::rules::testing::{assert_fix_clears, run};

    const ARN: &str = "arn:aws:lambda:us-west-2:123456789012:function:f:1";

    fn function(id: &str, execution: Value) -> Value {
        json!({"Id": id, "FunctionArn": ARN, "FunctionConfiguration": {
            "Environment": {"Execution": execution}}})
    }

    fn pointers(found: &[Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.pointer.as_str()).collect()
    }

    fn root_doc() -> Value {
        json!({
            "DefaultConfig": {"Execution": {"RunAs": {"Gid": 0}}},
            "Functions": [
                function("root", json!({"IsolationMode": "NoContainer", "RunAs": {"Uid": 0, "Gid": 0}})),
                function("half", json!({"IsolationMode": "NoContainer", "RunAs": {"Uid": 0}})),
                function("user", json!({"RunAs": {"Uid": 1000}})),
                function("gid-only", json!({"IsolationMode": "NoContainer", "RunAs": {"Uid": 0, "Gid": 20}})),
                function("contained", json!({"RunAs": {"Uid": 0}})),
                {"Id": "plain", "FunctionArn": ARN},
            ]
        })
    }

    #[test]
    fn root_needs_uid_and_gid_zero_each_inherited_separately() {
        let found = run(&ROOT, root_doc(), "1.11");

        let uid = "FunctionConfiguration/Environment/Execution/RunAs/Uid";
        assert_eq!(
            pointers(&found),
            [
                format!("/Functions/0/{uid}"),
                format!("/Functions/1/{uid}"),
                format!("/Functions/4/{uid}"),
            ]
        );
        assert!(found[0]
            .message
            .starts_with("function `root` runs as root (Uid 0, Gid 0)"));
        assert_eq!(found[0].related, Vec::<String>::new());
        assert!(found[1].message.contains("Gid 0 from `DefaultConfig`"));
        assert_eq!(found[1].related, ["/DefaultConfig/Execution/RunAs/Gid"]);
    }

    #[test]
    fn root_from_the_group_default_points_at_it() {
        let doc = json!({
            "DefaultConfig": {"Execution": {"RunAs": {"Uid": 0, "Gid": 0}}},
            "Functions": [{"Id": "a", "FunctionArn": ARN}, function("b", json!({"RunAs": {"Uid": 5}}))]
        });
        let found = run(&ROOT, doc, "1.11");

        assert_eq!(pointers(&found), ["/DefaultConfig/Execution/RunAs/Uid"]);
        assert!(found[0].message.contains("`a`"));
    }

    #[test]
    fn root_in_container_only_for_containerized_root() {
        let found = run(&ROOT_IN_CONTAINER, root_doc(), "1.11");

        assert_eq!(
            pointers(&found),
            ["/Functions/4/FunctionConfiguration/Environment/Execution/RunAs/Uid"]
        );
        assert!(found[0].message.contains("`contained`"));
    }

    #[test]
    fn root_skips_unknown_identities() {
        let doc = json!({"Functions": [
            function("a", json!({"IsolationMode": "NoContainer", "RunAs": {"Uid": {"Ref": "U"}, "Gid": 0}})),
            function("b", json!({"IsolationMode": {"Ref": "M"}, "RunAs": {"Uid": 0}})),
        ]});
        assert_eq!(run(&ROOT, doc.clone(), "1.11"), vec![]);
        assert_eq!(run(&ROOT_IN_CONTAINER, doc, "1.11"), vec![]);
    }

    fn default_doc() -> Value {
        json!({
            "DefaultConfig": {"Execution": {"IsolationMode": "GreengrassContainer", "RunAs": {"Uid": 1000, "Gid": 1000}}},
            "Functions": [
                {"Id": "bare", "FunctionArn": ARN},
                function("uid", json!({"RunAs": {"Uid": 5}})),
                function("mode", json!({"IsolationMode": "NoContainer"})),
                function("both", json!({"RunAs": {"Uid": 5, "Gid": 6}})),
                {"Id": "configured", "FunctionArn": ARN, "FunctionConfiguration": {"MemorySize": 1}},
                {"Id": "ip", "FunctionArn": "arn:aws:lambda:::function:GGIPDetector:1"},
            ]
        })
    }

    #[test]
    fn group_default_run_as_needs_1_8() {
        let found = run(&GROUP_DEFAULT_NEEDS_1_8, default_doc(), "1.7");

        assert_eq!(pointers(&found), ["/DefaultConfig/Execution/RunAs"]);
        assert_eq!(found[0].fixes.len(), 2);
        assert_eq!(run(&GROUP_DEFAULT_NEEDS_1_8, default_doc(), "1.8"), vec![]);
        assert_eq!(
            run(&GROUP_DEFAULT_NEEDS_1_8, default_doc(), "1.6")[0]
                .fixes
                .len(),
            1
        );
        assert_fix_clears(&GROUP_DEFAULT_NEEDS_1_8, default_doc(), "1.7");
    }

    #[test]
    fn moving_the_default_keeps_every_identity() {
        let found = run(&GROUP_DEFAULT_NEEDS_1_8, default_doc(), "1.7");
        let mut doc = default_doc();
        crate::edit::apply(&mut doc, &found[0].fixes[0].edits).unwrap();

        let run_as = |i: usize| {
            doc["Functions"][i]["FunctionConfiguration"]["Environment"]["Execution"]["RunAs"]
                .clone()
        };
        assert_eq!(run_as(0), json!({"Uid": 1000, "Gid": 1000}));
        assert_eq!(run_as(1), json!({"Uid": 5, "Gid": 1000}));
        assert_eq!(run_as(2), json!({"Uid": 1000, "Gid": 1000}));
        assert_eq!(run_as(3), json!({"Uid": 5, "Gid": 6}));
        assert_eq!(run_as(4), json!({"Uid": 1000, "Gid": 1000}));
        assert_eq!(
            doc["Functions"][4]["FunctionConfiguration"]["MemorySize"],
            json!(1)
        );
        assert_eq!(doc["Functions"][5], default_doc()["Functions"][5]);
        assert_eq!(
            doc["DefaultConfig"],
            json!({"Execution": {"IsolationMode": "GreengrassContainer"}})
        );
    }
}
