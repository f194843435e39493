//! `ggaccess explain [RULE]`: what a rule means, why it exists and how to fix it.

use std::io::Write;

use ggaccess_core::rules::{self, Rule};

/// Prints the rule's explanation (or, without a rule, the list of rules). An unknown id exits 2
/// and lists the ids that look close to it on stderr.
pub fn run(id: Option<&str>) -> (u8, String) {
    let Some(id) = id else {
        return (crate::EXIT_OK, list());
    };

    match rules::find(id) {
        Some(rule) => (crate::EXIT_OK, explain(rule)),
        None => {
            let close = close_ids(id);
            let mut message = format!("ggaccess: no rule `{id}`");
            if close.is_empty() {
                message.push_str("; `ggaccess explain` lists every rule");
            } else {
                message.push_str("; did you mean ");
                let quoted: Vec<String> = close.iter().map(|id| format!("`{id}`")).collect();
                message.push_str(&quoted.join(", "));
                message.push('?');
            }
            let _ = writeln!(std::io::stderr().lock(), "{message}");
            (crate::EXIT_INPUT, String::new())
        }
    }
}

/// The full text of one rule.
pub fn explain(rule: &Rule) -> String {
    format!(
        "{id} ({severity}, {versions})\n\n{summary}\n\nWhy: {rationale}\n\nHow to fix: {help}\n",
        id = rule.id,
        severity = rule.severity.as_str(),
        versions = rule.versions.describe(),
        summary = rule.summary,
        rationale = rule.rationale,
        help = rule.help,
    )
}

/// One line per rule: id, severity, summary.
fn list() -> String {
    let width = rules::all().map(|rule| rule.id.len()).max().unwrap_or(0);
    rules::all()
        .map(|rule| {
            format!(
                "{:width$}  {:7}  {}\n",
                rule.id,
                rule.severity.as_str(),
                rule.summary
            )
        })
        .collect()
}

/// Rule ids that look like a mistyped `id`: similar as a whole, or the same name in another
/// family (`permission-missing` finds `ml/permission-missing`), best first, at most five.
fn close_ids(id: &str) -> Vec<&'static str> {
    let wanted = id.trim().to_ascii_lowercase();
    let wanted_name = wanted.rsplit('/').next().unwrap_or(&wanted).to_string();
    let mut scored: Vec<(f64, &'static str)> = rules::all()
        .filter_map(|rule| {
            let name = rule.id.rsplit('/').next().unwrap_or(rule.id);
            let score = strsim::jaro_winkler(&wanted, rule.id)
                .max(strsim::jaro_winkler(&wanted_name, name));
            (score >= 0.85).then_some((score, rule.id))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(5).map(|(_, id)| id).collect()
}
