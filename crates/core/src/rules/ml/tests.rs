//! Cases across the family: the page's working examples, overlaps between rules, version lines,
//! and the cost of a large group.

use serde_json::{json, Value};

use super::fixtures::{container, inherit, no_container, s3, with};
use super::*;
use crate::rules::validate;
use crate::Group;

/// Every `ml/*` diagnostic of `doc` at `core`, as (rule, pointer).
fn ml_findings(doc: Value, core: &str) -> Vec<(&'static str, String)> {
    let mut group = Group::from_doc(doc);
    group.core_version = core.parse().unwrap();
    validate(&group)
        .into_iter()
        .filter(|d| d.rule.starts_with("ml/"))
        .map(|d| (d.rule, d.pointer))
        .collect()
}

fn page_resource(owner: Option<Value>) -> Value {
    let mut data = json!({
        "DestinationPath": "/local-destination-path",
        "S3Uri": "s3://my-models/resource-package.tar.gz"
    });
    if let Some(owner) = owner {
        data["OwnerSetting"] = owner;
    }
    json!({
        "Id": "my-resource-id",
        "Name": "my-resource-name",
        "ResourceDataContainer": {"S3MachineLearningModelResourceData": data}
    })
}

fn page_function(id: &str, environment: Value, memory: Option<i64>) -> Value {
    let mut configuration = json!({"Environment": environment, "Pinned": true, "Timeout": 5});
    if let Some(memory) = memory {
        configuration["MemorySize"] = json!(memory);
    }
    json!({
        "Id": id,
        "FunctionArn": format!("arn:aws:lambda:us-west-2:123456789012:function:{id}:1"),
        "FunctionConfiguration": configuration
    })
}

#[test]
fn page_example_containerized_only() {
    let environment = json!({"ResourceAccessPolicies": [
        {"ResourceId": "my-resource-id", "Permission": "ro"}
    ]});
    let doc = json!({
        "Functions": [page_function("my-containerized-function", environment, Some(512))],
        "Resources": [page_resource(None)]
    });
    for core in ["1.9", "1.10", "1.11"] {
        assert_eq!(ml_findings(doc.clone(), core), [], "core {core}");
    }
}

#[test]
fn page_example_with_a_no_container_function() {
    let no_container = json!({
        "Execution": {"IsolationMode": "NoContainer"},
        "ResourceAccessPolicies": [{"ResourceId": "my-resource-id"}]
    });
    let containerized = json!({"ResourceAccessPolicies": [
        {"ResourceId": "my-resource-id", "Permission": "ro"}
    ]});
    let doc = json!({
        "Functions": [
            page_function("my-non-containerized-function", no_container, None),
            page_function("my-containerized-function", containerized, Some(512)),
        ],
        "Resources": [page_resource(Some(json!({"GroupOwner": "1500", "GroupPermission": "rw"})))]
    });
    for core in ["1.10", "1.11"] {
        assert_eq!(ml_findings(doc.clone(), core), [], "core {core}");
    }
}

#[test]
fn an_incomplete_owner_is_reported_once() {
    let mut resource = s3("m", "/m", None);
    resource["ResourceDataContainer"]["S3MachineLearningModelResourceData"]["OwnerSetting"] =
        json!({"GroupOwner": "1500"});
    let doc = json!({
        "Functions": [
            no_container("n", json!([inherit("m")])),
            container("f", json!([inherit("m")])),
        ],
        "Resources": [resource]
    });
    assert_eq!(
        ml_findings(doc, "1.10"),
        [(
            "ml/owner-incomplete",
            "/Resources/0/ResourceDataContainer/S3MachineLearningModelResourceData/OwnerSetting/\
             GroupPermission"
                .to_string()
        )]
    );
}

#[test]
fn the_version_lines_split_at_1_10() {
    let doc = json!({
        "DefaultConfig": {"Execution": {"IsolationMode": "NoContainer"}},
        "Functions": [
            {
                "Id": "n",
                "FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:n:1",
                "FunctionConfiguration": {"Environment": {"ResourceAccessPolicies": [
                    {"ResourceId": "m"}
                ]}}
            },
        ],
        "Resources": [s3("m", "/m", Some(("1500", "ro")))]
    });
    let data = "/Resources/0/ResourceDataContainer/S3MachineLearningModelResourceData";
    let attachment = "/Functions/0/FunctionConfiguration/Environment/ResourceAccessPolicies/0";
    for core in ["1.7", "1.9"] {
        assert_eq!(
            ml_findings(doc.clone(), core),
            [
                ("ml/no-container-unsupported", attachment.to_string()),
                ("ml/owner-unsupported", format!("{data}/OwnerSetting")),
            ],
            "core {core}"
        );
    }
    assert_eq!(ml_findings(doc, "1.10"), []);
}

#[test]
fn one_shared_gid_may_fire_three_rules() {
    let doc = json!({
        "Functions": [
            super::fixtures::run_as(container("f", json!([with("a", "ro")])), Some(1000), Some(1500)),
        ],
        "Resources": [s3("a", "/a", Some(("1500", "ro"))), s3("b", "/b", Some(("1500", "ro")))]
    });
    let mut rules: Vec<&str> = ml_findings(doc, "1.11")
        .into_iter()
        .map(|(rule, _)| rule)
        .collect();
    rules.sort_unstable();
    // Both owners serve containerized functions only, and nothing attaches `b`.
    assert_eq!(
        rules,
        [
            "ml/implicit-group-access",
            "ml/owner-group-shared",
            "ml/owner-not-recommended",
            "ml/owner-not-recommended",
            "ml/shared-owner-partial",
            "ml/unattached",
        ]
    );
}

#[test]
fn an_unreadable_isolation_skips_the_rules_that_need_it() {
    let mut function = container("u", json!([with("owned", "rw"), inherit("bare")]));
    function["FunctionConfiguration"]["Environment"]["Execution"] =
        json!({"IsolationMode": {"Ref": "Isolation"}});
    let doc = json!({
        "Functions": [function],
        "Resources": [s3("owned", "/owned", Some(("1500", "ro"))), s3("bare", "/bare", None)]
    });
    let attachment = "/Functions/0/FunctionConfiguration/Environment/ResourceAccessPolicies/1";

    // Either isolation lacks a permission source for `bare`; nothing else can be told.
    assert_eq!(
        ml_findings(doc.clone(), "1.10"),
        [("ml/permission-missing", format!("{attachment}/Permission"))]
    );
    let found = crate::rules::testing::run(&PERMISSION_MISSING, doc.clone(), "1.10");
    assert!(
        found[0].fixes.is_empty(),
        "the fix depends on the isolation"
    );
    // Before v1.10 the attachment rules depend on the isolation: only the owner is reported.
    let owner =
        "/Resources/0/ResourceDataContainer/S3MachineLearningModelResourceData/OwnerSetting";
    assert_eq!(
        ml_findings(doc, "1.9"),
        [("ml/owner-unsupported", owner.to_string())]
    );
}

#[test]
fn attach_edits_add_what_is_missing_whole() {
    use crate::model::GroupView;

    let doc = json!({"Functions": [
        {"Id": "a", "FunctionConfiguration": {"Environment": {"ResourceAccessPolicies": []}}},
        {"Id": "b", "FunctionConfiguration": {"Environment": {}}},
        {"Id": "c", "FunctionConfiguration": {"Timeout": 3}},
        {"Id": "d"},
        {"Id": "e", "FunctionConfiguration": {"Ref": "Configuration"}},
    ]});
    let view = GroupView::read(&doc);
    let edits: Vec<Option<Vec<Edit>>> = view
        .functions
        .iter()
        .map(|function| attach_edits(function, &["m", "n"]))
        .collect();
    let both = json!([{"ResourceId": "m"}, {"ResourceId": "n"}]);
    let base = "/FunctionConfiguration/Environment/ResourceAccessPolicies";
    assert_eq!(
        edits,
        [
            Some(vec![
                Edit::add(format!("/Functions/0{base}/-"), json!({"ResourceId": "m"})),
                Edit::add(format!("/Functions/0{base}/-"), json!({"ResourceId": "n"})),
            ]),
            Some(vec![Edit::add(format!("/Functions/1{base}"), both.clone())]),
            Some(vec![Edit::add(
                "/Functions/2/FunctionConfiguration/Environment",
                json!({"ResourceAccessPolicies": both.clone()})
            )]),
            Some(vec![Edit::add(
                "/Functions/3/FunctionConfiguration",
                json!({"Environment": {"ResourceAccessPolicies": both}})
            )]),
            None,
        ]
    );
    for (index, edits) in edits.iter().enumerate().take(4) {
        let mut fixed = doc.clone();
        crate::edit::apply(&mut fixed, edits.as_deref().unwrap_or_default()).unwrap();
        let view = GroupView::read(&fixed);
        let ids: Vec<_> = view.functions[index]
            .policies
            .iter()
            .map(|p| p.resource_id.clone())
            .collect();
        assert_eq!(ids, [Field::Known("m".into()), Field::Known("n".into())]);
    }
}

#[test]
fn rules_are_listed_once_with_catalogue_ids() {
    let ids: Vec<&str> = RULES.iter().map(|rule| rule.id).collect();
    assert_eq!(
        ids,
        [
            "ml/owner-incomplete",
            "ml/owner-unsupported",
            "ml/no-container-unsupported",
            "ml/no-container-permission",
            "ml/permission-missing",
            "ml/permission-exceeds-owner",
            "ml/nested-destination",
            "ml/implicit-group-access",
            "ml/shared-owner-partial",
            "ml/owner-not-recommended",
            "ml/owner-group-shared",
            "ml/owner-not-numeric",
            "ml/destination-relative",
            "ml/s3-uri",
            "ml/sagemaker-arn",
            "ml/unattached",
        ]
    );
    for rule in RULES {
        assert!(std::ptr::eq(crate::rules::find(rule.id).unwrap(), *rule));
        assert!(!rule.summary.is_empty() && !rule.rationale.is_empty() && !rule.help.is_empty());
    }
}

/// A valid group of 1,000 functions with 10 attachments each over 50 resources: half the
/// functions are containerized with their own permissions, half NoContainer inheriting from
/// owners.
fn large_group() -> Value {
    let resources: Vec<Value> = (0..50)
        .map(|i| {
            let owner = i < 25;
            let gid = format!("{}", 2000 + i);
            s3(
                &format!("r{i}"),
                &format!("/models/r{i}"),
                owner.then_some((gid.as_str(), "ro")),
            )
        })
        .collect();
    let functions: Vec<Value> = (0..1000)
        .map(|k| {
            let id = format!("f{k}");
            if k % 2 == 0 {
                let policies: Vec<Value> = (0..10)
                    .map(|j| with(&format!("r{}", (k + j * 5) % 50), "ro"))
                    .collect();
                container(&id, Value::Array(policies))
            } else {
                let policies: Vec<Value> = (0..10)
                    .map(|j| inherit(&format!("r{}", (k + j) % 25)))
                    .collect();
                super::fixtures::run_as(no_container(&id, Value::Array(policies)), None, Some(3000))
            }
        })
        .collect();
    json!({"Functions": functions, "Resources": resources})
}

#[test]
fn a_large_valid_group_has_no_ml_findings() {
    assert_eq!(ml_findings(large_group(), "1.11"), []);
}
