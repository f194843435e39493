//! Colour only on a terminal: output to a pipe stays plain even when `NO_COLOR` is unset.

mod common;

#[test]
fn piped_output_has_no_escape_codes() {
    let dir = common::cases().join("errors-human");
    let run = common::run_without_no_color(&dir, &common::args(&["check", "group.json"]));
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("error[ml/permission-exceeds-owner]"));
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
}
