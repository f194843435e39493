//! The page: header with the group actions, the editor, and the side panel (diagnostics, export,
//! import).

use ggaccess_core::Group;
use leptos::prelude::*;

use crate::state::session::{self, Session};
use crate::state::{provide_app_state, use_app_state, AppState};
use crate::views::diagnostics::{counts, plural, DiagnosticsPanel};
use crate::views::export::ExportPanel;
use crate::views::functions::Functions;
use crate::views::group_settings::GroupSettings;
use crate::views::import::ImportPanel;
use crate::views::keep::{install_shortcuts, KeepActions, Notices, SharePanel};
use crate::views::resources::Resources;
use crate::views::rules::RulesReference;

/// The whole app, on the saved group or, on a first visit, the built-in example.
#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    install_shortcuts(state);
    view! { <Page/> }
}

/// The page on the state already in context (tests provide their own).
#[component]
pub fn Page() -> impl IntoView {
    let state = use_app_state();

    // A status message stays for a few seconds, unless another replaces it.
    Effect::new(move |_| {
        let shown = state.status.get();
        if shown.is_empty() {
            return;
        }
        set_timeout(
            move || {
                if state.status.get_untracked() == shown {
                    state.status.set(String::new());
                }
            },
            std::time::Duration::from_secs(6),
        );
    });

    let embed = use_context::<Session>().is_some_and(|session| session.embed);
    let share_open = RwSignal::new(false);
    let new_group = move |_| {
        state.replace(Group::new());
        state.status.set("Started a new, empty group.".to_string());
    };
    let open_example = move |_| {
        state.replace(ggaccess_core::examples::built_in());
        state.status.set("Opened the built-in example.".to_string());
    };
    let header = (!embed).then(|| view! {
        <a class="skip-link" href="#side-panel">"Skip to diagnostics"</a>
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"gg"</span>
                <div>
                    <h1>"ggaccess"</h1>
                    <p class="tagline">"Greengrass v1 Lambda function and resource access, checked as you type"</p>
                </div>
            </div>
            <nav class="actions" aria-label="Group">
                <button
                    type="button"
                    class="button subtle"
                    aria-keyshortcuts="Control+Z"
                    title="Undo (Ctrl+Z)"
                    disabled=move || !state.history.with(|h| h.can_undo())
                    on:click=move |_| state.undo()
                >
                    "Undo"
                </button>
                <button
                    type="button"
                    class="button subtle"
                    aria-keyshortcuts="Control+Shift+Z Control+Y"
                    title="Redo (Shift+Ctrl+Z or Ctrl+Y)"
                    disabled=move || !state.history.with(|h| h.can_redo())
                    on:click=move |_| state.redo()
                >
                    "Redo"
                </button>
                <button type="button" class="button secondary" on:click=new_group>"New group"</button>
                <button type="button" class="button secondary" on:click=open_example>"Open example"</button>
                <KeepActions share_open/>
            </nav>
        </header>
        <SharePanel state open=share_open/>
    });
    // An embed links to the full editor on the same group.
    let embed_bar = embed.then(|| view! {
        <div class="embed-bar">
            <span class="logo" aria-hidden="true">"gg"</span>
            <a href=move || state.group.with(session::share_link)
                target="_blank" rel="noopener">
                "Open in the ggaccess editor"
            </a>
            {move || state.readonly.get().then_some(view! { <span class="muted">"(read-only)"</span> })}
        </div>
    });
    // A read-only embed disables every control at once; the mode is fixed when the page loads.
    let sections = || {
        view! {
            <GroupSettings/>
            <Resources/>
            <Functions/>
            <RulesReference/>
        }
    };
    let editor = if state.readonly.get_untracked() {
        view! {
            <fieldset class="editor-fields" disabled>
                <legend class="visually-hidden">"Group"</legend>
                {sections()}
            </fieldset>
        }
        .into_any()
    } else {
        sections().into_any()
    };
    view! {
        {header}
        {embed_bar}
        <Notices state/>
        <div class="layout">
            <main class="editor" id="editor">
                {editor}
            </main>
            <aside class="side" id="side-panel" aria-label="Diagnostics, export and import">
                <SidePanel state/>
            </aside>
        </div>
        <p class="status" role="status" aria-live="polite">{move || state.status.get()}</p>
    }
}

/// The tabs of the side panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Diagnostics,
    Export,
    Import,
}

const TABS: [Tab; 3] = [Tab::Diagnostics, Tab::Export, Tab::Import];

impl Tab {
    fn label(self) -> &'static str {
        match self {
            Tab::Diagnostics => "Diagnostics",
            Tab::Export => "Export",
            Tab::Import => "Import",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Tab::Diagnostics => "tab-diagnostics",
            Tab::Export => "tab-export",
            Tab::Import => "tab-import",
        }
    }
}

/// Diagnostics, export and import, as tabs.
#[component]
fn SidePanel(state: AppState) -> impl IntoView {
    let selected = RwSignal::new(Tab::Diagnostics);
    let errors = Memo::new(move |_| state.diagnostics.with(|d| counts(d).0));
    let total = Memo::new(move |_| state.diagnostics.with(Vec::len));
    let badge = move |tab: Tab| {
        move || {
            let (count, class) = match tab {
                Tab::Diagnostics => (
                    total.get(),
                    if errors.get() > 0 {
                        "count error"
                    } else {
                        "count"
                    },
                ),
                Tab::Export => (errors.get(), "count error"),
                Tab::Import => (0, "count"),
            };
            (count > 0).then(|| {
                let label = match tab {
                    Tab::Export => plural(count, "error"),
                    _ => plural(count, "finding"),
                };
                view! {
                    <span class=class aria-hidden="true">{count}</span>
                    <span class="visually-hidden">{format!(", {label}")}</span>
                }
            })
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let position = TABS
            .iter()
            .position(|t| *t == selected.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (position + 1) % TABS.len(),
            "ArrowLeft" => (position + TABS.len() - 1) % TABS.len(),
            "Home" => 0,
            "End" => TABS.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        let tab = TABS[next];
        selected.set(tab);
        if let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(tab.id()))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = element.focus();
        }
    };
    view! {
        <div class="side-inner">
            <div class="tabs main-tabs" role="tablist" aria-label="Panels" on:keydown=on_key>
                {TABS
                    .into_iter()
                    .map(|tab| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=tab.id()
                                aria-controls=format!("{}-panel", tab.id())
                                aria-selected=move || (selected.get() == tab).to_string()
                                tabindex=move || if selected.get() == tab { "0" } else { "-1" }
                                on:click=move |_| selected.set(tab)
                            >
                                {tab.label()}
                                {badge(tab)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <section
                role="tabpanel"
                id="tab-diagnostics-panel"
                aria-labelledby="tab-diagnostics"
                hidden=move || selected.get() != Tab::Diagnostics
            >
                <DiagnosticsPanel/>
            </section>
            <section
                role="tabpanel"
                id="tab-export-panel"
                aria-labelledby="tab-export"
                hidden=move || selected.get() != Tab::Export
            >
                <ExportPanel/>
            </section>
            <section
                role="tabpanel"
                id="tab-import-panel"
                aria-labelledby="tab-import"
                hidden=move || selected.get() != Tab::Import
            >
                <ImportPanel/>
            </section>
        </div>
    }
}
