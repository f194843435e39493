//! Property tests: arbitrary valid groups survive every export/import pair unchanged, except what
//! a CloudFormation template cannot hold (`FunctionRuntimeOverride` dropped, `AutoAddGroupOwner:
//! false` written where a `GroupOwnerSetting` left it out).

use ggaccess_core::export;
use ggaccess_core::import::{import, SourceFile};
use ggaccess_core::Group;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Any text, often with the characters YAML and shells treat specially.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}",
        "[a-z0-9:/ #'\"\\-*&!%@`{}\\[\\],?|>]{0,10}",
        Just("yes".to_string()),
        Just("0".to_string()),
        Just("null".to_string()),
        Just("1e3".to_string()),
        Just("\u{85}\u{2028}\u{feff}".to_string()),
    ]
}

/// An object from optional members, in the given order.
fn object(members: Vec<(&'static str, Option<Value>)>) -> Value {
    let map: Map<String, Value> = members
        .into_iter()
        .filter_map(|(name, value)| value.map(|value| (name.to_string(), value)))
        .collect();
    Value::Object(map)
}

fn execution() -> impl Strategy<Value = Value> {
    (
        proptest::option::of(prop_oneof![
            Just("GreengrassContainer"),
            Just("NoContainer")
        ]),
        proptest::option::of((any::<i32>(), any::<i32>())),
    )
        .prop_map(|(mode, run_as)| {
            object(vec![
                ("IsolationMode", mode.map(|m| json!(m))),
                (
                    "RunAs",
                    run_as.map(|(uid, gid)| json!({"Uid": uid, "Gid": gid})),
                ),
            ])
        })
}

fn function() -> impl Strategy<Value = Value> {
    let configuration = (
        proptest::option::of(prop_oneof![Just("json"), Just("binary")]),
        proptest::option::of((text(), text())),
        proptest::option::of(any::<i64>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0..=900i64),
        proptest::option::of(Just("python3.7")),
        proptest::option::of((
            proptest::option::of(any::<bool>()),
            proptest::option::of(execution()),
            proptest::collection::vec((text(), proptest::option::of(0..2usize)), 0..3),
            proptest::option::of(proptest::collection::btree_map(text(), text(), 0..3)),
        )),
    );
    (text(), text(), configuration).prop_map(|(id, arn, config)| {
        let (encoding, exec, memory, pinned, timeout, runtime, environment) = config;
        let environment = environment.map(|(sysfs, execution, policies, variables)| {
            let policies: Vec<Value> = policies
                .into_iter()
                .map(|(resource, permission)| {
                    object(vec![
                        ("ResourceId", Some(json!(resource))),
                        ("Permission", permission.map(|p| json!(["ro", "rw"][p]))),
                    ])
                })
                .collect();
            object(vec![
                ("AccessSysfs", sysfs.map(Value::Bool)),
                ("Execution", execution),
                ("ResourceAccessPolicies", Some(Value::Array(policies))),
                ("Variables", variables.map(|v| json!(v))),
            ])
        });
        let (executable, args) = exec.unzip();
        object(vec![
            ("Id", Some(json!(id))),
            ("FunctionArn", Some(json!(arn))),
            (
                "FunctionConfiguration",
                Some(object(vec![
                    ("EncodingType", encoding.map(|e| json!(e))),
                    ("Environment", environment),
                    ("ExecArgs", args.map(Value::String)),
                    ("Executable", executable.map(Value::String)),
                    ("MemorySize", memory.map(|m| json!(m))),
                    ("Pinned", pinned.map(Value::Bool)),
                    ("Timeout", timeout.map(|t| json!(t))),
                    ("FunctionRuntimeOverride", runtime.map(|r| json!(r))),
                ])),
            ),
        ])
    })
}

fn owner() -> impl Strategy<Value = Value> {
    (
        proptest::option::of(any::<bool>()),
        proptest::option::of(text()),
    )
        .prop_map(|(auto, group)| {
            object(vec![
                ("AutoAddGroupOwner", auto.map(Value::Bool)),
                ("GroupOwner", group.map(Value::String)),
            ])
        })
}

fn model_owner() -> impl Strategy<Value = Option<Value>> {
    proptest::option::of((text(), prop_oneof![Just("ro"), Just("rw")]))
        .prop_map(|owner| owner.map(|(g, p)| json!({"GroupOwner": g, "GroupPermission": p})))
}

fn resource() -> impl Strategy<Value = Value> {
    let data = prop_oneof![
        (text(), proptest::option::of(owner())).prop_map(|(source, owner)| {
            json!({"LocalDeviceResourceData": object(vec![
                ("SourcePath", Some(json!(source))), ("GroupOwnerSetting", owner)])})
        }),
        (text(), text(), proptest::option::of(owner())).prop_map(|(source, dest, owner)| {
            json!({"LocalVolumeResourceData": object(vec![
                ("SourcePath", Some(json!(source))), ("DestinationPath", Some(json!(dest))),
                ("GroupOwnerSetting", owner)])})
        }),
        (text(), text(), model_owner()).prop_map(|(dest, uri, owner)| {
            json!({"S3MachineLearningModelResourceData": object(vec![
                ("DestinationPath", Some(json!(dest))), ("S3Uri", Some(json!(uri))),
                ("OwnerSetting", owner)])})
        }),
        (text(), text(), model_owner()).prop_map(|(dest, job, owner)| {
            json!({"SageMakerMachineLearningModelResourceData": object(vec![
                ("DestinationPath", Some(json!(dest))), ("SageMakerJobArn", Some(json!(job))),
                ("OwnerSetting", owner)])})
        }),
        (
            text(),
            proptest::option::of(proptest::collection::vec(text(), 0..3))
        )
            .prop_map(|(arn, labels)| {
                json!({"SecretsManagerSecretResourceData": object(vec![
                ("ARN", Some(json!(arn))),
                ("AdditionalStagingLabelsToDownload", labels.map(|l| json!(l)))])})
            }),
    ];
    (text(), text(), data)
        .prop_map(|(id, name, data)| json!({"Id": id, "Name": name, "ResourceDataContainer": data}))
}

fn group() -> impl Strategy<Value = (Value, Option<String>, Option<Value>)> {
    (
        proptest::option::of(execution()),
        proptest::collection::vec(function(), 0..4),
        proptest::collection::vec(resource(), 0..4),
        proptest::option::of(text()),
        proptest::option::of(proptest::collection::btree_map(text(), text(), 0..3)),
    )
        .prop_map(|(default, functions, resources, name, tags)| {
            let doc = object(vec![
                ("DefaultConfig", default.map(|e| json!({"Execution": e}))),
                ("Functions", Some(Value::Array(functions))),
                ("Resources", Some(Value::Array(resources))),
            ]);
            (doc, name, tags.map(|t| json!(t)))
        })
}

/// What a template holds of a document (see the module documentation).
fn held(value: &Value, name: &str) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            if name == "GroupOwnerSetting" && !map.contains_key("AutoAddGroupOwner") {
                out.insert("AutoAddGroupOwner".into(), json!(false));
            }
            for (key, member) in map {
                if key != "FunctionRuntimeOverride" {
                    out.insert(key.clone(), held(member, key));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|item| held(item, name)).collect()),
        other => other.clone(),
    }
}

fn read(files: &[(&str, &str)]) -> Group {
    let files: Vec<SourceFile> = files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    import(&files).unwrap_or_else(|e| panic!("{e}")).group
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_export_reads_back((doc, name, tags) in group()) {
        let mut group = Group::from_doc(doc.clone());
        let mut metadata = Map::new();
        if let Some(name) = &name {
            metadata.insert("Name".into(), json!(name));
        }
        if let Some(tags) = &tags {
            metadata.insert("tags".into(), tags.clone());
        }
        let metadata = (!metadata.is_empty()).then_some(metadata);
        group.definitions.function = metadata.clone();
        group.definitions.resource = metadata;

        // API JSON: merged, the version bodies, the create bodies.
        let merged = export::to_pretty(&export::merged(&group));
        prop_assert_eq!(&read(&[("m.json", &merged)]).doc, &doc);
        let functions = export::to_pretty(&export::function_definition_version(&group));
        let resources = export::to_pretty(&export::resource_definition_version(&group));
        prop_assert_eq!(&read(&[("f.json", &functions), ("r.json", &resources)]).doc, &doc);
        let create_f = export::to_pretty(&export::create_function_definition(&group));
        let create_r = export::to_pretty(&export::create_resource_definition(&group));
        let created = read(&[("cf.json", &create_f), ("cr.json", &create_r)]);
        prop_assert_eq!(&created.doc, &doc);
        prop_assert_eq!(&created.definitions.function, &group.definitions.function);

        // The AWS CLI's files.
        let cli = export::aws_cli(&group, "");
        let files: Vec<(&str, &str)> =
            cli.files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        prop_assert_eq!(&read(&files).doc, &doc);

        // CloudFormation, JSON and YAML.
        let expected = held(&doc, "");
        let json_text = export::to_pretty(&export::cloudformation_json(&group));
        let yaml_text = export::cloudformation_yaml(&group);
        for (file, text) in [("t.json", &json_text), ("t.yaml", &yaml_text)] {
            let back = read(&[(file, text)]);
            prop_assert_eq!(&back.doc, &expected, "{}:\n{}", file, text);
            if name.is_some() {
                prop_assert_eq!(&back.definitions.function, &group.definitions.function);
            }
        }
    }
}

/// Text that is mostly YAML syntax: indentation, keys, sequences, flow collections, tags,
/// anchors, aliases, quotes.
fn yamlish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\n".to_string()),
            Just("  ".to_string()),
            Just("- ".to_string()),
            Just("Resources:".to_string()),
            Just("Type: AWS::Greengrass::FunctionDefinition".to_string()),
            Just("Properties:".to_string()),
            Just("InitialVersion:".to_string()),
            Just("Functions:".to_string()),
            Just("!Ref ".to_string()),
            Just("!GetAtt ".to_string()),
            Just("!If ".to_string()),
            Just("&a ".to_string()),
            Just("*a".to_string()),
            Just("<<: ".to_string()),
            Just("? ".to_string()),
            Just("---\n".to_string()),
            "[\\[\\]{},:'\"|>#!&*%@`]".prop_map(String::from),
            "\\PC{0,4}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any text read as YAML gives a group or an error, never a panic, and every export of what
    /// it gives works.
    #[test]
    fn any_yaml_text_imports_or_is_refused(text in yamlish()) {
        if let Ok(imported) = import(&[SourceFile::new("t.yaml", text)]) {
            let group = imported.group;
            let _ = export::cloudformation_yaml(&group);
            let _ = export::aws_cli(&group, "out").bundle();
            let _ = ggaccess_core::validate(&group);
        }
    }
}
