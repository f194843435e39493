//! Snapshot tests of the `ggaccess` binary.
//!
//! Each folder under `tests/cases/` is one run: `args` holds the arguments, one per line; `stdin`,
//! when present, is fed to standard input; the binary runs inside the folder, so file names in
//! the output are the relative names given. The run's standard output, standard error and exit
//! code must equal `expected.stdout`, `expected.stderr` and `expected.code`.
//!
//! `UPDATE_EXPECT=1 cargo test -p ggaccess-cli --test cases` rewrites the expected files from the
//! actual run instead of comparing; review every rewritten file with `git diff` before committing.

mod common;

use std::fs;
use std::path::Path;

#[test]
fn every_case_matches_its_expected_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let update = std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v == "1");
    let mut cases: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("args").is_file())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases under {}", root.display());

    let mut failures = Vec::new();
    for case in &cases {
        let args: Vec<String> = fs::read_to_string(case.join("args"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        let stdin = fs::read(case.join("stdin")).ok();
        let run = common::run(case, &args, stdin.as_deref());
        let name = case.file_name().unwrap().to_string_lossy().into_owned();

        let actual = [
            ("expected.stdout", run.stdout.clone()),
            ("expected.stderr", run.stderr.clone()),
            ("expected.code", format!("{}\n", run.code)),
        ];
        for (file, text) in actual {
            let path = case.join(file);
            let expected = fs::read_to_string(&path).unwrap_or_default();
            if expected == text {
                continue;
            }
            if update {
                fs::write(&path, &text).unwrap();
                eprintln!("rewrote {name}/{file}; review it");
            } else {
                failures.push(format!(
                    "{name}/{file} differs\n--- expected\n{expected}\n--- actual\n{text}"
                ));
            }
        }
    }

    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended, rewrite the expected files with \
         `UPDATE_EXPECT=1 cargo test -p ggaccess-cli --test cases` and review `git diff`.",
        failures.join("\n\n")
    );
}
