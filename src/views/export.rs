//! The export panel: the two API request bodies, the merged document, CloudFormation (JSON and
//! YAML) and AWS CLI commands, each with copy to clipboard and download.

use ggaccess_core::export;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::state::{use_app_state, AppState};
use crate::views::diagnostics::{counts, plural};

/// The documents the panel offers: (tab label, file name, how to make it). The same core
/// functions back `ggaccess export --to ...`, so both faces write the same text.
const DOCUMENTS: [(&str, &str, fn(&ggaccess_core::Group) -> String); 6] = [
    (
        "Function definition version",
        "function-definition-version.json",
        |group| export::to_pretty(&export::function_definition_version(group)),
    ),
    (
        "Resource definition version",
        "resource-definition-version.json",
        |group| export::to_pretty(&export::resource_definition_version(group)),
    ),
    ("Merged document", "group.json", |group| {
        export::to_pretty(&export::merged(group))
    }),
    ("CloudFormation (JSON)", "template.json", |group| {
        export::to_pretty(&export::cloudformation_json(group))
    }),
    (
        "CloudFormation (YAML)",
        "template.yaml",
        export::cloudformation_yaml,
    ),
    ("AWS CLI commands", "create-definitions.sh", |group| {
        export::aws_cli(group, "").bundle()
    }),
];

/// The export panel.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let state = use_app_state();
    let selected = RwSignal::new(0usize);
    let errors = Memo::new(move |_| state.diagnostics.with(|d| counts(d).0));
    let tab_id = |index: usize| format!("export-tab-{index}");

    // Arrow keys move between the tabs, as in every tab list.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let last = DOCUMENTS.len() - 1;
        let current = selected.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => {
                if current == last {
                    0
                } else {
                    current + 1
                }
            }
            "ArrowLeft" => {
                if current == 0 {
                    last
                } else {
                    current - 1
                }
            }
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        selected.set(next);
        focus_by_id(&format!("export-tab-{next}"));
    };

    view! {
        <div class="panel-body">
            {move || {
                let errors = errors.get();
                (errors > 0).then(|| {
                    view! {
                        <p class="export-warning" role="note">
                            {format!(
                                "{} remain. You can still export, but the API or a deployment \
                                 would reject this group.",
                                plural(errors, "error"),
                            )}
                        </p>
                    }
                })
            }}
            <div class="tabs" role="tablist" aria-label="Document to export" on:keydown=on_key>
                {DOCUMENTS
                    .iter()
                    .enumerate()
                    .map(|(index, (label, _, _))| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=tab_id(index)
                                aria-controls=format!("export-panel-{index}")
                                aria-selected=move || (selected.get() == index).to_string()
                                tabindex=move || if selected.get() == index { "0" } else { "-1" }
                                on:click=move |_| selected.set(index)
                            >
                                {*label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {DOCUMENTS
                .iter()
                .enumerate()
                .map(|(index, (label, file, make))| {
                    let make = *make;
                    let text = Memo::new(move |_| state.group.with(make));
                    let pre_id = format!("export-text-{index}");
                    view! {
                        <div
                            role="tabpanel"
                            id=format!("export-panel-{index}")
                            aria-labelledby=tab_id(index)
                            hidden=move || selected.get() != index
                            class="export-doc"
                        >
                            <div class="export-actions">
                                <button
                                    type="button"
                                    class="button"
                                    on:click={
                                        let pre_id = pre_id.clone();
                                        move |_| copy(state, text.get_untracked(), pre_id.clone())
                                    }
                                >
                                    {format!("Copy {}", label.to_lowercase())}
                                </button>
                                <button
                                    type="button"
                                    class="button secondary"
                                    on:click=move |_| download(state, file, &text.get_untracked())
                                >
                                    {format!("Download {file}")}
                                </button>
                            </div>
                            <pre id=pre_id tabindex="0" aria-label=*label><code>{move || text.get()}</code></pre>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Copies `text`: the asynchronous clipboard API first; where it is missing or refused (an
/// insecure page, a denied permission), the older `execCommand("copy")`; failing both, selects
/// the text on screen and asks the user to press the copy key.
fn copy(state: AppState, text: String, pre_id: String) {
    spawn_local(async move {
        let done = match web_sys::window().map(|w| w.navigator().clipboard()) {
            Some(clipboard) => wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
                .await
                .is_ok(),
            None => false,
        };
        let done = done || copy_with_selection(&pre_id, true);
        if done {
            state.status.set("Copied to the clipboard.".to_string());
        } else {
            copy_with_selection(&pre_id, false);
            state.status.set(
                "The browser refused the clipboard: the text is selected, press Ctrl+C (⌘C) to copy it."
                    .to_string(),
            );
        }
    });
}

/// Selects the text of `pre_id`, and when `run_copy`, asks the document to copy it.
fn copy_with_selection(pre_id: &str, run_copy: bool) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(document) = window.document() else {
        return false;
    };
    let (Some(element), Ok(Some(selection))) =
        (document.get_element_by_id(pre_id), window.get_selection())
    else {
        return false;
    };
    if selection.select_all_children(&element).is_err() {
        return false;
    }
    if !run_copy {
        return true;
    }
    let copied = document
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    if copied {
        let _ = selection.remove_all_ranges();
    }
    copied
}

/// Offers `text` as a file download named `file`.
pub fn download(state: AppState, file: &str, text: &str) {
    let result = (|| -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = web_sys::window()?.document()?;
        let anchor: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        anchor.set_href(&url);
        anchor.set_download(file);
        anchor.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Some(())
    })();
    match result {
        Some(()) => state.status.set(format!("Downloaded {file}.")),
        None => state
            .status
            .set(format!("The browser refused to save {file}.")),
    }
}
