//! `--format json`: exactly one object with the keys of schema version 1, in order, diagnostics
//! sorted by file, line, column, rule, and a summary that counts them.

mod common;

use serde_json::Value;

/// Runs `check --format json` in a case folder and parses the whole of stdout as one value.
fn check_json(case: &str, files: &[&str]) -> (Value, i32) {
    let mut args = common::args(&["check", "--format", "json"]);
    args.extend(common::args(files));
    let run = common::run(&common::cases().join(case), &args, None);
    assert_eq!(run.stderr, "", "nothing on stderr");
    let value = serde_json::from_str(&run.stdout).expect("stdout is exactly one JSON value");
    (value, run.code)
}

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

/// Checks the schema of one output and returns its diagnostics.
fn assert_schema(output: &Value, code: i32) -> &Vec<Value> {
    assert_eq!(keys(output), ["version", "diagnostics", "summary"]);
    assert_eq!(output["version"], 1);

    let diagnostics = output["diagnostics"].as_array().unwrap();
    for d in diagnostics {
        let mut expected = vec![
            "rule", "severity", "message", "help", "file", "pointer", "line", "column",
        ];
        if d.get("related").is_some() {
            expected.push("related");
        }
        expected.push("fixes");
        assert_eq!(keys(d), expected, "{d:#}");
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
        assert!(ggaccess_core::rules::find(d["rule"].as_str().unwrap()).is_some());
        assert!(d["pointer"].as_str().unwrap().starts_with('/'));
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
        for place in d.get("related").map_or(&[][..], |r| r.as_array().unwrap()) {
            assert_eq!(keys(place), ["pointer", "file", "line", "column"]);
        }
        for fix in d["fixes"].as_array().unwrap() {
            assert_eq!(keys(fix), ["title", "edits"]);
            for edit in fix["edits"].as_array().unwrap() {
                let op = edit["op"].as_str().unwrap();
                let expected: &[&str] = match op {
                    "remove" => &["op", "path"],
                    "add" | "replace" => &["op", "path", "value"],
                    other => panic!("unexpected op {other}"),
                };
                assert_eq!(keys(edit), expected);
            }
        }
    }

    // Sorted by file, line, column, rule.
    let order: Vec<(String, u64, u64, String)> = diagnostics
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap().to_string();
            let number = |key: &str| d[key].as_u64().unwrap();
            (text("file"), number("line"), number("column"), text("rule"))
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);

    // The summary counts them, and the exit code follows the errors.
    let count = |severity: &str| {
        diagnostics
            .iter()
            .filter(|d| d["severity"] == severity)
            .count()
    };
    assert_eq!(keys(&output["summary"]), ["errors", "warnings", "infos"]);
    assert_eq!(output["summary"]["errors"], count("error"));
    assert_eq!(output["summary"]["warnings"], count("warning"));
    assert_eq!(output["summary"]["infos"], count("info"));
    assert_eq!(code, i32::from(count("error") > 0));
    diagnostics
}

#[test]
fn two_files_are_sorted_by_file_then_position() {
    // resources.json is given first; functions.json sorts first.
    let (output, code) = check_json("two-files", &["resources.json", "functions.json"]);
    let diagnostics = assert_schema(&output, code);
    let found: Vec<(&str, &str, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // DefaultConfig makes `reader` NoContainer, which may not set MemorySize.
            ("container/memory-not-allowed", "functions.json", 8, 9),
            // A NoContainer function cannot set Permission on an ML attachment.
            ("ml/no-container-permission", "functions.json", 11, 38),
            // `missing` names no resource.
            ("ref/unknown-resource", "functions.json", 12, 14),
            // DestinationPath `models` is relative.
            ("ml/destination-relative", "resources.json", 9, 11),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn related_places_and_fixes_are_located() {
    let (output, code) = check_json("errors-human", &["group.json"]);
    let diagnostics = assert_schema(&output, code);
    let exceeds = &diagnostics[0];
    assert_eq!(exceeds["rule"], "ml/permission-exceeds-owner");
    assert_eq!(
        exceeds["related"][0]["pointer"],
        "/Resources/0/ResourceDataContainer/S3MachineLearningModelResourceData/OwnerSetting/GroupPermission"
    );
    // `"GroupPermission"` starts at line 25, column 50 of group.json.
    assert_eq!(
        (
            &exceeds["related"][0]["line"],
            &exceeds["related"][0]["column"]
        ),
        (&Value::from(25), &Value::from(50))
    );
    assert_eq!(exceeds["fixes"][0]["edits"][0]["value"], "ro");
    assert_eq!(output["summary"]["warnings"], 1);
}

#[test]
fn a_clean_group_has_no_diagnostics_and_exits_0() {
    let (output, code) = check_json("clean-exit-0", &["group.json"]);
    assert!(assert_schema(&output, code).is_empty());
    assert_eq!(code, 0);
}
