//! Keeping and passing on the work: the undo and redo shortcuts, the share link, and the banners that ask the
//! user to choose between two groups or tell them what was kept aside.

use ggaccess_core::share::LONG_LINK;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::session::{self, Notice, Session};
use crate::state::storage::Pause;
use crate::state::AppState;
use crate::views::export::download;

/// The Share link button, for the header.
#[component]
pub fn KeepActions(share_open: RwSignal<bool>) -> impl IntoView {
    view! {
        <button type="button" class="button secondary" aria-controls="share-panel"
            aria-expanded=move || share_open.get().to_string()
            on:click=move |_| share_open.update(|open| *open = !*open)>
            "Share link"
        </button>
    }
}

/// The share link of the current group, with a copy button and a word on its length.
#[component]
pub fn SharePanel(state: AppState, open: RwSignal<bool>) -> impl IntoView {
    let link = Memo::new(move |_| state.group.with(session::share_link));
    let copied = RwSignal::new(false);
    Effect::new(move |_| {
        link.track();
        copied.set(false);
    });
    let copy = move |_| {
        let text = link.get_untracked();
        if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
            let promise = clipboard.write_text(&text);
            leptos::task::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(_) => {
                        copied.set(true);
                        state.status.set("Copied the share link.".to_string());
                    }
                    Err(_) => state.status.set(
                        "The browser refused the clipboard; select the link and copy it."
                            .to_string(),
                    ),
                }
            });
        }
    };
    view! {
        <section id="share-panel" class="share-panel" aria-labelledby="share-title" hidden=move || !open.get()>
            <h2 id="share-title">"Share link"</h2>
            <p class="muted">
                "The link holds the whole group and its core version; nothing is sent to a server. \
                 Opening it never replaces saved work without asking."
            </p>
            <div class="share-row">
                <label class="visually-hidden" for="share-link">"Share link"</label>
                <input id="share-link" type="text" readonly prop:value=move || link.get()
                    on:focus=move |ev| {
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            input.select();
                        }
                    }/>
                <button type="button" class="button" on:click=copy>
                    {move || if copied.get() { "Copied" } else { "Copy link" }}
                </button>
            </div>
            <p class="share-length" id="share-length">
                {move || {
                    let length = link.with(String::len);
                    // LONG_LINK is 2,000, as the message says.
                    if length > LONG_LINK {
                        format!(
                            "This link is {length} characters long, past 2,000: some chat and \
                             ticket tools cut links that long. Share the exported file instead."
                        )
                    } else {
                        format!("{length} characters.")
                    }
                }}
            </p>
        </section>
    }
}

/// Banners: a share link or another tab waiting for the user's choice, records kept aside, and a
/// share link that could not be opened.
#[component]
pub fn Notices(state: AppState) -> impl IntoView {
    let Some(session) = use_context::<Session>() else {
        return ().into_any();
    };
    let paused = move || session.autosave.and_then(|a| a.paused.get());
    let dismiss = move |index: usize| {
        session.notices.update(|n| {
            if index < n.len() {
                n.remove(index);
            }
        })
    };
    view! {
        <div class="notices">
            {move || match paused() {
                Some(Pause::Shared { .. }) => view! {
                    <div class="banner info" role="region" aria-label="Shared group">
                        <p>
                            <strong>"You are looking at a shared group."</strong>
                            " Your saved work is untouched, and changes here are not saved until you choose."
                        </p>
                        <div class="banner-actions">
                            <button type="button" class="button"
                                on:click=move |_| session::keep_shared(state, session)>
                                "Keep the shared group"
                            </button>
                            <button type="button" class="button secondary"
                                on:click=move |_| session::back_to_saved(state, session)>
                                "Back to my saved work"
                            </button>
                        </div>
                    </div>
                }.into_any(),
                Some(Pause::OtherTab { .. }) => view! {
                    <div class="banner warning" role="region" aria-label="Another tab">
                        <p>
                            <strong>"Another tab saved different work."</strong>
                            " Saving is paused here so neither tab overwrites the other."
                        </p>
                        <div class="banner-actions">
                            <button type="button" class="button"
                                on:click=move |_| session::load_other_tab(state, session)>
                                "Load the other tab's work"
                            </button>
                            <button type="button" class="button secondary"
                                on:click=move |_| session::keep_this_tab(state, session)>
                                "Keep this tab's work"
                            </button>
                        </div>
                    </div>
                }.into_any(),
                None => ().into_any(),
            }}
            {move || session.notices.get().into_iter().enumerate().map(|(index, notice)| match notice {
                Notice::Aside { key, text, message } => {
                    let file = format!("{}.json", key.clone().unwrap_or_else(|| "ggaccess-saved".to_string()));
                    view! {
                        <div class="banner warning" role="region" aria-label="Saved work kept aside">
                            <p>{message}</p>
                            <div class="banner-actions">
                                <button type="button" class="button"
                                    on:click=move |_| download(state, &file, &text)>
                                    "Download it"
                                </button>
                                <button type="button" class="button secondary" on:click=move |_| dismiss(index)>
                                    "Dismiss"
                                </button>
                            </div>
                        </div>
                    }.into_any()
                }
                Notice::LinkError(reason) => view! {
                    <div class="banner error" role="alert">
                        <p><strong>"This share link could not be opened."</strong>" " {reason}</p>
                        <div class="banner-actions">
                            <button type="button" class="button secondary" on:click=move |_| dismiss(index)>
                                "Dismiss"
                            </button>
                        </div>
                    </div>
                }.into_any(),
            }).collect_view()}
        </div>
    }
    .into_any()
}

/// Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo, anywhere on the page.
pub fn install_shortcuts(state: AppState) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        // The import text is not part of the group: its own undo stays the browser's.
        let in_textarea = ev
            .target()
            .is_some_and(|t| t.dyn_ref::<web_sys::HtmlTextAreaElement>().is_some());
        if in_textarea {
            return;
        }
        match ev.key().as_str() {
            "z" | "Z" if ev.shift_key() => state.redo(),
            "z" | "Z" => state.undo(),
            "y" | "Y" if !ev.shift_key() => state.redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
}
