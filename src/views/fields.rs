//! Form controls tied to a place in the document, and the mapping from a diagnostic's pointer to
//! the control that sets that place.
//!
//! Every control's `id` is derived from the JSON Pointer of the member it sets, so the pointer of
//! a diagnostic leads to the field to mark and to focus. A control shows the diagnostics at its
//! pointer beneath itself, sets `aria-invalid`, and links the messages with `aria-describedby`.

use ggaccess_core::{Diagnostic, Severity};
use leptos::prelude::*;
use serde_json::Value;

use crate::state::use_app_state;
use crate::views::words::Choice;

/// One option of a select: the value it writes (`None` removes the member), its label, and a note
/// saying why it is not valid with the current settings (shown, never hidden).
#[derive(Clone, Debug, PartialEq)]
pub struct Opt {
    /// What the document holds; `None` removes the member.
    pub value: Option<String>,
    /// The visible label.
    pub label: String,
    /// Why choosing it now would be reported, if it would.
    pub note: Option<String>,
}

impl Opt {
    /// An option writing `value`.
    pub fn new(value: Option<String>, label: impl Into<String>) -> Opt {
        Opt {
            value,
            label: label.into(),
            note: None,
        }
    }

    /// The same option with a note.
    pub fn with_note(mut self, note: Option<String>) -> Opt {
        self.note = note;
        self
    }
}

impl From<Choice> for Opt {
    fn from(choice: Choice) -> Opt {
        Opt::new(choice.value.map(str::to_string), choice.label)
    }
}

/// The pointers of the places the form has a control for. `#` matches an array index, `*` any one
/// token. A pointer without a control of its own is marked on its nearest ancestor that has one.
const CONTROLS: &[&str] = &[
    "/DefaultConfig",
    "/DefaultConfig/Execution/IsolationMode",
    "/DefaultConfig/Execution/RunAs/Uid",
    "/DefaultConfig/Execution/RunAs/Gid",
    "/Functions",
    "/Functions/#",
    "/Functions/#/Id",
    "/Functions/#/FunctionArn",
    "/Functions/#/FunctionConfiguration/MemorySize",
    "/Functions/#/FunctionConfiguration/Timeout",
    "/Functions/#/FunctionConfiguration/Pinned",
    "/Functions/#/FunctionConfiguration/Environment/AccessSysfs",
    "/Functions/#/FunctionConfiguration/Environment/Execution/IsolationMode",
    "/Functions/#/FunctionConfiguration/Environment/Execution/RunAs/Uid",
    "/Functions/#/FunctionConfiguration/Environment/Execution/RunAs/Gid",
    "/Functions/#/FunctionConfiguration/Environment/ResourceAccessPolicies/#/ResourceId",
    "/Functions/#/FunctionConfiguration/Environment/ResourceAccessPolicies/#/Permission",
    "/Resources",
    "/Resources/#",
    "/Resources/#/Id",
    "/Resources/#/Name",
    "/Resources/#/ResourceDataContainer",
    "/Resources/#/ResourceDataContainer/*/S3Uri",
    "/Resources/#/ResourceDataContainer/*/SageMakerJobArn",
    "/Resources/#/ResourceDataContainer/*/DestinationPath",
    "/Resources/#/ResourceDataContainer/*/SourcePath",
    "/Resources/#/ResourceDataContainer/*/ARN",
    "/Resources/#/ResourceDataContainer/*/OwnerSetting",
    "/Resources/#/ResourceDataContainer/*/OwnerSetting/GroupOwner",
    "/Resources/#/ResourceDataContainer/*/OwnerSetting/GroupPermission",
    "/Resources/#/ResourceDataContainer/*/GroupOwnerSetting/AutoAddGroupOwner",
    "/Resources/#/ResourceDataContainer/*/GroupOwnerSetting/GroupOwner",
];

/// Places without a control whose natural control is a child: (pattern, member to append).
const ALIASES: &[(&str, &str)] = &[
    ("/DefaultConfig/Execution", "/IsolationMode"),
    ("/DefaultConfig/Execution/RunAs", "/Uid"),
    (
        "/Functions/#/FunctionConfiguration/Environment/Execution",
        "/IsolationMode",
    ),
    (
        "/Functions/#/FunctionConfiguration/Environment/Execution/RunAs",
        "/Uid",
    ),
    (
        "/Functions/#/FunctionConfiguration/Environment/ResourceAccessPolicies/#",
        "/ResourceId",
    ),
    (
        "/Resources/#/ResourceDataContainer/*/GroupOwnerSetting",
        "/AutoAddGroupOwner",
    ),
];

fn matches(pattern: &str, pointer: &str) -> bool {
    let mut tokens = pointer.split('/');
    let mut parts = pattern.split('/');
    loop {
        match (parts.next(), tokens.next()) {
            (None, None) => return true,
            (Some("#"), Some(token))
                if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) => {}
            (Some("*"), Some(_)) => {}
            (Some(part), Some(token)) if part == token => {}
            _ => return false,
        }
    }
}

/// The pointer of the control that shows a diagnostic at `pointer`: the control of that place, of
/// its alias, or of its nearest ancestor with a control; `""` when none (the panel alone shows it).
pub fn control_for(pointer: &str) -> String {
    let mut current = pointer;
    loop {
        if CONTROLS.iter().any(|pattern| matches(pattern, current)) {
            return current.to_string();
        }
        if let Some((_, member)) = ALIASES
            .iter()
            .find(|(pattern, _)| matches(pattern, current))
        {
            return format!("{current}{member}");
        }
        match current.rfind('/') {
            Some(cut) => current = &current[..cut],
            None => return String::new(),
        }
    }
}

/// The HTML id of the control for `pointer`.
pub fn field_id(pointer: &str) -> String {
    let cleaned: String = pointer
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    format!("at{cleaned}")
}

/// Moves keyboard focus to the control for a diagnostic's pointer and scrolls it into view.
pub fn focus_control(pointer: &str) {
    let control = control_for(pointer);
    let Some(element) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(&field_id(&control)))
    else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
        let _ = element.focus();
    }
}

/// The worst severity among `diagnostics`.
pub fn worst(diagnostics: &[Diagnostic]) -> Option<Severity> {
    diagnostics.iter().map(|d| d.severity).min()
}

/// What a control needs to mark itself: its id, `aria-invalid`, `aria-describedby`, and the
/// messages to show.
#[derive(Clone, Copy)]
pub struct Marking {
    pointer: StoredValue<String>,
    id_prefix: &'static str,
    diagnostics: Memo<Vec<Diagnostic>>,
    has_hint: Signal<bool>,
    local_error: RwSignal<Option<String>>,
}

impl Marking {
    /// The marking of the control that sets `pointer`.
    pub fn new(pointer: &str, has_hint: Signal<bool>) -> Marking {
        Marking::with_prefix(pointer, has_hint, "")
    }

    /// The marking of a second control of the same member, whose id starts with `id_prefix`.
    pub fn with_prefix(pointer: &str, has_hint: Signal<bool>, id_prefix: &'static str) -> Marking {
        let state = use_app_state();
        let key = pointer.to_string();
        Marking {
            pointer: StoredValue::new(pointer.to_string()),
            id_prefix,
            diagnostics: Memo::new(move |_| state.at_control(&key)),
            has_hint,
            local_error: RwSignal::new(None),
        }
    }

    /// The control's id.
    pub fn id(&self) -> String {
        format!("{}{}", self.id_prefix, field_id(&self.pointer.get_value()))
    }

    /// `aria-invalid`: `true` while an error or warning of the core, or an unreadable entry, is
    /// shown.
    pub fn invalid(&self) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
        let this = *self;
        move || {
            let flagged = this.local_error.with(Option::is_some)
                || this
                    .diagnostics
                    .with(|d| d.iter().any(|d| d.severity != Severity::Info));
            flagged.then_some("true")
        }
    }

    /// `aria-describedby`: the hint and the messages, when shown.
    pub fn described_by(&self) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
        let this = *self;
        move || {
            let id = this.id();
            let mut ids = Vec::new();
            if this.has_hint.get() {
                ids.push(format!("{id}-hint"));
            }
            if this.local_error.with(Option::is_some) || this.diagnostics.with(|d| !d.is_empty()) {
                ids.push(format!("{id}-messages"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    /// The class of the field's wrapper: its worst severity.
    pub fn class(&self) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let this = *self;
        move || {
            if this.local_error.with(Option::is_some) {
                return "field has-error";
            }
            match this.diagnostics.with(|d| worst(d)) {
                Some(Severity::Error) => "field has-error",
                Some(Severity::Warning) => "field has-warning",
                Some(Severity::Info) => "field has-info",
                None => "field",
            }
        }
    }

    /// Records (or clears) an entry that could not be read, shown as an error on the field.
    pub fn set_local_error(&self, error: Option<String>) {
        self.local_error.set(error);
    }

    /// The hint and the messages beneath the control.
    pub fn notes(&self, hint: Signal<Option<String>>) -> impl IntoView {
        let this = *self;
        let hint_id = format!("{}-hint", this.id());
        let messages_id = format!("{}-messages", this.id());
        view! {
            {move || hint.get().map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> })}
            {move || {
                let local = this.local_error.get();
                let diagnostics = this.diagnostics.get();
                (local.is_some() || !diagnostics.is_empty()).then(|| {
                    view! {
                        <ul class="messages" id=messages_id.clone()>
                            {local.map(|text| view! { <li class="message error">{text}</li> })}
                            {diagnostics
                                .into_iter()
                                .map(|diagnostic| view! { <FieldMessage diagnostic/> })
                                .collect_view()}
                        </ul>
                    }
                })
            }}
        }
    }
}

/// One diagnostic beneath its field: severity, message, rule link and fix buttons.
#[component]
fn FieldMessage(diagnostic: Diagnostic) -> impl IntoView {
    let state = use_app_state();
    let severity = diagnostic.severity.as_str();
    view! {
        <li class=format!("message {severity}")>
            <span class="visually-hidden">{format!("{severity}: ")}</span>
            {crate::views::diagnostics::rich_text(&diagnostic.message)}
            " "
            <a class="rule-link" href=crate::views::rules::rule_href(diagnostic.rule)>
                {diagnostic.rule}
            </a>
            {(!diagnostic.fixes.is_empty()).then(|| {
                view! {
                    <span class="fixes">
                        {diagnostic
                            .fixes
                            .iter()
                            .map(|fix| {
                                let edits = fix.edits.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="fix"
                                        on:click=move |_| state.edit(edits.clone())
                                    >
                                        {crate::views::diagnostics::rich_text(&fix.title)}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </span>
                }
            })}
        </li>
    }
}

/// Why an entry was not stored: a parent in the document is not an object.
const UNWRITABLE: &str = "Not saved: a value above this field in the document has the wrong type \
                          (see the diagnostics); fix that first.";

/// How a text control reads and writes its member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A string; an empty entry writes `""`.
    Text,
    /// A string; an empty entry removes the member.
    OptionalText,
    /// A whole number; an empty entry removes the member.
    Integer,
    /// Memory entered in MB and stored in KB; an empty entry removes the member.
    MemoryMb,
}

impl Entry {
    /// The value an entry stands for: `Ok(None)` removes the member; `Err` says why it cannot be
    /// read (nothing is written then).
    pub fn parse(self, text: &str) -> Result<Option<Value>, String> {
        let trimmed = text.trim();
        match self {
            Entry::Text => Ok(Some(Value::String(text.to_string()))),
            Entry::OptionalText if trimmed.is_empty() => Ok(None),
            Entry::OptionalText => Ok(Some(Value::String(trimmed.to_string()))),
            Entry::Integer | Entry::MemoryMb if trimmed.is_empty() => Ok(None),
            Entry::Integer => trimmed
                .parse::<i64>()
                .map(|n| Some(Value::from(n)))
                .map_err(|_| format!("“{trimmed}” is not a whole number.")),
            Entry::MemoryMb => {
                let number = trimmed
                    .trim_end_matches(|c: char| c.eq_ignore_ascii_case(&'b'))
                    .trim_end_matches(['M', 'm'])
                    .trim();
                let mb: f64 = number
                    .parse()
                    .ok()
                    .filter(|mb: &f64| mb.is_finite() && *mb >= 0.0)
                    .ok_or_else(|| format!("“{trimmed}” is not a size in MB."))?;
                let kb = mb * 1024.0;
                if kb.fract() != 0.0 || kb > i64::MAX as f64 / 2.0 {
                    return Err(format!("{trimmed} MB is not a whole number of KB."));
                }
                Ok(Some(Value::from(kb as i64)))
            }
        }
    }

    /// The text shown for a stored value.
    pub fn show(self, value: Option<&Value>) -> String {
        match (self, value) {
            (_, None) => String::new(),
            (_, Some(Value::String(text))) => text.clone(),
            (Entry::MemoryMb, Some(Value::Number(number))) => match number.as_i64() {
                Some(kb) => format_mb(kb),
                None => number.to_string(),
            },
            (_, Some(other)) => other.to_string(),
        }
    }
}

/// KB as MB, without trailing zeros (512 KB is 0.5 MB).
pub fn format_mb(kb: i64) -> String {
    let text = format!("{:.4}", kb as f64 / 1024.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A labelled text input for the member at `pointer`.
#[component]
pub fn TextField(
    /// JSON Pointer of the member it sets.
    #[prop(into)]
    pointer: String,
    /// The visible label.
    label: &'static str,
    /// How the entry is read and shown.
    #[prop(default = Entry::Text)]
    entry: Entry,
    /// A line beneath the control (units, what is expected, why a value is not valid here).
    #[prop(optional, into)]
    hint: Signal<Option<String>>,
    /// Placeholder text.
    #[prop(optional)]
    placeholder: &'static str,
    /// A unit shown after the input (`MB`, `s`).
    #[prop(optional)]
    unit: &'static str,
    /// Input mode for on-screen keyboards (`numeric`, `decimal`).
    #[prop(optional)]
    inputmode: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    let marking = Marking::new(&pointer, Signal::derive(move || hint.with(Option::is_some)));
    let key = StoredValue::new(pointer);
    let stored = Memo::new(move |_| key.with_value(|p| state.value(p)));
    let typed = RwSignal::new(entry.show(stored.get_untracked().as_ref()));

    // Show the stored value, unless what was typed already stands for it ("1." while typing 1.5).
    let shown = move || {
        let value = stored.get();
        let current = typed.get_untracked();
        match entry.parse(&current) {
            Ok(parsed) if parsed == value => current,
            _ => {
                marking.set_local_error(None);
                entry.show(value.as_ref())
            }
        }
    };
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        match entry.parse(&text) {
            Ok(value) => {
                let stored = key.with_value(|pointer| state.set(pointer, value));
                marking.set_local_error((!stored).then(|| UNWRITABLE.to_string()));
            }
            Err(reason) => marking.set_local_error(Some(reason)),
        }
    };
    let id = marking.id();
    view! {
        <div class=marking.class()>
            <label for=id.clone()>{label}</label>
            <div class="control">
                <input
                    id=id
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder=placeholder
                    inputmode=(!inputmode.is_empty()).then_some(inputmode)
                    prop:value=shown
                    aria-invalid=marking.invalid()
                    aria-describedby=marking.described_by()
                    on:input=on_input
                />
                {(!unit.is_empty()).then(|| view! { <span class="unit">{unit}</span> })}
            </div>
            {marking.notes(hint)}
        </div>
    }
}

/// A labelled select for the member at `pointer`. A stored value outside the choices is shown as
/// its own option, so nothing is hidden or silently changed.
#[component]
pub fn SelectField(
    /// JSON Pointer of the member it sets.
    #[prop(into)]
    pointer: String,
    /// The visible label.
    label: &'static str,
    /// The options, each with an optional note saying why it is not valid here.
    #[prop(into)]
    choices: Signal<Vec<Opt>>,
    /// A prefix for the id, for a second control of the same member (`aff`).
    #[prop(optional)]
    id_prefix: &'static str,
    /// A line beneath the control.
    #[prop(optional, into)]
    hint: Signal<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let has_hint = Signal::derive(move || hint.with(Option::is_some));
    let marking = Marking::with_prefix(&pointer, has_hint, id_prefix);
    let key = StoredValue::new(pointer);
    let stored = Memo::new(move |_| key.with_value(|p| state.value(p)));
    let on_change = move |ev| {
        let picked = event_target_value(&ev);
        let value = choices.with_untracked(|choices| {
            choices
                .iter()
                .find(|opt| opt.value.as_deref().unwrap_or("") == picked)
                .map(|opt| opt.value.clone().map(Value::from))
        });
        if let Some(value) = value {
            if !key.with_value(|pointer| state.set(pointer, value)) {
                state.status.set(UNWRITABLE.to_string());
            }
        }
    };
    let id = marking.id();
    view! {
        <div class=marking.class()>
            <label for=id.clone()>{label}</label>
            <div class="control">
                <select
                    id=id
                    aria-invalid=marking.invalid()
                    aria-describedby=marking.described_by()
                    on:change=on_change
                >
                    {move || select_options(stored.get(), choices.get())}
                </select>
            </div>
            {marking.notes(hint)}
        </div>
    }
}

/// The `<option>`s of a select holding `stored`, plus one for a stored value outside the options.
pub fn select_options(stored: Option<Value>, options: Vec<Opt>) -> impl IntoView {
    let current = stored.as_ref().and_then(Value::as_str);
    let is_current = |opt: &Opt| match (&stored, &opt.value) {
        (None, None) => true,
        (Some(_), Some(value)) => current == Some(value.as_str()),
        _ => false,
    };
    let other = (!options.iter().any(is_current)).then(|| {
        let text = match &stored {
            None => "Not set".to_string(),
            Some(Value::String(text)) => format!("{text} (not a valid choice)"),
            Some(other) => format!("{other} (not a valid choice)"),
        };
        view! { <option value="(other)" selected=true>{text}</option> }
    });
    let rendered = options
        .iter()
        .map(|opt| {
            let label = match &opt.note {
                Some(note) => format!("{} ({note})", opt.label),
                None => opt.label.clone(),
            };
            let value = opt.value.clone().unwrap_or_default();
            view! { <option value=value selected=is_current(opt)>{label}</option> }
        })
        .collect_view();
    view! { {other} {rendered} }
}

/// A labelled checkbox for a boolean member. Unchecking writes `false`, or removes the member when
/// `remove_when_off` (members whose absence means false).
#[component]
pub fn CheckField(
    /// JSON Pointer of the member it sets.
    #[prop(into)]
    pointer: String,
    /// The visible label.
    label: &'static str,
    /// Remove the member instead of writing `false`.
    #[prop(optional)]
    remove_when_off: bool,
    /// A line beneath the control.
    #[prop(optional, into)]
    hint: Signal<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let marking = Marking::new(&pointer, Signal::derive(move || hint.with(Option::is_some)));
    let key = StoredValue::new(pointer);
    let checked = Memo::new(move |_| key.with_value(|p| state.value(p)) == Some(Value::Bool(true)));
    let on_change = move |ev| {
        let on = event_target_checked(&ev);
        let value = match (on, remove_when_off) {
            (true, _) => Some(Value::Bool(true)),
            (false, true) => None,
            (false, false) => Some(Value::Bool(false)),
        };
        if !key.with_value(|pointer| state.set(pointer, value)) {
            state.status.set(UNWRITABLE.to_string());
        }
    };
    let id = marking.id();
    view! {
        <div class=move || format!("{} check", marking.class()())>
            <div class="control">
                <input
                    id=id.clone()
                    type="checkbox"
                    prop:checked=move || checked.get()
                    aria-invalid=marking.invalid()
                    aria-describedby=marking.described_by()
                    on:change=on_change
                />
                <label for=id>{label}</label>
            </div>
            {marking.notes(hint)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn pointers_map_to_their_control_or_nearest_ancestor() {
        let policy = "/Functions/1/FunctionConfiguration/Environment/ResourceAccessPolicies/0";
        assert_eq!(
            control_for(&format!("{policy}/Permission")),
            format!("{policy}/Permission")
        );
        assert_eq!(control_for(policy), format!("{policy}/ResourceId"));
        assert_eq!(
            control_for("/Resources/2/ResourceDataContainer/S3MachineLearningModelResourceData/OwnerSetting/GroupOwner"),
            "/Resources/2/ResourceDataContainer/S3MachineLearningModelResourceData/OwnerSetting/GroupOwner"
        );
        assert_eq!(control_for("/Functions/0/Unknown/Deep"), "/Functions/0");
        assert_eq!(
            control_for("/Functions/0/FunctionConfiguration/Environment/Execution/RunAs"),
            "/Functions/0/FunctionConfiguration/Environment/Execution/RunAs/Uid"
        );
        assert_eq!(control_for("/Functions/x/Id"), "/Functions");
        assert_eq!(control_for(""), "");
        assert_eq!(control_for("/Other"), "");
    }

    #[wasm_bindgen_test]
    fn memory_is_entered_in_mb_and_stored_in_kb() {
        assert_eq!(Entry::MemoryMb.parse("0.5"), Ok(Some(Value::from(512))));
        assert_eq!(
            Entry::MemoryMb.parse(" 16 MB "),
            Ok(Some(Value::from(16384)))
        );
        assert_eq!(Entry::MemoryMb.parse(""), Ok(None));
        assert!(Entry::MemoryMb.parse("0.0001").is_err());
        assert!(Entry::MemoryMb.parse("lots").is_err());
        assert!(Entry::MemoryMb.parse("-1").is_err());
        assert!(Entry::MemoryMb.parse("1e300").is_err());
        assert_eq!(Entry::MemoryMb.show(Some(&Value::from(512))), "0.5");
        assert_eq!(Entry::MemoryMb.show(Some(&Value::from(16384))), "16");
    }

    #[wasm_bindgen_test]
    fn integers_are_read_leniently_and_never_panic() {
        assert_eq!(Entry::Integer.parse(" 1500 "), Ok(Some(Value::from(1500))));
        assert_eq!(Entry::Integer.parse(""), Ok(None));
        assert!(Entry::Integer.parse("12a").is_err());
        assert!(Entry::Integer.parse("99999999999999999999999").is_err());
        assert_eq!(Entry::OptionalText.parse("  "), Ok(None));
    }
}
