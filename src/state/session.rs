//! Start-up and keeping the work: which group the page opens on (a share link, the saved work or
//! the built-in example), the embed mode, the autosave and the choices the user is asked to make.

use ggaccess_core::{share, Group};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::storage::{self, Autosave, Pause, Saved};
use super::AppState;

/// Something the page tells the user until they dismiss it.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A record was copied aside: its storage key, its text and what happened.
    Aside {
        key: Option<String>,
        text: String,
        message: String,
    },
    /// The share link in the address could not be opened, and why.
    LinkError(String),
}

/// How the page was opened and what it keeps; in the context beside [`AppState`].
#[derive(Clone, Copy)]
pub struct Session {
    /// `None` in embed mode, which never writes the saved work of the host's origin.
    pub autosave: Option<Autosave>,
    /// What the user is told, newest last.
    pub notices: RwSignal<Vec<Notice>>,
    /// Opened with `?embed`: no page chrome, the group from the share fragment.
    pub embed: bool,
}

/// Whether the query string `search` (`?embed&readonly`) has the parameter `name`.
fn has_param(search: &str, name: &str) -> bool {
    search
        .trim_start_matches('?')
        .split('&')
        .any(|part| part.split('=').next() == Some(name))
}

/// Builds the state for the page's address and the saved work, puts a [`Session`] in the context,
/// and starts the autosave.
pub fn start() -> AppState {
    let location = web_sys::window().map(|w| w.location());
    let search = location
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let hash = location
        .as_ref()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    let shared = (hash.len() > 1).then(|| share::decode(&hash));
    let notices = RwSignal::new(Vec::new());

    if has_param(&search, "embed") {
        let group = match shared {
            Some(Ok(group)) => group,
            Some(Err(error)) => {
                notices.update(|n| n.push(Notice::LinkError(error.to_string())));
                Group::new()
            }
            None => ggaccess_core::examples::built_in(),
        };
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.class_list().add_1("embed");
        }
        let state = AppState::new(group);
        state.readonly.set(has_param(&search, "readonly"));
        provide_context(Session {
            autosave: None,
            notices,
            embed: true,
        });
        return state;
    }

    let (saved, saved_text) = match storage::read() {
        Saved::Nothing => (None, String::new()),
        Saved::Group(group, text) => (Some(group), text),
        Saved::Unreadable { text, reason, kept } => {
            let key = kept.or_else(|| storage::put_aside(&text));
            let message = format!(
                "Your saved work could not be read: {reason}. It was kept aside, untouched; \
                 the page opened on the example instead."
            );
            notices.update(|n| n.push(Notice::Aside { key, text, message }));
            (None, String::new())
        }
    };

    let mut pause = None;
    let group = match shared {
        Some(Ok(shared)) => {
            match &saved {
                Some(saved)
                    if saved.doc != shared.doc || saved.core_version != shared.core_version =>
                {
                    pause = Some(Pause::Shared {
                        saved: saved_text.clone(),
                    });
                }
                _ => clear_hash(),
            }
            shared
        }
        Some(Err(error)) => {
            notices.update(|n| n.push(Notice::LinkError(error.to_string())));
            clear_hash();
            saved.unwrap_or_else(ggaccess_core::examples::built_in)
        }
        None => saved.unwrap_or_else(ggaccess_core::examples::built_in),
    };

    let state = AppState::new(group);
    let autosave = Autosave::new(saved_text, pause);
    // The first run only subscribes: an untouched first visit saves nothing.
    Effect::new(move |previous: Option<()>| {
        state.group.with(|group| {
            if previous.is_some() {
                autosave.schedule(group);
            }
        });
    });
    listen(autosave);
    provide_context(Session {
        autosave: Some(autosave),
        notices,
        embed: false,
    });
    state
}

/// Hears other tabs' saves and writes a pending save when the page is hidden or closed.
fn listen(autosave: Autosave) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_storage =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
            if ev.key().as_deref() == Some(storage::KEY) {
                if let Some(text) = ev.new_value() {
                    autosave.other_tab_saved(text);
                }
            }
        });
    let on_hide = Closure::<dyn Fn()>::new(move || autosave.flush());
    let _ = window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
    // The page lives as long as these listeners.
    on_storage.forget();
    on_hide.forget();
}

/// Drops the share fragment from the address, so a reload opens the saved work.
pub fn clear_hash() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The share link of `group`: this page's address without query or fragment, and the share text.
pub fn share_link(group: &Group) -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = href.split(['?', '#']).next().unwrap_or_default();
    format!("{base}#{}", share::encode(group))
}

/// The user keeps the shared group: the saved work is copied aside (and offered as a download),
/// then the shared group is saved.
pub fn keep_shared(state: AppState, session: Session) {
    let Some(autosave) = session.autosave else {
        return;
    };
    if let Some(Pause::Shared { saved }) = autosave.paused.get_untracked() {
        let key = storage::put_aside(&saved);
        let message = "The shared group is now your saved work. What you had saved before was \
                       kept aside; download it to keep a copy."
            .to_string();
        session.notices.update(|n| {
            n.push(Notice::Aside {
                key,
                text: saved,
                message,
            })
        });
    }
    state.group.with_untracked(|group| autosave.save_now(group));
    clear_hash();
    state.status.set("Kept the shared group.".to_string());
}

/// The user goes back to the saved work: it replaces the shared group (one undo brings that back).
pub fn back_to_saved(state: AppState, session: Session) {
    let Some(autosave) = session.autosave else {
        return;
    };
    if let Some(Pause::Shared { saved }) = autosave.paused.get_untracked() {
        load_record(state, session, autosave, saved);
    }
    clear_hash();
    state
        .status
        .set("Back to your saved work; Undo shows the shared group again.".to_string());
}

/// The user loads what another tab saved (undoable).
pub fn load_other_tab(state: AppState, session: Session) {
    let Some(autosave) = session.autosave else {
        return;
    };
    if let Some(Pause::OtherTab { theirs }) = autosave.paused.get_untracked() {
        load_record(state, session, autosave, theirs);
        state
            .status
            .set("Loaded the other tab's work; Undo brings yours back.".to_string());
    }
}

/// The user keeps this tab's group: it is saved over the other tab's.
pub fn keep_this_tab(state: AppState, session: Session) {
    if let Some(autosave) = session.autosave {
        state.group.with_untracked(|group| autosave.save_now(group));
        state
            .status
            .set("Saved this tab's work over the other tab's.".to_string());
    }
}

/// Shows the group of the saved record `text` and takes it as the saved work; an unreadable record
/// is kept aside and this tab's group saved instead.
fn load_record(state: AppState, session: Session, autosave: Autosave, text: String) {
    match storage::parse(&text) {
        Ok(group) => {
            // The replace must not be saved back as a change of ours: adopt first.
            autosave.adopt(text);
            state.replace(group);
        }
        Err(reason) => {
            let key = storage::put_aside(&text);
            let message = format!("The saved work could not be read: {reason}. It was kept aside.");
            session
                .notices
                .update(|n| n.push(Notice::Aside { key, text, message }));
            state.group.with_untracked(|group| autosave.save_now(group));
        }
    }
}
