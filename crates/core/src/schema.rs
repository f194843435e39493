//! The shapes of the Greengrass v1 API (`greengrass` 2017-06-07) that a merged document holds.
//!
//! The merged document `{DefaultConfig?, Functions?, Resources?}` joins the bodies of
//! CreateFunctionDefinitionVersion and CreateResourceDefinitionVersion. This module describes it as
//! static data: every object [`Kind`] lists its [`Member`]s, each with its JSON [`Type`], whether
//! the API requires it, and a short note of what it means. The `shape/*` rules walk a document
//! against these tables; the web app's forms and the CloudFormation export read the same tables, so
//! the API's structure is written down once.
//!
//! Walk it by kind ([`Kind::members`], [`Kind::member`], [`member_type`]) or by JSON Pointer into a
//! merged document ([`type_at`]).
//!
//! The API model also marks `GroupOwner` and `GroupPermission` of `ResourceDownloadOwnerSetting` as
//! required. They are optional here on purpose: an incomplete owner is the API's
//! `InvalidMLModelOwner`, which `ml/owner-incomplete` reports (only on cores that know owners), and
//! `shape/required` covers the members `RULES.md` names.

use std::fmt;

/// A fixed set of strings a member accepts.
#[derive(Debug, PartialEq, Eq)]
pub struct Enum {
    /// The API's name for the set (`FunctionIsolationMode`).
    pub name: &'static str,
    /// The accepted values, spelled as the API wants them (case matters).
    pub values: &'static [&'static str],
}

impl Enum {
    /// Whether `value` is one of the accepted values, exactly.
    pub fn accepts(&self, value: &str) -> bool {
        // Byte by byte in place rather than through `memcmp`: the values are a few bytes long,
        // and the `shape/*` walk asks this of every enum member in the document.
        self.values
            .iter()
            .any(|accepted| accepted.len() == value.len() && accepted.bytes().eq(value.bytes()))
    }

    /// The accepted value `value` was probably meant as: equal ignoring ASCII case and surrounding
    /// white space (`"RW"`, `"NoContainer "`), when it is not accepted as it is.
    pub fn near(&self, value: &str) -> Option<&'static str> {
        let trimmed = value.trim();
        self.values
            .iter()
            .copied()
            .find(|allowed| allowed.eq_ignore_ascii_case(trimmed))
    }

    /// The values as a list for messages: `` `ro`, `rw` ``.
    pub fn list(&self) -> String {
        let quoted: Vec<String> = self.values.iter().map(|v| format!("`{v}`")).collect();
        quoted.join(", ")
    }
}

/// `FunctionIsolationMode`: whether a function runs in a Greengrass container.
pub static ISOLATION_MODE: Enum = Enum {
    name: "FunctionIsolationMode",
    values: &["GreengrassContainer", "NoContainer"],
};

/// `Permission`: read-only or read-write access, of an attachment or of a resource owner.
pub static PERMISSION: Enum = Enum {
    name: "Permission",
    values: &["ro", "rw"],
};

/// `EncodingType`: how the core hands the event payload to a function.
pub static ENCODING_TYPE: Enum = Enum {
    name: "EncodingType",
    values: &["json", "binary"],
};

/// The JSON type of a member's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// A string.
    String,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A string from a fixed set.
    Enum(&'static Enum),
    /// An object of the given kind.
    Object(Kind),
    /// An array whose items all have the given type.
    Array(&'static Type),
    /// An object whose keys are free and whose values are strings (`Variables`).
    StringMap,
}

impl Type {
    /// The object kind this type holds, directly or as the items of an array.
    pub fn kind(&self) -> Option<Kind> {
        match self {
            Type::Object(kind) => Some(*kind),
            Type::Array(item) => item.kind(),
            _ => None,
        }
    }

    /// The accepted values, for an enum.
    pub fn enumeration(&self) -> Option<&'static Enum> {
        match self {
            Type::Enum(set) => Some(set),
            _ => None,
        }
    }

    /// Whether the type is a single value rather than an object or an array.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            Type::String | Type::Integer | Type::Boolean | Type::Enum(_)
        )
    }
}

/// Reads as what a value must be, for messages: "an integer", "one of `ro`, `rw`".
impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::String => f.write_str("a string"),
            Type::Integer => f.write_str("an integer"),
            Type::Boolean => f.write_str("true or false"),
            Type::Enum(set) => write!(f, "one of {}", set.list()),
            Type::Object(kind) => write!(f, "an object ({})", kind.name()),
            Type::Array(item) => match item.kind() {
                Some(kind) => write!(f, "a list of {} objects", kind.name()),
                None if **item == Type::String => f.write_str("a list of strings"),
                None => write!(f, "a list of values that are each {item}"),
            },
            Type::StringMap => f.write_str("an object of string values"),
        }
    }
}

/// One member of an object kind.
#[derive(Debug, PartialEq, Eq)]
pub struct Member {
    /// The key, as the API spells it.
    pub name: &'static str,
    /// The type of its value.
    pub ty: Type,
    /// Whether the API rejects an object without it.
    pub required: bool,
    /// What it means, in a phrase (for forms and `explain`).
    pub doc: &'static str,
}

const fn optional(name: &'static str, ty: Type, doc: &'static str) -> Member {
    Member {
        name,
        ty,
        required: false,
        doc,
    }
}

const fn required(name: &'static str, ty: Type, doc: &'static str) -> Member {
    Member {
        name,
        ty,
        required: true,
        doc,
    }
}

/// The object kinds of the merged document, named after the API's shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The merged document itself: `{DefaultConfig?, Functions?, Resources?}`.
    Document,
    /// `DefaultConfig`: settings every function inherits unless it sets its own.
    FunctionDefaultConfig,
    /// `DefaultConfig.Execution`.
    FunctionDefaultExecutionConfig,
    /// An entry of `Functions`.
    Function,
    /// `Function.FunctionConfiguration`.
    FunctionConfiguration,
    /// `FunctionConfiguration.Environment`.
    FunctionConfigurationEnvironment,
    /// `Environment.Execution`.
    FunctionExecutionConfig,
    /// `RunAs`, of a function or of the group default.
    FunctionRunAsConfig,
    /// An entry of `Environment.ResourceAccessPolicies`: one attachment.
    ResourceAccessPolicy,
    /// An entry of `Resources`.
    Resource,
    /// `Resource.ResourceDataContainer`: exactly one of the five data types.
    ResourceDataContainer,
    /// A local device (`/dev/...`) made available to functions.
    LocalDeviceResourceData,
    /// A local directory mounted into functions.
    LocalVolumeResourceData,
    /// `GroupOwnerSetting` of a local resource.
    GroupOwnerSetting,
    /// A machine learning model downloaded from Amazon S3.
    S3MachineLearningModelResourceData,
    /// A machine learning model from a SageMaker training job.
    SageMakerMachineLearningModelResourceData,
    /// `OwnerSetting` of a machine learning resource.
    ResourceDownloadOwnerSetting,
    /// A Secrets Manager secret made available to functions.
    SecretsManagerSecretResourceData,
}

static DOCUMENT: &[Member] = &[
    optional(
        "DefaultConfig",
        Type::Object(Kind::FunctionDefaultConfig),
        "Settings that functions without their own inherit",
    ),
    optional(
        "Functions",
        Type::Array(&Type::Object(Kind::Function)),
        "The Lambda functions of the group",
    ),
    optional(
        "Resources",
        Type::Array(&Type::Object(Kind::Resource)),
        "The resources functions may access",
    ),
];

static DEFAULT_CONFIG: &[Member] = &[optional(
    "Execution",
    Type::Object(Kind::FunctionDefaultExecutionConfig),
    "Default isolation and identity of the group's functions",
)];

/// `IsolationMode` and `RunAs`, shared by the function's and the group's `Execution`.
static EXECUTION: &[Member] = &[
    optional(
        "IsolationMode",
        Type::Enum(&ISOLATION_MODE),
        "Run in a Greengrass container or without one (core v1.7 or later)",
    ),
    optional(
        "RunAs",
        Type::Object(Kind::FunctionRunAsConfig),
        "The user and group ids the function runs as (core v1.7 or later)",
    ),
];

static FUNCTION: &[Member] = &[
    required(
        "Id",
        Type::String,
        "Identifier of the function within the definition",
    ),
    optional(
        "FunctionArn",
        Type::String,
        "ARN of the Lambda function version or alias",
    ),
    optional(
        "FunctionConfiguration",
        Type::Object(Kind::FunctionConfiguration),
        "How the core runs the function",
    ),
];

static FUNCTION_CONFIGURATION: &[Member] = &[
    optional(
        "EncodingType",
        Type::Enum(&ENCODING_TYPE),
        "Payload encoding: json or binary",
    ),
    optional(
        "Environment",
        Type::Object(Kind::FunctionConfigurationEnvironment),
        "What the function may access and how it is isolated",
    ),
    optional(
        "ExecArgs",
        Type::String,
        "Arguments passed to the executable",
    ),
    optional(
        "Executable",
        Type::String,
        "Name of the executable, for native functions",
    ),
    optional(
        "MemorySize",
        Type::Integer,
        "Memory limit in KB (containerized functions)",
    ),
    optional(
        "Pinned",
        Type::Boolean,
        "Long-lived: started with the core and kept running",
    ),
    optional(
        "Timeout",
        Type::Integer,
        "Time limit of one call, in seconds",
    ),
    optional(
        "FunctionRuntimeOverride",
        Type::String,
        "Runtime to use instead of the Lambda function's own",
    ),
];

static ENVIRONMENT: &[Member] = &[
    optional(
        "AccessSysfs",
        Type::Boolean,
        "Let a containerized function read /sys",
    ),
    optional(
        "Execution",
        Type::Object(Kind::FunctionExecutionConfig),
        "Isolation and identity of this function",
    ),
    optional(
        "ResourceAccessPolicies",
        Type::Array(&Type::Object(Kind::ResourceAccessPolicy)),
        "The resources attached to the function",
    ),
    optional(
        "Variables",
        Type::StringMap,
        "Environment variables of the function",
    ),
];

static RUN_AS: &[Member] = &[
    optional("Uid", Type::Integer, "User id; 0 is root"),
    optional("Gid", Type::Integer, "Group id; 0 is root"),
];

static RESOURCE_ACCESS_POLICY: &[Member] = &[
    required("ResourceId", Type::String, "Id of the attached resource"),
    optional(
        "Permission",
        Type::Enum(&PERMISSION),
        "ro or rw; absent inherits the resource owner's permission",
    ),
];

static RESOURCE: &[Member] = &[
    required("Id", Type::String, "Identifier that attachments refer to"),
    required("Name", Type::String, "Name shown in the console"),
    required(
        "ResourceDataContainer",
        Type::Object(Kind::ResourceDataContainer),
        "What the resource is: exactly one data type",
    ),
];

static RESOURCE_DATA_CONTAINER: &[Member] = &[
    optional(
        "LocalDeviceResourceData",
        Type::Object(Kind::LocalDeviceResourceData),
        "A device file of the core",
    ),
    optional(
        "LocalVolumeResourceData",
        Type::Object(Kind::LocalVolumeResourceData),
        "A directory of the core",
    ),
    optional(
        "S3MachineLearningModelResourceData",
        Type::Object(Kind::S3MachineLearningModelResourceData),
        "A model archive in Amazon S3",
    ),
    optional(
        "SageMakerMachineLearningModelResourceData",
        Type::Object(Kind::SageMakerMachineLearningModelResourceData),
        "The model of a SageMaker training job",
    ),
    optional(
        "SecretsManagerSecretResourceData",
        Type::Object(Kind::SecretsManagerSecretResourceData),
        "A Secrets Manager secret",
    ),
];

static LOCAL_DEVICE: &[Member] = &[
    optional(
        "SourcePath",
        Type::String,
        "Absolute path of the device on the core, under /dev",
    ),
    optional(
        "GroupOwnerSetting",
        Type::Object(Kind::GroupOwnerSetting),
        "Which OS group's permissions functions get",
    ),
];

static LOCAL_VOLUME: &[Member] = &[
    optional(
        "SourcePath",
        Type::String,
        "Absolute path of the directory on the core",
    ),
    optional(
        "DestinationPath",
        Type::String,
        "Absolute path inside the function's environment",
    ),
    optional(
        "GroupOwnerSetting",
        Type::Object(Kind::GroupOwnerSetting),
        "Which OS group's permissions functions get",
    ),
];

static GROUP_OWNER_SETTING: &[Member] = &[
    optional(
        "AutoAddGroupOwner",
        Type::Boolean,
        "Add the OS group that owns the path to the function's process",
    ),
    optional(
        "GroupOwner",
        Type::String,
        "OS group to add, when AutoAddGroupOwner is false",
    ),
];

static S3_MODEL: &[Member] = &[
    optional(
        "DestinationPath",
        Type::String,
        "Absolute path where functions find the model",
    ),
    optional(
        "S3Uri",
        Type::String,
        "s3:// location of the .tar.gz or .zip model archive",
    ),
    optional(
        "OwnerSetting",
        Type::Object(Kind::ResourceDownloadOwnerSetting),
        "OS group that owns the downloaded model (core v1.10 or later)",
    ),
];

static SAGEMAKER_MODEL: &[Member] = &[
    optional(
        "DestinationPath",
        Type::String,
        "Absolute path where functions find the model",
    ),
    optional(
        "SageMakerJobArn",
        Type::String,
        "ARN of the SageMaker training job",
    ),
    optional(
        "OwnerSetting",
        Type::Object(Kind::ResourceDownloadOwnerSetting),
        "OS group that owns the downloaded model (core v1.10 or later)",
    ),
];

static OWNER_SETTING: &[Member] = &[
    optional(
        "GroupOwner",
        Type::String,
        "OS group id (or name) that owns the model files",
    ),
    optional(
        "GroupPermission",
        Type::Enum(&PERMISSION),
        "ro or rw: what the owner group may do",
    ),
];

static SECRET: &[Member] = &[
    optional("ARN", Type::String, "ARN of the Secrets Manager secret"),
    optional(
        "AdditionalStagingLabelsToDownload",
        Type::Array(&Type::String),
        "Staging labels to fetch besides AWSCURRENT",
    ),
];

impl Kind {
    /// Every kind, the document first, then in the order the document nests them.
    pub const ALL: [Kind; 18] = [
        Kind::Document,
        Kind::FunctionDefaultConfig,
        Kind::FunctionDefaultExecutionConfig,
        Kind::Function,
        Kind::FunctionConfiguration,
        Kind::FunctionConfigurationEnvironment,
        Kind::FunctionExecutionConfig,
        Kind::FunctionRunAsConfig,
        Kind::ResourceAccessPolicy,
        Kind::Resource,
        Kind::ResourceDataContainer,
        Kind::LocalDeviceResourceData,
        Kind::LocalVolumeResourceData,
        Kind::GroupOwnerSetting,
        Kind::S3MachineLearningModelResourceData,
        Kind::SageMakerMachineLearningModelResourceData,
        Kind::ResourceDownloadOwnerSetting,
        Kind::SecretsManagerSecretResourceData,
    ];

    /// The API's name of the shape (`FunctionConfigurationEnvironment`); "merged document" for
    /// the document itself.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Document => "merged document",
            Kind::FunctionDefaultConfig => "FunctionDefaultConfig",
            Kind::FunctionDefaultExecutionConfig => "FunctionDefaultExecutionConfig",
            Kind::Function => "Function",
            Kind::FunctionConfiguration => "FunctionConfiguration",
            Kind::FunctionConfigurationEnvironment => "FunctionConfigurationEnvironment",
            Kind::FunctionExecutionConfig => "FunctionExecutionConfig",
            Kind::FunctionRunAsConfig => "FunctionRunAsConfig",
            Kind::ResourceAccessPolicy => "ResourceAccessPolicy",
            Kind::Resource => "Resource",
            Kind::ResourceDataContainer => "ResourceDataContainer",
            Kind::LocalDeviceResourceData => "LocalDeviceResourceData",
            Kind::LocalVolumeResourceData => "LocalVolumeResourceData",
            Kind::GroupOwnerSetting => "GroupOwnerSetting",
            Kind::S3MachineLearningModelResourceData => "S3MachineLearningModelResourceData",
            Kind::SageMakerMachineLearningModelResourceData => {
                "SageMakerMachineLearningModelResourceData"
            }
            Kind::ResourceDownloadOwnerSetting => "ResourceDownloadOwnerSetting",
            Kind::SecretsManagerSecretResourceData => "SecretsManagerSecretResourceData",
        }
    }

    /// The members the API defines for this kind, in the API's order.
    pub fn members(self) -> &'static [Member] {
        match self {
            Kind::Document => DOCUMENT,
            Kind::FunctionDefaultConfig => DEFAULT_CONFIG,
            Kind::FunctionDefaultExecutionConfig | Kind::FunctionExecutionConfig => EXECUTION,
            Kind::Function => FUNCTION,
            Kind::FunctionConfiguration => FUNCTION_CONFIGURATION,
            Kind::FunctionConfigurationEnvironment => ENVIRONMENT,
            Kind::FunctionRunAsConfig => RUN_AS,
            Kind::ResourceAccessPolicy => RESOURCE_ACCESS_POLICY,
            Kind::Resource => RESOURCE,
            Kind::ResourceDataContainer => RESOURCE_DATA_CONTAINER,
            Kind::LocalDeviceResourceData => LOCAL_DEVICE,
            Kind::LocalVolumeResourceData => LOCAL_VOLUME,
            Kind::GroupOwnerSetting => GROUP_OWNER_SETTING,
            Kind::S3MachineLearningModelResourceData => S3_MODEL,
            Kind::SageMakerMachineLearningModelResourceData => SAGEMAKER_MODEL,
            Kind::ResourceDownloadOwnerSetting => OWNER_SETTING,
            Kind::SecretsManagerSecretResourceData => SECRET,
        }
    }

    /// The member called exactly `name`, if the kind has one.
    pub fn member(self, name: &str) -> Option<&'static Member> {
        self.members().iter().find(|member| member.name == name)
    }

    /// Whether an object of this kind must hold exactly one of its members (the
    /// `ResourceDataContainer`, whose members are the five data types).
    pub fn exactly_one(self) -> bool {
        self == Kind::ResourceDataContainer
    }

    /// The members the API requires.
    pub fn required(self) -> impl Iterator<Item = &'static Member> {
        self.members().iter().filter(|member| member.required)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The type of member `name` of an object of kind `parent`.
pub fn member_type(parent: Kind, name: &str) -> Option<&'static Type> {
    parent.member(name).map(|member| &member.ty)
}

/// Every kind that has a member called `name`, with that member.
pub fn kinds_with_member(name: &str) -> impl Iterator<Item = (Kind, &'static Member)> + '_ {
    Kind::ALL
        .into_iter()
        .filter_map(move |kind| kind.member(name).map(|member| (kind, member)))
}

/// The type the schema expects at `pointer` (RFC 6901) in a merged document: `""` is the
/// document, `/Functions/0/FunctionConfiguration/MemorySize` an integer. `None` when the pointer
/// leaves the schema (an unknown member, an index into a non-array, a malformed token).
pub fn type_at(pointer: &str) -> Option<&'static Type> {
    static DOCUMENT_TYPE: Type = Type::Object(Kind::Document);

    if pointer.is_empty() {
        return Some(&DOCUMENT_TYPE);
    }
    let tokens = pointer.strip_prefix('/')?.split('/');
    let mut current: &'static Type = &DOCUMENT_TYPE;
    for raw in tokens {
        let token = raw.replace("~1", "/").replace("~0", "~");
        current = match current {
            Type::Object(kind) => member_type(*kind, &token)?,
            Type::Array(item) => {
                if token != "-" && token.parse::<usize>().is_err() {
                    return None;
                }
                item
            }
            Type::StringMap => &Type::String,
            _ => return None,
        };
    }
    Some(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_follow_the_api_model() {
        let function = Kind::Function.member("Id").unwrap();
        assert!(function.required);
        assert_eq!(function.ty, Type::String);
        assert!(!Kind::Function.member("FunctionArn").unwrap().required);
        let required: Vec<&str> = Kind::Resource.required().map(|m| m.name).collect();
        assert_eq!(required, ["Id", "Name", "ResourceDataContainer"]);
        assert_eq!(
            member_type(Kind::FunctionConfigurationEnvironment, "Execution"),
            Some(&Type::Object(Kind::FunctionExecutionConfig))
        );
        assert_eq!(
            member_type(Kind::FunctionDefaultConfig, "Execution"),
            Some(&Type::Object(Kind::FunctionDefaultExecutionConfig))
        );
        assert_eq!(
            member_type(Kind::FunctionDefaultExecutionConfig, "RunAs"),
            Some(&Type::Object(Kind::FunctionRunAsConfig))
        );
        assert_eq!(
            member_type(Kind::FunctionRunAsConfig, "Gid"),
            Some(&Type::Integer)
        );
        assert_eq!(
            member_type(Kind::GroupOwnerSetting, "GroupOwner"),
            Some(&Type::String)
        );
        assert_eq!(member_type(Kind::Function, "MemorySize"), None);
    }

    #[test]
    fn every_kind_fits_a_presence_mask_and_has_unique_members() {
        // `shape::check` records present members in a `u32`, one bit per member.
        for kind in Kind::ALL {
            let members = kind.members();
            assert!(members.len() <= 32, "{kind}");
            for (i, member) in members.iter().enumerate() {
                assert!(members[..i].iter().all(|m| m.name != member.name), "{kind}");
            }
        }
    }

    #[test]
    fn data_container_holds_the_five_data_types() {
        let names: Vec<&str> = Kind::ResourceDataContainer
            .members()
            .iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(names, crate::model::DATA_KEYS);
        assert!(Kind::ResourceDataContainer.exactly_one());
        assert!(!Kind::Resource.exactly_one());
    }

    #[test]
    fn enums_hold_the_api_values() {
        assert_eq!(
            member_type(Kind::FunctionExecutionConfig, "IsolationMode")
                .and_then(Type::enumeration)
                .map(|e| e.values),
            Some(&["GreengrassContainer", "NoContainer"][..])
        );
        assert_eq!(
            member_type(Kind::ResourceDownloadOwnerSetting, "GroupPermission")
                .and_then(Type::enumeration)
                .map(|e| e.values),
            Some(&["ro", "rw"][..])
        );
        assert!(ENCODING_TYPE.accepts("binary"));
        assert!(!ENCODING_TYPE.accepts("JSON"));
        assert_eq!(ENCODING_TYPE.near("JSON"), Some("json"));
        assert_eq!(ISOLATION_MODE.near(" nocontainer "), Some("NoContainer"));
        assert_eq!(PERMISSION.near("r"), None);
    }

    #[test]
    fn resolves_pointers() {
        assert_eq!(type_at(""), Some(&Type::Object(Kind::Document)));
        assert_eq!(
            type_at("/Functions/3/FunctionConfiguration/MemorySize"),
            Some(&Type::Integer)
        );
        assert_eq!(
            type_at("/Functions/0/FunctionConfiguration/Environment/ResourceAccessPolicies/-"),
            Some(&Type::Object(Kind::ResourceAccessPolicy))
        );
        assert_eq!(
            type_at("/Functions/0/FunctionConfiguration/Environment/Variables/A~1B"),
            Some(&Type::String)
        );
        assert_eq!(
            type_at("/Resources/0/ResourceDataContainer/SecretsManagerSecretResourceData/AdditionalStagingLabelsToDownload/0"),
            Some(&Type::String)
        );
        assert_eq!(type_at("/Functions/x"), None);
        assert_eq!(type_at("/Functions/0/MemorySize"), None);
        assert_eq!(type_at("Functions"), None);
    }

    #[test]
    fn finds_kinds_by_member() {
        let kinds: Vec<Kind> = kinds_with_member("SourcePath").map(|(k, _)| k).collect();
        assert_eq!(
            kinds,
            [Kind::LocalDeviceResourceData, Kind::LocalVolumeResourceData]
        );
    }

    #[test]
    fn types_read_well_in_messages() {
        assert_eq!(Type::Integer.to_string(), "an integer");
        assert_eq!(Type::Enum(&PERMISSION).to_string(), "one of `ro`, `rw`");
        assert_eq!(
            Type::Array(&Type::Object(Kind::Function)).to_string(),
            "a list of Function objects"
        );
        assert_eq!(Type::Array(&Type::String).to_string(), "a list of strings");
    }
}
