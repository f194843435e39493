//! The resource owner itself: `ml/owner-incomplete`, `ml/owner-unsupported`,
//! `ml/owner-not-recommended`, `ml/owner-not-numeric`.

use serde_json::json;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::edit::Edit;
use crate::model::{Field, Permission};
use crate::rules::{Rule, Versions};

use super::{Facts, OwnerGid};

/// `ml/owner-incomplete`: an `OwnerSetting` without `GroupOwner` or `GroupPermission`.
pub static OWNER_INCOMPLETE: Rule = Rule {
    id: "ml/owner-incomplete",
    severity: Severity::Error,
    versions: Versions::AtLeast(10),
    summary: "An ML resource's `OwnerSetting` lacks `GroupOwner` or `GroupPermission`",
    rationale: "The resource owner names the OS group the core downloads the model as and the \
                access that group gets. The API takes an `OwnerSetting` only with both members \
                and refuses the definition otherwise (InvalidMLModelOwner).",
    help: "Give the owner both a `GroupOwner` (the GID of an OS group on the core) and a \
           `GroupPermission` (`ro` or `rw`), or remove the `OwnerSetting`",
};

/// `ml/owner-unsupported`: an `OwnerSetting` on a core that predates resource owners.
pub static OWNER_UNSUPPORTED: Rule = Rule {
    id: "ml/owner-unsupported",
    severity: Severity::Error,
    versions: Versions::AtMost(9),
    summary: "An ML resource defines an `OwnerSetting`, which cores v1.9 and earlier lack",
    rationale: "Resource owners arrived with Greengrass Core v1.10. Earlier cores give ML \
                resources to containerized functions only, with the permission set on each \
                attachment, and have no owner to apply.",
    help: "Remove the `OwnerSetting` and set `Permission` on each attachment, or target core \
           v1.10 or later",
};

/// `ml/owner-not-recommended`: an owner that no NoContainer function needs.
pub static OWNER_NOT_RECOMMENDED: Rule = Rule {
    id: "ml/owner-not-recommended",
    severity: Severity::Warning,
    versions: Versions::AtLeast(10),
    summary: "An ML resource has an owner but no NoContainer function attaches it",
    rationale: "An owner adds its OS group to every attached function, which can give more access \
                than each needs. Only functions without a container need it; when every \
                attached function is containerized, AWS advises function-level permissions and \
                no owner (the console's \"No OS group\").",
    help: "Remove the `OwnerSetting` and set `Permission` on each attachment",
};

/// `ml/owner-not-numeric`: a `GroupOwner` that is a name, not a GID.
pub static OWNER_NOT_NUMERIC: Rule = Rule {
    id: "ml/owner-not-numeric",
    severity: Severity::Warning,
    versions: Versions::AtLeast(10),
    summary: "An ML resource's `GroupOwner` is not a number",
    rationale: "The API's `GroupOwner` is a string and takes a group name, but the console and \
                the guide ask for the numeric GID of an existing OS group on the core, and a name \
                cannot be compared with the functions' Run As GIDs, so the GID rules cannot \
                check it.",
    help: "Enter the group's numeric GID (`getent group NAME` on the core prints it)",
};

pub(super) fn check(facts: &Facts, out: &mut Vec<Diagnostic>) {
    owner_incomplete(facts, out);
    owner_unsupported(facts, out);
    owner_not_recommended(facts, out);
    owner_not_numeric(facts, out);
}

fn owner_incomplete(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&OWNER_INCOMPLETE) {
        return;
    }

    for (index, model) in facts.models.iter().enumerate() {
        let Some(owner) = &model.data.owner else {
            continue;
        };
        let resource = model.resource;
        let removal = || {
            facts
                .owner_removal(index)
                .map(|edits| Fix::new("Remove the owner", edits))
        };

        // A GID is for the user to pick: only removal can be offered.
        if owner.group_owner.is_absent() {
            let message = format!(
                "resource {}: `OwnerSetting` has no `GroupOwner` (the API's InvalidMLModelOwner)",
                resource.label()
            );
            let pointer = resource.data_pointer("OwnerSetting/GroupOwner");
            let mut diagnostic = Diagnostic::new(&OWNER_INCOMPLETE, pointer, message);
            diagnostic.fixes.extend(removal());
            out.push(diagnostic);
        }

        // The narrowest owner permission that still covers what each containerized attachment
        // asks for itself: `rw` when one asks for it, else `ro`.
        if owner.group_permission.is_absent() {
            let wants_rw = facts.of_model(index).any(|attachment| {
                attachment.effective.in_container()
                    && attachment.policy.permission == Field::Known(Permission::Rw)
            });
            let permission = if wants_rw { "rw" } else { "ro" };
            let message = format!(
                "resource {}: `OwnerSetting` has no `GroupPermission` (the API's InvalidMLModelOwner)",
                resource.label()
            );
            let pointer = resource.data_pointer("OwnerSetting/GroupPermission");
            let fill = Fix::new(
                format!("Set `GroupPermission` to `{permission}`"),
                vec![Edit::add(pointer.clone(), json!(permission))],
            );
            let mut diagnostic =
                Diagnostic::new(&OWNER_INCOMPLETE, pointer, message).with_fix(fill);
            diagnostic.fixes.extend(removal());
            out.push(diagnostic);
        }
    }
}

fn owner_unsupported(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&OWNER_UNSUPPORTED) {
        return;
    }

    for model in &facts.models {
        if model.data.owner.is_none() {
            continue;
        }
        let resource = model.resource;
        let pointer = resource.data_pointer("OwnerSetting");
        let message = format!(
            "resource {}: core v{} has no resource owners; `OwnerSetting` needs v1.10 or later",
            resource.label(),
            facts.cx.core
        );
        let fix = Fix::new("Remove the owner", vec![Edit::remove(pointer.clone())]);
        out.push(Diagnostic::new(&OWNER_UNSUPPORTED, pointer, message).with_fix(fix));
    }
}

fn owner_not_recommended(facts: &Facts, out: &mut Vec<Diagnostic>) {
    // A resource definition checked alone says nothing of the functions that attach it.
    if !facts.cx.applies(&OWNER_NOT_RECOMMENDED) || !facts.cx.has_functions {
        return;
    }

    // A function that may run without a container and names a resource by an unreadable id may
    // be the one that needs an owner: say nothing rather than guess.
    let maybe_needed_anywhere = facts
        .cx
        .functions()
        .any(|(function, effective)| facts.is_vague(function.index) && !effective.in_container());
    if maybe_needed_anywhere {
        return;
    }

    for (index, model) in facts.models.iter().enumerate() {
        let Some(owner) = &model.data.owner else {
            continue;
        };
        let whole = owner.group_owner.is_present() && owner.group_permission.is_present();
        let all_contained = facts
            .of_model(index)
            .all(|attachment| attachment.effective.in_container());
        if !whole || !all_contained {
            continue;
        }
        let resource = model.resource;
        let message = format!(
            "resource {} has an owner, but no NoContainer function attaches it",
            resource.label()
        );
        let mut diagnostic = Diagnostic::new(
            &OWNER_NOT_RECOMMENDED,
            resource.data_pointer("OwnerSetting"),
            message,
        );
        if let Some(edits) = facts.owner_removal(index) {
            let title = "Remove the owner and set function-level permissions";
            diagnostic = diagnostic.with_fix(Fix::new(title, edits));
        }
        out.push(diagnostic);
    }
}

fn owner_not_numeric(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&OWNER_NOT_NUMERIC) {
        return;
    }

    for model in &facts.models {
        let (Some(OwnerGid::Name(_)), Some(owner)) = (model.owner_gid, &model.data.owner) else {
            continue;
        };
        let Field::Known(text) = &owner.group_owner else {
            continue;
        };
        // A run of digits too long for a GID is a number still; it is not this rule's.
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let resource = model.resource;
        let message = format!(
            "resource {}: `GroupOwner` `{text}` is not a numeric GID",
            resource.label()
        );
        out.push(Diagnostic::new(
            &OWNER_NOT_NUMERIC,
            resource.data_pointer("OwnerSetting/GroupOwner"),
            message,
        ));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::fixtures::{container, inherit, no_container, s3, s3_data, with};
    use super::*;
    use crate::rules::testing::{assert_fix_clears, run};

    #[test]
    fn incomplete_owner_reports_each_missing_member() {
        let mut resources = vec![
            s3("a", "/a", Some(("1500", "ro"))),
            s3("b", "/b", None),
            s3("c", "/c", None),
        ];
        resources[1]["ResourceDataContainer"]["S3MachineLearningModelResourceData"]
            ["OwnerSetting"] = json!({"GroupOwner": "1501"});
        resources[2]["ResourceDataContainer"]["S3MachineLearningModelResourceData"]
            ["OwnerSetting"] = json!({});
        let doc = json!({
            "Functions": [container("f", json!([with("b", "rw"), with("c", "ro")]))],
            "Resources": resources
        });

        let found = run(&OWNER_INCOMPLETE, doc.clone(), "1.10");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                s3_data(1, "OwnerSetting/GroupPermission"),
                s3_data(2, "OwnerSetting/GroupOwner"),
                s3_data(2, "OwnerSetting/GroupPermission"),
            ]
        );
        assert!(found[0].message.contains("`b`") && found[0].message.contains("GroupPermission"));
        assert!(found[1].message.contains("`c`") && found[1].message.contains("GroupOwner"));

        // `f` wants `rw` on `b`, so the owner is filled with `rw`; on `c` `ro` is enough.
        assert_eq!(
            found[0].fixes[0].edits,
            [Edit::add(
                s3_data(1, "OwnerSetting/GroupPermission"),
                json!("rw")
            )]
        );
        assert_eq!(
            found[2].fixes[0].edits,
            [Edit::add(
                s3_data(2, "OwnerSetting/GroupPermission"),
                json!("ro")
            )]
        );
        // Every attachment has its own permission, so removing the owner keeps `f` working.
        assert_eq!(found[1].fixes.len(), 1);
        assert_eq!(
            found[1].fixes[0].edits,
            [Edit::remove(s3_data(2, "OwnerSetting"))]
        );
        assert_fix_clears(&OWNER_INCOMPLETE, doc, "1.10");
    }

    #[test]
    fn incomplete_owner_is_not_removed_under_a_no_container_function() {
        let mut resource = s3("m", "/m", None);
        resource["ResourceDataContainer"]["S3MachineLearningModelResourceData"]["OwnerSetting"] =
            json!({"GroupPermission": "ro"});
        let doc = json!({
            "Functions": [no_container("n", json!([inherit("m")]))],
            "Resources": [resource]
        });

        let found = run(&OWNER_INCOMPLETE, doc, "1.11");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer, s3_data(0, "OwnerSetting/GroupOwner"));
        assert!(found[0].fixes.is_empty(), "the GID is the user's to choose");
    }

    #[test]
    fn complete_or_absent_owner_or_old_core_passes_incomplete() {
        let doc = json!({
            "Resources": [s3("a", "/a", Some(("1500", "rw"))), s3("b", "/b", None)]
        });
        assert!(run(&OWNER_INCOMPLETE, doc, "1.10").is_empty());

        let mut resource = s3("m", "/m", None);
        resource["ResourceDataContainer"]["S3MachineLearningModelResourceData"]["OwnerSetting"] =
            json!({"GroupOwner": {"Ref": "Gid"}, "GroupPermission": "ro"});
        assert!(run(
            &OWNER_INCOMPLETE,
            json!({"Resources": [resource.clone()]}),
            "1.10"
        )
        .is_empty());

        resource["ResourceDataContainer"]["S3MachineLearningModelResourceData"]["OwnerSetting"] =
            json!({"GroupOwner": "1500"});
        assert!(run(&OWNER_INCOMPLETE, json!({"Resources": [resource]}), "1.9").is_empty());
    }

    #[test]
    fn owner_unsupported_on_1_9_only() {
        let doc = json!({
            "Functions": [container("f", json!([with("a", "ro"), with("c", "ro")]))],
            "Resources": [
                s3("a", "/a", Some(("1500", "ro"))),
                s3("b", "/b", None),
                s3("c", "/c", Some(("1600", "rw"))),
            ]
        });

        let found = run(&OWNER_UNSUPPORTED, doc.clone(), "1.9");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [s3_data(0, "OwnerSetting"), s3_data(2, "OwnerSetting")]
        );
        assert!(found[1].message.contains("`c`") && found[1].message.contains("v1.9"));
        assert_fix_clears(&OWNER_UNSUPPORTED, doc.clone(), "1.9");

        assert!(run(&OWNER_UNSUPPORTED, doc, "1.10").is_empty());
    }

    #[test]
    fn owner_not_recommended_when_only_containers_attach() {
        let doc = json!({
            "Functions": [
                container("f", json!([inherit("a"), with("b", "ro")])),
                no_container("n", json!([inherit("b")])),
            ],
            "Resources": [
                s3("a", "/a", Some(("1500", "rw"))),
                s3("b", "/b", Some(("1501", "ro"))),
                s3("c", "/c", Some(("1502", "ro"))),
                s3("d", "/d", None),
            ]
        });

        let found = run(&OWNER_NOT_RECOMMENDED, doc.clone(), "1.10");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        // `b` is needed by `n`; `c` is attached by nothing, `d` has no owner.
        assert_eq!(
            pointers,
            [s3_data(0, "OwnerSetting"), s3_data(2, "OwnerSetting")]
        );
        assert!(found[0].message.contains("`a`"));

        // `f` inherited `rw` from `a`'s owner: removing the owner writes `rw` on the attachment.
        assert_eq!(
            found[0].fixes[0].edits,
            [
                Edit::remove(s3_data(0, "OwnerSetting")),
                Edit::add(
                    "/Functions/0/FunctionConfiguration/Environment/ResourceAccessPolicies/0/\
                     Permission",
                    json!("rw")
                ),
            ]
        );
        assert_fix_clears(&OWNER_NOT_RECOMMENDED, doc.clone(), "1.10");
        assert!(run(&OWNER_NOT_RECOMMENDED, doc, "1.9").is_empty());
    }

    #[test]
    fn owner_not_recommended_waits_for_the_functions_of_a_resource_definition_alone() {
        let resources = json!([s3("a", "/a", Some(("1500", "rw")))]);
        let alone = json!({ "Resources": resources.clone() });
        assert!(run(&OWNER_NOT_RECOMMENDED, alone, "1.10").is_empty());

        // With an empty list, no NoContainer function attaches the owned resource.
        let doc = json!({"Functions": [], "Resources": resources});
        let found = run(&OWNER_NOT_RECOMMENDED, doc, "1.10");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, [s3_data(0, "OwnerSetting")]);
    }

    #[test]
    fn owner_not_recommended_waits_for_a_whole_owner_and_known_isolation() {
        let mut resource = s3("m", "/m", None);
        resource["ResourceDataContainer"]["S3MachineLearningModelResourceData"]["OwnerSetting"] =
            json!({"GroupOwner": "1500"});
        let doc = json!({"Functions": [], "Resources": [resource]});
        assert!(run(&OWNER_NOT_RECOMMENDED, doc, "1.10").is_empty());

        let mut unknown = container("f", json!([inherit("m")]));
        unknown["FunctionConfiguration"]["Environment"]["Execution"] =
            json!({"IsolationMode": {"Ref": "Mode"}});
        let doc = json!({
            "Functions": [unknown],
            "Resources": [s3("m", "/m", Some(("1500", "ro")))]
        });
        assert!(run(&OWNER_NOT_RECOMMENDED, doc, "1.10").is_empty());
    }

    #[test]
    fn owner_not_numeric_on_names_only() {
        let doc = json!({
            "Resources": [
                s3("a", "/a", Some(("ggc_models", "ro"))),
                s3("b", "/b", Some(("01500", "ro"))),
                s3("c", "/c", Some(("", "ro"))),
                s3("d", "/d", Some(("123456789012345678901234567890", "ro"))),
            ]
        });

        let found = run(&OWNER_NOT_NUMERIC, doc.clone(), "1.10");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                s3_data(0, "OwnerSetting/GroupOwner"),
                s3_data(2, "OwnerSetting/GroupOwner")
            ]
        );
        assert!(found[0].message.contains("`a`") && found[0].message.contains("ggc_models"));
        assert!(run(&OWNER_NOT_NUMERIC, doc, "1.9").is_empty());
    }
}
