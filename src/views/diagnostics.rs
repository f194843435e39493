//! The diagnostics panel: every finding of the core, by severity, each leading to its field.

use ggaccess_core::{Diagnostic, Severity};
use leptos::prelude::*;

use crate::state::use_app_state;
use crate::views::fields::focus_control;
use crate::views::rules::rule_href;

/// How many diagnostics of each severity: (errors, warnings, infos).
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize, usize) {
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    )
}

/// "2 errors", "1 warning".
pub fn plural(count: usize, word: &str) -> String {
    match count {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}

/// A message with its `backquoted` parts (ids, members, values) set as code.
pub fn rich_text(text: &str) -> impl IntoView {
    text.split('`')
        .enumerate()
        .map(|(index, part)| {
            let part = part.to_string();
            if index % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}

/// The list of every diagnostic, errors first.
#[component]
pub fn DiagnosticsPanel() -> impl IntoView {
    let state = use_app_state();

    // Marks the first time diagnostics are on screen, for scripts/measure-web.
    Effect::new(move |_| {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("ggaccess:first-diagnostics");
        }
    });

    let summary = move || {
        let (errors, warnings, infos) = state.diagnostics.with(|d| counts(d));
        if errors + warnings + infos == 0 {
            return "No problems found".to_string();
        }
        format!(
            "{}, {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(infos, "note")
        )
    };
    let group = move |severity: Severity, title: &'static str| {
        move || {
            let items: Vec<Diagnostic> = state.diagnostics.with(|all| {
                all.iter()
                    .filter(|d| d.severity == severity)
                    .cloned()
                    .collect()
            });
            (!items.is_empty()).then(|| {
                let heading = format!("{title} ({})", items.len());
                view! {
                    <h3 class=format!("severity-title {}", severity.as_str())>{heading}</h3>
                    <ul class="diagnostics">
                        {items
                            .into_iter()
                            .map(|diagnostic| view! { <DiagnosticItem diagnostic/> })
                            .collect_view()}
                    </ul>
                }
            })
        }
    };
    view! {
        <div class="panel-body">
            <p class="summary" class:clean=move || state.diagnostics.with(Vec::is_empty)>
                {summary}
            </p>
            {move || {
                state.diagnostics.with(Vec::is_empty).then(|| {
                    view! {
                        <p class="hint">
                            "Every rule of the catalogue passes for this group on this core version."
                        </p>
                    }
                })
            }}
            {group(Severity::Error, "Errors")}
            {group(Severity::Warning, "Warnings")}
            {group(Severity::Info, "Notes")}
        </div>
    }
}

/// One diagnostic: its message (a button that focuses the field), the rule, help and fixes.
#[component]
fn DiagnosticItem(diagnostic: Diagnostic) -> impl IntoView {
    let state = use_app_state();
    let severity = diagnostic.severity.as_str();
    let pointer = diagnostic.pointer.clone();
    let location = diagnostic
        .location
        .as_ref()
        .map(|l| format!("{} line {}, column {}", l.file, l.line, l.column));
    view! {
        <li class=format!("diagnostic {severity}")>
            <div class="diagnostic-head">
                <span class=format!("badge {severity}")>{severity}</span>
                <a class="rule-link" href=rule_href(diagnostic.rule)>{diagnostic.rule}</a>
            </div>
            <button
                type="button"
                class="goto"
                title=format!("Go to {}", diagnostic.pointer)
                on:click=move |_| focus_control(&pointer)
            >
                {rich_text(&diagnostic.message)}
            </button>
            <p class="help">{rich_text(&diagnostic.help)}</p>
            <p class="where">
                <code>{diagnostic.pointer.clone()}</code>
                {location.map(|text| view! { " · " {text} })}
            </p>
            {(!diagnostic.related.is_empty()).then(|| {
                view! {
                    <p class="where">
                        "Also at "
                        {diagnostic
                            .related
                            .iter()
                            .map(|related| {
                                let target = related.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="link"
                                        on:click=move |_| focus_control(&target)
                                    >
                                        {related.clone()}
                                    </button>
                                    " "
                                }
                            })
                            .collect_view()}
                    </p>
                }
            })}
            {(!diagnostic.fixes.is_empty()).then(|| {
                view! {
                    <div class="fixes">
                        {diagnostic
                            .fixes
                            .iter()
                            .map(|fix| {
                                let edits = fix.edits.clone();
                                let title = fix.title.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="fix"
                                        on:click=move |_| {
                                            state.edit(edits.clone());
                                            state.status.set(format!("Applied: {title}."));
                                        }
                                    >
                                        {crate::views::diagnostics::rich_text(&fix.title)}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </div>
                }
            })}
        </li>
    }
}
