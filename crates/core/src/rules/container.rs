//! Rules of the `container/*` family: what a function's isolation mode allows and requires.

use serde_json::json;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::edit::Edit;
use crate::model::{Field, Function, IsolationMode, ResourceData};
use crate::rules::function::is_system_function;
use crate::rules::{Context, Effective, Rule, Versions};

/// The console's default memory limit for a containerized function: 16 MB, in KB.
pub const DEFAULT_MEMORY_SIZE: i64 = 16384;

/// `container/memory-required`.
pub static MEMORY_REQUIRED: Rule = Rule {
    id: "container/memory-required",
    severity: Severity::Error,
    versions: Versions::AtLeast(7),
    summary: "A function that runs in a Greengrass container has no `MemorySize`",
    rationale: "Greengrass enforces a memory limit, `MemorySize` in KB, on every function it runs \
                in a container, so such a function needs one; the console fills in 16 MB.",
    help: "Set `MemorySize` in KB (the console's default is 16384, 16 MB)",
};

/// `container/memory-not-allowed`.
pub static MEMORY_NOT_ALLOWED: Rule = Rule {
    id: "container/memory-not-allowed",
    severity: Severity::Error,
    versions: Versions::AtLeast(7),
    summary: "A function that runs without a container sets `MemorySize`",
    rationale: "Memory limits apply only to functions that run in a Greengrass container; a \
                function without a container may not set `MemorySize`, also when it takes \
                `NoContainer` from the group's `DefaultConfig`.",
    help: "Remove `MemorySize`, or run the function in a Greengrass container",
};

/// `container/sysfs-not-allowed`.
pub static SYSFS_NOT_ALLOWED: Rule = Rule {
    id: "container/sysfs-not-allowed",
    severity: Severity::Error,
    versions: Versions::AtLeast(7),
    summary: "A function that runs without a container sets `AccessSysfs: true`",
    rationale: "`AccessSysfs` lets a function in a container read the host's `/sys`; it is a \
                container setting and may not be set on a function without a container.",
    help:
        "Remove `AccessSysfs` (or set it to false), or run the function in a Greengrass container",
};

/// `container/local-resource`.
pub static LOCAL_RESOURCE: Rule = Rule {
    id: "container/local-resource",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "A function that runs without a container attaches a local device or volume resource",
    rationale: "Greengrass gives functions local devices and volumes through their container; a \
                function without a container cannot be given one, and the attachment is refused.",
    help: "Run the function in a Greengrass container, or detach the local resource",
};

/// `container/system-function`.
pub static SYSTEM_FUNCTION: Rule = Rule {
    id: "container/system-function",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "The system function GGIPDetector or GGCloudSpooler carries an `Execution` block",
    rationale:
        "GGIPDetector and GGCloudSpooler are functions Greengrass provides; their isolation \
                mode and identity cannot be configured, and an `Execution` block on them is an \
                error.",
    help: "Remove `Execution` from the system function",
};

/// `container/needs-1.7`.
pub static NEEDS_1_7: Rule = Rule {
    id: "container/needs-1.7",
    severity: Severity::Error,
    versions: Versions::Before(7),
    summary: "An `IsolationMode` or `RunAs` is set on a core older than v1.7",
    rationale: "Running a function without a container and choosing the identity it runs as \
                both arrived in Greengrass core v1.7; older cores cannot honour either setting.",
    help: "Remove the setting, or target core v1.7 or later",
};

/// The rules of this family.
pub static RULES: &[&Rule] = &[
    &MEMORY_REQUIRED,
    &MEMORY_NOT_ALLOWED,
    &SYSFS_NOT_ALLOWED,
    &LOCAL_RESOURCE,
    &SYSTEM_FUNCTION,
    &NEEDS_1_7,
];

/// Reports every occurrence of this family's rules.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (function, effective) in cx.functions() {
        if is_system_function(&function.arn) {
            check_system_function(cx, function, out);
        } else {
            check_memory(cx, function, effective, out);
            check_isolation(cx, function, effective, out);
        }
        check_version(cx, function, out);
    }

    check_default_version(cx, out);
}

fn check_memory(
    cx: &Context,
    function: &Function,
    effective: &Effective,
    out: &mut Vec<Diagnostic>,
) {
    let pointer = || function.config_pointer("MemorySize");

    // An unreadable `FunctionConfiguration` hides whether `MemorySize` is there.
    let required = effective.in_container()
        && function.memory_size.is_absent()
        && function.configuration != Field::Unknown;
    if required && cx.applies(&MEMORY_REQUIRED) {
        let message = format!(
            "function {} runs in a Greengrass container{} but sets no `MemorySize`",
            function.label(),
            isolation_origin(cx, function)
        );
        let mut diagnostic = Diagnostic::new(&MEMORY_REQUIRED, pointer(), message);
        if let Some(edit) = add_memory_size(function) {
            diagnostic = diagnostic.with_fix(Fix::new(
                format!("Set `MemorySize` to {DEFAULT_MEMORY_SIZE} KB (16 MB)"),
                vec![edit],
            ));
        }
        out.push(diagnostic);
    }

    if effective.no_container()
        && function.memory_size.is_present()
        && cx.applies(&MEMORY_NOT_ALLOWED)
    {
        let message = format!(
            "function {} runs without a container{} but sets `MemorySize`",
            function.label(),
            isolation_origin(cx, function)
        );
        out.push(
            Diagnostic::new(&MEMORY_NOT_ALLOWED, pointer(), message).with_fix(Fix::new(
                "Remove `MemorySize`",
                vec![Edit::remove(pointer())],
            )),
        );
    }
}

fn check_isolation(
    cx: &Context,
    function: &Function,
    effective: &Effective,
    out: &mut Vec<Diagnostic>,
) {
    if !effective.no_container() {
        return;
    }

    if function.access_sysfs == Field::Known(true) && cx.applies(&SYSFS_NOT_ALLOWED) {
        let pointer = function.environment_pointer("AccessSysfs");
        let message = format!(
            "function {} runs without a container{} but sets `AccessSysfs: true`",
            function.label(),
            isolation_origin(cx, function)
        );
        out.push(
            Diagnostic::new(&SYSFS_NOT_ALLOWED, pointer.clone(), message)
                .with_fix(Fix::new(
                    "Remove `AccessSysfs`",
                    vec![Edit::remove(&pointer)],
                ))
                .with_fix(Fix::new(
                    "Set `AccessSysfs` to false",
                    vec![Edit::replace(pointer, json!(false))],
                )),
        );
    }

    if !cx.applies(&LOCAL_RESOURCE) {
        return;
    }
    // The name and the fix are the same for every attachment of the function: made once.
    let mut shared: Option<(String, Fix)> = None;
    for policy in &function.policies {
        let Some(resource) = cx.resource(&policy.resource_id) else {
            continue;
        };
        let kind = match resource.data {
            ResourceData::LocalDevice(_) => "device",
            ResourceData::LocalVolume(_) => "volume",
            _ => continue,
        };
        let (label, fix) = shared.get_or_insert_with(|| {
            let label = function.label();
            let title = format!("Run {label} in a Greengrass container");
            (label, Fix::new(title, run_in_container(function)))
        });
        let message = format!(
            "function {label} runs without a container{} but attaches the local {kind} resource {}",
            isolation_origin(cx, function),
            resource.label()
        );
        let pointer = function.policy_pointer(policy.index, "");
        out.push(
            Diagnostic::new(&LOCAL_RESOURCE, pointer, message)
                .with_related(resource.pointer())
                .with_fix(fix.clone()),
        );
    }
}

fn check_system_function(cx: &Context, function: &Function, out: &mut Vec<Diagnostic>) {
    if function.execution.is_none() || !cx.applies(&SYSTEM_FUNCTION) {
        return;
    }

    let pointer = function.environment_pointer("Execution");
    let message = format!(
        "system function {} carries an `Execution` block, which Greengrass does not allow on it",
        function.label()
    );
    out.push(
        Diagnostic::new(&SYSTEM_FUNCTION, pointer.clone(), message)
            .with_fix(Fix::new("Remove `Execution`", vec![Edit::remove(pointer)])),
    );
}

fn check_version(cx: &Context, function: &Function, out: &mut Vec<Diagnostic>) {
    let Some(execution) = &function.execution else {
        return;
    };
    if !cx.applies(&NEEDS_1_7) {
        return;
    }

    // A `RunAs` that is not an object (an intrinsic) is not seen by the model and not reported.
    let owner = format!("function {}", function.label());
    if execution.isolation_mode.is_present() {
        out.push(needs_1_7(
            cx,
            &owner,
            "IsolationMode",
            function.execution_pointer("IsolationMode"),
        ));
    }
    if execution.run_as.is_some() {
        out.push(needs_1_7(
            cx,
            &owner,
            "RunAs",
            function.execution_pointer("RunAs"),
        ));
    }
}

fn check_default_version(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(execution) = &cx.view.default_execution else {
        return;
    };
    if !cx.applies(&NEEDS_1_7) {
        return;
    }

    let owner = "the group's `DefaultConfig`";
    if execution.isolation_mode.is_present() {
        let pointer = "/DefaultConfig/Execution/IsolationMode".to_string();
        out.push(needs_1_7(cx, owner, "IsolationMode", pointer));
    }
    if execution.run_as.is_some() {
        let pointer = "/DefaultConfig/Execution/RunAs".to_string();
        out.push(needs_1_7(cx, owner, "RunAs", pointer));
    }
}

fn needs_1_7(cx: &Context, owner: &str, member: &str, pointer: String) -> Diagnostic {
    let message = format!(
        "{owner} sets `{member}`, which core v{} does not support (it needs v1.7 or later)",
        cx.core
    );
    Diagnostic::new(&NEEDS_1_7, pointer.clone(), message).with_fix(Fix::new(
        format!("Remove `{member}`"),
        vec![Edit::remove(pointer)],
    ))
}

/// Where a function's effective isolation comes from, as a phrase to put after the mode.
fn isolation_origin(cx: &Context, function: &Function) -> &'static str {
    let own = function
        .execution
        .as_ref()
        .is_some_and(|execution| execution.isolation_mode.is_present());
    let default = cx
        .view
        .default_execution
        .as_ref()
        .is_some_and(|execution| execution.isolation_mode.is_present());
    match (own, default) {
        (true, _) => "",
        (false, true) => " (inherited from `DefaultConfig`)",
        (false, false) => " (the default when no `IsolationMode` is set)",
    }
}

/// The edit that gives a function the console's default `MemorySize`, adding
/// `FunctionConfiguration` when it is absent; none when that object is unreadable.
fn add_memory_size(function: &Function) -> Option<Edit> {
    match function.configuration {
        Field::Known(()) => Some(Edit::add(
            function.config_pointer("MemorySize"),
            json!(DEFAULT_MEMORY_SIZE),
        )),
        Field::Absent => Some(Edit::add(
            format!("{}/FunctionConfiguration", function.pointer()),
            json!({ "MemorySize": DEFAULT_MEMORY_SIZE }),
        )),
        Field::Unknown => None,
    }
}

/// The edits that put a function (which has an `Environment`, since it attaches resources) in a
/// Greengrass container: its own `IsolationMode`, and a `MemorySize` if it has none, so that the
/// fix does not trade one error for `container/memory-required`. Shared by every rule whose fix is
/// "run it in a container".
pub(crate) fn run_in_container(function: &Function) -> Vec<Edit> {
    let mode = json!(IsolationMode::GreengrassContainer.as_str());
    let isolation = match &function.execution {
        Some(execution) if execution.isolation_mode.is_present() => {
            Edit::replace(function.execution_pointer("IsolationMode"), mode)
        }
        Some(_) => Edit::add(function.execution_pointer("IsolationMode"), mode),
        // TODO: an `Execution` that is present but not an object (an intrinsic) reads as absent
        // here and would be replaced whole; the model does not say which it is.
        None => Edit::add(
            function.environment_pointer("Execution"),
            json!({ "IsolationMode": mode }),
        ),
    };
    let mut edits = vec![isolation];
    if function.memory_size.is_absent() {
        edits.extend(add_memory_size(function));
    }
    edits
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::rules::testing::{assert_fix_clears, run};

    const ARN: &str = "arn:aws:lambda:us-west-2:123456789012:function:f:1";
    const IP_DETECTOR: &str = "arn:aws:lambda:::function:GGIPDetector:1";

    fn function(id: &str, configuration: Value) -> Value {
        json!({"Id": id, "FunctionArn": ARN, "FunctionConfiguration": configuration})
    }

    fn no_container(mut configuration: Value) -> Value {
        configuration["Environment"]["Execution"]["IsolationMode"] = json!("NoContainer");
        configuration
    }

    fn pointers(found: &[Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.pointer.as_str()).collect()
    }

    fn memory_doc() -> Value {
        json!({"Functions": [
            {"Id": "bare", "FunctionArn": ARN},
            function("sized", json!({"MemorySize": 512})),
            function("host", no_container(json!({}))),
            function("timed", json!({"Timeout": 3})),
            {"Id": "ip", "FunctionArn": IP_DETECTOR, "FunctionConfiguration": {"Pinned": true}},
            function("unknown", json!({"Environment": {"Execution": {"IsolationMode": {"Ref": "M"}}}})),
            function("hidden", json!({"Environment": {"Fn::If": ["Host", {}, {}]}})),
        ]})
    }

    #[test]
    fn memory_required_reports_each_containerized_function_without_memory() {
        let found = run(&MEMORY_REQUIRED, memory_doc(), "1.11");

        assert_eq!(
            pointers(&found),
            [
                "/Functions/0/FunctionConfiguration/MemorySize",
                "/Functions/3/FunctionConfiguration/MemorySize"
            ]
        );
        assert!(found[0]
            .message
            .starts_with("function `bare` runs in a Greengrass container"));
        assert!(found[1].message.contains("`timed`"));
        assert_fix_clears(&MEMORY_REQUIRED, memory_doc(), "1.11");
    }

    #[test]
    fn memory_required_starts_at_1_7() {
        assert_eq!(run(&MEMORY_REQUIRED, memory_doc(), "1.6"), vec![]);
        assert_eq!(run(&MEMORY_REQUIRED, memory_doc(), "1.7").len(), 2);
    }

    #[test]
    fn memory_required_follows_the_group_default() {
        let doc = json!({
            "DefaultConfig": {"Execution": {"IsolationMode": "NoContainer"}},
            "Functions": [
                function("inherits", json!({})),
                function("own", json!({"Environment": {"Execution": {"IsolationMode": "GreengrassContainer"}}})),
            ]
        });
        let found = run(&MEMORY_REQUIRED, doc.clone(), "1.11");

        assert_eq!(
            pointers(&found),
            ["/Functions/1/FunctionConfiguration/MemorySize"]
        );
        assert_fix_clears(&MEMORY_REQUIRED, doc, "1.11");
    }

    #[test]
    fn memory_not_allowed_includes_inherited_no_container() {
        let doc = json!({
            "DefaultConfig": {"Execution": {"IsolationMode": "NoContainer"}},
            "Functions": [
                function("inherits", json!({"MemorySize": 512})),
                function("contained", json!({
                    "MemorySize": 512,
                    "Environment": {"Execution": {"IsolationMode": "GreengrassContainer"}}
                })),
                function("plain", json!({})),
                {"Id": "ip", "FunctionArn": IP_DETECTOR, "FunctionConfiguration": {"MemorySize": 32768}},
            ]
        });
        let found = run(&MEMORY_NOT_ALLOWED, doc.clone(), "1.11");

        assert_eq!(
            pointers(&found),
            ["/Functions/0/FunctionConfiguration/MemorySize"]
        );
        assert!(found[0].message.contains("`inherits`"));
        assert!(found[0].message.contains("inherited from `DefaultConfig`"));
        assert_fix_clears(&MEMORY_NOT_ALLOWED, doc.clone(), "1.11");
        assert_eq!(run(&MEMORY_NOT_ALLOWED, doc, "1.6"), vec![]);
    }

    #[test]
    fn sysfs_not_allowed_without_container_only() {
        let doc = json!({"Functions": [
            function("host", no_container(json!({"Environment": {"AccessSysfs": true}}))),
            function("contained", json!({"MemorySize": 1, "Environment": {"AccessSysfs": true}})),
            function("off", no_container(json!({"Environment": {"AccessSysfs": false}}))),
        ]});
        let found = run(&SYSFS_NOT_ALLOWED, doc.clone(), "1.7");

        assert_eq!(
            pointers(&found),
            ["/Functions/0/FunctionConfiguration/Environment/AccessSysfs"]
        );
        assert_eq!(found[0].fixes.len(), 2);
        assert_fix_clears(&SYSFS_NOT_ALLOWED, doc.clone(), "1.7");
        assert_eq!(run(&SYSFS_NOT_ALLOWED, doc, "1.6"), vec![]);
    }

    fn local_doc() -> Value {
        json!({
            "DefaultConfig": {"Execution": {"IsolationMode": "NoContainer"}},
            "Functions": [
                function("host", no_container(json!({"Environment": {"ResourceAccessPolicies": [
                    {"ResourceId": "dev", "Permission": "rw"},
                    {"ResourceId": "secret"},
                    {"ResourceId": "vol", "Permission": "ro"}
                ]}}))),
                function("inherits", json!({"Environment": {"ResourceAccessPolicies": [
                    {"ResourceId": "vol", "Permission": "ro"}
                ]}})),
                function("contained", json!({"MemorySize": 1024, "Environment": {
                    "Execution": {"IsolationMode": "GreengrassContainer"},
                    "ResourceAccessPolicies": [{"ResourceId": "dev", "Permission": "rw"}]
                }})),
            ],
            "Resources": [
                {"Id": "dev", "Name": "dev", "ResourceDataContainer": {
                    "LocalDeviceResourceData": {"SourcePath": "/dev/ttyUSB0"}}},
                {"Id": "vol", "Name": "vol", "ResourceDataContainer": {
                    "LocalVolumeResourceData": {"SourcePath": "/tmp/in", "DestinationPath": "/in"}}},
                {"Id": "secret", "Name": "secret", "ResourceDataContainer": {
                    "SecretsManagerSecretResourceData": {"ARN": "arn:aws:secretsmanager:us-west-2:123456789012:secret:s-abcdef"}}},
            ]
        })
    }

    #[test]
    fn local_resource_reports_each_local_attachment_of_a_host_function() {
        let found = run(&LOCAL_RESOURCE, local_doc(), "1.11");

        let policies = "FunctionConfiguration/Environment/ResourceAccessPolicies";
        assert_eq!(
            pointers(&found),
            [
                format!("/Functions/0/{policies}/0"),
                format!("/Functions/0/{policies}/2"),
                format!("/Functions/1/{policies}/0"),
            ]
        );
        assert!(
            found[0].message.contains("`host`")
                && found[0].message.contains("device resource `dev`")
        );
        assert_eq!(found[1].related, ["/Resources/1"]);
        assert!(found[2].message.contains("inherited from `DefaultConfig`"));
        assert_fix_clears(&LOCAL_RESOURCE, local_doc(), "1.11");
    }

    #[test]
    fn local_resource_fix_does_not_trade_for_memory_required() {
        let found = run(&LOCAL_RESOURCE, local_doc(), "1.11");
        let mut fixed = local_doc();
        crate::edit::apply(&mut fixed, &found[2].fixes[0].edits).unwrap();

        let configuration = &fixed["Functions"][1]["FunctionConfiguration"];
        assert_eq!(
            configuration["Environment"]["Execution"],
            json!({"IsolationMode": "GreengrassContainer"})
        );
        assert_eq!(configuration["MemorySize"], json!(16384));
        assert_eq!(run(&MEMORY_REQUIRED, fixed, "1.11"), vec![]);
    }

    #[test]
    fn system_function_may_not_carry_execution() {
        let doc = json!({"Functions": [
            {"Id": "ip", "FunctionArn": IP_DETECTOR, "FunctionConfiguration": {"Environment": {
                "Execution": {"IsolationMode": "NoContainer"}}}},
            {"Id": "spooler", "FunctionArn": "arn:aws:lambda:::function:GGCloudSpooler:1",
             "FunctionConfiguration": {"MemorySize": 32768}},
            function("user", no_container(json!({}))),
        ]});
        let found = run(&SYSTEM_FUNCTION, doc.clone(), "1.11");

        assert_eq!(
            pointers(&found),
            ["/Functions/0/FunctionConfiguration/Environment/Execution"]
        );
        assert!(found[0].message.contains("`ip`"));
        assert_fix_clears(&SYSTEM_FUNCTION, doc, "1.11");
    }

    #[test]
    fn needs_1_7_reports_every_isolation_and_run_as() {
        let doc = json!({
            "DefaultConfig": {"Execution": {"IsolationMode": "GreengrassContainer", "RunAs": {"Uid": 1}}},
            "Functions": [
                function("a", json!({"MemorySize": 1, "Environment": {"Execution": {"IsolationMode": "NoContainer"}}})),
                function("b", json!({"MemorySize": 1})),
            ]
        });
        let found = run(&NEEDS_1_7, doc.clone(), "1.6");

        assert_eq!(
            pointers(&found),
            [
                "/DefaultConfig/Execution/IsolationMode",
                "/DefaultConfig/Execution/RunAs",
                "/Functions/0/FunctionConfiguration/Environment/Execution/IsolationMode",
            ]
        );
        assert!(found[2].message.contains("function `a`") && found[0].message.contains("v1.6"));
        assert_fix_clears(&NEEDS_1_7, doc.clone(), "1.6");
        assert_eq!(run(&NEEDS_1_7, doc, "1.7"), vec![]);
    }
}
