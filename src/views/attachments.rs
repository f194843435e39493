//! Attachments (`ResourceAccessPolicies`): from a function, pick a resource; from a resource
//! ("Lambda function affiliations"), pick a function; either way choose the permission.
//!
//! Choices that the current settings make invalid stay offered, each with a note saying why
//! (a function without a container can only inherit), rather than being hidden.

use ggaccess_core::model::{Field, GroupView, Permission, ResourceData};
use ggaccess_core::rules::Effective;
use leptos::prelude::*;
use serde_json::{json, Value};

use crate::state::use_app_state;
use crate::views::fields::{focus_control, select_options, Opt, SelectField};
use crate::views::words::{Kind, ATTACHMENT_PERMISSIONS, INHERIT, READ_ONLY, READ_WRITE};

/// Pointer of a function's attachment list.
fn policies_pointer(function: usize) -> String {
    format!("/Functions/{function}/FunctionConfiguration/Environment/ResourceAccessPolicies")
}

/// The permission options for function `function` attaching resource `resource_id`, each with why
/// the core would report it.
fn permission_options(
    view: &GroupView,
    effective: Option<&Effective>,
    minor: u8,
    resource_id: &str,
) -> Vec<Opt> {
    let no_container = effective.is_some_and(Effective::no_container);
    let resource = view
        .resources
        .iter()
        .find(|resource| resource.id.known().copied() == Some(resource_id));
    let data = resource.map(|resource| &resource.data);
    ATTACHMENT_PERMISSIONS
        .iter()
        .map(|choice| {
            let note = match data {
                Some(ResourceData::S3Model(model) | ResourceData::SageMakerModel(model)) => {
                    let owner = model.owner.as_ref();
                    let owner_ro =
                        owner.is_some_and(|o| o.group_permission == Field::Known(Permission::Ro));
                    if *choice == INHERIT {
                        if minor < 10 {
                            Some("needs core v1.10 or later")
                        } else if owner.is_none() {
                            Some("the resource has no OS group owner to inherit from")
                        } else {
                            None
                        }
                    } else if no_container && minor >= 10 {
                        Some("a function without a container can only inherit")
                    } else if *choice == READ_WRITE && owner_ro && !no_container {
                        Some("the resource owner allows read-only")
                    } else {
                        None
                    }
                }
                Some(ResourceData::Secret(_)) if *choice == READ_WRITE => {
                    Some("secrets are read-only")
                }
                _ => None,
            };
            Opt::from(*choice).with_note(note.map(str::to_string))
        })
        .collect()
}

/// Why attaching `data` to a function is reported, if it is.
fn resource_note(
    data: &ResourceData,
    effective: Option<&Effective>,
    minor: u8,
) -> Option<&'static str> {
    let no_container = effective.is_some_and(Effective::no_container);
    match data {
        ResourceData::LocalDevice(_) | ResourceData::LocalVolume(_) if no_container => {
            Some("needs a container")
        }
        ResourceData::S3Model(_) | ResourceData::SageMakerModel(_)
            if no_container && minor < 10 =>
        {
            Some("needs a container before core v1.10")
        }
        _ => None,
    }
}

/// The permission a new attachment starts with: inherit for a function without a container on a
/// core that allows it, read-only otherwise.
fn default_permission(effective: Option<&Effective>, minor: u8) -> Option<&'static str> {
    let no_container = effective.is_some_and(Effective::no_container);
    if no_container && minor >= 10 {
        INHERIT.value
    } else {
        READ_ONLY.value
    }
}

/// A function's attachments, and a form to attach another resource.
#[component]
pub fn FunctionAttachments(
    /// Position of the function in `Functions`.
    index: usize,
) -> impl IntoView {
    let state = use_app_state();
    let list = policies_pointer(index);
    let list_key = list.clone();
    let count = Memo::new(move |_| state.count(&list_key));
    let minor = Memo::new(move |_| state.group.with(|group| group.core_version.minor));
    let effective = Memo::new(move |_| state.effective.with(|all| all.get(index).copied()));

    // Every resource id, with why attaching it to this function would be reported.
    let resource_options = Signal::derive(move || {
        state.view.with(|view| {
            let attached: Vec<&str> = view
                .functions
                .get(index)
                .map(|f| {
                    f.policies
                        .iter()
                        .filter_map(|p| p.resource_id.known().copied())
                        .collect()
                })
                .unwrap_or_default();
            view.resources
                .iter()
                .filter_map(|resource| {
                    let id = resource.id.known()?.to_string();
                    let kind = resource.data.key().and_then(Kind::from_key);
                    let label = match kind {
                        Some(kind) => format!("{id} ({})", kind.label().to_lowercase()),
                        None => id.clone(),
                    };
                    let note = if attached.contains(&id.as_str()) {
                        Some("already attached")
                    } else {
                        resource_note(&resource.data, effective.get().as_ref(), minor.get())
                    };
                    Some(Opt::new(Some(id), label).with_note(note.map(str::to_string)))
                })
                .collect::<Vec<_>>()
        })
    });

    // The "attach" form: its own picks until the button is pressed.
    let picked_resource = RwSignal::new(String::new());
    let picked_permission = RwSignal::new(None::<String>);
    let new_resource = Memo::new(move |_| {
        let picked = picked_resource.get();
        resource_options.with(|options| {
            options
                .iter()
                .find(|opt| opt.value.as_deref() == Some(picked.as_str()))
                .or_else(|| options.iter().find(|opt| opt.note.is_none()))
                .or_else(|| options.first())
                .and_then(|opt| opt.value.clone())
        })
    });
    let new_permission = Memo::new(move |_| {
        picked_permission
            .get()
            .map(|p| (!p.is_empty()).then_some(p))
            .unwrap_or_else(|| {
                default_permission(effective.get().as_ref(), minor.get()).map(str::to_string)
            })
    });
    let new_permission_options = Signal::derive(move || {
        let resource = new_resource.get().unwrap_or_default();
        state
            .view
            .with(|view| permission_options(view, effective.get().as_ref(), minor.get(), &resource))
    });
    let attach_list = list.clone();
    let attach = move |_| {
        let Some(resource) = new_resource.get_untracked() else {
            return;
        };
        let mut policy = json!({"ResourceId": resource});
        if let (Some(permission), Some(map)) =
            (new_permission.get_untracked(), policy.as_object_mut())
        {
            map.insert("Permission".into(), Value::String(permission));
        }
        state.push(&attach_list, policy);
        picked_resource.set(String::new());
        picked_permission.set(None);
        state.status.set(format!("Attached {resource}."));
    };
    let form_id = format!("attach-{index}");

    view! {
        <section class="attachments" aria-labelledby=format!("{form_id}-title")>
            <h4 id=format!("{form_id}-title")>"Resources"</h4>
            {move || {
                let rows = count.get();
                if rows == 0 {
                    view! { <p class="empty">"No resources attached."</p> }.into_any()
                } else {
                    view! {
                        <div class="rows">
                            {(0..rows)
                                .map(|policy| view! { <AttachmentRow function=index policy/> })
                                .collect_view()}
                        </div>
                    }
                        .into_any()
                }
            }}
            <fieldset class="add-row">
                <legend>"Attach a resource"</legend>
                <div class="field">
                    <label for=format!("{form_id}-resource")>"Resource to attach"</label>
                    <select
                        id=format!("{form_id}-resource")
                        disabled=move || resource_options.with(Vec::is_empty)
                        on:change=move |ev| picked_resource.set(event_target_value(&ev))
                    >
                        {move || {
                            let options = resource_options.get();
                            if options.is_empty() {
                                view! { <option value="">"Add a resource first"</option> }.into_any()
                            } else {
                                select_options(new_resource.get().map(Value::String), options)
                                    .into_any()
                            }
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("{form_id}-permission")>"Permission to grant"</label>
                    <select
                        id=format!("{form_id}-permission")
                        on:change=move |ev| picked_permission.set(Some(event_target_value(&ev)))
                    >
                        {move || {
                            select_options(
                                new_permission.get().map(Value::String),
                                new_permission_options.get(),
                            )
                        }}
                    </select>
                </div>
                <button
                    type="button"
                    class="button"
                    disabled=move || new_resource.with(Option::is_none)
                    on:click=attach
                >
                    "Attach"
                </button>
            </fieldset>
        </section>
    }
}

/// One attachment of a function: its resource and permission.
#[component]
fn AttachmentRow(function: usize, policy: usize) -> impl IntoView {
    let state = use_app_state();
    let base = format!("{}/{policy}", policies_pointer(function));
    let minor = Memo::new(move |_| state.group.with(|group| group.core_version.minor));
    let effective = Memo::new(move |_| state.effective.with(|all| all.get(function).copied()));
    let resource_id = Memo::new(move |_| {
        state.view.with(|view| {
            view.functions
                .get(function)
                .and_then(|f| f.policies.get(policy))
                .and_then(|p| p.resource_id.known().map(|id| id.to_string()))
                .unwrap_or_default()
        })
    });
    let resources = Signal::derive(move || {
        state.view.with(|view| {
            view.resources
                .iter()
                .filter_map(|resource| {
                    let id = resource.id.known()?.to_string();
                    let note = resource_note(&resource.data, effective.get().as_ref(), minor.get());
                    Some(Opt::new(Some(id.clone()), id).with_note(note.map(str::to_string)))
                })
                .collect::<Vec<_>>()
        })
    });
    let permissions = Signal::derive(move || {
        let resource = resource_id.get();
        state
            .view
            .with(|view| permission_options(view, effective.get().as_ref(), minor.get(), &resource))
    });
    let permission_hint = Signal::derive(move || {
        (effective.get().is_some_and(|e| e.no_container()) && minor.get() >= 10).then(|| {
            "This function runs without a container: it can only inherit the resource owner's \
             permissions."
                .to_string()
        })
    });
    let remove_pointer = base.clone();
    view! {
        <div class="row">
            <SelectField pointer=format!("{base}/ResourceId") label="Resource" choices=resources />
            <SelectField
                pointer=format!("{base}/Permission")
                label="Permission"
                choices=permissions
                hint=permission_hint
            />
            <button
                type="button"
                class="button subtle danger"
                aria-label=move || format!("Detach {}", resource_id.get())
                on:click=move |_| state.remove(&remove_pointer)
            >
                "Detach"
            </button>
        </div>
    }
}

/// A resource's "Lambda function affiliations": the functions attaching it, and a form to
/// affiliate another.
#[component]
pub fn Affiliations(
    /// Position of the resource in `Resources`.
    index: usize,
) -> impl IntoView {
    let state = use_app_state();
    let minor = Memo::new(move |_| state.group.with(|group| group.core_version.minor));
    let resource_id = Memo::new(move |_| {
        state.view.with(|view| {
            view.resources
                .get(index)
                .and_then(|r| r.id.known().map(|id| id.to_string()))
                .unwrap_or_default()
        })
    });
    // (function, attachment) pairs that attach this resource.
    let affiliated = Memo::new(move |_| {
        let id = resource_id.get();
        state.view.with(|view| {
            view.functions
                .iter()
                .flat_map(|function| {
                    function
                        .policies
                        .iter()
                        .filter(|policy| policy.resource_id.known().copied() == Some(id.as_str()))
                        .map(move |policy| (function.index, policy.index))
                })
                .collect::<Vec<_>>()
        })
    });
    let functions = Memo::new(move |_| {
        state.view.with(|view| {
            view.functions
                .iter()
                .map(|function| {
                    let label = match &function.id {
                        Field::Known(id) if !id.is_empty() => id.to_string(),
                        _ => format!("Function {}", function.index + 1),
                    };
                    (function.index, label)
                })
                .collect::<Vec<_>>()
        })
    });
    let picked_function = RwSignal::new(None::<usize>);
    let picked_permission = RwSignal::new(None::<String>);
    let new_function = Memo::new(move |_| {
        let all = functions.get();
        picked_function
            .get()
            .filter(|picked| all.iter().any(|(index, _)| index == picked))
            .or_else(|| all.first().map(|(index, _)| *index))
    });
    let new_effective = Memo::new(move |_| {
        let function = new_function.get()?;
        state.effective.with(|all| all.get(function).copied())
    });
    let new_permission = Memo::new(move |_| {
        picked_permission
            .get()
            .map(|p| (!p.is_empty()).then_some(p))
            .unwrap_or_else(|| {
                default_permission(new_effective.get().as_ref(), minor.get()).map(str::to_string)
            })
    });
    let new_permission_options = Signal::derive(move || {
        let id = resource_id.get();
        state
            .view
            .with(|view| permission_options(view, new_effective.get().as_ref(), minor.get(), &id))
    });
    let affiliate = move |_| {
        let Some(function) = new_function.get_untracked() else {
            return;
        };
        let mut policy = json!({"ResourceId": resource_id.get_untracked()});
        if let (Some(permission), Some(map)) =
            (new_permission.get_untracked(), policy.as_object_mut())
        {
            map.insert("Permission".into(), Value::String(permission));
        }
        state.push(&policies_pointer(function), policy);
        picked_permission.set(None);
    };
    let form_id = format!("affiliate-{index}");

    view! {
        <section class="attachments" aria-labelledby=format!("{form_id}-title")>
            <h4 id=format!("{form_id}-title")>"Lambda function affiliations"</h4>
            {move || {
                let pairs = affiliated.get();
                if pairs.is_empty() {
                    view! { <p class="empty">"No function uses this resource yet."</p> }.into_any()
                } else {
                    view! {
                        <div class="rows">
                            {pairs
                                .into_iter()
                                .map(|(function, policy)| view! { <AffiliationRow function policy/> })
                                .collect_view()}
                        </div>
                    }
                        .into_any()
                }
            }}
            <fieldset class="add-row">
                <legend>"Affiliate a function"</legend>
                <div class="field">
                    <label for=format!("{form_id}-function")>"Function to affiliate"</label>
                    <select
                        id=format!("{form_id}-function")
                        disabled=move || functions.with(Vec::is_empty)
                        on:change=move |ev| picked_function.set(event_target_value(&ev).parse().ok())
                    >
                        {move || {
                            let all = functions.get();
                            if all.is_empty() {
                                return view! { <option value="">"Add a function first"</option> }.into_any();
                            }
                            let current = new_function.get();
                            all.into_iter()
                                .map(|(function, label)| {
                                    view! {
                                        <option value=function.to_string() selected=current == Some(function)>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("{form_id}-permission")>"Permission to grant"</label>
                    <select
                        id=format!("{form_id}-permission")
                        on:change=move |ev| picked_permission.set(Some(event_target_value(&ev)))
                    >
                        {move || {
                            select_options(new_permission.get().map(Value::String), new_permission_options.get())
                        }}
                    </select>
                </div>
                <button
                    type="button"
                    class="button"
                    disabled=move || new_function.with(Option::is_none)
                    on:click=affiliate
                >
                    "Affiliate"
                </button>
            </fieldset>
        </section>
    }
}

/// One function attaching the resource, with the permission it has.
#[component]
fn AffiliationRow(function: usize, policy: usize) -> impl IntoView {
    let state = use_app_state();
    let base = format!("{}/{policy}", policies_pointer(function));
    let minor = Memo::new(move |_| state.group.with(|group| group.core_version.minor));
    let effective = Memo::new(move |_| state.effective.with(|all| all.get(function).copied()));
    let label = Memo::new(move |_| {
        state
            .view
            .with(|view| match view.functions.get(function).map(|f| &f.id) {
                Some(Field::Known(id)) if !id.is_empty() => id.to_string(),
                _ => format!("Function {}", function + 1),
            })
    });
    let resource_id = Memo::new(move |_| {
        state.view.with(|view| {
            view.functions
                .get(function)
                .and_then(|f| f.policies.get(policy))
                .and_then(|p| p.resource_id.known().map(|id| id.to_string()))
                .unwrap_or_default()
        })
    });
    let permissions = Signal::derive(move || {
        let id = resource_id.get();
        state
            .view
            .with(|view| permission_options(view, effective.get().as_ref(), minor.get(), &id))
    });
    let function_pointer = format!("/Functions/{function}");
    let remove_pointer = base.clone();
    view! {
        <div class="row">
            <div class="field">
                <span class="label">"Function"</span>
                <button
                    type="button"
                    class="link"
                    on:click=move |_| focus_control(&function_pointer)
                >
                    {move || label.get()}
                </button>
            </div>
            <SelectField
                pointer=format!("{base}/Permission")
                label="Permission"
                id_prefix="aff-"
                choices=permissions
            />
            <button
                type="button"
                class="button subtle danger"
                aria-label=move || format!("Remove affiliation of {}", label.get())
                on:click=move |_| state.remove(&remove_pointer)
            >
                "Remove"
            </button>
        </div>
    }
}
