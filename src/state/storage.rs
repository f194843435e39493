//! Autosave: the group is kept in the browser's local storage, so a reload keeps the work.
//!
//! The record under [`KEY`] is `{"version": 1, "core": "1.11", "doc": {...}}`. A record that
//! cannot be read (damaged, or written by another format) is never overwritten: it is copied to a
//! key of its own ([`ASIDE_PREFIX`] and the time) before anything else is saved, and the page
//! offers it as a download. Writes are debounced by [`Autosave`], which also pauses while another
//! tab's save or a share link waits for the user's choice.

use std::time::Duration;

use ggaccess_core::{CoreVersion, Group};
use leptos::prelude::*;
use serde_json::{json, Value};

/// The key of the saved group.
pub const KEY: &str = "ggaccess.saved";

/// The key the first version of the page saved under, in another format (`{doc, coreVersion}`).
const LEGACY_KEY: &str = "ggaccess.group.v1";

/// The prefix of the keys where unreadable records, and saved work replaced by a share link, are
/// kept aside.
pub const ASIDE_PREFIX: &str = "ggaccess.saved.aside.";

/// The format of the record under [`KEY`].
const FORMAT: u64 = 1;

/// How long the page waits after a change before it saves: typing saves once per pause.
const DEBOUNCE: Duration = Duration::from_millis(400);

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What the storage held at start-up.
pub enum Saved {
    /// Nothing: a first visit (or storage is unavailable).
    Nothing,
    /// A readable group, with its record's text.
    Group(Group, String),
    /// A record that could not be read, with its text, why, and the key it was already copied to.
    Unreadable {
        text: String,
        reason: String,
        kept: Option<String>,
    },
}

/// The saved record, read. A record of the first version of the page is moved aside (copied to
/// its own key, then removed) and reported as unreadable, so it is offered once as a download.
pub fn read() -> Saved {
    let Some(storage) = local_storage() else {
        return Saved::Nothing;
    };
    let Some(text) = storage.get_item(KEY).ok().flatten() else {
        let Some(text) = storage.get_item(LEGACY_KEY).ok().flatten() else {
            return Saved::Nothing;
        };
        let kept = put_aside(&text);
        if kept.is_some() {
            let _ = storage.remove_item(LEGACY_KEY);
        }
        let reason = "an earlier version of this page saved it in another format".to_string();
        return Saved::Unreadable { text, reason, kept };
    };
    match parse(&text) {
        Ok(group) => Saved::Group(group, text),
        Err(reason) => Saved::Unreadable {
            text,
            reason,
            kept: None,
        },
    }
}

/// The group a record holds, or why it cannot be read.
pub fn parse(text: &str) -> Result<Group, String> {
    let saved: Value =
        serde_json::from_str(text).map_err(|error| format!("it is not JSON ({error})"))?;
    match saved.get("version").and_then(Value::as_u64) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(format!(
                "it has format {other}; this page reads format {FORMAT}"
            ))
        }
        None => return Err("it has no format version (an older page wrote it)".to_string()),
    }
    let doc = saved
        .get("doc")
        .filter(|doc| doc.is_object())
        .ok_or("its document is missing or not an object")?
        .clone();
    let core_version = saved
        .get("core")
        .and_then(Value::as_str)
        .ok_or("it has no core version")?
        .parse::<CoreVersion>()
        .map_err(|error| format!("its core version is wrong ({error})"))?;
    Ok(Group {
        doc,
        core_version,
        ..Group::default()
    })
}

/// The record of `group`, as saved under [`KEY`].
pub fn record(group: &Group) -> String {
    json!({"version": FORMAT, "core": group.core_version.to_string(), "doc": group.doc}).to_string()
}

/// Copies `text` to a new key of its own and returns the key; `None` when storage refuses.
pub fn put_aside(text: &str) -> Option<String> {
    let storage = local_storage()?;
    let key = format!("{ASIDE_PREFIX}{}", js_sys::Date::now() as u64);
    storage.set_item(&key, text).ok()?;
    Some(key)
}

/// Writes `text` under [`KEY`]. A browser that refuses storage (private mode, quota) only loses
/// the autosave.
fn write(text: &str) {
    let Some(storage) = local_storage() else {
        return;
    };
    if let Err(error) = storage.set_item(KEY, text) {
        log::warn!("could not save the group: {error:?}");
    }
}

/// Why saving is paused: the user must first choose between two groups.
#[derive(Clone, Debug, PartialEq)]
pub enum Pause {
    /// The page shows a share link's group; the saved work (this record) is left untouched.
    Shared { saved: String },
    /// Another tab saved this record while this tab has its own work.
    OtherTab { theirs: String },
}

/// The debounced autosave of the group, and what stops it.
#[derive(Clone, Copy)]
pub struct Autosave {
    /// Set while the user must choose between two groups; nothing is saved meanwhile.
    pub paused: RwSignal<Option<Pause>>,
    /// The text last written or read under [`KEY`]; a storage event with it is our own.
    last: StoredValue<String>,
    /// Bumped by every change; a pending save runs only if no change came after it.
    generation: StoredValue<u64>,
    /// The record waiting for its debounce, written at once when the page is hidden.
    pending: StoredValue<Option<String>>,
}

impl Autosave {
    /// An autosave that takes `last` as the text already under [`KEY`].
    pub fn new(last: String, paused: Option<Pause>) -> Autosave {
        Autosave {
            paused: RwSignal::new(paused),
            last: StoredValue::new(last),
            generation: StoredValue::new(0),
            pending: StoredValue::new(None),
        }
    }

    /// Saves `group` after [`DEBOUNCE`] without a newer change, unless saving is paused.
    pub fn schedule(&self, group: &Group) {
        if self.paused.with_untracked(Option::is_some) {
            return;
        }
        let text = record(group);
        if self.last.with_value(|last| *last == text) {
            self.pending.set_value(None);
            return;
        }
        self.pending.set_value(Some(text));
        let generation = self.generation.with_value(|g| g + 1);
        self.generation.set_value(generation);
        let this = *self;
        set_timeout(
            move || {
                if this.generation.get_value() == generation {
                    this.flush();
                }
            },
            DEBOUNCE,
        );
    }

    /// Writes the pending record now (the page is being hidden or closed).
    pub fn flush(&self) {
        if self.paused.with_untracked(Option::is_some) {
            return;
        }
        if let Some(text) = self.pending.try_update_value(Option::take).flatten() {
            write(&text);
            self.last.set_value(text);
        }
    }

    /// Saves `group` at once and resumes autosave (the user chose it over another group).
    pub fn save_now(&self, group: &Group) {
        let text = record(group);
        write(&text);
        self.last.set_value(text);
        self.pending.set_value(None);
        self.paused.set(None);
    }

    /// Takes note of a write to [`KEY`] by another tab: a record other than ours pauses saving
    /// until the user chooses, so neither tab silently overwrites the other.
    pub fn other_tab_saved(&self, text: String) {
        if self.last.with_value(|last| *last == text) {
            return;
        }
        // A share link's choice is still open: the other tab's save is now the saved work.
        if let Some(Pause::Shared { .. }) = self.paused.get_untracked() {
            self.paused.set(Some(Pause::Shared { saved: text }));
            return;
        }
        self.pending.set_value(None);
        self.paused.set(Some(Pause::OtherTab { theirs: text }));
    }

    /// Takes `text` as the record under [`KEY`] (the user loaded it) and resumes autosave.
    pub fn adopt(&self, text: String) {
        self.last.set_value(text);
        self.pending.set_value(None);
        self.paused.set(None);
    }
}
