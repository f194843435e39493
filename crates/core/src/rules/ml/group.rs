//! The owner's OS group against the functions' Run As groups: `ml/implicit-group-access`,
//! `ml/shared-owner-partial`, `ml/owner-group-shared`.

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::model::Function;
use crate::rules::{Identity, Rule, Versions};

use super::{attach_edits, gid_pointer, list, Attachment, Facts, OwnerGid};

/// `ml/implicit-group-access`: a function runs as an owner's group without attaching its
/// resource.
pub static IMPLICIT_GROUP_ACCESS: Rule = Rule {
    id: "ml/implicit-group-access",
    severity: Severity::Error,
    versions: Versions::AtLeast(10),
    summary: "A function runs as the owner GID of an ML resource it does not attach",
    rationale: "The owner's group can read the downloaded model. A function running as that \
                group could read it without Greengrass granting it, so the deployment fails \
                unless the resource is attached to the function. Functions running as root \
                (Uid 0) are exempt from this check.",
    help: "Attach the resource to the function, or run the function (or own the resource) with \
           another GID",
};

/// `ml/shared-owner-partial`: a function attaches some of the resources of one owner GID.
pub static SHARED_OWNER_PARTIAL: Rule = Rule {
    id: "ml/shared-owner-partial",
    severity: Severity::Error,
    versions: Versions::AtLeast(10),
    summary: "A function attaches some, not all, of the ML resources that share an owner GID",
    rationale: "Attaching a resource adds its owner's group to the function, which opens every \
                resource of that group. So a function attached to one resource of a shared group \
                must be attached to all of them, or the deployment fails.",
    help: "Attach the other resources of that group as well, or give each resource its own GID",
};

/// `ml/owner-group-shared`: an owner GID that something else uses too.
pub static OWNER_GROUP_SHARED: Rule = Rule {
    id: "ml/owner-group-shared",
    severity: Severity::Warning,
    versions: Versions::AtLeast(10),
    summary: "An ML resource's owner GID is also a function's Run As GID or another resource's \
              owner",
    rationale: "AWS advises an OS group used by nothing else on the core: a shared group gives \
                attached functions more access than they need, and ties the resources and \
                functions together (`ml/shared-owner-partial`, `ml/implicit-group-access`).",
    help: "Use a GID for the owner that no other resource or function uses",
};

pub(super) fn check(facts: &Facts, out: &mut Vec<Diagnostic>) {
    implicit_group_access(facts, out);
    shared_owner_partial(facts, out);
    owner_group_shared(facts, out);
}

fn implicit_group_access(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&IMPLICIT_GROUP_ACCESS) {
        return;
    }

    for (function, effective) in facts.cx.functions() {
        // Root is exempt; an unreadable Uid may be root; an unreadable `ResourceId` may name the
        // resource.
        if matches!(effective.uid, Identity::Id(0) | Identity::Unknown)
            || facts.is_vague(function.index)
        {
            continue;
        }
        let Identity::Id(gid) = effective.gid else {
            continue;
        };
        let Some(group) = facts.by_number.get(&gid).and_then(|&g| facts.owners.get(g)) else {
            continue;
        };

        let attachments = facts.of_function(function.index);
        for &index in &group.models {
            let Some(model) = facts.models.get(index) else {
                continue;
            };
            if !model.attachable || attachments.iter().any(|a| a.model == index) {
                continue;
            }
            let resource = model.resource;
            let message = format!(
                "function {} runs as GID {gid}, the owner of ML resource {}, but does not attach \
                 it",
                function.label(),
                resource.label()
            );
            let mut diagnostic =
                Diagnostic::new(&IMPLICIT_GROUP_ACCESS, gid_pointer(function), message)
                    .with_related(resource.data_pointer("OwnerSetting/GroupOwner"));
            let ids: Vec<&str> = resource.id.known().copied().into_iter().collect();
            if let Some(edits) = attach_edits(function, &ids) {
                let title = format!("Attach {} to {}", resource.label(), function.label());
                diagnostic = diagnostic.with_fix(Fix::new(title, edits));
            }
            out.push(diagnostic);
        }
    }
}

fn shared_owner_partial(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&SHARED_OWNER_PARTIAL) {
        return;
    }

    // The groups of two or more resources that any attachment could name in full.
    let shared: Vec<bool> = facts
        .owners
        .iter()
        .map(|group| {
            let attachable = |&m: &usize| facts.models.get(m).is_some_and(|model| model.attachable);
            group.models.len() >= 2 && group.models.iter().all(attachable)
        })
        .collect();

    // Per function, each shared group it reaches with the first attachment reaching it.
    let mut reached: Vec<(usize, &Attachment)> = Vec::new();
    for function in &facts.cx.view.functions {
        if facts.is_vague(function.index) {
            continue;
        }
        let attachments = facts.of_function(function.index);
        reached.clear();
        for attachment in attachments {
            let group = facts
                .models
                .get(attachment.model)
                .and_then(|m| m.owner_group);
            let Some(group) = group.filter(|&g| shared.get(g) == Some(&true)) else {
                continue;
            };
            if !reached.iter().any(|&(g, _)| g == group) {
                reached.push((group, attachment));
            }
        }

        for &(group, first) in &reached {
            let Some(group) = facts.owners.get(group) else {
                continue;
            };
            let missing: Vec<usize> = group
                .models
                .iter()
                .copied()
                .filter(|&m| !attachments.iter().any(|a| a.model == m))
                .collect();
            if !missing.is_empty() {
                out.push(partial(facts, function, first, group.gid, &missing));
            }
        }
    }
}

/// The `ml/shared-owner-partial` diagnostic of `function`, which attaches `first` but not the
/// models at `missing`, all owned by `gid`.
fn partial(
    facts: &Facts,
    function: &Function,
    first: &Attachment,
    gid: OwnerGid,
    missing: &[usize],
) -> Diagnostic {
    let missing: Vec<_> = missing
        .iter()
        .filter_map(|&m| facts.models.get(m))
        .collect();
    let names = list(missing.iter().map(|model| model.resource.label()));
    let attached = facts
        .models
        .get(first.model)
        .map_or_else(String::new, |model| model.resource.label());
    let message = format!(
        "function {} attaches ML resource {attached} but not {names}, which share its owner \
         {gid}",
        function.label()
    );
    let pointer = function.policy_pointer(first.policy.index, "");
    let mut diagnostic = Diagnostic::new(&SHARED_OWNER_PARTIAL, pointer, message);
    for model in &missing {
        let owner = model.resource.data_pointer("OwnerSetting/GroupOwner");
        diagnostic = diagnostic.with_related(owner);
    }
    let ids: Vec<&str> = missing
        .iter()
        .filter_map(|model| model.resource.id.known().copied())
        .collect();
    if let Some(edits) = attach_edits(function, &ids) {
        let title = format!("Attach {names} to {}", function.label());
        diagnostic = diagnostic.with_fix(Fix::new(title, edits));
    }
    diagnostic
}

/// The functions running as one owner GID, and the places their Gid is set (the group
/// default once for all that inherit it).
#[derive(Default)]
struct RunAsUsers<'c> {
    functions: Vec<&'c Function<'c>>,
    pointers: Vec<String>,
}

fn owner_group_shared(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&OWNER_GROUP_SHARED) {
        return;
    }

    let mut users: Vec<RunAsUsers> = facts.owners.iter().map(|_| RunAsUsers::default()).collect();
    for (function, effective) in facts.cx.functions() {
        let Identity::Id(gid) = effective.gid else {
            continue;
        };
        let Some(found) = facts.by_number.get(&gid).and_then(|&g| users.get_mut(g)) else {
            continue;
        };
        found.functions.push(function);
        let pointer = gid_pointer(function);
        if !found.pointers.contains(&pointer) {
            found.pointers.push(pointer);
        }
    }

    // One diagnostic per shared GID, at its first owner, naming every other user.
    for (group, users) in facts.owners.iter().zip(&users) {
        let mut members = group.models.iter().filter_map(|&m| facts.models.get(m));
        let Some(first) = members.next() else {
            continue;
        };
        let others: Vec<_> = members.collect();
        if others.is_empty() && users.functions.is_empty() {
            continue;
        }

        let mut uses = Vec::new();
        if !others.is_empty() {
            let names = list(others.iter().map(|other| other.resource.label()));
            uses.push(format!("the owner of {names}"));
        }
        if !users.functions.is_empty() {
            let names = list(users.functions.iter().map(|function| function.label()));
            uses.push(format!("the Run As group of {names}"));
        }
        let message = format!(
            "the owner {} of ML resource {} is also {}",
            group.gid,
            first.resource.label(),
            uses.join(" and ")
        );
        let pointer = first.resource.data_pointer("OwnerSetting/GroupOwner");
        let mut diagnostic = Diagnostic::new(&OWNER_GROUP_SHARED, pointer, message);
        for other in &others {
            let owner = other.resource.data_pointer("OwnerSetting/GroupOwner");
            diagnostic = diagnostic.with_related(owner);
        }
        for pointer in &users.pointers {
            diagnostic = diagnostic.with_related(pointer.clone());
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::fixtures::{container, policy, run_as, s3, s3_data, with};
    use super::*;
    use crate::edit::Edit;
    use crate::rules::testing::{assert_fix_clears, run};

    const ARN: &str = "arn:aws:lambda:us-west-2:123456789012:function:bare:1";

    fn gid(function: usize) -> String {
        format!("/Functions/{function}/FunctionConfiguration/Environment/Execution/RunAs/Gid")
    }

    #[test]
    fn implicit_group_access_on_effective_gid() {
        let doc = json!({
            "DefaultConfig": {"Execution": {"RunAs": {"Uid": 1000, "Gid": 1500}}},
            "Functions": [
                {"Id": "bare", "FunctionArn": ARN},
                run_as(container("own", json!([with("b", "ro")])), Some(1000), Some(1500)),
                run_as(container("root", json!([])), Some(0), Some(1500)),
                run_as(container("attached", json!([with("a", "ro")])), None, Some(1500)),
                run_as(container("other", json!([])), None, Some(1600)),
            ],
            "Resources": [
                s3("a", "/a", Some(("01500", "ro"))),
                s3("b", "/b", None),
                s3("c", "/c", Some(("ggc", "ro"))),
            ]
        });

        let found = run(&IMPLICIT_GROUP_ACCESS, doc.clone(), "1.10");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        // `bare` inherits Gid 1500 from the group; "01500" is GID 1500; root is exempt.
        assert_eq!(
            pointers,
            ["/DefaultConfig/Execution/RunAs/Gid", gid(1).as_str()]
        );
        assert!(found[0].message.contains("`bare`") && found[0].message.contains("`a`"));
        assert!(found[1].message.contains("`own`") && found[1].message.contains("1500"));
        assert_eq!(found[1].related, [s3_data(0, "OwnerSetting/GroupOwner")]);

        // `bare` has no configuration at all: the fix adds it whole.
        assert_eq!(
            found[0].fixes[0].edits,
            [Edit::add(
                "/Functions/0/FunctionConfiguration",
                json!({"Environment": {"ResourceAccessPolicies": [{"ResourceId": "a"}]}})
            )]
        );
        assert_eq!(
            found[1].fixes[0].edits,
            [Edit::add(
                "/Functions/1/FunctionConfiguration/Environment/ResourceAccessPolicies/-",
                json!({"ResourceId": "a"})
            )]
        );
        assert_fix_clears(&IMPLICIT_GROUP_ACCESS, doc.clone(), "1.10");

        assert!(run(&IMPLICIT_GROUP_ACCESS, doc, "1.9").is_empty());
    }

    #[test]
    fn implicit_group_access_skips_what_it_cannot_know() {
        let mut unknown_uid = run_as(container("u", json!([])), None, Some(1500));
        unknown_uid["FunctionConfiguration"]["Environment"]["Execution"]["RunAs"]["Uid"] =
            json!({"Ref": "Uid"});
        let mut vague = run_as(container("v", json!([])), Some(1000), Some(1500));
        vague["FunctionConfiguration"]["Environment"]["ResourceAccessPolicies"] =
            json!([{"ResourceId": {"Ref": "Model"}, "Permission": "ro"}]);
        let doc = json!({
            "Functions": [
                unknown_uid,
                vague,
                // The core's ggc_group has no known number.
                container("core", json!([])),
                run_as(container("named", json!([])), Some(1000), Some(1501)),
            ],
            "Resources": [
                s3("a", "/a", Some(("1500", "ro"))),
                s3("n", "/n", Some(("1501x", "ro"))),
            ]
        });
        assert!(run(&IMPLICIT_GROUP_ACCESS, doc, "1.11").is_empty());
    }

    #[test]
    fn shared_owner_partial_per_function_and_group() {
        let doc = json!({
            "Functions": [
                container("f", json!([with("a", "ro"), with("d", "ro")])),
                container("all", json!([with("a", "ro"), with("b", "ro"), with("c", "ro")])),
                container("named", json!([with("x", "ro")])),
            ],
            "Resources": [
                s3("a", "/a", Some(("1500", "ro"))),
                s3("b", "/b", Some(("01500", "ro"))),
                s3("c", "/c", Some(("1500", "ro"))),
                s3("d", "/d", Some(("1600", "ro"))),
                s3("x", "/x", Some(("ggc", "ro"))),
                s3("y", "/y", Some(("ggc", "ro"))),
            ]
        });

        let found = run(&SHARED_OWNER_PARTIAL, doc.clone(), "1.10");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, [policy(0, 0, ""), policy(2, 0, "")]);
        assert_eq!(
            found[0].related,
            [
                s3_data(1, "OwnerSetting/GroupOwner"),
                s3_data(2, "OwnerSetting/GroupOwner")
            ]
        );
        let message = &found[0].message;
        assert!(message.contains("`f`") && message.contains("`b`") && message.contains("`c`"));
        assert!(message.contains("GID 1500"));
        // Group names share too.
        assert!(found[1].message.contains("`named`") && found[1].message.contains("`y`"));
        let end = "/Functions/0/FunctionConfiguration/Environment/ResourceAccessPolicies/-";
        assert_eq!(
            found[0].fixes[0].edits,
            [
                Edit::add(end, json!({"ResourceId": "b"})),
                Edit::add(end, json!({"ResourceId": "c"})),
            ]
        );
        assert_fix_clears(&SHARED_OWNER_PARTIAL, doc.clone(), "1.10");

        assert!(run(&SHARED_OWNER_PARTIAL, doc, "1.9").is_empty());
    }

    #[test]
    fn owner_group_shared_once_per_gid() {
        let doc = json!({
            "DefaultConfig": {"Execution": {"RunAs": {"Uid": 1000, "Gid": 1700}}},
            "Functions": [
                run_as(container("f", json!([])), None, Some(1600)),
                container("g1", json!([])),
                container("g2", json!([])),
                run_as(container("root", json!([])), Some(0), Some(1500)),
                run_as(container("alone", json!([])), None, Some(1800)),
            ],
            "Resources": [
                s3("a", "/a", Some(("1500", "ro"))),
                s3("b", "/b", Some(("01500", "ro"))),
                s3("c", "/c", Some(("1600", "ro"))),
                s3("d", "/d", Some(("ggc", "ro"))),
                s3("e", "/e", Some(("ggc", "ro"))),
                s3("h", "/h", Some(("1700", "ro"))),
                s3("k", "/k", Some(("1900", "ro"))),
            ]
        });

        let found = run(&OWNER_GROUP_SHARED, doc.clone(), "1.10");
        let pointers: Vec<String> = found.iter().map(|d| d.pointer.clone()).collect();
        let owner = |resource| s3_data(resource, "OwnerSetting/GroupOwner");
        assert_eq!(pointers, [owner(0), owner(2), owner(3), owner(5)]);
        assert_eq!(found[0].related, [owner(1), gid(3)]);
        assert!(found[0].message.contains("`a`") && found[0].message.contains("`b`"));
        assert!(found[0].message.contains("`root`"));
        assert_eq!(found[1].related, [gid(0)]);
        assert_eq!(found[2].related, [owner(4)]);
        // Both functions take 1700 from the group default: one place.
        assert_eq!(found[3].related, ["/DefaultConfig/Execution/RunAs/Gid"]);
        assert!(found[3].message.contains("`g1`") && found[3].message.contains("`g2`"));

        assert!(run(&OWNER_GROUP_SHARED, doc, "1.9").is_empty());
    }
}
