//! Group settings: the core version the group is checked against, the default containerization
//! and the default Run As identity.

use ggaccess_core::version::RELEASED_MINORS;
use ggaccess_core::CoreVersion;
use leptos::prelude::*;

use crate::state::use_app_state;
use crate::views::fields::{field_id, Entry, Opt, SelectField, TextField};
use crate::views::words::DEFAULT_CONTAINERIZATION;

/// The group settings section.
#[component]
pub fn GroupSettings() -> impl IntoView {
    let state = use_app_state();
    let minor = Memo::new(move |_| state.group.with(|group| group.core_version.minor));
    let on_version = move |ev| {
        let picked: Option<CoreVersion> = event_target_value(&ev).parse().ok();
        if let Some(version) = picked {
            state.set_core_version(version);
        }
    };
    let version_option = move |line: u8| {
        view! {
            <option value=format!("1.{line}") prop:selected=move || minor.get() == line>
                {format!("v1.{line}")}
            </option>
        }
    };
    let later: Vec<u8> = RELEASED_MINORS
        .iter()
        .rev()
        .copied()
        .filter(|m| *m >= 10)
        .collect();
    let earlier: Vec<u8> = RELEASED_MINORS
        .iter()
        .rev()
        .copied()
        .filter(|m| *m < 10)
        .collect();
    let rule_set = move || {
        if minor.get() >= 10 {
            "Checked with the rules for v1.10 or later: ML resources may have an OS group owner, \
             and functions without a container may use them."
        } else {
            "Checked with the rules for v1.9 or earlier: ML resources have no owner, and only \
             containerized functions may use them."
        }
    };
    let execution = "/DefaultConfig/Execution";
    let run_as_hint = Signal::derive(|| {
        Some("Blank uses the core's ggc_user and ggc_group. 0 means root.".to_string())
    });
    view! {
        <section class="card" aria-labelledby="group-settings-title" id=field_id("/DefaultConfig") tabindex="-1">
            <h2 id="group-settings-title">"Group settings"</h2>
            <div class="form-grid">
                <div class="field">
                    <label for="core-version">"Greengrass core version"</label>
                    <div class="control">
                        <select id="core-version" aria-describedby="core-version-hint" on:change=on_version>
                            <optgroup label="v1.10 or later">
                                {later.into_iter().map(version_option).collect_view()}
                            </optgroup>
                            <optgroup label="v1.9 or earlier">
                                {earlier.into_iter().map(version_option).collect_view()}
                            </optgroup>
                        </select>
                    </div>
                    <p class="hint" id="core-version-hint">{rule_set}</p>
                </div>
                <SelectField
                    pointer=format!("{execution}/IsolationMode")
                    label="Default containerization"
                    choices=Signal::derive(move || containerization_choices(minor.get()))
                />
                <fieldset class="pair">
                    <legend>"Default Run As"</legend>
                    <TextField
                        pointer=format!("{execution}/RunAs/Uid")
                        label="UID"
                        entry=Entry::Integer
                        inputmode="numeric"
                        placeholder="ggc_user"
                    />
                    <TextField
                        pointer=format!("{execution}/RunAs/Gid")
                        label="GID"
                        entry=Entry::Integer
                        inputmode="numeric"
                        placeholder="ggc_group"
                    />
                    <p class="hint wide">{move || run_as_hint.get()}</p>
                </fieldset>
            </div>
        </section>
    }
}

/// The default containerization choices, with why one is not valid on this core.
fn containerization_choices(minor: u8) -> Vec<Opt> {
    DEFAULT_CONTAINERIZATION
        .iter()
        .map(|choice| {
            let note = (choice.value.is_some() && minor < 7).then(|| "needs core v1.7 or later");
            Opt::from(*choice).with_note(note.map(str::to_string))
        })
        .collect()
}
