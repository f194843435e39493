//! `ml/unattached`: an ML resource no function uses.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Field;
use crate::rules::{Rule, Versions};

use super::Facts;

/// `ml/unattached`: no function attaches the ML resource.
pub static UNATTACHED: Rule = Rule {
    id: "ml/unattached",
    severity: Severity::Info,
    versions: Versions::All,
    summary: "No function attaches the ML resource",
    rationale: "A function reads an ML resource only through an attachment (a \
                `ResourceAccessPolicy` naming it). A resource that nothing attaches is deployed \
                with the group but serves no function, which often means an attachment was \
                forgotten.",
    help: "Attach the resource to the function that runs inference, or remove it",
};

pub(super) fn check(facts: &Facts, out: &mut Vec<Diagnostic>) {
    // An attachment whose `ResourceId` cannot be read may name any resource.
    let any_vague = facts.vague.iter().any(|vague| *vague);
    // A resource definition checked alone says nothing of the functions that attach it.
    if !facts.cx.applies(&UNATTACHED) || any_vague || !facts.cx.has_functions {
        return;
    }

    for (index, model) in facts.models.iter().enumerate() {
        // A repeated `Id` (the later resource is out of reach) is `ref/duplicate-id`'s.
        let reachable = match &model.resource.id {
            Field::Known(_) => model.attachable,
            Field::Absent => true,
            Field::Unknown => false,
        };
        if !reachable || facts.of_model(index).next().is_some() {
            continue;
        }
        let resource = model.resource;
        let message = format!("no function attaches ML resource {}", resource.label());
        out.push(Diagnostic::new(&UNATTACHED, resource.pointer(), message));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::fixtures::{container, s3, with};
    use super::*;
    use crate::rules::testing::run;

    #[test]
    fn unattached_resources() {
        let doc = json!({
            "Functions": [container("f", json!([with("a", "ro"), with("x", "ro")]))],
            "Resources": [
                s3("a", "/a", None),
                s3("b", "/b", None),
                {"Id": "x", "Name": "x", "ResourceDataContainer": {
                    "LocalVolumeResourceData": {"SourcePath": "/x", "DestinationPath": "/x"}
                }},
                s3("c", "/c", Some(("1500", "ro"))),
                {"Id": "v", "Name": "v", "ResourceDataContainer": {
                    "LocalVolumeResourceData": {"SourcePath": "/v", "DestinationPath": "/v"}
                }},
            ]
        });

        let found = run(&UNATTACHED, doc.clone(), "1.9");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        // Local volumes are not this family's.
        assert_eq!(pointers, ["/Resources/1", "/Resources/3"]);
        assert!(found[0].message.contains("`b`"));
        assert!(found[1].message.contains("`c`"));
        assert_eq!(run(&UNATTACHED, doc, "1.11").len(), 2);
    }

    #[test]
    fn an_unreadable_resource_id_may_attach_anything() {
        let mut function = container("f", json!([]));
        function["FunctionConfiguration"]["Environment"]["ResourceAccessPolicies"] =
            json!([{"ResourceId": {"Fn::GetAtt": ["Model", "Id"]}, "Permission": "ro"}]);
        let doc = json!({"Functions": [function], "Resources": [s3("m", "/m", None)]});
        assert!(run(&UNATTACHED, doc, "1.11").is_empty());
    }

    #[test]
    fn a_resource_definition_alone_has_no_attachments_to_judge() {
        let resources = json!([s3("a", "/a", None), s3("b", "/b", Some(("1500", "ro")))]);
        assert!(run(
            &UNATTACHED,
            json!({ "Resources": resources.clone() }),
            "1.11"
        )
        .is_empty());

        // An empty list says there are no functions: nothing attaches either resource.
        let doc = json!({"Functions": [], "Resources": resources});
        assert_eq!(run(&UNATTACHED, doc, "1.11").len(), 2);
    }
}
