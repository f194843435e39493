//! Rules of the `ml/*` family: machine learning resources (`S3MachineLearningModelResourceData`,
//! `SageMakerMachineLearningModelResourceData`), their `OwnerSetting`, and the functions attached
//! to them.
//!
//! Every rule reads [`Facts`], worked out once per validation: the ML resources, every attachment
//! of one (with the attaching function's effective settings), and the resources by owner GID. No
//! rule compares functions with functions, so a check is linear in attachments plus resources.
//!
//! An `OwnerSetting` missing a member is `ml/owner-incomplete`'s alone where that can be had:
//! `ml/permission-missing` counts such an owner as defined (the missing `GroupPermission` is the
//! fault, not the attachment), `ml/permission-exceeds-owner` needs a `GroupPermission` to compare
//! with, and `ml/owner-not-recommended` waits until the owner is whole. The GID rules
//! (`ml/implicit-group-access`, `ml/shared-owner-partial`, `ml/owner-group-shared`,
//! `ml/owner-not-numeric`) still read a `GroupOwner` that is there when `GroupPermission` is not:
//! the GID is a separate fact, reported at its own field, and stays true once the owner is whole.
//!
//! On cores v1.9 and earlier the owner is `ml/owner-unsupported`'s and attachments of NoContainer
//! functions are `ml/no-container-unsupported`'s, so `ml/permission-missing` there only reports
//! containerized functions.

use std::collections::HashMap;
use std::ops::Range;

use serde_json::{json, Value};

use crate::diagnostic::Diagnostic;
use crate::edit::Edit;
use crate::model::{Field, Function, ModelData, PoliciesPlace, Resource, ResourceAccessPolicy};
use crate::rules::{Context, Effective, Rule};

mod destination;
mod group;
mod owner;
mod permission;
mod source;
mod unattached;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;

pub use destination::{DESTINATION_RELATIVE, NESTED_DESTINATION};
pub use group::{IMPLICIT_GROUP_ACCESS, OWNER_GROUP_SHARED, SHARED_OWNER_PARTIAL};
pub use owner::{OWNER_INCOMPLETE, OWNER_NOT_NUMERIC, OWNER_NOT_RECOMMENDED, OWNER_UNSUPPORTED};
pub use permission::{
    NO_CONTAINER_PERMISSION, NO_CONTAINER_UNSUPPORTED, PERMISSION_EXCEEDS_OWNER, PERMISSION_MISSING,
};
pub use source::{S3_URI, SAGEMAKER_ARN};
pub use unattached::UNATTACHED;

/// The rules of this family, in catalogue order.
pub static RULES: &[&Rule] = &[
    &OWNER_INCOMPLETE,
    &OWNER_UNSUPPORTED,
    &NO_CONTAINER_UNSUPPORTED,
    &NO_CONTAINER_PERMISSION,
    &PERMISSION_MISSING,
    &PERMISSION_EXCEEDS_OWNER,
    &NESTED_DESTINATION,
    &IMPLICIT_GROUP_ACCESS,
    &SHARED_OWNER_PARTIAL,
    &OWNER_NOT_RECOMMENDED,
    &OWNER_GROUP_SHARED,
    &OWNER_NOT_NUMERIC,
    &DESTINATION_RELATIVE,
    &S3_URI,
    &SAGEMAKER_ARN,
    &UNATTACHED,
];

/// Reports every occurrence of this family's rules.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let facts = Facts::new(cx);
    owner::check(&facts, out);
    permission::check(&facts, out);
    destination::check(&facts, out);
    group::check(&facts, out);
    source::check(&facts, out);
    unattached::check(&facts, out);
}

/// An ML resource with its model data.
struct Model<'c> {
    resource: &'c Resource<'c>,
    data: &'c ModelData<'c>,
    /// The owner's `GroupOwner`, when it is there and readable.
    owner_gid: Option<OwnerGid<'c>>,
    /// Position in [`Facts::owners`] of the models sharing that `GroupOwner`.
    owner_group: Option<usize>,
    /// Whether an attachment can name it: its `Id` is known and names no earlier resource.
    attachable: bool,
}

/// One `ResourceAccessPolicy` naming an ML resource.
struct Attachment<'c> {
    function: &'c Function<'c>,
    effective: &'c Effective,
    policy: &'c ResourceAccessPolicy<'c>,
    /// Position in [`Facts::models`].
    model: usize,
}

/// An owner's `GroupOwner` as the GID rules compare it: numbers by value, names by text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum OwnerGid<'a> {
    /// A GID (`"01500"` is 1500).
    Number(i64),
    /// A group name; also a string of digits too long to be a GID, without its leading zeros.
    Name(&'a str),
}

impl<'a> OwnerGid<'a> {
    fn parse(text: &'a str) -> OwnerGid<'a> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return OwnerGid::Name(text);
        }
        match text.parse() {
            Ok(number) => OwnerGid::Number(number),
            Err(_) => OwnerGid::Name(text.trim_start_matches('0')),
        }
    }
}

impl std::fmt::Display for OwnerGid<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OwnerGid::Number(number) => write!(f, "GID {number}"),
            OwnerGid::Name(name) => write!(f, "group `{name}`"),
        }
    }
}

/// The ML resources whose owners have one `GroupOwner`.
struct OwnerGroup<'c> {
    gid: OwnerGid<'c>,
    /// Positions in [`Facts::models`], in document order.
    models: Vec<usize>,
}

/// What the rules of this family share, worked out once per validation.
struct Facts<'c> {
    cx: &'c Context<'c>,
    /// The ML resources, in document order.
    models: Vec<Model<'c>>,
    /// Every attachment of an ML resource, function after function.
    attachments: Vec<Attachment<'c>>,
    /// The attachments of each function, by function position.
    by_function: Vec<Range<usize>>,
    /// The attachments of each model, by position in `models`.
    by_model: Vec<Vec<usize>>,
    /// The models by owner GID, in order of first appearance.
    owners: Vec<OwnerGroup<'c>>,
    /// Position in `owners` of each numeric owner GID.
    by_number: HashMap<i64, usize>,
    /// Functions with a `ResourceId` that cannot be read (an intrinsic): they may attach any
    /// resource, so the rules about what is not attached skip them.
    vague: Vec<bool>,
}

impl<'c> Facts<'c> {
    fn new(cx: &'c Context<'c>) -> Facts<'c> {
        let mut model_of = vec![None; cx.view.resources.len()];
        let mut models = Vec::new();
        for resource in &cx.view.resources {
            let Some(data) = resource.data.model() else {
                continue;
            };
            let owner_gid = data
                .owner
                .as_ref()
                .and_then(|owner| owner.group_owner.known())
                .map(|text| OwnerGid::parse(text));
            let attachable = cx
                .resource(&resource.id)
                .is_some_and(|found| found.index == resource.index);
            if let Some(slot) = model_of.get_mut(resource.index) {
                *slot = Some(models.len());
            }
            models.push(Model {
                resource,
                data,
                owner_gid,
                owner_group: None,
                attachable,
            });
        }

        // Without ML resources there is nothing to resolve: keep empty ranges only.
        let policies = if models.is_empty() {
            0
        } else {
            cx.view.functions.iter().map(|f| f.policies.len()).sum()
        };
        let mut attachments = Vec::with_capacity(policies);
        let mut by_function = Vec::with_capacity(cx.view.functions.len());
        let mut by_model = vec![Vec::new(); models.len()];
        let mut vague = Vec::with_capacity(cx.view.functions.len());
        for (function, effective) in cx.functions() {
            let start = attachments.len();
            let mut unreadable = false;
            let policies = if models.is_empty() {
                &[][..]
            } else {
                function.policies.as_slice()
            };
            for policy in policies {
                unreadable |= matches!(policy.resource_id, Field::Unknown);
                let model = cx
                    .resource(&policy.resource_id)
                    .and_then(|resource| model_of.get(resource.index).copied().flatten());
                let Some(model) = model else {
                    continue;
                };
                if let Some(list) = by_model.get_mut(model) {
                    list.push(attachments.len());
                }
                attachments.push(Attachment {
                    function,
                    effective,
                    policy,
                    model,
                });
            }
            by_function.push(start..attachments.len());
            vague.push(unreadable);
        }

        let mut owners: Vec<OwnerGroup> = Vec::new();
        let mut by_gid: HashMap<OwnerGid, usize> = HashMap::new();
        for (index, model) in models.iter_mut().enumerate() {
            let Some(gid) = model.owner_gid else {
                continue;
            };
            let group = *by_gid.entry(gid).or_insert_with(|| {
                owners.push(OwnerGroup {
                    gid,
                    models: Vec::new(),
                });
                owners.len() - 1
            });
            if let Some(owner) = owners.get_mut(group) {
                owner.models.push(index);
            }
            model.owner_group = Some(group);
        }
        let by_number = by_gid
            .into_iter()
            .filter_map(|(gid, group)| match gid {
                OwnerGid::Number(number) => Some((number, group)),
                OwnerGid::Name(_) => None,
            })
            .collect();

        Facts {
            cx,
            models,
            attachments,
            by_function,
            by_model,
            owners,
            by_number,
            vague,
        }
    }

    /// The attachments of the function at `index`.
    fn of_function(&self, index: usize) -> &[Attachment<'c>] {
        self.by_function
            .get(index)
            .and_then(|range| self.attachments.get(range.clone()))
            .unwrap_or(&[])
    }

    /// The attachments of the model at `index`.
    fn of_model(&self, index: usize) -> impl Iterator<Item = &Attachment<'c>> + '_ {
        self.by_model
            .get(index)
            .into_iter()
            .flatten()
            .filter_map(|&attachment| self.attachments.get(attachment))
    }

    /// Whether the function at `index` names a resource by an unreadable `ResourceId`.
    fn is_vague(&self, index: usize) -> bool {
        self.vague.get(index).copied().unwrap_or(false)
    }

    /// Edits that remove the owner of the model at `index` while every attached function keeps its access:
    /// each containerized attachment that inherited gets the owner's permission on itself.
    /// `None` when a function that is not known to be containerized attaches it (it can only
    /// read the resource through an owner), or when the permission to copy is not known.
    fn owner_removal(&self, index: usize) -> Option<Vec<Edit>> {
        let model = self.models.get(index)?;
        let owner = model.data.owner.as_ref()?;
        let mut edits = vec![Edit::remove(model.resource.data_pointer("OwnerSetting"))];
        for attachment in self.of_model(index) {
            if !attachment.effective.in_container() {
                return None;
            }
            if attachment.policy.permission.is_absent() {
                let permission = owner.group_permission.known()?;
                let pointer = attachment
                    .function
                    .policy_pointer(attachment.policy.index, "Permission");
                edits.push(Edit::add(pointer, json!(permission.as_str())));
            }
        }
        Some(edits)
    }
}

/// Edits that attach the resources `ids` to `function`, each inheriting its owner's permission;
/// `None` when a value on the way to `ResourceAccessPolicies` is not a container.
fn attach_edits(function: &Function, ids: &[&str]) -> Option<Vec<Edit>> {
    let policies: Vec<Value> = ids.iter().map(|id| json!({ "ResourceId": id })).collect();
    let edit = match function.policies_place {
        PoliciesPlace::Array => {
            let end = function.environment_pointer("ResourceAccessPolicies/-");
            let edits = policies.into_iter().map(|p| Edit::add(end.clone(), p));
            return Some(edits.collect());
        }
        PoliciesPlace::NoPolicies => Edit::add(
            function.environment_pointer("ResourceAccessPolicies"),
            Value::Array(policies),
        ),
        PoliciesPlace::NoEnvironment => Edit::add(
            function.config_pointer("Environment"),
            json!({ "ResourceAccessPolicies": policies }),
        ),
        PoliciesPlace::NoConfiguration => Edit::add(
            format!("{}/FunctionConfiguration", function.pointer()),
            json!({ "Environment": { "ResourceAccessPolicies": policies } }),
        ),
        PoliciesPlace::Blocked => return None,
    };
    Some(vec![edit])
}

/// Where a function's effective Run As Gid is set: its own `RunAs`, else `DefaultConfig`'s.
fn gid_pointer(function: &Function) -> String {
    let own = function
        .execution
        .as_ref()
        .and_then(|execution| execution.run_as.as_ref())
        .is_some_and(|run_as| run_as.gid.is_present());
    if own {
        function.execution_pointer("RunAs/Gid")
    } else {
        "/DefaultConfig/Execution/RunAs/Gid".to_string()
    }
}

/// Where a function's effective `IsolationMode` is set: its own `Execution`, else
/// `DefaultConfig`'s.
fn isolation_pointer(function: &Function) -> String {
    let own = function
        .execution
        .as_ref()
        .is_some_and(|execution| execution.isolation_mode.is_present());
    if own {
        function.execution_pointer("IsolationMode")
    } else {
        "/DefaultConfig/Execution/IsolationMode".to_string()
    }
}

/// Labels joined for a message, the first few and how many more.
fn list(labels: impl Iterator<Item = String>) -> String {
    const SHOWN: usize = 3;
    let mut shown = Vec::new();
    let mut more = 0;
    for label in labels {
        if shown.len() < SHOWN {
            shown.push(label);
        } else {
            more += 1;
        }
    }
    let mut text = shown.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}
