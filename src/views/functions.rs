//! Lambda functions: add, edit, remove.

use ggaccess_core::model::Field;
use leptos::prelude::*;
use serde_json::{json, Value};

use crate::state::use_app_state;
use crate::views::attachments::FunctionAttachments;
use crate::views::fields::{field_id, format_mb, CheckField, Entry, Opt, SelectField, TextField};
use crate::views::words::FUNCTION_CONTAINERIZATION;

/// The Lambda functions section.
#[component]
pub fn Functions() -> impl IntoView {
    let state = use_app_state();
    let count = Memo::new(move |_| state.count("/Functions"));
    let add = move |_| {
        let id = state
            .group
            .with_untracked(|group| free_id(&group.doc, "Functions", "function"));
        state.push("/Functions", new_function(&id));
        state.status.set(format!("Added Lambda function {id}."));
    };
    view! {
        <section class="section" aria-labelledby=field_id("/Functions")>
            <div class="section-head">
                <h2 id=field_id("/Functions") tabindex="-1">"Lambda functions"</h2>
                <button type="button" class="button" on:click=add>"Add Lambda function"</button>
            </div>
            {move || {
                if count.get() == 0 {
                    view! {
                        <p class="empty">
                            "No Lambda functions yet. Add one, then attach the resources it uses."
                        </p>
                    }
                        .into_any()
                } else {
                    (0..count.get())
                        .map(|index| view! { <FunctionCard index/> })
                        .collect_view()
                        .into_any()
                }
            }}
        </section>
    }
}

/// A new function as the console starts one: memory 16 MB, timeout 3 s, on-demand.
fn new_function(id: &str) -> Value {
    json!({
        "Id": id,
        "FunctionArn": "",
        "FunctionConfiguration": {"MemorySize": 16384, "Pinned": false, "Timeout": 3}
    })
}

/// An id (`function-1`, `resource-2`) that no entry of `list` uses yet.
pub fn free_id(doc: &Value, list: &str, stem: &str) -> String {
    let taken: Vec<&str> = doc
        .get(list)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.get("Id")?.as_str())
                .collect()
        })
        .unwrap_or_default();
    (1..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| !taken.contains(&id.as_str()))
        .unwrap_or_else(|| stem.to_string())
}

/// One function's form.
#[component]
pub fn FunctionCard(
    /// Position in `Functions`.
    index: usize,
) -> impl IntoView {
    let state = use_app_state();
    let base = format!("/Functions/{index}");
    let config = format!("{base}/FunctionConfiguration");
    let environment = format!("{config}/Environment");
    let execution = format!("{environment}/Execution");
    let title = Memo::new(move |_| {
        state
            .view
            .with(|view| match view.functions.get(index).map(|f| &f.id) {
                Some(Field::Known(id)) if !id.is_empty() => id.to_string(),
                _ => format!("Function {}", index + 1),
            })
    });
    let no_container = Memo::new(move |_| {
        state
            .effective
            .with(|all| all.get(index).is_some_and(|e| e.no_container()))
    });
    let own_isolation = Memo::new(move |_| {
        state.view.with(|view| {
            view.functions
                .get(index)
                .and_then(|f| f.execution.as_ref())
                .is_some_and(|e| e.isolation_mode.is_present())
        })
    });
    let minor = Memo::new(move |_| state.group.with(|group| group.core_version.minor));
    let remove_pointer = base.clone();
    let remove = move |_| {
        state.remove(&remove_pointer);
        state.status.set(format!(
            "Removed Lambda function {}.",
            title.get_untracked()
        ));
    };

    let containerization_hint = Signal::derive(move || {
        let effective = if no_container.get() {
            "No container"
        } else {
            "Greengrass container"
        };
        (!own_isolation.get()).then(|| format!("The group default applies: {effective}."))
    });
    let containerization = Signal::derive(move || {
        let too_old = minor.get() < 7;
        FUNCTION_CONTAINERIZATION
            .iter()
            .map(|choice| {
                let note = (too_old && choice.value.is_some()).then(|| "needs core v1.7 or later");
                Opt::from(*choice).with_note(note.map(str::to_string))
            })
            .collect::<Vec<_>>()
    });
    let memory_pointer = format!("{config}/MemorySize");
    let memory_key = memory_pointer.clone();
    let memory_hint = Signal::derive(move || {
        let stored = state.value(&memory_key);
        if no_container.get() {
            return Some(
                "A function without a container has no memory limit: leave this empty.".to_string(),
            );
        }
        match stored.as_ref().and_then(Value::as_i64) {
            Some(kb) => Some(format!("Stored as {kb} KB ({} MB).", format_mb(kb))),
            None => Some("Required in a container. The console starts at 16 MB.".to_string()),
        }
    });
    let sysfs_hint = Signal::derive(move || {
        no_container
            .get()
            .then(|| "Only a containerized function can be given /sys.".to_string())
    });
    let run_as_hint =
        Signal::derive(|| Some("Blank uses the group default. 0 means root.".to_string()));
    let heading_id = format!("function-{index}-title");
    let labelled_by = heading_id.clone();

    view! {
        <article class="card entity" aria-labelledby=labelled_by id=field_id(&base) tabindex="-1">
            <header class="entity-head">
                <span class="kind">"Lambda function"</span>
                <h3 id=heading_id>{move || title.get()}</h3>
                <button
                    type="button"
                    class="button subtle danger"
                    aria-label=move || format!("Remove function {}", title.get())
                    on:click=remove
                >
                    "Remove"
                </button>
            </header>
            <div class="form-grid">
                <TextField pointer=format!("{base}/Id") label="Id" placeholder="my-function" />
                <TextField
                    pointer=format!("{base}/FunctionArn")
                    label="Function ARN (with alias or version)"
                    placeholder="arn:aws:lambda:us-west-2:123456789012:function:name:1"
                />
                <SelectField
                    pointer=format!("{execution}/IsolationMode")
                    label="Containerization"
                    choices=containerization
                    hint=containerization_hint
                />
                <fieldset class="pair">
                    <legend>"Run As"</legend>
                    <TextField
                        pointer=format!("{execution}/RunAs/Uid")
                        label="UID"
                        entry=Entry::Integer
                        inputmode="numeric"
                        placeholder="group default"
                    />
                    <TextField
                        pointer=format!("{execution}/RunAs/Gid")
                        label="GID"
                        entry=Entry::Integer
                        inputmode="numeric"
                        placeholder="group default"
                    />
                    <p class="hint wide">{move || run_as_hint.get()}</p>
                </fieldset>
                <TextField
                    pointer=memory_pointer
                    label="Memory limit"
                    entry=Entry::MemoryMb
                    unit="MB"
                    inputmode="decimal"
                    hint=memory_hint
                />
                <TextField
                    pointer=format!("{config}/Timeout")
                    label="Timeout"
                    entry=Entry::Integer
                    unit="seconds"
                    inputmode="numeric"
                />
                <CheckField pointer=format!("{config}/Pinned") label="Pinned (long-lived)" />
                <CheckField
                    pointer=format!("{environment}/AccessSysfs")
                    label="Read access to /sys directory"
                    remove_when_off=true
                    hint=sysfs_hint
                />
            </div>
            <FunctionAttachments index/>
        </article>
    }
}
