//! No input reaches a panic: arbitrary JSON values, mutated valid documents and broken texts go
//! through import, validation, every fix and every export.

use ggaccess_core::import::{import, SourceFile};
use ggaccess_core::{edit, examples, export, validate, CoreVersion, Group};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

/// Member names of the API (and of the shapes import reads), so that arbitrary objects often land
/// on the paths the rules read.
const KEYS: &[&str] = &[
    "DefaultConfig",
    "Execution",
    "IsolationMode",
    "RunAs",
    "Uid",
    "Gid",
    "Functions",
    "Id",
    "FunctionArn",
    "FunctionConfiguration",
    "EncodingType",
    "Environment",
    "AccessSysfs",
    "ResourceAccessPolicies",
    "ResourceId",
    "Permission",
    "Variables",
    "MemorySize",
    "Pinned",
    "Timeout",
    "Resources",
    "Name",
    "ResourceDataContainer",
    "LocalDeviceResourceData",
    "LocalVolumeResourceData",
    "S3MachineLearningModelResourceData",
    "SageMakerMachineLearningModelResourceData",
    "SecretsManagerSecretResourceData",
    "DestinationPath",
    "S3Uri",
    "SageMakerJobArn",
    "OwnerSetting",
    "GroupOwner",
    "GroupPermission",
    "SourcePath",
    "GroupOwnerSetting",
    "AutoAddGroupOwner",
    "ARN",
    "InitialVersion",
    "Definition",
    "Arn",
    "tags",
    "FunctionDefinitionId",
    "ResourceDefinitionId",
    "Ref",
    "Fn::Sub",
];

/// Strings the rules give meaning to.
const TEXTS: &[&str] = &[
    "ro",
    "rw",
    "NoContainer",
    "GreengrassContainer",
    "1500",
    "01500",
    "0",
    "512",
    "true",
    "",
    "/",
    "/ml/model",
    "/ml/model/../model/",
    "/dev/shm",
    "/proc",
    "/sys/x",
    "s3://my-models-bucket/model.tar.gz",
    "arn:aws:lambda:us-west-2:123456789012:function:f:1",
    "arn:aws:lambda:::function:GGIPDetector:1",
    "arn:aws:sagemaker:us-west-2:123456789012:training-job/j",
    "image-classifier",
    "squeezenet-model",
    "mobilenet-model",
    "object-detector",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-5i64..70000).prop_map(Value::from),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(TEXTS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => "[a-zA-Z~/é]{0,6}",
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(6, 80, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn core() -> impl Strategy<Value = CoreVersion> {
    prop::sample::select(&[3u8, 5, 6, 7, 8, 9, 10, 11][..])
        .prop_map(|minor| CoreVersion::new(minor).unwrap_or_default())
}

/// Import, validate, apply each fix (then validate again), export everything.
fn exercise(files: &[SourceFile], core: CoreVersion) {
    let Ok(imported) = import(files) else {
        return;
    };
    let mut group = imported.group;
    group.core_version = core;
    for diagnostic in &imported.diagnostics {
        let _ = group.locate(&diagnostic.pointer);
    }
    for diagnostic in validate(&group) {
        for fix in &diagnostic.fixes {
            let mut doc = group.doc.clone();
            if edit::apply(&mut doc, &fix.edits).is_ok() {
                let fixed = Group {
                    doc,
                    ..group.clone()
                };
                let _ = validate(&fixed);
                export_all(&fixed);
            }
        }
    }
    export_all(&group);
}

fn export_all(group: &Group) {
    for value in [
        export::function_definition_version(group),
        export::resource_definition_version(group),
        export::create_function_definition(group),
        export::create_resource_definition(group),
        export::merged(group),
    ] {
        let _ = export::to_pretty(&value);
    }
}

fn file(name: &str, value: &Value) -> SourceFile {
    SourceFile::new(name, export::to_pretty(value))
}

/// Every pointer of a value, the root included.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let token = key.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{token}"), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// One change to a document at a pointer chosen by index.
#[derive(Clone, Debug)]
enum Mutation {
    Remove(usize),
    Replace(usize, Value),
    Retype(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Remove),
        (any::<usize>(), value()).prop_map(|(at, v)| Mutation::Replace(at, v)),
        any::<usize>().prop_map(Mutation::Retype),
    ]
}

fn mutate(doc: &mut Value, mutation: &Mutation) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let pick = |index: &usize| all[index % all.len()].clone();
    match mutation {
        Mutation::Remove(index) => {
            let pointer = pick(index);
            if let Some((parent, last)) = pointer.rsplit_once('/') {
                match doc.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        let key = last.replace("~1", "/").replace("~0", "~");
                        map.shift_remove(&key);
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(i) = last.parse::<usize>() {
                            if i < items.len() {
                                items.remove(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Mutation::Replace(index, value) => {
            if let Some(slot) = doc.pointer_mut(&pick(index)) {
                *slot = value.clone();
            }
        }
        Mutation::Retype(index) => {
            if let Some(slot) = doc.pointer_mut(&pick(index)) {
                let retyped = match slot.take() {
                    Value::String(text) => text
                        .parse::<i64>()
                        .map(Value::from)
                        .unwrap_or(Value::Bool(text.is_empty())),
                    Value::Number(number) => Value::String(number.to_string()),
                    Value::Bool(flag) => Value::String(flag.to_string()),
                    Value::Object(map) => Value::Array(map.into_iter().map(|(_, v)| v).collect()),
                    Value::Array(items) => Value::Object(
                        items
                            .into_iter()
                            .enumerate()
                            .map(|(i, v)| (i.to_string(), v))
                            .collect(),
                    ),
                    Value::Null => Value::Object(Map::new()),
                };
                *slot = retyped;
            }
        }
    }
}

/// A valid document, in one of the shapes import reads, as one or two files.
fn shaped(doc: Value, shape: u8) -> Vec<SourceFile> {
    let member = |name: &str| doc.get(name).cloned().unwrap_or(Value::Array(Vec::new()));
    let wrap = |name: &str, inner: Value| {
        let mut outer = Map::new();
        outer.insert(name.to_string(), inner);
        outer.insert("Name".into(), Value::from("group"));
        Value::Object(outer)
    };
    match shape % 4 {
        0 => vec![file("merged.json", &doc)],
        1 => {
            let functions = wrap(
                "InitialVersion",
                serde_json::json!({"Functions": member("Functions")}),
            );
            let resources = wrap(
                "Definition",
                serde_json::json!({"Resources": member("Resources")}),
            );
            vec![file("f.json", &functions), file("r.json", &resources)]
        }
        2 => vec![file("c.json", &wrap("InitialVersion", doc.clone()))],
        _ => vec![
            file(
                "f.json",
                &serde_json::json!({"Functions": member("Functions")}),
            ),
            file(
                "r.json",
                &serde_json::json!({"ResourceDefinitionId": "x", "Resources": member("Resources")}),
            ),
        ],
    }
}

fn fixture() -> impl Strategy<Value = Value> {
    prop::sample::select(
        &[
            examples::CONTAINERIZED,
            examples::NON_CONTAINERIZED,
            examples::BUILT_IN,
        ][..],
    )
    .prop_map(|text| serde_json::from_str(text).unwrap_or(Value::Null))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn arbitrary_values_never_panic(value in value(), core in core()) {
        exercise(&[file("any.json", &value)], core);
        let mut wrapped = Map::new();
        wrapped.insert("Functions".into(), Value::Array(vec![value.clone()]));
        wrapped.insert("Resources".into(), Value::Array(vec![value]));
        exercise(&[file("wrapped.json", &Value::Object(wrapped))], core);
    }

    #[test]
    fn mutated_documents_never_panic(
        doc in fixture(),
        mutations in prop::collection::vec(mutation(), 1..6),
        shape in any::<u8>(),
        core in core(),
    ) {
        let mut doc = doc;
        for mutation in &mutations {
            mutate(&mut doc, mutation);
        }
        exercise(&shaped(doc, shape), core);
    }

    #[test]
    fn broken_texts_are_refused_with_a_position(
        text in prop::sample::select(&[examples::CONTAINERIZED, examples::NON_CONTAINERIZED][..]),
        cut in any::<usize>(),
        insert in "[ -~é€\\n\\t\u{1}]{0,3}",
    ) {
        let mut at = cut % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let broken = format!("{}{insert}{}", &text[..at], &text[at..]);
        let truncated = &text[..at];
        for candidate in [broken.as_str(), truncated] {
            if let Err(error) = import(&[SourceFile::new("b.json", candidate)]) {
                prop_assert!(error.line >= 1 && error.column >= 1);
                let lines = candidate.split('\n').count();
                prop_assert!(error.line <= lines, "{error} beyond {lines} lines");
                let width = candidate.split('\n').nth(error.line - 1).map_or(0, |l| l.chars().count());
                prop_assert!(error.column <= width + 1, "{error} beyond {width} characters");
            } else {
                exercise(&[SourceFile::new("b.json", candidate)], CoreVersion::LATEST);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,64}") {
        let _ = import(&[SourceFile::new("t.json", text)]);
    }
}
