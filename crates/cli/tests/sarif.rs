//! `--format sarif` checked by Microsoft's SARIF validator (`@microsoft/sarif-multitool`, pinned
//! in `tests/sarif/package.json`). The validator needs Node.js; without it this test skips with a
//! loud message (CI installs Node, so it runs there).

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

#[test]
fn sarif_output_passes_microsofts_validator() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif");
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("\n!!! SKIPPED: Node.js is missing, so the SARIF output was NOT validated !!!\n");
        return;
    }

    // Install the validator from the lock file once.
    let tool = folder.join("node_modules/.bin/sarif-multitool");
    if !tool.exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&folder)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm ci failed in {}", folder.display());
    }

    // Results with related places and fixes, from two files and from standard input.
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sarif");
    std::fs::create_dir_all(&out).unwrap();
    let cases = common::cases();
    let stdin = std::fs::read(cases.join("stdin-warnings-exit-0/stdin")).unwrap();
    let runs = [
        (
            cases.join("errors-human"),
            common::args(&["group.json"]),
            None,
        ),
        (
            cases.join("two-files"),
            common::args(&["functions.json", "resources.json"]),
            None,
        ),
        (
            cases.join("clean-exit-0"),
            common::args(&["group.json"]),
            None,
        ),
        (cases.clone(), common::args(&["-"]), Some(stdin.as_slice())),
    ];
    let mut logs = Vec::new();
    for (index, (dir, files, input)) in runs.into_iter().enumerate() {
        let mut args = common::args(&["check", "--format", "sarif"]);
        args.extend(files);
        let run = common::run(&dir, &args, input);
        assert!(run.code <= 1, "check failed: {}", run.stderr);
        let log = out.join(format!("log-{index}.sarif"));
        std::fs::write(&log, &run.stdout).unwrap();
        logs.push(log);
    }

    // One run of the validator for every log (it takes a few seconds to start).
    let report = out.join("validation.sarif");
    let validation = Command::new(&tool)
        .arg("validate")
        .args(&logs)
        .arg("--output")
        .arg(&report)
        .args(["--log", "ForceOverwrite"])
        // The validator is a .NET program: without this it needs libicu, absent on slim images.
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .expect("the validator runs");
    let console = format!(
        "{}{}",
        String::from_utf8_lossy(&validation.stdout),
        String::from_utf8_lossy(&validation.stderr)
    );
    assert!(
        validation.status.success(),
        "the validator failed:\n{console}"
    );
    assert!(console.contains("4 files scanned"), "{console}");

    // The validator reports errors and warnings (its default levels), and sets the exit code
    // only when it cannot run; a result without a level is a warning in SARIF.
    let text = std::fs::read_to_string(&report).unwrap();
    let findings: Value = serde_json::from_str(&text).unwrap();
    let problems: Vec<String> = findings["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|result| result["level"].as_str().unwrap_or("warning") != "note")
        .map(|result| format!("{}: {}", result["ruleId"], result["message"]))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}\n{console}");
}

#[test]
fn sarif_results_carry_rule_level_position_and_related_places() {
    let dir = common::cases().join("errors-human");
    let args = common::args(&["check", "--format", "sarif", "group.json"]);
    let run = common::run(&dir, &args, None);
    assert_eq!(run.code, 1);
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let sarif_run = &log["runs"][0];
    assert_eq!(sarif_run["columnKind"], "unicodeCodePoints");

    // Every rule of the catalogue is described, and each result's index points at its rule.
    let rules = sarif_run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), ggaccess_core::rules::all().count());
    let results = sarif_run["results"].as_array().unwrap();
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }

    // An error with the owner's permission as a related place, then a warning (see the
    // errors-human case: `"Permission"` at 11:37, `"OwnerSetting"` at 25:11).
    let summary: Vec<(&str, &str, u64, u64)> = results
        .iter()
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            (
                r["ruleId"].as_str().unwrap(),
                r["level"].as_str().unwrap(),
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("ml/permission-exceeds-owner", "error", 11, 37),
            ("ml/owner-not-recommended", "warning", 25, 11),
        ]
    );
    let related = &results[0]["relatedLocations"][0]["physicalLocation"];
    assert_eq!(related["artifactLocation"]["uri"], "group.json");
    assert_eq!(related["region"]["startLine"], 25);
    assert_eq!(related["region"]["startColumn"], 50);
    assert_eq!(
        results[0]["properties"]["fixes"][0]["edits"][0]["op"],
        "replace"
    );
}
