//! CloudFormation and AWS CLI, in and out: round trips over a generated corpus, templates as
//! people write them (quoted scalars, short tags, several definitions), and diagnostics located
//! in the template.

use ggaccess_core::export;
use ggaccess_core::import::{import, Imported, Shape, SourceFile};
use ggaccess_core::{validate, Group, Location};
use serde_json::{json, Map, Value};

fn read(files: &[(&str, &str)]) -> Imported {
    let files: Vec<SourceFile> = files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    import(&files).unwrap_or_else(|e| panic!("{e}"))
}

fn at(file: &str, line: usize, column: usize) -> Option<Location> {
    Some(Location {
        file: file.into(),
        line,
        column,
    })
}

// The corpus: groups that between them use every resource kind and every setting.

const ISOLATION: [&str; 2] = ["GreengrassContainer", "NoContainer"];
const PERMISSION: [&str; 2] = ["ro", "rw"];

/// One varied function; `i` picks the settings, `resources` the ids it may attach.
fn function(i: usize, resources: &[String]) -> Value {
    let mut config = Map::new();
    if i % 2 == 0 {
        config.insert("EncodingType".into(), json!(["json", "binary"][i / 2 % 2]));
    }
    if i % 3 == 0 {
        config.insert("Executable".into(), json!(format!("bin/run-{i}")));
        config.insert("ExecArgs".into(), json!("--verbose 'quoted' \"double\""));
    }
    config.insert("MemorySize".into(), json!(16384 * (i as i64 + 1)));
    config.insert("Pinned".into(), json!(i % 2 == 1));
    config.insert("Timeout".into(), json!(3 + i as i64));
    if i % 4 == 1 {
        config.insert("FunctionRuntimeOverride".into(), json!("python3.7"));
    }
    let mut environment = Map::new();
    if i % 5 != 4 {
        environment.insert("AccessSysfs".into(), json!(i % 2 == 0));
        let mut execution = Map::new();
        execution.insert("IsolationMode".into(), json!(ISOLATION[i % 2]));
        if i % 3 != 2 {
            execution.insert("RunAs".into(), json!({"Uid": i as i64 * 100, "Gid": 0}));
        }
        environment.insert("Execution".into(), Value::Object(execution));
        let policies: Vec<Value> = resources
            .iter()
            .enumerate()
            .filter(|(k, _)| (k + i) % 2 == 0)
            .map(|(k, id)| match (k + i) % 3 {
                0 => json!({"ResourceId": id}),
                n => json!({"ResourceId": id, "Permission": PERMISSION[n - 1]}),
            })
            .collect();
        environment.insert("ResourceAccessPolicies".into(), Value::Array(policies));
        environment.insert(
            "Variables".into(),
            json!({"MODEL_DIR": "/greengrass-machine-learning/model", "é: x": "#1, yes"}),
        );
        config.insert("Environment".into(), Value::Object(environment));
    }
    json!({
        "Id": format!("function-{i}"),
        "FunctionArn": format!("arn:aws:lambda:us-west-2:123456789012:function:fn{i}:{}", i + 1),
        "FunctionConfiguration": config
    })
}

/// One resource of kind `kind % 5`, with settings picked by `i`.
fn resource(kind: usize, i: usize) -> Value {
    let owner = |i: usize| match i % 3 {
        0 => json!({"AutoAddGroupOwner": true}),
        1 => json!({"AutoAddGroupOwner": false, "GroupOwner": "video"}),
        _ => json!({"GroupOwner": "1500"}),
    };
    let data = match kind % 5 {
        0 => json!({"LocalDeviceResourceData": {
            "SourcePath": format!("/dev/video{i}"), "GroupOwnerSetting": owner(i)}}),
        1 => json!({"LocalVolumeResourceData": {
            "SourcePath": format!("/var/data/{i}"), "DestinationPath": format!("/data/{i}"),
            "GroupOwnerSetting": owner(i + 1)}}),
        2 => {
            let mut data = json!({"DestinationPath": format!("/ml/model{i}"),
                                  "S3Uri": format!("s3://models/m{i}.tar.gz")});
            if i % 2 == 0 {
                data["OwnerSetting"] =
                    json!({"GroupOwner": "1500", "GroupPermission": PERMISSION[i / 2 % 2]});
            }
            json!({"S3MachineLearningModelResourceData": data})
        }
        3 => {
            let mut data = json!({"DestinationPath": format!("/ml/sm{i}"),
                "SageMakerJobArn": format!("arn:aws:sagemaker:us-west-2:123456789012:training-job/j{i}")});
            if i % 2 == 1 {
                data["OwnerSetting"] = json!({"GroupOwner": "ml", "GroupPermission": "ro"});
            }
            json!({"SageMakerMachineLearningModelResourceData": data})
        }
        _ => {
            let mut data = json!({"ARN": format!(
                "arn:aws:secretsmanager:us-west-2:123456789012:secret:greengrass-s{i}-AbCdEf")});
            if i % 2 == 0 {
                data["AdditionalStagingLabelsToDownload"] = json!(["AWSPREVIOUS", "custom"]);
            }
            json!({"SecretsManagerSecretResourceData": data})
        }
    };
    json!({"Id": format!("resource-{kind}-{i}"), "Name": format!("Resource {i}"),
           "ResourceDataContainer": data})
}

/// Group `i` of the corpus, as the API's merged document.
fn corpus_group(i: usize) -> Value {
    let resources: Vec<Value> = (0..(i % 6)).map(|k| resource(k + i, i + k)).collect();
    let ids: Vec<String> = resources
        .iter()
        .map(|r| r["Id"].as_str().unwrap().to_string())
        .collect();
    let functions: Vec<Value> = (0..(1 + i % 3)).map(|k| function(i + k, &ids)).collect();
    let mut doc = Map::new();
    if i % 3 != 1 {
        let mut execution = json!({"IsolationMode": ISOLATION[i % 2]});
        if i % 2 == 0 {
            execution["RunAs"] = json!({"Uid": 1000 + i as i64, "Gid": 1000});
        }
        doc.insert("DefaultConfig".into(), json!({"Execution": execution}));
    }
    doc.insert("Functions".into(), Value::Array(functions));
    doc.insert("Resources".into(), Value::Array(resources));
    Value::Object(doc)
}

fn corpus() -> Vec<Value> {
    (0..24).map(corpus_group).collect()
}

/// What a template can hold of `doc`: without `FunctionRuntimeOverride`, with
/// `AutoAddGroupOwner: false` where a `GroupOwnerSetting` left it out. `dropped` counts the
/// overrides removed.
fn as_cloudformation_holds(doc: &Value, dropped: &mut usize) -> Value {
    holds(doc, "", dropped)
}

fn holds(doc: &Value, name: &str, dropped: &mut usize) -> Value {
    match doc {
        Value::Object(map) => {
            let mut out = Map::new();
            if name == "GroupOwnerSetting" && !map.contains_key("AutoAddGroupOwner") {
                out.insert("AutoAddGroupOwner".into(), json!(false));
            }
            for (key, value) in map {
                if key == "FunctionRuntimeOverride" {
                    *dropped += 1;
                    continue;
                }
                out.insert(key.clone(), holds(value, key, dropped));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| holds(item, name, dropped))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[test]
fn the_corpus_covers_every_kind_and_setting() {
    let text = serde_json::to_string(&corpus()).unwrap();
    for member in [
        "LocalDeviceResourceData",
        "LocalVolumeResourceData",
        "S3MachineLearningModelResourceData",
        "SageMakerMachineLearningModelResourceData",
        "SecretsManagerSecretResourceData",
        "AdditionalStagingLabelsToDownload",
        "OwnerSetting",
        "GroupOwnerSetting",
        "\"AutoAddGroupOwner\":true",
        "\"AutoAddGroupOwner\":false",
        "DefaultConfig",
        "RunAs",
        "\"IsolationMode\":\"NoContainer\"",
        "\"IsolationMode\":\"GreengrassContainer\"",
        "AccessSysfs",
        "Variables",
        "\"EncodingType\":\"binary\"",
        "\"EncodingType\":\"json\"",
        "ExecArgs",
        "Executable",
        "MemorySize",
        "\"Pinned\":true",
        "\"Pinned\":false",
        "Timeout",
        "FunctionRuntimeOverride",
        "\"Permission\":\"ro\"",
        "\"Permission\":\"rw\"",
        "\"GroupPermission\":\"rw\"",
    ] {
        assert!(text.contains(member), "no group uses {member}");
    }
    // Attachments without `Permission` too.
    assert!(corpus()
        .iter()
        .any(|doc| doc["Functions"].as_array().unwrap().iter().any(|f| f
            .pointer("/FunctionConfiguration/Environment/ResourceAccessPolicies")
            .and_then(Value::as_array)
            .is_some_and(|p| p.iter().any(|p| p.get("Permission").is_none())))));
}

#[test]
fn api_to_cloudformation_to_api_keeps_what_a_template_holds() {
    for (i, mut doc) in corpus().into_iter().enumerate() {
        let mut dropped = 0;
        let expected = as_cloudformation_holds(&doc, &mut dropped);
        // Members unknown to the API: kept by the API exports, dropped from a template.
        if i % 2 == 1 {
            doc["Functions"][0]["x-team"] = json!("vision");
            doc["Functions"][0]["FunctionConfiguration"]["Comment"] = json!({"a": 1});
            doc["Comment"] = json!("top");
            dropped += 3;
        }
        let mut group = Group::from_doc(doc.clone());
        group.definitions.function = json!({"Name": format!("functions-{i}"), "tags": {"n": "1"}})
            .as_object()
            .cloned();
        group.definitions.resource = json!({"Name": "resources"}).as_object().cloned();

        let cloudformation = export::cloudformation(&group);
        assert_eq!(cloudformation.warnings.len(), dropped, "group {i}");
        let json_text = export::to_pretty(&cloudformation.template);
        let yaml_text = export::cloudformation_yaml(&group);
        for (name, text) in [("t.json", json_text), ("t.yaml", yaml_text)] {
            let imported = read(&[(name, &text)]);
            assert_eq!(imported.shapes, [Shape::CloudFormationTemplate]);
            assert_eq!(imported.group.doc, expected, "group {i} through {name}");
            assert_eq!(
                imported.group.definitions.function,
                group.definitions.function
            );
            assert_eq!(
                imported.group.definitions.resource,
                group.definitions.resource
            );
            assert!(
                imported.diagnostics.is_empty(),
                "{:#?}",
                imported.diagnostics
            );
            // And out again: the same template.
            assert_eq!(
                export::cloudformation_json(&imported.group),
                cloudformation.template
            );
        }
    }
}

#[test]
fn api_to_api_keeps_unknown_fields() {
    for (i, mut doc) in corpus().into_iter().enumerate() {
        doc["Functions"][0]["x-team"] = json!({"owner": i});
        doc["Functions"][0]["FunctionConfiguration"]["Comment"] = json!("kept");
        let group = Group::from_doc(doc.clone());
        let merged = export::to_pretty(&export::merged(&group));
        assert_eq!(read(&[("m.json", &merged)]).group.doc, doc);
        let functions = export::to_pretty(&export::function_definition_version(&group));
        let resources = export::to_pretty(&export::resource_definition_version(&group));
        let two = read(&[("f.json", &functions), ("r.json", &resources)]);
        assert_eq!(two.group.doc, doc, "group {i}");
    }
}

#[test]
fn the_cli_files_hold_the_group() {
    for doc in corpus() {
        let mut group = Group::from_doc(doc.clone());
        group.definitions.function = json!({"FunctionDefinitionId": "4d941bc7"})
            .as_object()
            .cloned();
        let cli = export::aws_cli(&group, "out");
        let files: Vec<(&str, &str)> = cli
            .files
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str()))
            .collect();
        assert_eq!(read(&files).group.doc, doc);
        assert!(cli
            .script
            .contains("FUNCTION_DEFINITION_ID=\"${FUNCTION_DEFINITION_ID:-4d941bc7}\""));
        assert!(cli
            .script
            .contains("--cli-input-json file://out/function-definition-version.json"));
    }
}

// Templates as people write them.

const TEMPLATE: &str = "\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ModelBucket: {Type: String}
Resources:
  Detector:
    Type: AWS::Lambda::Function
  Functions:
    Type: AWS::Greengrass::FunctionDefinition
    Properties:
      Name: !Sub '${AWS::StackName}-fns'
      Tags: {team: vision}
      InitialVersion:
        DefaultConfig:
          Execution:
            IsolationMode: GreengrassContainer
        Functions:
          - Id: detector
            FunctionArn: !Ref DetectorAlias
            FunctionConfiguration:
              MemorySize: \"512\"
              Pinned: 'true'
              Timeout: !Ref Timeout
              Environment:
                Execution:
                  RunAs: {Uid: '0', Gid: 0}
                ResourceAccessPolicies:
                  - ResourceId: model
                    Permission: ro
  MoreFunctions:
    Type: AWS::Greengrass::FunctionDefinitionVersion
    Properties:
      FunctionDefinitionId: !GetAtt Functions.Id
      Functions:
        - Id: tracker
          FunctionArn: !GetAtt Tracker.Arn
          FunctionConfiguration: {MemorySize: lots}
  Models:
    Type: AWS::Greengrass::ResourceDefinition
    DependsOn: Detector
    Properties:
      Name: models
      InitialVersion:
        Resources:
          - Id: model
            Name: model
            ResourceDataContainer:
              S3MachineLearningModelResourceData:
                DestinationPath: /ml/model
                S3Uri: !Sub 's3://${ModelBucket}/model.tar.gz'
Outputs:
  Id: {Value: !Ref Functions}
";

#[test]
fn reads_a_yaml_template_with_quoted_scalars_and_intrinsics() {
    let imported = read(&[("stack.yaml", TEMPLATE)]);
    let group = &imported.group;
    assert_eq!(imported.shapes, [Shape::CloudFormationTemplate]);
    assert_eq!(
        group.doc,
        json!({
            "DefaultConfig": {"Execution": {"IsolationMode": "GreengrassContainer"}},
            "Functions": [
                {"Id": "detector", "FunctionArn": {"Ref": "DetectorAlias"},
                 "FunctionConfiguration": {"MemorySize": 512, "Pinned": true,
                    "Timeout": {"Ref": "Timeout"},
                    "Environment": {"Execution": {"RunAs": {"Uid": 0, "Gid": 0}},
                        "ResourceAccessPolicies": [{"ResourceId": "model", "Permission": "ro"}]}}},
                {"Id": "tracker", "FunctionArn": {"Fn::GetAtt": ["Tracker", "Arn"]},
                 "FunctionConfiguration": {"MemorySize": "lots"}}
            ],
            "Resources": [{"Id": "model", "Name": "model", "ResourceDataContainer": {
                "S3MachineLearningModelResourceData": {"DestinationPath": "/ml/model",
                    "S3Uri": {"Fn::Sub": "s3://${ModelBucket}/model.tar.gz"}}}}]
        })
    );
    assert_eq!(
        group.definitions.function,
        json!({"Name": {"Fn::Sub": "${AWS::StackName}-fns"}, "tags": {"team": "vision"}})
            .as_object()
            .cloned()
    );

    // The import's conversions, located in the template.
    let coerced: Vec<(&str, Option<Location>)> = imported
        .diagnostics
        .iter()
        .map(|d| (d.pointer.as_str(), d.location.clone()))
        .collect();
    let config = "/Functions/0/FunctionConfiguration";
    assert_eq!(
        coerced,
        [
            (&*format!("{config}/MemorySize"), at("stack.yaml", 20, 15)),
            (&*format!("{config}/Pinned"), at("stack.yaml", 21, 15)),
            (
                &*format!("{config}/Environment/Execution/RunAs/Uid"),
                at("stack.yaml", 25, 27)
            ),
        ]
    );

    // Intrinsics are no type error; the one real mistake is, located in the version entry.
    let diagnostics = validate(group);
    assert!(
        diagnostics.iter().all(|d| !d.pointer.ends_with("Timeout")
            && !d.pointer.ends_with("FunctionArn")
            && !d.pointer.contains("S3Uri")),
        "{diagnostics:#?}"
    );
    let lots = diagnostics
        .iter()
        .find(|d| d.rule == "shape/type")
        .expect("MemorySize: lots is a type error");
    assert_eq!(
        lots.pointer,
        "/Functions/1/FunctionConfiguration/MemorySize"
    );
    assert_eq!(group.locate(&lots.pointer), at("stack.yaml", 36, 35));
    assert_eq!(
        group.source_pointer(&lots.pointer),
        Some((
            "stack.yaml".to_string(),
            "/Resources/MoreFunctions/Properties/Functions/0/FunctionConfiguration/MemorySize"
                .to_string()
        ))
    );
    assert_eq!(
        group.source_pointer("/Resources/0/Name"),
        Some((
            "stack.yaml".to_string(),
            "/Resources/Models/Properties/InitialVersion/Resources/0/Name".to_string()
        ))
    );
}

#[test]
fn writes_an_imported_template_back_around_its_definitions() {
    let group = read(&[("stack.yaml", TEMPLATE)]).group;
    let template = export::cloudformation_json(&group);
    let resources: Vec<&String> = template["Resources"].as_object().unwrap().keys().collect();
    assert_eq!(resources, ["Detector", "Functions", "Models"]);
    let keys: Vec<&String> = template.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "AWSTemplateFormatVersion",
            "Parameters",
            "Resources",
            "Outputs"
        ]
    );
    assert_eq!(
        template["Resources"]["Models"]["DependsOn"],
        json!("Detector")
    );
    let functions = &template["Resources"]["Functions"]["Properties"];
    assert_eq!(
        functions["Name"],
        json!({"Fn::Sub": "${AWS::StackName}-fns"})
    );
    assert_eq!(functions["Tags"], json!({"team": "vision"}));
    assert_eq!(
        functions["InitialVersion"]["Functions"][1]["FunctionArn"],
        json!({"Fn::GetAtt": ["Tracker", "Arn"]})
    );
    // Through YAML and back: the same group.
    let again = read(&[("again.yaml", &export::cloudformation_yaml(&group))]).group;
    assert_eq!(again.doc, group.doc);
    assert_eq!(export::cloudformation_json(&again), template);
}

#[test]
fn reads_a_json_template_and_locates_into_it() {
    let text = r#"{
  "Resources": {
    "Res": {
      "Type": "AWS::Greengrass::ResourceDefinitionVersion",
      "Properties": {
        "ResourceDefinitionId": {"Ref": "ExistingResources"},
        "Resources": [
          {"Id": "cam", "Name": "cam", "ResourceDataContainer": {
            "LocalDeviceResourceData": {"SourcePath": "/dev/video0",
              "GroupOwnerSetting": {"AutoAddGroupOwner": "false"}}}}
        ]
      }
    }
  }
}"#;
    let imported = read(&[("t.json", text)]);
    assert_eq!(
        imported.group.definitions.resource,
        json!({"ResourceDefinitionId": {"Ref": "ExistingResources"}})
            .as_object()
            .cloned()
    );
    let pointer =
        "/Resources/0/ResourceDataContainer/LocalDeviceResourceData/GroupOwnerSetting/AutoAddGroupOwner";
    assert_eq!(imported.diagnostics.len(), 1);
    assert_eq!(imported.diagnostics[0].pointer, pointer);
    assert_eq!(imported.diagnostics[0].location, at("t.json", 10, 37));
    assert_eq!(imported.group.locate("/Resources/0"), at("t.json", 8, 11));

    // A version read alone is written back as a version of the same definition.
    let template = export::cloudformation_json(&imported.group);
    assert_eq!(
        template["Resources"]["Res"]["Type"],
        json!("AWS::Greengrass::ResourceDefinitionVersion")
    );
    assert_eq!(
        template["Resources"]["Res"]["Properties"]["ResourceDefinitionId"],
        json!({"Ref": "ExistingResources"})
    );
}

#[test]
fn merges_definitions_of_several_templates_and_files() {
    let one = "Resources:\n  A:\n    Type: AWS::Greengrass::FunctionDefinition\n    \
               Properties:\n      Name: a\n      InitialVersion:\n        Functions:\n          \
               - {Id: f1}\n";
    let two = "{\"Functions\": [{\"Id\": \"f2\"}]}";
    let imported = read(&[("a.yml", one), ("b.json", two)]);
    assert_eq!(
        imported.group.doc,
        json!({"Functions": [{"Id": "f1"}, {"Id": "f2"}]})
    );
    assert_eq!(imported.group.locate("/Functions/0/Id"), at("a.yml", 8, 14));
    assert_eq!(imported.group.locate("/Functions/1"), at("b.json", 1, 16));
}

#[test]
fn refuses_yaml_that_is_not_a_template_with_a_position() {
    let files = [SourceFile::new("bad.yaml", "Resources:\n  A: !Bogus x\n")];
    let error = import(&files).unwrap_err();
    assert_eq!((error.line, error.column), (2, 6));
    assert!(error.message.contains("unknown tag"), "{}", error.message);
    let files = [SourceFile::new(
        "t.yaml",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn: {Type: AWS::Lambda::Function}\n",
    )];
    let error = import(&files).unwrap_err();
    assert_eq!((error.line, error.column), (2, 1));
    assert!(error.message.contains("no Greengrass"), "{}", error.message);
}

#[test]
fn warns_of_references_to_a_merged_away_entry() {
    let text = r#"{
  "Resources": {
    "Fns": {"Type": "AWS::Greengrass::FunctionDefinition",
            "Properties": {"Name": "f", "InitialVersion": {"Functions": [{"Id": "a"}]}}},
    "More": {"Type": "AWS::Greengrass::FunctionDefinitionVersion",
             "Properties": {"FunctionDefinitionId": {"Ref": "Fns"}, "Functions": [{"Id": "b"}]}},
    "Group": {"Type": "AWS::Greengrass::Group", "DependsOn": ["Fns", "More"],
              "Properties": {"Name": "g", "InitialVersion": {
                "FunctionDefinitionVersionArn": {"Ref": "More"}}}}
  },
  "Outputs": {"Arn": {"Value": {"Fn::Sub": "${More}"}},
              "Id": {"Value": {"Fn::GetAtt": "Fns.Id"}}}
}"#;
    let group = read(&[("t.json", text)]).group;
    assert_eq!(group.doc, json!({"Functions": [{"Id": "a"}, {"Id": "b"}]}));
    let cloudformation = export::cloudformation(&group);
    // (The functions also lack the `FunctionArn` CloudFormation requires: warned too.)
    let pointers: Vec<&str> = cloudformation
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("refers to"))
        .map(|w| w.pointer.as_str())
        .collect();
    assert_eq!(
        pointers,
        [
            "/Resources/Group/DependsOn",
            "/Resources/Group/Properties/InitialVersion/FunctionDefinitionVersionArn/Ref",
            "/Outputs/Arn/Value/Fn::Sub"
        ]
    );
    let ids: Vec<&String> = cloudformation.template["Resources"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(ids, ["Fns", "ResourceDefinition", "Group"]);
}

#[test]
fn version_bodies_with_their_ids_go_through_a_template_as_versions() {
    let functions = format!(
        "{{\"FunctionDefinitionId\": \"fd-1\", \"Functions\": [{}]}}",
        corpus_group(3)["Functions"][0]
    );
    let resources = format!(
        "{{\"ResourceDefinitionId\": \"rd-1\", \"Resources\": {}}}",
        corpus_group(3)["Resources"]
    );
    let group = read(&[("f.json", &functions), ("r.json", &resources)]).group;
    let yaml = export::cloudformation_yaml(&group);
    let again = read(&[("t.yaml", &yaml)]).group;
    assert_eq!(again.doc, as_cloudformation_holds(&group.doc, &mut 0));
    assert_eq!(again.definitions.function, group.definitions.function);
    assert_eq!(again.definitions.resource, group.definitions.resource);
    let template = export::cloudformation_json(&again);
    assert_eq!(
        template["Resources"]["FunctionDefinition"]["Type"],
        json!("AWS::Greengrass::FunctionDefinitionVersion")
    );
    assert_eq!(
        template["Resources"]["ResourceDefinition"]["Properties"]["ResourceDefinitionId"],
        json!("rd-1")
    );
}
