//! Who may set the permission of an attachment: `ml/no-container-unsupported`,
//! `ml/no-container-permission`, `ml/permission-missing`, `ml/permission-exceeds-owner`.

use serde_json::json;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::edit::Edit;
use crate::model::{Field, Permission};
use crate::rules::container::run_in_container;
use crate::rules::{Rule, Versions};

use super::{isolation_pointer, Facts};

/// `ml/no-container-unsupported`: a NoContainer function attaches an ML resource on a core that
/// only mounts them in containers.
pub static NO_CONTAINER_UNSUPPORTED: Rule = Rule {
    id: "ml/no-container-unsupported",
    severity: Severity::Error,
    versions: Versions::AtMost(9),
    summary: "A NoContainer function attaches an ML resource on core v1.9 or earlier",
    rationale: "Up to Greengrass Core v1.9 an ML resource reaches a function only by being \
                mounted in its Greengrass container; functions without a container can read ML \
                resources from v1.10 on, through the resource owner.",
    help: "Run the function in a Greengrass container, or target core v1.10 or later",
};

/// `ml/no-container-permission`: a NoContainer function's attachment sets `Permission`.
pub static NO_CONTAINER_PERMISSION: Rule = Rule {
    id: "ml/no-container-permission",
    severity: Severity::Error,
    versions: Versions::AtLeast(10),
    summary: "A NoContainer function's attachment of an ML resource sets `Permission`",
    rationale: "Without a container there is nothing to enforce a per-function permission: the \
                function reads the resource as a member of the owner's OS group, so it must \
                inherit the owner's permission. A deployment with a permission on such an \
                attachment fails.",
    help: "Remove `Permission` from the attachment (inherit the owner's), and give the resource \
           an `OwnerSetting` if it has none",
};

/// `ml/permission-missing`: an attachment with no permission of its own and none to inherit.
pub static PERMISSION_MISSING: Rule = Rule {
    id: "ml/permission-missing",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "An attachment of an ML resource has no `Permission` and no owner to inherit one from",
    rationale: "A function's access to an ML resource comes from the attachment's `Permission` \
                or, from core v1.10 on, from the resource owner's `GroupPermission`. With neither \
                the deployment fails. Before v1.10 only the attachment counts; a NoContainer \
                function can only ever inherit, so it needs an owner.",
    help: "Set `Permission` to `ro` or `rw` on the attachment (containerized function), or give \
           the resource an `OwnerSetting` (NoContainer function)",
};

/// `ml/permission-exceeds-owner`: a containerized function asks for more than the owner grants.
pub static PERMISSION_EXCEEDS_OWNER: Rule = Rule {
    id: "ml/permission-exceeds-owner",
    severity: Severity::Error,
    versions: Versions::AtLeast(10),
    summary: "A containerized function attaches an ML resource `rw` while its owner grants `ro`",
    rationale: "When a resource has an owner, a function-level permission may match the owner's \
                `GroupPermission` or be stricter, never wider; the deployment fails otherwise.",
    help: "Lower the attachment to `ro`, or raise the owner's `GroupPermission` to `rw`",
};

pub(super) fn check(facts: &Facts, out: &mut Vec<Diagnostic>) {
    no_container_unsupported(facts, out);
    no_container_permission(facts, out);
    permission_missing(facts, out);
    permission_exceeds_owner(facts, out);
}

fn no_container_unsupported(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&NO_CONTAINER_UNSUPPORTED) {
        return;
    }

    for attachment in &facts.attachments {
        if !attachment.effective.no_container() {
            continue;
        }
        let Some(model) = facts.models.get(attachment.model) else {
            continue;
        };
        let function = attachment.function;
        let message = format!(
            "NoContainer function {} attaches ML resource {}; core v{} gives ML resources to \
             containerized functions only",
            function.label(),
            model.resource.label(),
            facts.cx.core
        );
        let pointer = function.policy_pointer(attachment.policy.index, "");
        let fix = Fix::new(
            format!("Run {} in a Greengrass container", function.label()),
            run_in_container(function),
        );
        let diagnostic = Diagnostic::new(&NO_CONTAINER_UNSUPPORTED, pointer, message)
            .with_related(isolation_pointer(function))
            .with_fix(fix);
        out.push(diagnostic);
    }
}

fn no_container_permission(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&NO_CONTAINER_PERMISSION) {
        return;
    }

    for attachment in &facts.attachments {
        let policy = attachment.policy;
        if !attachment.effective.no_container() || policy.permission.is_absent() {
            continue;
        }
        let Some(model) = facts.models.get(attachment.model) else {
            continue;
        };
        let function = attachment.function;
        let resource = model.resource;
        let given = match &policy.permission {
            Field::Known(permission) => format!("`{}`", permission.as_str()),
            _ => "a `Permission`".to_string(),
        };
        let message = format!(
            "NoContainer function {} attaches ML resource {} with {given}; it must inherit the \
             owner's permission",
            function.label(),
            resource.label()
        );
        let pointer = function.policy_pointer(policy.index, "Permission");
        let mut diagnostic = Diagnostic::new(&NO_CONTAINER_PERMISSION, pointer.clone(), message);

        // Without an owner, dropping the permission leaves nothing to inherit, and the owner's
        // GID is the user's to choose: no fix then.
        if model.data.owner.is_some() {
            let fix = Fix::new(
                "Inherit the owner's permission",
                vec![Edit::remove(pointer)],
            );
            diagnostic = diagnostic.with_fix(fix);
        } else {
            diagnostic = diagnostic.with_help(format!(
                "Remove `Permission` and give {} an `OwnerSetting` with the GID of an OS group on \
                 the core",
                resource.label()
            ));
        }
        out.push(diagnostic);
    }
}

fn permission_missing(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&PERMISSION_MISSING) {
        return;
    }
    let owners_apply = facts.cx.core.at_least(10);

    for attachment in &facts.attachments {
        let policy = attachment.policy;
        let effective = attachment.effective;
        let Some(model) = facts.models.get(attachment.model) else {
            continue;
        };
        if policy.permission.is_present() {
            continue;
        }
        // Before v1.10 a NoContainer function is `ml/no-container-unsupported`'s; an isolation
        // that cannot be read may be that.
        if !owners_apply && !effective.in_container() {
            continue;
        }
        if owners_apply && model.data.owner.is_some() {
            continue;
        }

        let function = attachment.function;
        let resource = model.resource;
        let message = if owners_apply {
            format!(
                "function {} attaches ML resource {} without `Permission`, and {} has no owner \
                 to inherit one from",
                function.label(),
                resource.label(),
                resource.label()
            )
        } else {
            format!(
                "function {} attaches ML resource {} without `Permission`, which core v{} \
                 requires",
                function.label(),
                resource.label(),
                facts.cx.core
            )
        };
        let pointer = function.policy_pointer(policy.index, "Permission");
        let mut diagnostic = Diagnostic::new(&PERMISSION_MISSING, pointer.clone(), message);
        if effective.in_container() {
            for (permission, title) in [
                ("ro", "Give read-only access"),
                ("rw", "Give read and write access"),
            ] {
                let edits = vec![Edit::add(pointer.clone(), json!(permission))];
                diagnostic = diagnostic.with_fix(Fix::new(title, edits));
            }
            diagnostic = diagnostic.with_help("Set `Permission` to `ro` or `rw` on the attachment");
        } else if effective.no_container() {
            diagnostic = diagnostic.with_help(format!(
                "Give {} an `OwnerSetting` with the GID of an OS group on the core and a \
                 `GroupPermission`; NoContainer functions inherit it",
                resource.label()
            ));
        }
        out.push(diagnostic);
    }
}

fn permission_exceeds_owner(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&PERMISSION_EXCEEDS_OWNER) {
        return;
    }

    for attachment in &facts.attachments {
        let policy = attachment.policy;
        if !attachment.effective.in_container() || policy.permission != Field::Known(Permission::Rw)
        {
            continue;
        }
        let Some(model) = facts.models.get(attachment.model) else {
            continue;
        };
        let owner_ro = model
            .data
            .owner
            .as_ref()
            .is_some_and(|owner| owner.group_permission == Field::Known(Permission::Ro));
        if !owner_ro {
            continue;
        }

        let function = attachment.function;
        let resource = model.resource;
        let message = format!(
            "function {} attaches ML resource {} with `rw`, but the owner of {} grants only `ro`",
            function.label(),
            resource.label(),
            resource.label()
        );
        let pointer = function.policy_pointer(policy.index, "Permission");
        let owner_pointer = resource.data_pointer("OwnerSetting/GroupPermission");
        let lower = Fix::new(
            "Lower the attachment to read-only",
            vec![Edit::replace(pointer.clone(), json!("ro"))],
        );
        let raise = Fix::new(
            format!("Raise the owner of {} to read and write", resource.label()),
            vec![Edit::replace(owner_pointer.clone(), json!("rw"))],
        );
        let diagnostic = Diagnostic::new(&PERMISSION_EXCEEDS_OWNER, pointer, message)
            .with_related(owner_pointer)
            .with_fix(lower)
            .with_fix(raise);
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::fixtures::{
        container, inherit, inheriting, no_container, policy, s3, s3_data, with,
    };
    use super::*;
    use crate::rules::testing::{assert_fix_clears, run};

    #[test]
    fn no_container_unsupported_on_1_9_for_each_attachment() {
        let doc = json!({
            "DefaultConfig": {"Execution": {"IsolationMode": "NoContainer"}},
            "Functions": [
                no_container("n", json!([with("a", "ro"), with("b", "ro")])),
                inheriting("i", json!([with("a", "ro")])),
                run_in_container(container("c", json!([with("a", "ro")]))),
            ],
            "Resources": [s3("a", "/a", None), s3("b", "/b", None)]
        });

        let found = run(&NO_CONTAINER_UNSUPPORTED, doc.clone(), "1.9");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [policy(0, 0, ""), policy(0, 1, ""), policy(1, 0, "")]
        );
        assert!(found[1].message.contains("`n`") && found[1].message.contains("`b`"));
        assert_eq!(
            found[0].related,
            ["/Functions/0/FunctionConfiguration/Environment/Execution/IsolationMode"]
        );
        // `i` takes NoContainer from the group: the fix gives it its own isolation and memory.
        assert_eq!(found[2].related, ["/DefaultConfig/Execution/IsolationMode"]);
        assert_eq!(
            found[2].fixes[0].edits,
            [
                Edit::add(
                    "/Functions/1/FunctionConfiguration/Environment/Execution",
                    json!({"IsolationMode": "GreengrassContainer"})
                ),
                Edit::add(
                    "/Functions/1/FunctionConfiguration/MemorySize",
                    json!(16384)
                ),
            ]
        );
        assert_fix_clears(&NO_CONTAINER_UNSUPPORTED, doc.clone(), "1.9");

        assert!(run(&NO_CONTAINER_UNSUPPORTED, doc, "1.10").is_empty());
    }

    fn run_in_container(mut function: serde_json::Value) -> serde_json::Value {
        function["FunctionConfiguration"]["Environment"]["Execution"] =
            json!({"IsolationMode": "GreengrassContainer"});
        function
    }

    #[test]
    fn no_container_permission_on_1_10() {
        let doc = json!({
            "Functions": [
                no_container("n", json!([with("a", "ro"), inherit("b"), with("c", "rw")])),
                container("f", json!([with("a", "ro")])),
            ],
            "Resources": [
                s3("a", "/a", Some(("1500", "ro"))),
                s3("b", "/b", Some(("1501", "ro"))),
                s3("c", "/c", None),
            ]
        });

        let found = run(&NO_CONTAINER_PERMISSION, doc.clone(), "1.10");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [policy(0, 0, "Permission"), policy(0, 2, "Permission")]
        );
        assert!(found[1].message.contains("`n`") && found[1].message.contains("`c`"));
        assert!(found[1].message.contains("`rw`"));
        assert_eq!(
            found[0].fixes[0].edits,
            [Edit::remove(policy(0, 0, "Permission"))]
        );
        // `c` has no owner: dropping the permission alone would not do.
        assert!(found[1].fixes.is_empty());
        assert_fix_clears(&NO_CONTAINER_PERMISSION, doc.clone(), "1.10");

        assert!(run(&NO_CONTAINER_PERMISSION, doc, "1.9").is_empty());
    }

    #[test]
    fn permission_missing_without_owner_on_1_10() {
        let doc = json!({
            "Functions": [
                container("f", json!([inherit("a"), inherit("b"), with("a", "ro")])),
                no_container("n", json!([inherit("a"), inherit("b")])),
            ],
            "Resources": [s3("a", "/a", None), s3("b", "/b", Some(("1500", "ro")))]
        });

        let found = run(&PERMISSION_MISSING, doc.clone(), "1.10");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [policy(0, 0, "Permission"), policy(1, 0, "Permission")]
        );
        assert!(found[0].message.contains("`f`") && found[0].message.contains("`a`"));
        assert_eq!(
            found[0].fixes[0].edits,
            [Edit::add(policy(0, 0, "Permission"), json!("ro"))]
        );
        assert_eq!(found[0].fixes.len(), 2);
        assert!(
            found[1].fixes.is_empty(),
            "an owner needs a GID from the user"
        );
        assert!(found[1].help.contains("OwnerSetting"));
        assert_fix_clears(&PERMISSION_MISSING, doc, "1.10");
    }

    #[test]
    fn permission_missing_ignores_owners_before_1_10() {
        let doc = json!({
            "Functions": [
                container("f", json!([inherit("b")])),
                no_container("n", json!([inherit("b")])),
            ],
            "Resources": [s3("b", "/b", Some(("1500", "ro")))]
        });

        let found = run(&PERMISSION_MISSING, doc.clone(), "1.9");
        assert_eq!(
            found.len(),
            1,
            "NoContainer is ml/no-container-unsupported's: {found:#?}"
        );
        assert_eq!(found[0].pointer, policy(0, 0, "Permission"));
        assert!(found[0].message.contains("v1.9"));
        assert_fix_clears(&PERMISSION_MISSING, doc.clone(), "1.9");

        assert!(run(&PERMISSION_MISSING, doc, "1.10").is_empty());
    }

    #[test]
    fn permission_missing_counts_an_incomplete_owner_as_defined() {
        let mut resource = s3("m", "/m", None);
        resource["ResourceDataContainer"]["S3MachineLearningModelResourceData"]["OwnerSetting"] =
            json!({"GroupOwner": "1500"});
        let doc = json!({
            "Functions": [no_container("n", json!([inherit("m")]))],
            "Resources": [resource]
        });
        assert!(run(&PERMISSION_MISSING, doc, "1.10").is_empty());
    }

    #[test]
    fn permission_exceeds_owner_for_containers() {
        let doc = json!({
            "Functions": [
                container("f", json!([with("a", "rw"), with("b", "rw"), with("a", "ro")])),
                no_container("n", json!([with("a", "rw")])),
            ],
            "Resources": [s3("a", "/a", Some(("1500", "ro"))), s3("b", "/b", Some(("1501", "rw")))]
        });

        let found = run(&PERMISSION_EXCEEDS_OWNER, doc.clone(), "1.10");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].pointer, policy(0, 0, "Permission"));
        assert_eq!(
            found[0].related,
            [s3_data(0, "OwnerSetting/GroupPermission")]
        );
        assert!(found[0].message.contains("`f`") && found[0].message.contains("`a`"));
        assert_eq!(
            found[0].fixes[1].edits,
            [Edit::replace(
                s3_data(0, "OwnerSetting/GroupPermission"),
                json!("rw")
            )]
        );
        assert_fix_clears(&PERMISSION_EXCEEDS_OWNER, doc.clone(), "1.10");

        assert!(run(&PERMISSION_EXCEEDS_OWNER, doc, "1.9").is_empty());
    }
}
