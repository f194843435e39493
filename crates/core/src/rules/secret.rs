//! Rules of the `secret/*` family: Secrets Manager secret resources.

use foldhash::{HashMap, HashMapExt};

use serde_json::json;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::edit::Edit;
use crate::model::{Field, Permission, Resource, ResourceData};
use crate::rules::{Context, Rule, Versions};

/// `secret/read-only`.
pub static READ_ONLY: Rule = Rule {
    id: "secret/read-only",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "A secret resource is attached with `rw`",
    rationale: "Functions only read secrets, through the core's local secrets API; an attachment \
                with read and write access to a secret resource is refused.",
    help: "Attach the secret read-only (`ro`)",
};

/// `secret/duplicate`.
pub static DUPLICATE: Rule = Rule {
    id: "secret/duplicate",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "One secret ARN is referenced by two secret resources",
    rationale: "Two secret resources for one Secrets Manager secret conflict, and the deployment \
                fails; one resource can be attached to every function that needs the secret.",
    help: "Keep one resource for the secret and attach it to every function that needs it",
};

/// The rules of this family.
pub static RULES: &[&Rule] = &[&READ_ONLY, &DUPLICATE];

/// Reports every occurrence of this family's rules.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.applies(&DUPLICATE) {
        check_duplicates(cx, out);
    }
    if !cx.applies(&READ_ONLY) {
        return;
    }

    for function in &cx.view.functions {
        for policy in &function.policies {
            if policy.permission != Field::Known(Permission::Rw) {
                continue;
            }
            let Some(resource) = cx.resource(&policy.resource_id) else {
                continue;
            };
            if !matches!(resource.data, ResourceData::Secret(_)) {
                continue;
            }
            let pointer = function.policy_pointer(policy.index, "Permission");
            let message = format!(
                "function {} attaches the secret resource {} with `rw`; secrets can only be read",
                function.label(),
                resource.label()
            );
            out.push(
                Diagnostic::new(&READ_ONLY, pointer.clone(), message)
                    .with_related(resource.pointer())
                    .with_fix(Fix::new(
                        "Use read-only access (`ro`)",
                        vec![Edit::replace(pointer, json!("ro"))],
                    )),
            );
        }
    }
}

/// Pairs each secret resource with the first one of the same ARN. ARNs compare as written: a
/// partial ARN and a full one for the same secret are not matched.
fn check_duplicates(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Resource> = HashMap::new();
    for resource in &cx.view.resources {
        let ResourceData::Secret(data) = &resource.data else {
            continue;
        };
        let Field::Known(arn) = &data.arn else {
            continue;
        };
        if arn.is_empty() {
            continue;
        }
        let Some(first) = seen.get(arn) else {
            seen.insert(arn, resource);
            continue;
        };
        let message = format!(
            "secret resources {} and {} both reference `{arn}`",
            first.label(),
            resource.label()
        );
        out.push(
            Diagnostic::new(&DUPLICATE, resource.data_pointer("ARN"), message)
                .with_related(first.data_pointer("ARN")),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::rules::testing::{assert_fix_clears, run};

    const ARN: &str = "arn:aws:lambda:us-west-2:123456789012:function:f:1";
    const SECRET: &str = "arn:aws:secretsmanager:us-west-2:123456789012:secret:db-AbCdEf";
    const DATA: &str = "ResourceDataContainer/SecretsManagerSecretResourceData";

    fn secret(id: &str, arn: &str) -> Value {
        json!({"Id": id, "Name": id, "ResourceDataContainer": {
            "SecretsManagerSecretResourceData": {"ARN": arn}}})
    }

    fn pointers(found: &[Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.pointer.as_str()).collect()
    }

    fn read_only_doc() -> Value {
        json!({
            "Functions": [{"Id": "f", "FunctionArn": ARN, "FunctionConfiguration": {
                "Environment": {"ResourceAccessPolicies": [
                    {"ResourceId": "db", "Permission": "ro"},
                    {"ResourceId": "db", "Permission": "rw"},
                    {"ResourceId": "tmp", "Permission": "rw"},
                    {"ResourceId": "db"}
                ]}}}],
            "Resources": [
                secret("db", SECRET),
                {"Id": "tmp", "Name": "tmp", "ResourceDataContainer": {"LocalVolumeResourceData": {
                    "SourcePath": "/tmp", "DestinationPath": "/tmp"}}}
            ]
        })
    }

    #[test]
    fn read_only_reports_rw_secret_attachments() {
        let found = run(&READ_ONLY, read_only_doc(), "1.11");

        assert_eq!(
            pointers(&found),
            ["/Functions/0/FunctionConfiguration/Environment/ResourceAccessPolicies/1/Permission"]
        );
        assert!(found[0].message.contains("`f`") && found[0].message.contains("`db`"));
        assert_eq!(found[0].related, ["/Resources/0"]);
        assert_fix_clears(&READ_ONLY, read_only_doc(), "1.11");
    }

    #[test]
    fn duplicate_pairs_each_later_resource_with_the_first() {
        let other = "arn:aws:secretsmanager:us-west-2:123456789012:secret:api-123456";
        let doc = json!({"Resources": [
            secret("a", SECRET),
            secret("b", other),
            secret("c", SECRET),
            secret("d", SECRET),
        ]});
        let found = run(&DUPLICATE, doc, "1.11");

        assert_eq!(
            pointers(&found),
            [
                format!("/Resources/2/{DATA}/ARN"),
                format!("/Resources/3/{DATA}/ARN")
            ]
        );
        assert_eq!(found[0].related, [format!("/Resources/0/{DATA}/ARN")]);
        assert_eq!(found[1].related, [format!("/Resources/0/{DATA}/ARN")]);
        assert!(found[1].message.starts_with("secret resources `a` and `d`"));
    }

    #[test]
    fn duplicate_skips_unknown_arns() {
        let doc = json!({"Resources": [
            secret("a", SECRET),
            {"Id": "b", "Name": "b", "ResourceDataContainer": {
                "SecretsManagerSecretResourceData": {"ARN": {"Ref": "Secret"}}}},
            secret("c", ""),
            secret("d", ""),
        ]});
        assert_eq!(run(&DUPLICATE, doc, "1.11"), vec![]);
    }
}
