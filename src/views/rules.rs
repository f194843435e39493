//! The rule reference inside the app: what each rule id means, why it exists, how to fix it.

use ggaccess_core::rules;
use leptos::prelude::*;

/// The in-app link to a rule's explanation.
pub fn rule_href(id: &str) -> String {
    format!("#{}", rule_anchor(id))
}

/// The id of a rule's explanation (`rule-ml-owner-incomplete`).
pub fn rule_anchor(id: &str) -> String {
    format!("rule-{}", id.replace('/', "-"))
}

/// Every rule of the catalogue, by family, folded until it is opened or a rule link is followed.
#[component]
pub fn RulesReference() -> impl IntoView {
    let open = RwSignal::new(false);

    // Following a rule link (`#rule-...`) unfolds the reference and brings the rule into view.
    let reveal = move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let hash = window.location().hash().unwrap_or_default();
        let Some(anchor) = hash.strip_prefix('#').filter(|h| h.starts_with("rule-")) else {
            return;
        };
        open.set(true);
        let anchor = anchor.to_string();
        request_animation_frame(move || {
            let element = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&anchor))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            if let Some(element) = element {
                element.scroll_into_view();
                let _ = element.focus();
            }
        });
    };
    reveal();
    let handle = window_event_listener(leptos::ev::hashchange, move |_| reveal());
    on_cleanup(move || handle.remove());

    let mut families: Vec<(&str, Vec<&'static rules::Rule>)> = Vec::new();
    for rule in rules::all() {
        let family = rule.id.split('/').next().unwrap_or(rule.id);
        match families.iter_mut().find(|(name, _)| *name == family) {
            Some((_, list)) => list.push(rule),
            None => families.push((family, vec![rule])),
        }
    }
    view! {
        <details
            class="section rules"
            prop:open=move || open.get()
            on:toggle=move |ev| {
                let now = ev
                    .target()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlDetailsElement>(t).ok())
                    .is_some_and(|d| d.open());
                open.set(now);
            }
        >
            <summary>
                <h2 id="rules-title">"Rule reference"</h2>
                <span class="hint">
                    "Every check ggaccess makes, from the AWS IoT Greengrass v1 documentation. The \
                     ids are stable: the command-line checker reports the same ones."
                </span>
            </summary>
            {families
                .into_iter()
                .map(|(family, list)| {
                    view! {
                        <h3 class="family">{format!("{family}/*")}</h3>
                        {list
                            .into_iter()
                            .map(|rule| {
                                let severity = rule.severity.as_str();
                                view! {
                                    <article class="rule" id=rule_anchor(rule.id) tabindex="-1">
                                        <header>
                                            <code>{rule.id}</code>
                                            <span class=format!("badge {severity}")>{severity}</span>
                                            <span class="versions">{rule.versions.describe()}</span>
                                        </header>
                                        <p>{rule.summary}</p>
                                        <p class="rationale">{rule.rationale}</p>
                                        <p class="help"><strong>"Fix: "</strong>{rule.help}</p>
                                    </article>
                                }
                            })
                            .collect_view()}
                    }
                })
                .collect_view()}
        </details>
    }
}
