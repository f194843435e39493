//! Import: shapes recognised and merged, refusals located, positions in characters, unknown
//! members kept.

use ggaccess_core::export;
use ggaccess_core::import::{import, ImportError, Imported, Shape, SourceFile, EXPECTED};
use ggaccess_core::Location;
use serde_json::{json, Value};

fn read(files: &[(&str, &str)]) -> Imported {
    let files: Vec<SourceFile> = files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    import(&files).unwrap_or_else(|e| panic!("{e}"))
}

fn refuse(files: &[(&str, &str)]) -> ImportError {
    let files: Vec<SourceFile> = files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    match import(&files) {
        Ok(imported) => panic!("accepted: {:#?}", imported.group.doc),
        Err(error) => error,
    }
}

fn at(file: &str, line: usize, column: usize) -> Option<Location> {
    Some(Location {
        file: file.into(),
        line,
        column,
    })
}

const FUNCTION: &str =
    r#"{"Id": "f", "FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:f:1"}"#;
const RESOURCE: &str = r#"{"Id": "r", "Name": "r", "ResourceDataContainer": {}}"#;

// One test per shape: recognised, and its version body placed in the merged document.

#[test]
fn reads_the_merged_document() {
    let text = format!(
        "{{\"DefaultConfig\": {{\"Execution\": {{\"IsolationMode\": \"NoContainer\"}}}},\n\
         \"Functions\": [{FUNCTION}],\n\"Resources\": [{RESOURCE}]}}"
    );
    let imported = read(&[("m.json", &text)]);
    assert_eq!(imported.shapes, [Shape::Merged]);
    assert_eq!(
        export::merged(&imported.group),
        serde_json::from_str::<Value>(&text).unwrap()
    );
    assert_eq!(imported.group.locate("/Resources/0"), at("m.json", 3, 15));
}

#[test]
fn reads_a_function_definition_version_with_or_without_its_id() {
    let bare = format!("{{\"Functions\": [{FUNCTION}]}}");
    let imported = read(&[("v.json", &bare)]);
    assert_eq!(imported.shapes, [Shape::FunctionDefinitionVersion]);
    assert_eq!(imported.group.definitions.function, None);

    let with_id = format!("{{\"FunctionDefinitionId\": \"abc\", \"Functions\": [{FUNCTION}]}}");
    let imported = read(&[("v.json", &with_id)]);
    assert_eq!(imported.shapes, [Shape::FunctionDefinitionVersion]);
    assert_eq!(
        imported.group.doc,
        serde_json::from_str::<Value>(&bare).unwrap()
    );
    let kept = imported
        .group
        .definitions
        .function
        .clone()
        .map(Value::Object);
    assert_eq!(kept, Some(json!({"FunctionDefinitionId": "abc"})));
    assert_eq!(
        export::function_definition_version(&imported.group),
        serde_json::from_str::<Value>(&bare).unwrap()
    );
}

#[test]
fn reads_a_resource_definition_version_with_or_without_its_id() {
    let bare = format!("{{\"Resources\": [{RESOURCE}]}}");
    assert_eq!(
        read(&[("v.json", &bare)]).shapes,
        [Shape::ResourceDefinitionVersion]
    );

    let with_id = format!("{{\"ResourceDefinitionId\": \"abc\", \"Resources\": [{RESOURCE}]}}");
    let imported = read(&[("v.json", &with_id)]);
    assert_eq!(imported.shapes, [Shape::ResourceDefinitionVersion]);
    assert_eq!(
        imported.group.doc,
        serde_json::from_str::<Value>(&bare).unwrap()
    );
    let kept = imported.group.definitions.resource.map(Value::Object);
    assert_eq!(kept, Some(json!({"ResourceDefinitionId": "abc"})));
}

#[test]
fn reads_create_function_definition_keeping_name_and_tags() {
    let text = format!(
        "{{\n  \"Name\": \"inference\",\n  \"InitialVersion\": {{\n    \"Functions\": [{FUNCTION}]\n  \
         }},\n  \"tags\": {{\"team\": \"ml\"}}\n}}"
    );
    let imported = read(&[("c.json", &text)]);
    assert_eq!(imported.shapes, [Shape::CreateFunctionDefinition]);
    assert_eq!(
        imported.group.doc,
        json!({"Functions": [serde_json::from_str::<Value>(FUNCTION).unwrap()]})
    );
    let kept = imported
        .group
        .definitions
        .function
        .clone()
        .map(Value::Object);
    assert_eq!(
        kept,
        Some(json!({"Name": "inference", "tags": {"team": "ml"}}))
    );
    assert_eq!(
        export::create_function_definition(&imported.group),
        serde_json::from_str::<Value>(&text).unwrap()
    );

    // `/Functions/0` is `/InitialVersion/Functions/0` of the file: line 4, after `"Functions": [`.
    assert_eq!(
        imported.group.locate("/Functions/0/Id"),
        at("c.json", 4, 20)
    );
    // An absent DefaultConfig: its nearest parent is the version body, `"InitialVersion"`.
    assert_eq!(
        imported.group.locate("/DefaultConfig/Execution"),
        at("c.json", 3, 3)
    );
}

#[test]
fn reads_create_resource_definition() {
    let text =
        format!("{{\"InitialVersion\": {{\"Resources\": [{RESOURCE}]}}, \"Name\": \"models\"}}");
    let imported = read(&[("c.json", &text)]);
    assert_eq!(imported.shapes, [Shape::CreateResourceDefinition]);
    assert_eq!(
        imported.group.doc,
        json!({"Resources": [serde_json::from_str::<Value>(RESOURCE).unwrap()]})
    );
    let kept = imported
        .group
        .definitions
        .resource
        .clone()
        .map(Value::Object);
    assert_eq!(kept, Some(json!({"Name": "models"})));
    assert_eq!(
        export::create_resource_definition(&imported.group),
        serde_json::from_str::<Value>(&text).unwrap()
    );
}

#[test]
fn reads_get_definition_version_responses() {
    let functions = format!(
        "{{\"Arn\": \"arn:aws:greengrass:us-west-2:123456789012:/greengrass/definition/functions/\
         a/versions/b\", \"CreationTimestamp\": \"2020-01-01T00:00:00.000Z\", \"Definition\": \
         {{\"Functions\": [{FUNCTION}]}}, \"Id\": \"a\", \"Version\": \"b\"}}"
    );
    let imported = read(&[("g.json", &functions)]);
    assert_eq!(imported.shapes, [Shape::GetFunctionDefinitionVersion]);
    assert_eq!(
        imported.group.doc,
        json!({"Functions": [serde_json::from_str::<Value>(FUNCTION).unwrap()]})
    );

    let resources = format!("{{\"Definition\": {{\"Resources\": [{RESOURCE}]}}, \"Id\": \"a\"}}");
    let imported = read(&[("g.json", &resources)]);
    assert_eq!(imported.shapes, [Shape::GetResourceDefinitionVersion]);
    assert_eq!(
        imported.group.doc,
        json!({"Resources": [serde_json::from_str::<Value>(RESOURCE).unwrap()]})
    );
}

// Several files make one group.

#[test]
fn merges_every_shape_into_one_group_with_origins() {
    let one = "{\"Functions\": [{\"Id\": \"a\"}]}";
    let two = "{\"InitialVersion\": {\"Functions\": [\n{\"Id\": \"b\"},\n{\"Id\": \"c\"}]}}";
    let three = "{\"Definition\": {\"Resources\": [{\"Id\": \"r\"}]}}";
    let four = "{\"Resources\": [{\"Id\": \"s\"}]}";
    let imported = read(&[
        ("1.json", one),
        ("2.json", two),
        ("3.json", three),
        ("4.json", four),
    ]);
    assert_eq!(
        imported.group.doc,
        json!({
            "Functions": [{"Id": "a"}, {"Id": "b"}, {"Id": "c"}],
            "Resources": [{"Id": "r"}, {"Id": "s"}]
        })
    );
    assert_eq!(
        imported.group.locate("/Functions/0/Id"),
        at("1.json", 1, 17)
    );
    assert_eq!(imported.group.locate("/Functions/2/Id"), at("2.json", 3, 2));
    assert_eq!(imported.group.locate("/Resources/1"), at("4.json", 1, 16));
    // Past the end of a list: the list itself, where the first file gave it.
    assert_eq!(imported.group.locate("/Functions/9"), at("1.json", 1, 2));
}

#[test]
fn accepts_one_default_config_given_twice_alike() {
    let one = "{\"DefaultConfig\": {\"Execution\": {\"IsolationMode\": \"NoContainer\"}}}";
    let two = "{\"Functions\": [],\n \"DefaultConfig\": {\"Execution\": {\"IsolationMode\": \"NoContainer\"}}}";
    let imported = read(&[("a.json", one), ("b.json", two)]);
    let expected =
        json!({"DefaultConfig": {"Execution": {"IsolationMode": "NoContainer"}}, "Functions": []});
    assert_eq!(imported.group.doc, expected);
    assert_eq!(
        imported.group.locate("/DefaultConfig/Execution"),
        at("a.json", 1, 20)
    );
}

#[test]
fn refuses_two_different_default_configs_naming_both_files() {
    let one = "{\"DefaultConfig\": {\"Execution\": {\"IsolationMode\": \"NoContainer\"}}}";
    let two = "{\"Functions\": [],\n \"DefaultConfig\": {\"Execution\": {}}}";
    let error = refuse(&[("a.json", one), ("b.json", two)]);
    assert_eq!(
        (error.file.as_str(), error.line, error.column),
        ("b.json", 2, 2)
    );
    assert!(
        error.message.contains("a.json (line 1, column 2)"),
        "{}",
        error.message
    );
    assert!(
        error
            .to_string()
            .starts_with("b.json:2:2: `DefaultConfig` differs"),
        "{error}"
    );
}

#[test]
fn refuses_to_merge_a_list_that_is_not_an_array_but_keeps_a_lone_one() {
    let error = refuse(&[
        ("a.json", "{\"Functions\": []}"),
        ("b.json", "{\"Functions\": {}}"),
    ]);
    assert_eq!(
        (error.file.as_str(), error.line, error.column),
        ("b.json", 1, 2)
    );
    let imported = read(&[("a.json", "{\"Functions\": \"none\"}")]);
    assert_eq!(imported.group.doc, json!({"Functions": "none"}));
}

#[test]
fn no_file_is_the_empty_group() {
    let imported = import(&[]).unwrap();
    assert_eq!(imported.group.doc, json!({}));
    assert!(imported.diagnostics.is_empty() && imported.shapes.is_empty());
}

// Refusals.

#[test]
fn refuses_other_json_listing_the_expected_shapes() {
    let error = refuse(&[("x.json", "\n  {\"Cores\": []}")]);
    assert_eq!((error.line, error.column), (2, 3));
    assert!(error.message.starts_with(EXPECTED), "{}", error.message);
    assert!(
        error
            .message
            .ends_with("found an object with members `Cores`"),
        "{}",
        error.message
    );
    for shape in [
        "DefaultConfig",
        "InitialVersion",
        "Definition",
        "FunctionDefinitionId",
    ] {
        assert!(
            error.message.contains(shape),
            "{shape} not in {}",
            error.message
        );
    }

    let error = refuse(&[("x.json", "[1, 2]")]);
    assert!(
        error.message.ends_with("found an array"),
        "{}",
        error.message
    );
}

#[test]
fn refuses_a_cloudformation_template_without_greengrass_definitions() {
    let text = "{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n \"Resources\": {\"Fn\": {}}}";
    let error = refuse(&[("t.json", text)]);
    assert_eq!((error.line, error.column), (2, 2));
    assert!(
        error.message.contains("CloudFormation"),
        "{}",
        error.message
    );
    assert!(
        error
            .message
            .contains("AWS::Greengrass::FunctionDefinition"),
        "{}",
        error.message
    );
}

#[test]
fn refuses_malformed_json_at_the_character_column() {
    // `größe` is five characters in seven bytes; `tru` starts at character 38, byte 40.
    let text = "{\n  \"Functions\": [{\"Id\": \"größe\", \"x\": tru}]\n}";
    let error = refuse(&[("bad.json", text)]);
    assert_eq!((error.line, error.column), (2, 38));
    assert!(error.to_string().starts_with("bad.json:2:38: "), "{error}");

    // A trailing comma after multi-byte characters: the comma is character 6, byte 10.
    let error = refuse(&[("bad.json", "[\"日本語\",\n \"€€\",]")]);
    assert_eq!((error.line, error.column), (2, 6));

    // A raw control character (found by serde_json, which counts bytes): character 3, byte 4.
    let error = refuse(&[("bad.json", "[\n\"é\u{1}\"]")]);
    assert_eq!((error.line, error.column), (2, 3));
}

#[test]
fn refuses_duplicate_keys_at_the_second() {
    let text = "{\"Functions\": [{\"Id\": \"a\",\n  \"Id\": \"b\"}]}";
    let error = refuse(&[("d.json", text)]);
    assert_eq!((error.line, error.column), (2, 3));
    assert!(
        error.message.contains("duplicate member `Id`"),
        "{}",
        error.message
    );
}

// Locations and members kept.

#[test]
fn locates_present_fields_at_their_key_and_absent_ones_at_their_parent() {
    let text =
        "{\"Functions\": [\n  {\n    \"Id\": \"f\",\n    \"FunctionConfiguration\": {\n      \
                \"MemorySize\": 512,\n      \"Environment\": {}\n    }\n  }\n]}";
    let group = read(&[("l.json", text)]).group;
    let memory = "/Functions/0/FunctionConfiguration/MemorySize";
    assert_eq!(group.locate(memory), at("l.json", 5, 7));
    let absent = "/Functions/0/FunctionConfiguration/Environment/Execution/IsolationMode";
    assert_eq!(group.locate(absent), at("l.json", 6, 7));
    assert_eq!(group.locate("/Functions/0/Timeout"), at("l.json", 2, 3));
    assert_eq!(group.locate("/Resources/0"), at("l.json", 1, 1));
}

#[test]
fn validation_locates_its_diagnostics_in_the_source() {
    // `a` runs in a container without `MemorySize` (absent: located at `FunctionConfiguration`);
    // `b` runs without a container but sets it (present: located at its key).
    let text = "{\"Functions\": [\n\
                {\"Id\": \"a\", \"FunctionConfiguration\": {\"Timeout\": 3}},\n\
                {\"Id\": \"b\", \"FunctionConfiguration\": {\"Environment\": {\"Execution\": \
                {\"IsolationMode\": \"NoContainer\"}},\n  \"MemorySize\": 512}}]}";
    let group = read(&[("v.json", text)]).group;
    let found = ggaccess_core::validate(&group);
    let location = |rule: &str| {
        let diagnostic = found.iter().find(|d| d.rule == rule);
        diagnostic.and_then(|d| d.location.clone())
    };
    assert_eq!(location("container/memory-required"), at("v.json", 2, 13));
    assert_eq!(location("container/memory-not-allowed"), at("v.json", 4, 3));
}

#[test]
fn keeps_unknown_members_and_locates_them() {
    let text =
        "{\"Functions\": [{\"Id\": \"f\", \"Execution\": {\"IsolationMode\": \"NoContainer\"}}],\n\
                \"Comment\": \"mine\"}";
    let group = read(&[("u.json", text)]).group;
    let expected: Value = serde_json::from_str(text).unwrap();
    assert_eq!(export::merged(&group), expected);
    assert_eq!(
        export::function_definition_version(&group),
        json!({"Functions": expected["Functions"]})
    );
    assert_eq!(group.locate("/Comment"), at("u.json", 2, 1));
    assert_eq!(
        group.locate("/Functions/0/Execution/IsolationMode"),
        at("u.json", 1, 42)
    );
}

#[test]
fn reports_coerced_scalars_at_their_position() {
    let one = "{\"Functions\": [{\"Id\": \"a\"}]}";
    let two = "{\"Functions\": [\n{\"Id\": \"b\", \"FunctionConfiguration\": {\"MemorySize\": \"512\",\n\"Pinned\": \"true\"}}]}";
    let imported = read(&[("a.json", one), ("b.json", two)]);
    let config = &imported.group.doc["Functions"][1]["FunctionConfiguration"];
    assert_eq!(config, &json!({"MemorySize": 512, "Pinned": true}));
    let found: Vec<(&str, &str, Option<Location>)> = imported
        .diagnostics
        .iter()
        .map(|d| (d.rule, d.pointer.as_str(), d.location.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "shape/coerced",
                "/Functions/1/FunctionConfiguration/MemorySize",
                at("b.json", 2, 39)
            ),
            (
                "shape/coerced",
                "/Functions/1/FunctionConfiguration/Pinned",
                at("b.json", 3, 1)
            ),
        ]
    );
}
