//! The app's state: one group signal, edits through the core, diagnostics derived as a memo.
//!
//! Views read the group and send [`Edit`]s; they never validate on their own. Every change of the
//! document goes through [`AppState::edit`], so the diagnostics, the saved copy and the export all
//! follow from the one signal.

pub mod patch;
pub mod session;
pub mod storage;

use std::collections::HashMap;

use ggaccess_core::model::{GroupView, Origins};
use ggaccess_core::rules::{Context, Effective};
use ggaccess_core::{edit, CoreVersion, Diagnostic, Edit, Group};
use leptos::prelude::*;
use serde_json::Value;

use crate::views::fields::control_for;

/// Handles to the app's signals; cheap to copy into every closure.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The group being edited.
    pub group: RwSignal<Group>,
    /// Every diagnostic of the group, in the core's order.
    pub diagnostics: Memo<Vec<Diagnostic>>,
    /// Diagnostics by the pointer of the form control they mark (see [`control_for`]).
    pub by_control: Memo<HashMap<String, Vec<Diagnostic>>>,
    /// The typed view of the document, for the explanations next to the choices.
    pub view: ViewReader,
    /// Each function's settings after the group defaults, by position.
    pub effective: Memo<Vec<Effective>>,
    /// A short message for the live region: what the last action did, or why it failed.
    pub status: RwSignal<String>,
    /// Undo and redo.
    pub history: RwSignal<History>,
    /// Whether the page only shows the group (an embed with `&readonly`): every change is refused.
    pub readonly: RwSignal<bool>,
}

/// Reads the typed view of the group. The view borrows from the document, so it is read again in
/// each call (which allocates only its lists) instead of being kept in a memo; the memos that call
/// it keep their results.
#[derive(Clone, Copy)]
pub struct ViewReader {
    group: RwSignal<Group>,
}

impl ViewReader {
    /// Calls `f` with the current view, tracking the group.
    pub fn with<R>(&self, f: impl FnOnce(&GroupView<'_>) -> R) -> R {
        self.group.with(|group| f(&group.view()))
    }
}

/// The groups before and after the current one, for undo and redo.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Group>,
    redo: Vec<Group>,
    /// The path of the last single `replace`: typing into one field makes one undo step.
    last_path: Option<String>,
}

/// How many steps undo keeps.
const HISTORY_LIMIT: usize = 200;

impl History {
    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn record(&mut self, before: Group, path: Option<String>) {
        let same_field = path.is_some() && path == self.last_path;
        if !same_field {
            self.undo.push(before);
            if self.undo.len() > HISTORY_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last_path = path;
    }
}

impl AppState {
    /// State holding `group`.
    pub fn new(group: Group) -> AppState {
        let group = RwSignal::new(group);
        let diagnostics = Memo::new(move |_| group.with(ggaccess_core::validate));
        let by_control = Memo::new(move |_| {
            let mut map: HashMap<String, Vec<Diagnostic>> = HashMap::new();
            for diagnostic in diagnostics.get() {
                map.entry(control_for(&diagnostic.pointer))
                    .or_default()
                    .push(diagnostic);
            }
            map
        });
        let view = ViewReader { group };
        let effective = Memo::new(move |_| {
            let core = group.with(|group| group.core_version);
            view.with(|view| Context::new(view, core).effective)
        });
        AppState {
            group,
            diagnostics,
            by_control,
            view,
            effective,
            status: RwSignal::new(String::new()),
            history: RwSignal::new(History::default()),
            readonly: RwSignal::new(false),
        }
    }

    /// Goes back one step (an edit, or typing into one field, or a replaced group).
    pub fn undo(&self) {
        if self.refuse_readonly() {
            return;
        }
        let mut history = self.history.get_untracked();
        let Some(previous) = history.undo.pop() else {
            return;
        };
        history.redo.push(self.group.get_untracked());
        history.last_path = None;
        self.history.set(history);
        self.group.set(previous);
        self.status.set("Undone.".to_string());
    }

    /// Goes forward one undone step.
    pub fn redo(&self) {
        if self.refuse_readonly() {
            return;
        }
        let mut history = self.history.get_untracked();
        let Some(next) = history.redo.pop() else {
            return;
        };
        history.undo.push(self.group.get_untracked());
        history.last_path = None;
        self.history.set(history);
        self.group.set(next);
        self.status.set("Redone.".to_string());
    }

    /// Applies `edits` to the document, all or nothing. A failure leaves the group as it was and
    /// says why in the status line.
    pub fn edit(&self, edits: Vec<Edit>) {
        if edits.is_empty() || self.refuse_readonly() {
            return;
        }
        let before = self.group.get_untracked();
        let mut failure = None;
        self.group
            .update(|group| match edit::apply(&mut group.doc, &edits) {
                Ok(()) if edits.iter().any(moves_entries) => group.origins = Origins::default(),
                Ok(()) => {}
                Err(error) => failure = Some(error.to_string()),
            });
        let typed = match edits.as_slice() {
            [edit @ (Edit::Replace { .. } | Edit::Add { .. })] if !moves_entries(edit) => {
                Some(edit.path().to_string())
            }
            _ => None,
        };
        if failure.is_none() {
            self.history.update(|history| history.record(before, typed));
        }
        if let Some(reason) = failure {
            log::warn!("edit refused: {reason}");
            self.status
                .set(format!("That change could not be made: {reason}"));
        }
    }

    /// Sets the member at `pointer` (creating its parents), or removes it (pruning emptied
    /// parents) when `value` is `None`.
    ///
    /// Returns whether the document now holds `value` there: not when a parent of the member is
    /// a value of another type (the core reports that), which no entry here can repair.
    pub fn set(&self, pointer: &str, value: Option<Value>) -> bool {
        let edits = self
            .group
            .with_untracked(|group| patch::set_or_unset(&group.doc, pointer, value.clone()));
        self.edit(edits);
        self.group
            .with_untracked(|group| group.doc.pointer(pointer).cloned() == value)
    }

    /// Appends `value` to the array at `pointer`, creating it when absent.
    pub fn push(&self, pointer: &str, value: Value) {
        let edits = self
            .group
            .with_untracked(|group| patch::push(&group.doc, pointer, value));
        self.edit(edits);
    }

    /// Removes the array entry at `pointer` (a function, resource or attachment).
    pub fn remove(&self, pointer: &str) {
        let edits = self
            .group
            .with_untracked(|group| patch::remove_entry(&group.doc, pointer));
        self.edit(edits);
    }

    /// Replaces the whole group (New group, the example, an import).
    pub fn replace(&self, group: Group) {
        if self.refuse_readonly() {
            return;
        }
        let before = self.group.get_untracked();
        self.history.update(|history| history.record(before, None));
        self.group.set(group);
    }

    /// Changes the core version the group is checked against (not part of the document).
    pub fn set_core_version(&self, version: CoreVersion) {
        if self.refuse_readonly() {
            return;
        }
        let before = self.group.get_untracked();
        self.history.update(|history| history.record(before, None));
        self.group.update(|group| group.core_version = version);
    }

    /// Whether the page is read-only; says so in the status line when it is.
    fn refuse_readonly(&self) -> bool {
        let readonly = self.readonly.get_untracked();
        if readonly {
            self.status.set("This view is read-only.".to_string());
        }
        readonly
    }

    /// The value at `pointer`, tracked: the caller reruns when the document changes.
    pub fn value(&self, pointer: &str) -> Option<Value> {
        self.group.with(|group| group.doc.pointer(pointer).cloned())
    }

    /// The diagnostics that mark the control at `pointer`, tracked.
    pub fn at_control(&self, pointer: &str) -> Vec<Diagnostic> {
        self.by_control
            .with(|map| map.get(pointer).cloned().unwrap_or_default())
    }

    /// The number of entries of the array at `pointer` (0 when absent or not an array), tracked.
    pub fn count(&self, pointer: &str) -> usize {
        self.group.with(|group| {
            group
                .doc
                .pointer(pointer)
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
        })
    }
}

/// Whether an edit adds or removes an array entry: the source positions kept from an import are
/// by entry index, and no longer match after one.
fn moves_entries(edit: &Edit) -> bool {
    let last = edit.path().rsplit('/').next().unwrap_or("");
    let is_index = last == "-" || (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()));
    !matches!(edit, Edit::Replace { .. }) && is_index
}

/// Puts a fresh state in the context of the components below, with the group the address and the
/// saved work call for (see [`session::start`]), and keeps it saved.
pub fn provide_app_state() -> AppState {
    let state = session::start();
    provide_context(state);
    state
}

/// The state provided by [`provide_app_state`].
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
