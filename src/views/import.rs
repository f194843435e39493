//! Import: paste or upload any format the core reads. A file that cannot be read says where
//! (line and column) and leaves the current work untouched.

use ggaccess_core::import::{import, ImportError, SourceFile};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::state::{use_app_state, AppState};
use crate::views::diagnostics::plural;

/// What the last import did.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// The group was replaced: a summary, and the notes of the import itself.
    Imported(String, Vec<String>),
    /// Nothing changed: why.
    Failed(ImportError),
}

/// The import panel.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = use_app_state();
    let text = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Outcome>);

    let run = move |name: String, source: String| {
        outcome.set(Some(import_into(state, name, source)));
    };
    let on_import = move |_| run("pasted text".to_string(), text.get_untracked());
    let on_file = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else {
            return;
        };
        spawn_local(async move {
            let name = file.name();
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(value) => {
                    let source = value.as_string().unwrap_or_default();
                    text.set(source.clone());
                    run(name, source);
                }
                Err(_) => state
                    .status
                    .set(format!("The browser could not read {name}.")),
            }
        });
    };
    let failed = move || matches!(outcome.get(), Some(Outcome::Failed(_)));

    view! {
        <div class="panel-body">
            <p class="hint">
                "Paste or upload a function or resource definition: an API request or response \
                 body, the merged document, or a CloudFormation template in JSON or YAML. The \
                 current group is replaced only when the file can be read."
            </p>
            <div class="field">
                <label for="import-text">"Definition to import"</label>
                <textarea
                    id="import-text"
                    rows="10"
                    spellcheck="false"
                    prop:value=move || text.get()
                    aria-invalid=move || failed().then_some("true")
                    aria-describedby=move || failed().then_some("import-result")
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="import-actions">
                <button type="button" class="button" on:click=on_import>"Import pasted text"</button>
                <label class="button secondary file">
                    "Upload a file…"
                    <input
                        type="file"
                        class="visually-hidden"
                        accept=".json,.yaml,.yml,.template,.txt,application/json"
                        on:change=on_file
                    />
                </label>
            </div>
            {move || match outcome.get() {
                None => None,
                Some(Outcome::Failed(error)) => Some(view! {
                    <div class="import-result failed" id="import-result" role="alert">
                        <strong>{format!("{} could not be imported: ", error.file)}</strong>
                        {format!("line {}, column {}: {}", error.line, error.column, error.message)}
                        <p class="hint">"Your current group is unchanged."</p>
                    </div>
                }.into_any()),
                Some(Outcome::Imported(summary, notes)) => Some(view! {
                    <div class="import-result done" id="import-result" role="status">
                        <strong>{summary}</strong>
                        {(!notes.is_empty()).then(|| view! {
                            <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        })}
                    </div>
                }.into_any()),
            }}
        </div>
    }
}

/// Imports `source` into the state, keeping the chosen core version; the group is left as it was
/// when the text cannot be read.
fn import_into(state: AppState, name: String, source: String) -> Outcome {
    let files = [SourceFile { name, text: source }];
    match import(&files) {
        Ok(imported) => {
            let mut group = imported.group;
            group.core_version = state.group.with_untracked(|g| g.core_version);
            let view = group.view();
            let summary = format!(
                "Imported {} and {}.",
                plural(view.functions.len(), "function"),
                plural(view.resources.len(), "resource"),
            );
            let notes = imported
                .diagnostics
                .iter()
                .map(|d| format!("{}: {} ({})", d.pointer, d.message, d.rule))
                .collect();
            state.replace(group);
            state.status.set(summary.clone());
            Outcome::Imported(summary, notes)
        }
        Err(error) => {
            state
                .status
                .set("The import failed; nothing was changed.".to_string());
            Outcome::Failed(error)
        }
    }
}
