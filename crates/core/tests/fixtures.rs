//! The page's two cases and its five snippets: each imports with no diagnostic and exports equal,
//! as a JSON value, to what was read.

use ggaccess_core::examples;
use ggaccess_core::export;
use ggaccess_core::import::{import, Imported, Shape, SourceFile};
use ggaccess_core::{validate, CoreVersion};
use serde_json::Value;

const SNIPPETS: [&str; 5] = [
    "1-containerized-function.json",
    "2-resource-without-owner.json",
    "3-non-containerized-function.json",
    "4-containerized-function-beside.json",
    "5-resource-with-owner.json",
];

fn page(name: &str) -> SourceFile {
    let path = format!("{}/fixtures/page/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    SourceFile::new(name, text)
}

fn read(files: &[SourceFile]) -> Imported {
    import(files).unwrap_or_else(|e| panic!("{e}"))
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn cases() -> [(&'static str, &'static str); 3] {
    [
        ("containerized.json", examples::CONTAINERIZED),
        ("non-containerized.json", examples::NON_CONTAINERIZED),
        ("built-in.json", examples::BUILT_IN),
    ]
}

#[test]
fn each_case_imports_with_no_diagnostic_at_core_1_11() {
    for (name, text) in cases() {
        let imported = read(&[SourceFile::new(name, text)]);
        assert_eq!(imported.shapes, [Shape::Merged], "{name}");
        assert!(
            imported.diagnostics.is_empty(),
            "{name}: {:#?}",
            imported.diagnostics
        );
        assert_eq!(imported.group.core_version, CoreVersion::LATEST);
        let found = validate(&imported.group);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
}

#[test]
fn the_owned_case_is_clean_from_core_1_10() {
    let mut group = read(&[SourceFile::new("n.json", examples::NON_CONTAINERIZED)]).group;
    group.core_version = CoreVersion::new(10).unwrap();
    let found = validate(&group);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn each_case_exports_as_it_was_read() {
    for (name, text) in cases() {
        let group = read(&[SourceFile::new(name, text)]).group;
        let expected = json(text);
        assert_eq!(export::merged(&group), expected, "{name}");
        let functions = export::function_definition_version(&group);
        assert_eq!(
            functions,
            serde_json::json!({"Functions": expected["Functions"]})
        );
        let resources = export::resource_definition_version(&group);
        assert_eq!(
            resources,
            serde_json::json!({"Resources": expected["Resources"]})
        );
    }
}

#[test]
fn each_page_snippet_round_trips() {
    for name in SNIPPETS {
        let file = page(name);
        let expected = json(&file.text);
        let imported = read(&[file]);
        assert!(
            imported.diagnostics.is_empty(),
            "{name}: {:#?}",
            imported.diagnostics
        );
        let exported = match imported.shapes.as_slice() {
            [Shape::FunctionDefinitionVersion] => {
                export::function_definition_version(&imported.group)
            }
            [Shape::ResourceDefinitionVersion] => {
                export::resource_definition_version(&imported.group)
            }
            other => panic!("{name} read as {other:?}"),
        };
        assert_eq!(exported, expected, "{name}");
        assert_eq!(export::merged(&imported.group), expected, "{name}");
    }
}

#[test]
fn the_cases_are_the_page_snippets_merged() {
    let first: Vec<SourceFile> = SNIPPETS[..2].iter().map(|name| page(name)).collect();
    let group = read(&first).group;
    assert_eq!(export::merged(&group), json(examples::CONTAINERIZED));

    let second: Vec<SourceFile> = SNIPPETS[2..].iter().map(|name| page(name)).collect();
    let group = read(&second).group;
    assert_eq!(export::merged(&group), json(examples::NON_CONTAINERIZED));
}

#[test]
fn the_built_in_example_is_both_cases_side_by_side() {
    let both = [
        SourceFile::new("containerized.json", examples::CONTAINERIZED),
        SourceFile::new("non-containerized.json", examples::NON_CONTAINERIZED),
    ];
    let group = read(&both).group;
    assert_eq!(export::merged(&group), json(examples::BUILT_IN));
    assert_eq!(examples::built_in().doc, json(examples::BUILT_IN));
}
