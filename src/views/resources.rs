//! Resources: machine learning models (the page's subject), local devices and volumes, and secrets.

use ggaccess_core::edit::escape_token;
use ggaccess_core::model::Field;
use ggaccess_core::Edit;
use leptos::prelude::*;
use serde_json::{json, Map, Value};

use crate::state::use_app_state;
use crate::views::attachments::Affiliations;
use crate::views::fields::{
    field_id, select_options, CheckField, Entry, Marking, Opt, SelectField, TextField,
};
use crate::views::functions::free_id;
use crate::views::words::{Kind, MODEL_SOURCES, NO_OS_GROUP, PERMISSIONS, SPECIFY_OS_GROUP};

/// The resources section.
#[component]
pub fn Resources() -> impl IntoView {
    let state = use_app_state();
    let count = Memo::new(move |_| state.count("/Resources"));
    let add = move |kind: Kind| {
        let id = state
            .group
            .with_untracked(|group| free_id(&group.doc, "Resources", "resource"));
        state.push("/Resources", new_resource(kind, &id));
        state.status.set(format!(
            "Added {} resource {id}.",
            kind.label().to_lowercase()
        ));
    };
    let menu = [
        Kind::S3Model,
        Kind::LocalDevice,
        Kind::LocalVolume,
        Kind::Secret,
    ];
    view! {
        <section class="section" aria-labelledby=field_id("/Resources")>
            <div class="section-head">
                <h2 id=field_id("/Resources") tabindex="-1">"Resources"</h2>
                <div class="button-group">
                    {menu
                        .into_iter()
                        .map(|kind| {
                            let primary = if kind.is_model() { "button" } else { "button secondary" };
                            view! {
                                <button type="button" class=primary on:click=move |_| add(kind)>
                                    {kind.add_label()}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </div>
            {move || {
                if count.get() == 0 {
                    view! {
                        <p class="empty">
                            "No resources yet. A machine learning resource is a trained model that \
                             the core downloads for local inference."
                        </p>
                    }
                        .into_any()
                } else {
                    (0..count.get())
                        .map(|index| view! { <ResourceCard index/> })
                        .collect_view()
                        .into_any()
                }
            }}
        </section>
    }
}

/// A new resource of `kind`, with its required members empty for the user to fill.
fn new_resource(kind: Kind, id: &str) -> Value {
    let data = match kind {
        Kind::S3Model => json!({"DestinationPath": "", "S3Uri": ""}),
        Kind::SageMakerModel => json!({"DestinationPath": "", "SageMakerJobArn": ""}),
        Kind::LocalDevice => json!({"SourcePath": ""}),
        Kind::LocalVolume => json!({"SourcePath": "", "DestinationPath": ""}),
        Kind::Secret => json!({"ARN": ""}),
    };
    json!({"Id": id, "Name": id, "ResourceDataContainer": {kind.key(): data}})
}

/// One resource's form.
#[component]
pub fn ResourceCard(
    /// Position in `Resources`.
    index: usize,
) -> impl IntoView {
    let state = use_app_state();
    let base = format!("/Resources/{index}");
    let kind = Memo::new(move |_| {
        state.view.with(|view| {
            view.resources
                .get(index)
                .and_then(|r| r.data.key())
                .and_then(Kind::from_key)
        })
    });
    let title = Memo::new(move |_| {
        state
            .view
            .with(|view| match view.resources.get(index).map(|r| &r.id) {
                Some(Field::Known(id)) if !id.is_empty() => id.to_string(),
                _ => format!("Resource {}", index + 1),
            })
    });
    let remove_pointer = base.clone();
    let remove = move |_| {
        state.remove(&remove_pointer);
        state
            .status
            .set(format!("Removed resource {}.", title.get_untracked()));
    };
    let heading_id = format!("resource-{index}-title");
    let labelled_by = heading_id.clone();

    view! {
        <article class="card entity" aria-labelledby=labelled_by id=field_id(&base) tabindex="-1">
            <header class="entity-head">
                <span class="kind">
                    {move || kind.get().map_or("Unreadable resource", Kind::label)}
                </span>
                <h3 id=heading_id>{move || title.get()}</h3>
                <button
                    type="button"
                    class="button subtle danger"
                    aria-label=move || format!("Remove resource {}", title.get())
                    on:click=remove
                >
                    "Remove"
                </button>
            </header>
            <div class="form-grid">
                <TextField pointer=format!("{base}/Id") label="Resource id" placeholder="my-resource-id" />
                <TextField pointer=format!("{base}/Name") label="Name" placeholder="my-resource-name" />
                {move || match kind.get() {
                    Some(kind) if kind.is_model() => view! { <ModelFields index kind/> }.into_any(),
                    Some(Kind::LocalDevice) => view! { <LocalFields index kind=Kind::LocalDevice/> }.into_any(),
                    Some(Kind::LocalVolume) => view! { <LocalFields index kind=Kind::LocalVolume/> }.into_any(),
                    Some(_) => view! { <SecretFields index/> }.into_any(),
                    None => view! {
                        <p class="hint wide">
                            "Its ResourceDataContainer does not hold exactly one known data type; \
                             see the diagnostics, or edit the imported file."
                        </p>
                    }
                        .into_any(),
                }}
            </div>
            <Affiliations index/>
        </article>
    }
}

/// The fields of an ML resource: model source, destination path, resource owner.
#[component]
fn ModelFields(index: usize, kind: Kind) -> impl IntoView {
    let state = use_app_state();
    let container = format!("/Resources/{index}/ResourceDataContainer");
    let data = format!("{container}/{}", escape_token(kind.key()));
    let source_member = if kind == Kind::S3Model {
        "S3Uri"
    } else {
        "SageMakerJobArn"
    };

    // The model source select moves the data to the other member, keeping what it can.
    let source_marking = Marking::new(&container, Signal::derive(|| false));
    let switch_container = container.clone();
    let switch_source = move |ev| {
        let Some(target) = Kind::from_key(&event_target_value(&ev)) else {
            return;
        };
        if target == kind {
            return;
        }
        let edits = state.group.with_untracked(|group| {
            let old_path = format!("{switch_container}/{}", kind.key());
            let mut moved = group
                .doc
                .pointer(&old_path)
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_else(Map::new);
            let old_source = moved
                .remove(source_member)
                .unwrap_or(Value::String(String::new()));
            let new_member = if target == Kind::S3Model {
                "S3Uri"
            } else {
                "SageMakerJobArn"
            };
            let kept = if old_source.as_str().is_some_and(|s| s.starts_with("s3://"))
                == (target == Kind::S3Model)
            {
                old_source
            } else {
                Value::String(String::new())
            };
            moved.insert(new_member.to_string(), kept);
            vec![
                Edit::remove(old_path),
                Edit::add(
                    format!("{switch_container}/{}", target.key()),
                    Value::Object(moved),
                ),
            ]
        });
        state.edit(edits);
    };
    let source_options: Vec<Opt> = MODEL_SOURCES
        .iter()
        .map(|(kind, label)| Opt::new(Some(kind.key().to_string()), *label))
        .collect();
    let source_id = source_marking.id();

    let owner = format!("{data}/OwnerSetting");
    let owner_key = owner.clone();
    let has_owner = Memo::new(move |_| state.value(&owner_key).is_some());
    let minor = Memo::new(move |_| state.group.with(|group| group.core_version.minor));
    let resource_id = Memo::new(move |_| {
        state.view.with(|view| {
            view.resources
                .get(index)
                .and_then(|r| r.id.known().map(|id| id.to_string()))
        })
    });
    // Whether a function without a container attaches this resource (it then needs an owner).
    let used_without_container = Memo::new(move |_| {
        let Some(id) = resource_id.get() else {
            return false;
        };
        let effective = state.effective.get();
        state.view.with(|view| {
            view.functions.iter().any(|function| {
                effective
                    .get(function.index)
                    .is_some_and(|e| e.no_container())
                    && function
                        .policies
                        .iter()
                        .any(|p| p.resource_id.known().copied() == Some(id.as_str()))
            })
        })
    });
    let owner_marking = Marking::new(
        &owner,
        Signal::derive(move || minor.get() < 10 || used_without_container.get()),
    );
    let set_owner = StoredValue::new(owner.clone());
    let choose_owner = move |specify: bool| {
        let value = specify.then(|| json!({"GroupPermission": "ro"}));
        set_owner.with_value(|pointer| {
            if !(specify
                && state
                    .group
                    .with_untracked(|g| g.doc.pointer(pointer).is_some()))
            {
                state.set(pointer, value);
            }
        });
    };
    let owner_hint = move || {
        if minor.get() < 10 {
            Some(format!("{SPECIFY_OS_GROUP} needs core v1.10 or later."))
        } else if used_without_container.get() {
            Some(format!(
                "A function without a container uses this resource: it needs an owner, so \
                 {NO_OS_GROUP} is not valid."
            ))
        } else {
            None
        }
    };
    let owner_id = owner_marking.id();
    let group_name = format!("owner-{index}");
    let owner_title = format!("owner-{index}-legend");

    view! {
        <div class=source_marking.class()>
            <label for=source_id.clone()>"Model source"</label>
            <div class="control">
                <select
                    id=source_id
                    aria-invalid=source_marking.invalid()
                    aria-describedby=source_marking.described_by()
                    on:change=switch_source
                >
                    {select_options(Some(Value::String(kind.key().to_string())), source_options)}
                </select>
            </div>
            {source_marking.notes(Signal::derive(|| None))}
        </div>
        <TextField
            pointer=format!("{data}/{source_member}")
            label=if kind == Kind::S3Model { "S3 URI" } else { "SageMaker training job ARN" }
            placeholder=if kind == Kind::S3Model {
                "s3://bucket/path/model.tar.gz"
            } else {
                "arn:aws:sagemaker:us-west-2:123456789012:training-job/name"
            }
        />
        <TextField
            pointer=format!("{data}/DestinationPath")
            label="Local path"
            placeholder="/ml/model"
            hint=Signal::derive(|| Some("Where the model is placed on the core; absolute.".to_string()))
        />
        <fieldset class=move || format!("{} owner wide", owner_marking.class()())>
            <legend id=owner_title>"Resource owner"</legend>
            <div class="radios">
                <label class="radio">
                    <input
                        type="radio"
                        id=owner_id.clone()
                        name=group_name.clone()
                        prop:checked=move || !has_owner.get()
                        aria-invalid=owner_marking.invalid()
                        aria-describedby=owner_marking.described_by()
                        on:change=move |_| choose_owner(false)
                    />
                    {NO_OS_GROUP}
                </label>
                <label class="radio">
                    <input
                        type="radio"
                        id=format!("{owner_id}-specify")
                        name=group_name
                        prop:checked=move || has_owner.get()
                        aria-invalid=owner_marking.invalid()
                        aria-describedby=owner_marking.described_by()
                        on:change=move |_| choose_owner(true)
                    />
                    {SPECIFY_OS_GROUP}
                </label>
            </div>
            {owner_marking.notes(Signal::derive(owner_hint))}
            <Show when=move || has_owner.get()>
                <div class="pair">
                    <TextField
                        pointer=format!("{owner}/GroupOwner")
                        label="OS group ID (GID)"
                        entry=Entry::OptionalText
                        inputmode="numeric"
                        placeholder="e.g. 1500"
                        hint=Signal::derive(|| {
                            Some("Look it up on the core with getent group NAME.".to_string())
                        })
                    />
                    <SelectField
                        pointer=format!("{owner}/GroupPermission")
                        label="OS group permission"
                        choices=Signal::derive(|| PERMISSIONS.iter().map(|c| Opt::from(*c)).collect::<Vec<_>>())
                    />
                </div>
            </Show>
        </fieldset>
    }
}

/// The fields of a local device or volume resource.
#[component]
fn LocalFields(index: usize, kind: Kind) -> impl IntoView {
    let data = format!("/Resources/{index}/ResourceDataContainer/{}", kind.key());
    let (source_label, source_placeholder) = if kind == Kind::LocalDevice {
        ("Device path", "/dev/video0")
    } else {
        ("Source path", "/var/data")
    };
    view! {
        <TextField pointer=format!("{data}/SourcePath") label=source_label placeholder=source_placeholder />
        {(kind == Kind::LocalVolume).then(|| view! {
            <TextField
                pointer=format!("{data}/DestinationPath")
                label="Destination path"
                placeholder="/data"
            />
        })}
        <CheckField
            pointer=format!("{data}/GroupOwnerSetting/AutoAddGroupOwner")
            label="Add the OS group that owns the resource to the function's permissions"
        />
        <TextField
            pointer=format!("{data}/GroupOwnerSetting/GroupOwner")
            label="Additional OS group name"
            entry=Entry::OptionalText
            placeholder="optional"
        />
    }
}

/// The fields of a Secrets Manager secret resource.
#[component]
fn SecretFields(index: usize) -> impl IntoView {
    let data = format!("/Resources/{index}/ResourceDataContainer/SecretsManagerSecretResourceData");
    view! {
        <TextField
            pointer=format!("{data}/ARN")
            label="Secret ARN"
            placeholder="arn:aws:secretsmanager:us-west-2:123456789012:secret:name-AbCdEf"
        />
    }
}
