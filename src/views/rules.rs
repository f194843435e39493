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

/// Every rule of the catalogue, by family.
#[component]
pub fn RulesReference() -> impl IntoView {
    let mut families: Vec<(&str, Vec<&'static rules::Rule>)> = Vec::new();
    for rule in rules::all() {
        let family = rule.id.split('/').next().unwrap_or(rule.id);
        match families.iter_mut().find(|(name, _)| *name == family) {
            Some((_, list)) => list.push(rule),
            None => families.push((family, vec![rule])),
        }
    }
    view! {
        <section class="section rules" aria-labelledby="rules-title">
            <h2 id="rules-title">"Rules"</h2>
            <p class="hint">
                "Every check ggaccess makes, from the AWS IoT Greengrass v1 documentation. The ids \
                 are stable: the command-line checker reports the same ones."
            </p>
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
        </section>
    }
}
