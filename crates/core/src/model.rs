//! The group: its merged document, its core version, and a typed view of it for the rules.
//!
//! The merged document (`{DefaultConfig?, Functions?, Resources?}`, the shape of the examples in
//! `access-ml-resources.md`) is the one source of truth: edits change it, export writes it, and
//! everything a user imported stays in it, known or not. [`GroupView`] reads it leniently into
//! typed values for the rules; a value of the wrong type or a CloudFormation intrinsic reads as
//! [`Field::Unknown`] (the `shape/*` rules report the former), so one mistake does not cascade.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::version::CoreVersion;
use crate::Location;

/// A Greengrass v1 group as ggaccess edits and checks it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    /// The merged document; always a JSON object.
    pub doc: Value,
    /// The core version the group is checked against.
    pub core_version: CoreVersion,
    /// Where the parts of `doc` came from, when it was imported from text.
    pub origins: Origins,
    /// What the inputs said about the two definitions beyond their versions (`Name`, `tags`).
    pub definitions: Definitions,
}

/// The members of the function and resource definitions that are not part of a version: `Name`,
/// `tags` and `AmznClientToken` of CreateFunctionDefinition / CreateResourceDefinition, and the
/// `FunctionDefinitionId` / `ResourceDefinitionId` beside a version body. Kept so that export can
/// write them back; the rules never read them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Definitions {
    /// Members of the function definition, in the order they were given.
    pub function: Option<Map<String, Value>>,
    /// Members of the resource definition, in the order they were given.
    pub resource: Option<Map<String, Value>>,
    /// What the first CloudFormation template imported held around the definitions.
    pub template: Option<Template>,
}

/// A CloudFormation template's content besides the function and resource definitions it gave the
/// group, kept so that the CloudFormation export writes the template back whole: the parameters
/// and resources its intrinsics refer to, its outputs, and the logical ids the user chose.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Template {
    /// The template's top-level members in order, its `Resources` holding only the entries that
    /// are not Greengrass function or resource definitions (or versions).
    pub rest: Map<String, Value>,
    /// Index in `rest`'s `Resources` where the first definition entry stood; export writes the
    /// definitions back there.
    pub at: usize,
    /// The first function definition (or version) entry.
    pub function: Option<TemplateEntry>,
    /// The first resource definition (or version) entry.
    pub resource: Option<TemplateEntry>,
    /// Logical ids of the other Greengrass entries, merged into the first of their kind: export
    /// does not write them, so what refers to them is reported.
    pub merged: Vec<String>,
}

/// One Greengrass entry of a template, as export needs it back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TemplateEntry {
    /// Its logical id (the key under `Resources`).
    pub logical_id: String,
    /// Its members other than `Type` and `Properties` (`Condition`, `DependsOn`, `Metadata`,
    /// `DeletionPolicy`...), in order.
    pub attributes: Map<String, Value>,
}

impl Group {
    /// An empty group (`{}`) for the newest core.
    pub fn new() -> Group {
        Group {
            doc: Value::Object(Map::new()),
            ..Group::default()
        }
    }

    /// A group holding `doc`, for the newest core, with no source positions.
    pub fn from_doc(doc: Value) -> Group {
        Group {
            doc,
            ..Group::default()
        }
    }

    /// The typed view of the document that the rules read.
    pub fn view(&self) -> GroupView<'_> {
        GroupView::read(&self.doc)
    }

    /// Where `pointer` (a place in the merged document) came from in the source text; for an
    /// absent member, its nearest present parent.
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        self.origins.locate(pointer)
    }

    /// The file and the JSON Pointer inside it that `pointer` came from (see
    /// [`Origins::source_pointer`]).
    pub fn source_pointer(&self, pointer: &str) -> Option<(String, String)> {
        self.origins.source_pointer(pointer)
    }
}

/// Line and column (from 1, columns in characters) of places in one source file, keyed by JSON
/// Pointer into that file's own document. An object member is placed at its key (where a reader
/// looks for the field), an array element or the root at its first character.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourcePositions {
    /// The file name as given (`-` for standard input).
    pub name: String,
    /// Position of each value, by its JSON Pointer in the file.
    pub positions: PositionMap,
}

/// Line and column of each value, by JSON Pointer. Hashed with `foldhash` rather than the
/// standard SipHash: one entry is made per value of a document, and hashing their pointers was a
/// sizeable part of importing a large one.
pub type PositionMap = foldhash::HashMap<String, (usize, usize)>;

/// Where one part of the merged document came from: a file and a JSON Pointer inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Index into [`Origins::files`].
    pub file: usize,
    /// Pointer of the part in that file (`/InitialVersion/Functions/2`).
    pub pointer: String,
}

/// Where each part of the merged document came from.
///
/// A merged document is stitched from several files and document shapes, so positions are kept
/// per part: `/Functions/7/FunctionConfiguration` resolves through the origin of function 7.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Origins {
    /// The source files, in the order given.
    pub files: Vec<SourcePositions>,
    /// Origin of `/DefaultConfig`.
    pub default_config: Option<Origin>,
    /// Origin of each `/Functions/i`.
    pub functions: Vec<Origin>,
    /// Origin of each `/Resources/i`.
    pub resources: Vec<Origin>,
    /// Origin of the `Functions` array itself, and of the `Resources` array.
    pub arrays: [Option<Origin>; 2],
    /// Origin of each other top-level member (one the API does not define), by its escaped
    /// pointer token.
    pub members: HashMap<String, Origin>,
    /// Origin of the document itself: the first file's version body (its root, `/InitialVersion`
    /// or `/Definition`); the nearest parent of an absent top-level member.
    pub root: Option<Origin>,
}

impl Origins {
    /// Resolves a merged-document pointer to a source position (see [`Group::locate`]).
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
        let Some((origin, rest)) = self.resolve(&tokens) else {
            let first = self.files.first()?;
            return Some(Location {
                file: first.name.clone(),
                line: 1,
                column: 1,
            });
        };
        let file = self.files.get(origin.file)?;
        let mut path = origin.pointer.clone();
        let mut candidates = vec![path.clone()];
        for token in rest {
            path.push('/');
            path.push_str(token);
            candidates.push(path.clone());
        }
        candidates.iter().rev().find_map(|candidate| {
            let &(line, column) = file.positions.get(candidate)?;
            Some(Location {
                file: file.name.clone(),
                line,
                column,
            })
        })
    }

    /// The file name and the JSON Pointer inside that file that a merged-document pointer came
    /// from: `/Functions/2/Id` of a template is `/Resources/Fns/Properties/InitialVersion/
    /// Functions/0/Id` there. For an absent member, the pointer it would have.
    pub fn source_pointer(&self, pointer: &str) -> Option<(String, String)> {
        let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
        let (origin, rest) = self.resolve(&tokens)?;
        let file = self.files.get(origin.file)?;
        let mut path = origin.pointer.clone();
        for token in rest {
            path.push('/');
            path.push_str(token);
        }
        Some((file.name.clone(), path))
    }

    /// The origin of the part a pointer's tokens fall in, and the tokens left below it.
    fn resolve<'t>(&self, tokens: &'t [&'t str]) -> Option<(&Origin, &'t [&'t str])> {
        match tokens {
            ["DefaultConfig", rest @ ..] => match self.default_config.as_ref() {
                Some(origin) => Some((origin, rest)),
                None => Some((self.root.as_ref()?, &[][..])),
            },
            [top @ ("Functions" | "Resources"), index, rest @ ..] => {
                let list = if *top == "Functions" {
                    &self.functions
                } else {
                    &self.resources
                };
                match index.parse::<usize>().ok().and_then(|i| list.get(i)) {
                    Some(origin) => Some((origin, rest)),
                    None => Some((self.array_origin(top)?, &[][..])),
                }
            }
            [top @ ("Functions" | "Resources")] => Some((self.array_origin(top)?, &[][..])),
            [name, rest @ ..] if self.members.contains_key(*name) => {
                Some((self.members.get(*name)?, rest))
            }
            _ => Some((self.root.as_ref()?, &[][..])),
        }
    }

    fn array_origin(&self, top: &str) -> Option<&Origin> {
        let index = usize::from(top == "Resources");
        self.arrays[index].as_ref().or(self.root.as_ref())
    }
}

/// A value read from the document: absent, known, or present but not usable (wrong type, or a
/// CloudFormation intrinsic whose value is decided at deploy time).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Field<T> {
    /// The member is not there.
    #[default]
    Absent,
    /// The member holds this value.
    Known(T),
    /// The member is there but its value cannot be known here; rules that need it skip.
    Unknown,
}

impl<T> Field<T> {
    /// The value, when known.
    pub fn known(&self) -> Option<&T> {
        match self {
            Field::Known(value) => Some(value),
            _ => None,
        }
    }

    /// Whether the member is absent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// Whether the member is present (known or not).
    pub fn is_present(&self) -> bool {
        !self.is_absent()
    }
}

/// `IsolationMode` of an `Execution` block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IsolationMode {
    /// "Greengrass container".
    GreengrassContainer,
    /// "No container".
    NoContainer,
}

impl IsolationMode {
    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            IsolationMode::GreengrassContainer => "GreengrassContainer",
            IsolationMode::NoContainer => "NoContainer",
        }
    }
}

/// A `Permission` or `GroupPermission`: `ro` or `rw`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Permission {
    /// Read-only access.
    Ro,
    /// Read and write access.
    Rw,
}

impl Permission {
    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::Ro => "ro",
            Permission::Rw => "rw",
        }
    }
}

/// A `RunAs` block: the identity a function runs as.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunAs {
    /// `Uid`.
    pub uid: Field<i64>,
    /// `Gid`.
    pub gid: Field<i64>,
}

/// An `Execution` block, of a function's `Environment` or of `DefaultConfig`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Execution {
    /// `IsolationMode`.
    pub isolation_mode: Field<IsolationMode>,
    /// `RunAs`, when the block has one.
    pub run_as: Option<RunAs>,
}

/// One `ResourceAccessPolicy`: an attachment of a resource to a function.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceAccessPolicy<'a> {
    /// Position in the function's `ResourceAccessPolicies`.
    pub index: usize,
    /// `ResourceId`.
    pub resource_id: Field<&'a str>,
    /// `Permission`; absent means "inherit resource owner permissions".
    pub permission: Field<Permission>,
}

/// One entry of `Functions`.
#[derive(Clone, Debug, PartialEq)]
pub struct Function<'a> {
    /// Position in `Functions`.
    pub index: usize,
    /// `Id`.
    pub id: Field<&'a str>,
    /// `FunctionArn`.
    pub arn: Field<&'a str>,
    /// Whether `FunctionConfiguration` is there as an object (`Known`), absent, or something else
    /// such as an intrinsic (`Unknown`); fixes need it to add a member or the whole object.
    pub configuration: Field<()>,
    /// The same for `FunctionConfiguration.Environment`.
    pub environment: Field<()>,
    /// `FunctionConfiguration.MemorySize`, in KB.
    pub memory_size: Field<i64>,
    /// `FunctionConfiguration.Timeout`, in seconds.
    pub timeout: Field<i64>,
    /// `FunctionConfiguration.Pinned`.
    pub pinned: Field<bool>,
    /// `FunctionConfiguration.Environment.AccessSysfs`.
    pub access_sysfs: Field<bool>,
    /// `FunctionConfiguration.Environment.Execution`, when present.
    pub execution: Option<Execution>,
    /// `FunctionConfiguration.Environment.ResourceAccessPolicies`.
    pub policies: Vec<ResourceAccessPolicy<'a>>,
    /// Which parents of `ResourceAccessPolicies` exist, for fixes that attach a resource.
    pub policies_place: PoliciesPlace,
}

/// How much of the way to a function's `ResourceAccessPolicies` array exists, so that a fix
/// attaching a resource adds the missing part whole and never overwrites a present value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PoliciesPlace {
    /// `ResourceAccessPolicies` is an array: append to it.
    Array,
    /// `Environment` is an object without `ResourceAccessPolicies`.
    NoPolicies,
    /// `FunctionConfiguration` is an object without `Environment`.
    NoEnvironment,
    /// The function is an object without `FunctionConfiguration`.
    NoConfiguration,
    /// A value on the way is not an object (or array): adding would overwrite it.
    #[default]
    Blocked,
}

impl Function<'_> {
    /// How messages name the function: its id, else its ARN, else its position.
    pub fn label(&self) -> String {
        match (&self.id, &self.arn) {
            (Field::Known(id), _) => format!("`{id}`"),
            (_, Field::Known(arn)) => format!("`{arn}`"),
            _ => format!("function #{}", self.index + 1),
        }
    }

    /// Pointer of the function.
    pub fn pointer(&self) -> String {
        format!("/Functions/{}", self.index)
    }

    /// Pointer of a member of its `FunctionConfiguration` (`MemorySize`).
    pub fn config_pointer(&self, member: &str) -> String {
        format!("/Functions/{}/FunctionConfiguration/{member}", self.index)
    }

    /// Pointer of a member of its `Environment` (`AccessSysfs`).
    pub fn environment_pointer(&self, member: &str) -> String {
        format!(
            "/Functions/{}/FunctionConfiguration/Environment/{member}",
            self.index
        )
    }

    /// Pointer of a member of its `Execution` block (`IsolationMode`, `RunAs/Gid`).
    pub fn execution_pointer(&self, member: &str) -> String {
        format!(
            "/Functions/{}/FunctionConfiguration/Environment/Execution/{member}",
            self.index
        )
    }

    /// Pointer of a member of one of its attachments (`Permission`); `""` for the attachment.
    pub fn policy_pointer(&self, policy: usize, member: &str) -> String {
        let base = format!(
            "/Functions/{}/FunctionConfiguration/Environment/ResourceAccessPolicies/{policy}",
            self.index
        );
        if member.is_empty() {
            base
        } else {
            format!("{base}/{member}")
        }
    }
}

/// An ML resource's `OwnerSetting` (the console's "Specify OS group and permission").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnerSetting<'a> {
    /// `GroupOwner`: a GID as text, or a group name (a bare number, which `shape/*` reports,
    /// is the one value not borrowed).
    pub group_owner: Field<Cow<'a, str>>,
    /// `GroupPermission`.
    pub group_permission: Field<Permission>,
}

/// A local resource's `GroupOwnerSetting`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupOwnerSetting<'a> {
    /// `AutoAddGroupOwner`.
    pub auto_add_group_owner: Field<bool>,
    /// `GroupOwner`, like [`OwnerSetting::group_owner`].
    pub group_owner: Field<Cow<'a, str>>,
}

/// The data of a machine learning resource (S3 or SageMaker).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModelData<'a> {
    /// `DestinationPath`.
    pub destination_path: Field<&'a str>,
    /// `S3Uri` or `SageMakerJobArn`.
    pub source: Field<&'a str>,
    /// `OwnerSetting`, when the resource has one (even an incomplete one).
    pub owner: Option<OwnerSetting<'a>>,
}

/// The data of a local device or volume resource.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LocalData<'a> {
    /// `SourcePath`.
    pub source_path: Field<&'a str>,
    /// `DestinationPath` (volumes only).
    pub destination_path: Field<&'a str>,
    /// `GroupOwnerSetting`, when present.
    pub group_owner_setting: Option<GroupOwnerSetting<'a>>,
}

/// The data of a Secrets Manager secret resource.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SecretData<'a> {
    /// `ARN`.
    pub arn: Field<&'a str>,
}

/// What a `ResourceDataContainer` holds.
#[derive(Clone, Debug, PartialEq)]
pub enum ResourceData<'a> {
    /// `LocalDeviceResourceData`.
    LocalDevice(LocalData<'a>),
    /// `LocalVolumeResourceData`.
    LocalVolume(LocalData<'a>),
    /// `S3MachineLearningModelResourceData`.
    S3Model(ModelData<'a>),
    /// `SageMakerMachineLearningModelResourceData`.
    SageMakerModel(ModelData<'a>),
    /// `SecretsManagerSecretResourceData`.
    Secret(SecretData<'a>),
    /// Zero or several data types, or not an object (`shape/one-data-type`, `shape/type`).
    Invalid,
}

/// The member names of the five data types, in the API's order.
pub const DATA_KEYS: [&str; 5] = [
    "LocalDeviceResourceData",
    "LocalVolumeResourceData",
    "S3MachineLearningModelResourceData",
    "SageMakerMachineLearningModelResourceData",
    "SecretsManagerSecretResourceData",
];

impl<'a> ResourceData<'a> {
    /// The ML model data, for S3 and SageMaker resources.
    pub fn model(&self) -> Option<&ModelData<'a>> {
        match self {
            ResourceData::S3Model(data) | ResourceData::SageMakerModel(data) => Some(data),
            _ => None,
        }
    }

    /// The member name of this data type in `ResourceDataContainer`.
    pub fn key(&self) -> Option<&'static str> {
        let index = match self {
            ResourceData::LocalDevice(_) => 0,
            ResourceData::LocalVolume(_) => 1,
            ResourceData::S3Model(_) => 2,
            ResourceData::SageMakerModel(_) => 3,
            ResourceData::Secret(_) => 4,
            ResourceData::Invalid => return None,
        };
        Some(DATA_KEYS[index])
    }
}

/// One entry of `Resources`.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource<'a> {
    /// Position in `Resources`.
    pub index: usize,
    /// `Id`.
    pub id: Field<&'a str>,
    /// `Name`.
    pub name: Field<&'a str>,
    /// The data type it holds.
    pub data: ResourceData<'a>,
}

impl Resource<'_> {
    /// How messages name the resource: its id, else its name, else its position.
    pub fn label(&self) -> String {
        match (&self.id, &self.name) {
            (Field::Known(id), _) => format!("`{id}`"),
            (_, Field::Known(name)) => format!("`{name}`"),
            _ => format!("resource #{}", self.index + 1),
        }
    }

    /// Pointer of the resource.
    pub fn pointer(&self) -> String {
        format!("/Resources/{}", self.index)
    }

    /// Pointer of a member of its data (`DestinationPath`, `OwnerSetting/GroupOwner`); `""` for
    /// the data object itself.
    pub fn data_pointer(&self, member: &str) -> String {
        let key = self.data.key().unwrap_or("");
        let base = format!("/Resources/{}/ResourceDataContainer/{key}", self.index);
        if member.is_empty() {
            base
        } else {
            format!("{base}/{member}")
        }
    }
}

/// The typed view of a merged document that the rules read. Its text borrows from the document
/// (reading allocates only the lists), so it lives no longer than the document does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupView<'a> {
    /// `DefaultConfig.Execution`, when present.
    pub default_execution: Option<Execution>,
    /// `Functions`.
    pub functions: Vec<Function<'a>>,
    /// `Resources`.
    pub resources: Vec<Resource<'a>>,
    /// Whether the document has a `Functions` list (even an empty one). Without it the document
    /// is a resource definition on its own, and nothing can be said about who attaches what.
    pub has_functions: bool,
    /// Whether the document has a `Resources` list (even an empty one). Without it the document
    /// is a function definition on its own, and its attachments name resources defined elsewhere.
    pub has_resources: bool,
}

impl<'a> GroupView<'a> {
    /// Reads a merged document; never fails (what cannot be read is absent or unknown).
    ///
    /// Validation starts here on every change, so each object is read in one pass over its
    /// members, matching on the key, rather than by a map lookup per field: with the
    /// order-preserving maps the workspace uses, each lookup hashes the key and compares it.
    pub fn read(doc: &'a Value) -> GroupView<'a> {
        let mut view = GroupView::default();
        for (key, value) in members(doc) {
            match key.as_str() {
                "DefaultConfig" => {
                    view.default_execution = members(value)
                        .find(|(key, _)| key.as_str() == "Execution")
                        .and_then(|(_, execution)| object(execution))
                        .map(read_execution);
                }
                "Functions" => {
                    if let Value::Array(items) = value {
                        view.has_functions = true;
                        view.functions = items.iter().enumerate().map(read_function).collect();
                    }
                }
                "Resources" => {
                    if let Value::Array(items) = value {
                        view.has_resources = true;
                        view.resources = items.iter().enumerate().map(read_resource).collect();
                    }
                }
                _ => {}
            }
        }
        view
    }
}

/// Whether a value is a CloudFormation intrinsic function (`{"Ref": ..}`, `{"Fn::Sub": ..}`).
pub fn is_intrinsic(value: &Value) -> bool {
    match value.as_object() {
        Some(map) if map.len() == 1 => map
            .keys()
            .all(|key| key == "Ref" || key == "Condition" || key.starts_with("Fn::")),
        _ => false,
    }
}

/// The members of `value` when it is a plain object (not an intrinsic).
fn object(value: &Value) -> Option<&Map<String, Value>> {
    value.as_object().filter(|_| !is_intrinsic(value))
}

/// The members of `value` when it is a plain object; none otherwise. An intrinsic holds only
/// `Ref`, `Condition` or an `Fn::` key, none of which the view reads, so it needs no test here.
fn members(value: &Value) -> impl Iterator<Item = (&String, &Value)> + '_ {
    value.as_object().into_iter().flatten()
}

/// A present member's value, read by `read`: known when it reads, unknown otherwise.
fn field<'v, T>(value: &'v Value, read: impl Fn(&'v Value) -> Option<T>) -> Field<T> {
    read(value).map_or(Field::Unknown, Field::Known)
}

/// Whether a present member holds a plain object (`Known`) or something else (`Unknown`).
fn presence(value: &Value) -> Field<()> {
    field(value, |v| object(v).map(|_| ()))
}

fn text(value: &Value) -> Option<&str> {
    value.as_str()
}

fn integer(value: &Value) -> Option<i64> {
    value.as_i64()
}

fn boolean(value: &Value) -> Option<bool> {
    value.as_bool()
}

fn permission(value: &Value) -> Option<Permission> {
    match value.as_str()? {
        "ro" => Some(Permission::Ro),
        "rw" => Some(Permission::Rw),
        _ => None,
    }
}

fn isolation(value: &Value) -> Option<IsolationMode> {
    match value.as_str()? {
        "GreengrassContainer" => Some(IsolationMode::GreengrassContainer),
        "NoContainer" => Some(IsolationMode::NoContainer),
        _ => None,
    }
}

/// A GID given as text, or as a bare number (which the `shape/*` rules report).
fn group_owner(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::String(text) => Some(Cow::Borrowed(text)),
        Value::Number(number) if number.is_u64() => Some(Cow::Owned(number.to_string())),
        _ => None,
    }
}

fn read_execution(execution: &Map<String, Value>) -> Execution {
    let mut out = Execution::default();
    for (key, value) in execution {
        match key.as_str() {
            "IsolationMode" => out.isolation_mode = field(value, isolation),
            "RunAs" => {
                out.run_as = object(value).map(|run_as| {
                    let mut out = RunAs::default();
                    for (key, value) in run_as {
                        match key.as_str() {
                            "Uid" => out.uid = field(value, integer),
                            "Gid" => out.gid = field(value, integer),
                            _ => {}
                        }
                    }
                    out
                });
            }
            _ => {}
        }
    }
    out
}

fn read_function((index, value): (usize, &Value)) -> Function<'_> {
    let mut function = Function {
        index,
        id: Field::Absent,
        arn: Field::Absent,
        configuration: Field::Absent,
        environment: Field::Absent,
        memory_size: Field::Absent,
        timeout: Field::Absent,
        pinned: Field::Absent,
        access_sysfs: Field::Absent,
        execution: None,
        policies: Vec::new(),
        policies_place: PoliciesPlace::NoConfiguration,
    };
    let mut config = None;
    for (key, value) in members(value) {
        match key.as_str() {
            "Id" => function.id = field(value, text),
            "FunctionArn" => function.arn = field(value, text),
            "FunctionConfiguration" => {
                function.configuration = presence(value);
                config = Some(value);
            }
            _ => {}
        }
    }

    // How much of the way to `ResourceAccessPolicies` exists, refined at each level below.
    if object(value).is_none() {
        function.policies_place = PoliciesPlace::Blocked;
        return function;
    }
    let Some(config) = config else {
        return function;
    };
    let Some(config) = object(config) else {
        function.policies_place = PoliciesPlace::Blocked;
        return function;
    };
    function.policies_place = PoliciesPlace::NoEnvironment;
    let mut environment = None;
    for (key, value) in config {
        match key.as_str() {
            "MemorySize" => function.memory_size = field(value, integer),
            "Timeout" => function.timeout = field(value, integer),
            "Pinned" => function.pinned = field(value, boolean),
            "Environment" => {
                function.environment = presence(value);
                environment = Some(value);
            }
            _ => {}
        }
    }

    let Some(environment) = environment else {
        return function;
    };
    let Some(environment) = object(environment) else {
        function.policies_place = PoliciesPlace::Blocked;
        return function;
    };
    function.policies_place = PoliciesPlace::NoPolicies;
    for (key, value) in environment {
        match key.as_str() {
            "AccessSysfs" => function.access_sysfs = field(value, boolean),
            "Execution" => function.execution = object(value).map(read_execution),
            "ResourceAccessPolicies" => {
                function.policies_place = PoliciesPlace::Blocked;
                if let Value::Array(items) = value {
                    function.policies_place = PoliciesPlace::Array;
                    function.policies = items.iter().enumerate().map(read_policy).collect();
                }
            }
            _ => {}
        }
    }
    function
}

fn read_policy((index, value): (usize, &Value)) -> ResourceAccessPolicy<'_> {
    let mut policy = ResourceAccessPolicy {
        index,
        resource_id: Field::Absent,
        permission: Field::Absent,
    };
    for (key, value) in members(value) {
        match key.as_str() {
            "ResourceId" => policy.resource_id = field(value, text),
            "Permission" => policy.permission = field(value, permission),
            _ => {}
        }
    }
    policy
}

fn read_resource((index, value): (usize, &Value)) -> Resource<'_> {
    let mut resource = Resource {
        index,
        id: Field::Absent,
        name: Field::Absent,
        data: ResourceData::Invalid,
    };
    for (key, value) in members(value) {
        match key.as_str() {
            "Id" => resource.id = field(value, text),
            "Name" => resource.name = field(value, text),
            "ResourceDataContainer" => {
                // Exactly one data type makes a resource of that type; none or several do not.
                let mut types = object(value)
                    .into_iter()
                    .flatten()
                    .filter(|(key, _)| DATA_KEYS.contains(&key.as_str()));
                if let (Some((key, data)), None) = (types.next(), types.next()) {
                    resource.data = read_data(key, data);
                }
            }
            _ => {}
        }
    }
    resource
}

fn read_data<'a>(key: &str, data: &'a Value) -> ResourceData<'a> {
    match key {
        "LocalDeviceResourceData" => ResourceData::LocalDevice(read_local(data)),
        "LocalVolumeResourceData" => ResourceData::LocalVolume(read_local(data)),
        "S3MachineLearningModelResourceData" => ResourceData::S3Model(read_model(data, "S3Uri")),
        "SageMakerMachineLearningModelResourceData" => {
            ResourceData::SageMakerModel(read_model(data, "SageMakerJobArn"))
        }
        "SecretsManagerSecretResourceData" => {
            let mut secret = SecretData::default();
            for (key, value) in members(data) {
                if key == "ARN" {
                    secret.arn = field(value, text);
                }
            }
            ResourceData::Secret(secret)
        }
        _ => ResourceData::Invalid,
    }
}

fn read_local(data: &Value) -> LocalData<'_> {
    let mut local = LocalData::default();
    for (key, value) in members(data) {
        match key.as_str() {
            "SourcePath" => local.source_path = field(value, text),
            "DestinationPath" => local.destination_path = field(value, text),
            "GroupOwnerSetting" => {
                local.group_owner_setting = object(value).map(|setting| {
                    let mut out = GroupOwnerSetting::default();
                    for (key, value) in setting {
                        match key.as_str() {
                            "AutoAddGroupOwner" => {
                                out.auto_add_group_owner = field(value, boolean);
                            }
                            "GroupOwner" => out.group_owner = field(value, group_owner),
                            _ => {}
                        }
                    }
                    out
                });
            }
            _ => {}
        }
    }
    local
}

/// An S3 or SageMaker model's data; `source` names the member that says where it comes from.
fn read_model<'a>(data: &'a Value, source: &str) -> ModelData<'a> {
    let mut model = ModelData::default();
    for (key, value) in members(data) {
        match key.as_str() {
            "DestinationPath" => model.destination_path = field(value, text),
            "OwnerSetting" => {
                model.owner = object(value).map(|owner| {
                    let mut out = OwnerSetting::default();
                    for (key, value) in owner {
                        match key.as_str() {
                            "GroupOwner" => out.group_owner = field(value, group_owner),
                            "GroupPermission" => out.group_permission = field(value, permission),
                            _ => {}
                        }
                    }
                    out
                });
            }
            key if key == source => model.source = field(value, text),
            _ => {}
        }
    }
    model
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_leniently() {
        let doc = json!({
            "Functions": [{
                "Id": "f",
                "FunctionConfiguration": {
                    "MemorySize": "lots",
                    "Environment": {
                        "Execution": {"IsolationMode": {"Ref": "Mode"}},
                        "ResourceAccessPolicies": [{"ResourceId": "r"}]
                    }
                }
            }],
            "Resources": [{"Id": "r", "ResourceDataContainer": {}}]
        });
        let view = GroupView::read(&doc);
        let function = &view.functions[0];
        assert_eq!(function.memory_size, Field::Unknown);
        assert_eq!(function.timeout, Field::Absent);
        assert_eq!(
            function.execution.as_ref().unwrap().isolation_mode,
            Field::Unknown
        );
        assert_eq!(function.policies[0].permission, Field::Absent);
        assert_eq!(view.resources[0].data, ResourceData::Invalid);
        assert_eq!(function.policies_place, PoliciesPlace::Array);
    }

    #[test]
    fn finds_where_policies_can_be_added() {
        let place = |function: Value| read_function((0, &function)).policies_place;
        assert_eq!(place(json!({"Id": "f"})), PoliciesPlace::NoConfiguration);
        assert_eq!(
            place(json!({"FunctionConfiguration": {"MemorySize": 1}})),
            PoliciesPlace::NoEnvironment
        );
        assert_eq!(
            place(json!({"FunctionConfiguration": {"Environment": {}}})),
            PoliciesPlace::NoPolicies
        );
        assert_eq!(
            place(json!({"FunctionConfiguration": {"Environment": {"Ref": "Env"}}})),
            PoliciesPlace::Blocked
        );
        let policies = json!({"Environment": {"ResourceAccessPolicies": "none"}});
        assert_eq!(
            place(json!({"FunctionConfiguration": policies})),
            PoliciesPlace::Blocked
        );
        assert_eq!(place(json!("f")), PoliciesPlace::Blocked);
    }

    #[test]
    fn locates_through_origins_and_parents() {
        let mut origins = Origins::default();
        let positions = [("/InitialVersion/Functions/1".to_string(), (7, 9))];
        origins.files.push(SourcePositions {
            name: "f.json".into(),
            positions: positions.into_iter().collect(),
        });
        origins.functions = vec![
            Origin {
                file: 0,
                pointer: "/x".into()
            };
            1
        ];
        origins.functions.push(Origin {
            file: 0,
            pointer: "/InitialVersion/Functions/1".into(),
        });
        let location = origins
            .locate("/Functions/1/FunctionConfiguration/MemorySize")
            .unwrap();
        assert_eq!(
            (location.file.as_str(), location.line, location.column),
            ("f.json", 7, 9)
        );
    }
}
