//! The console's words for the API's terms: the one place where the two meet.
//!
//! The core and the exported JSON speak the AWS API (`IsolationMode`, `Permission`,
//! `OwnerSetting`); the form speaks as the AWS IoT console does ("No container", "Read-only
//! access", "No OS group").

/// A choice of a select: the API value it writes (`None` = the member is left out) and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// What the API document holds; `None` removes the member.
    pub value: Option<&'static str>,
    /// What the console calls it.
    pub label: &'static str,
}

const fn choice(value: Option<&'static str>, label: &'static str) -> Choice {
    Choice { value, label }
}

/// "Read-only access" (`ro`).
pub const READ_ONLY: Choice = choice(Some("ro"), "Read-only access");
/// "Read and write access" (`rw`).
pub const READ_WRITE: Choice = choice(Some("rw"), "Read and write access");
/// "Inherit resource owner permissions" (no `Permission`).
pub const INHERIT: Choice = choice(None, "Inherit resource owner permissions");

/// The permissions of an attachment, in the console's order.
pub const ATTACHMENT_PERMISSIONS: [Choice; 3] = [READ_ONLY, READ_WRITE, INHERIT];

/// The permissions of a resource owner (`GroupPermission`) or a local resource attachment.
pub const PERMISSIONS: [Choice; 2] = [READ_ONLY, READ_WRITE];

/// "Use group default" (no `IsolationMode` on the function).
pub const USE_GROUP_DEFAULT: Choice = choice(None, "Use group default");
/// "Greengrass container".
pub const GREENGRASS_CONTAINER: Choice =
    choice(Some("GreengrassContainer"), "Greengrass container");
/// "No container".
pub const NO_CONTAINER: Choice = choice(Some("NoContainer"), "No container");

/// A function's containerization.
pub const FUNCTION_CONTAINERIZATION: [Choice; 3] =
    [USE_GROUP_DEFAULT, GREENGRASS_CONTAINER, NO_CONTAINER];

/// The group's default containerization; unset behaves as Greengrass container.
pub const DEFAULT_CONTAINERIZATION: [Choice; 3] = [
    choice(None, "Not set (Greengrass container)"),
    GREENGRASS_CONTAINER,
    NO_CONTAINER,
];

/// "No OS group": an ML resource without `OwnerSetting`.
pub const NO_OS_GROUP: &str = "No OS group";
/// "Specify OS group and permission": an ML resource with `OwnerSetting`.
pub const SPECIFY_OS_GROUP: &str = "Specify OS group and permission";

/// The console's label of a permission value as the document holds it.
pub fn permission_label(value: Option<&str>) -> String {
    ATTACHMENT_PERMISSIONS
        .iter()
        .find(|choice| choice.value == value)
        .map_or_else(
            || format!("`{}`", value.unwrap_or("")),
            |c| c.label.to_string(),
        )
}

/// The kinds of resource a group can hold, by their `ResourceDataContainer` member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `S3MachineLearningModelResourceData`.
    S3Model,
    /// `SageMakerMachineLearningModelResourceData`.
    SageMakerModel,
    /// `LocalDeviceResourceData`.
    LocalDevice,
    /// `LocalVolumeResourceData`.
    LocalVolume,
    /// `SecretsManagerSecretResourceData`.
    Secret,
}

impl Kind {
    /// Every kind, in the order of the "Add" menu.
    pub const ALL: [Kind; 5] = [
        Kind::S3Model,
        Kind::SageMakerModel,
        Kind::LocalDevice,
        Kind::LocalVolume,
        Kind::Secret,
    ];

    /// The member of `ResourceDataContainer` that holds this kind.
    pub fn key(self) -> &'static str {
        match self {
            Kind::S3Model => "S3MachineLearningModelResourceData",
            Kind::SageMakerModel => "SageMakerMachineLearningModelResourceData",
            Kind::LocalDevice => "LocalDeviceResourceData",
            Kind::LocalVolume => "LocalVolumeResourceData",
            Kind::Secret => "SecretsManagerSecretResourceData",
        }
    }

    /// The kind stored under `key`.
    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// What the console calls a resource of this kind.
    pub fn label(self) -> &'static str {
        match self {
            Kind::S3Model | Kind::SageMakerModel => "Machine learning",
            Kind::LocalDevice => "Local device",
            Kind::LocalVolume => "Local volume",
            Kind::Secret => "Secret",
        }
    }

    /// The label of the "Add" button that creates one.
    pub fn add_label(self) -> &'static str {
        match self {
            Kind::S3Model => "Add machine learning resource",
            Kind::SageMakerModel => "Add SageMaker model resource",
            Kind::LocalDevice => "Add local device resource",
            Kind::LocalVolume => "Add local volume resource",
            Kind::Secret => "Add secret resource",
        }
    }

    /// Whether this is a machine learning resource.
    pub fn is_model(self) -> bool {
        matches!(self, Kind::S3Model | Kind::SageMakerModel)
    }
}

/// "Model source" choices of an ML resource.
pub const MODEL_SOURCES: [(Kind, &str); 2] = [
    (Kind::S3Model, "Amazon S3 (S3 URI)"),
    (Kind::SageMakerModel, "Amazon SageMaker (training job ARN)"),
];
