//! `ggaccess explain RULE` for every rule of the catalogue.

mod common;

use std::collections::HashSet;

use ggaccess_core::rules;

#[test]
fn every_rule_is_explained() {
    let all: Vec<&rules::Rule> = rules::all().collect();

    // RULES.md lists 46 rules (16 ml, 6 container, 3 runas, 7 local, 2 secret, 5 ref,
    // 1 function, 6 shape), each id once.
    assert_eq!(all.len(), 46);
    let ids: HashSet<&str> = all.iter().map(|rule| rule.id).collect();
    assert_eq!(ids.len(), all.len());

    let dir = common::cases();
    for rule in all {
        let run = common::run(&dir, &common::args(&["explain", rule.id]), None);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{}", rule.id);
        let heading = format!(
            "{} ({}, {})",
            rule.id,
            rule.severity.as_str(),
            rule.versions.describe()
        );
        assert!(run.stdout.starts_with(&heading), "{}", run.stdout);
        for text in [rule.summary, rule.rationale, rule.help] {
            assert!(!text.is_empty(), "{} has an empty text", rule.id);
            assert!(run.stdout.contains(text), "{}: missing {text}", rule.id);
        }
    }
}

#[test]
fn an_unknown_rule_exits_2_and_lists_close_ids() {
    let dir = common::cases();
    let run = common::run(
        &dir,
        &common::args(&["explain", "permission-missing"]),
        None,
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("`ml/permission-missing`"),
        "{}",
        run.stderr
    );
}
