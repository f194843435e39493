//! Rules of the `local/*` family: local device and volume resources.

use foldhash::{HashMap, HashMapExt};

use serde_json::json;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::edit::Edit;
use crate::model::{Field, LocalData, Permission, Resource, ResourceData};
use crate::path;
use crate::rules::{Context, Rule, Versions};

/// `local/device-path`.
pub static DEVICE_PATH: Rule = Rule {
    id: "local/device-path",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "A device resource's `SourcePath` is not under `/dev/`, or is in `/dev/shm`",
    rationale: "A local device resource gives a function a character or block device node, and \
                those live under `/dev`; `/dev/shm` holds shared memory, not devices, and is \
                shared as a volume resource instead.",
    help: "Point `SourcePath` at a device under /dev/, or make `/dev/shm` a volume resource",
};

/// `local/volume-source`.
pub static VOLUME_SOURCE: Rule = Rule {
    id: "local/volume-source",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "A volume resource's `SourcePath` is under `/sys`, `/var`, or `/dev` (other than \
              `/dev/shm`)",
    rationale: "A volume resource may not come from under `/sys`, `/var` or `/dev` (the guide \
                suggests mounting a `/var` directory elsewhere first and sharing that). Devices \
                are shared one by one as device resources; `/dev/shm` is the one part of `/dev` \
                a volume may share.",
    help: "Share another directory, or share a device under /dev as a device resource",
};

/// `local/path-relative`.
pub static PATH_RELATIVE: Rule = Rule {
    id: "local/path-relative",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "A local resource's source or destination path is not absolute",
    rationale: "Greengrass resolves a local resource's paths on the core's file system and in \
                the function's container from the root; a relative or empty path names nothing.",
    help: "Write the path from the root, starting with `/`",
};

/// `local/proc-read-only`.
pub static PROC_READ_ONLY: Rule = Rule {
    id: "local/proc-read-only",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "A `/proc` volume is attached with `rw`, or its destination is `/proc` itself",
    rationale: "A volume from the host's `/proc` may be attached only read-only, and not at the \
                destination `/proc`, where the function's container has its own.",
    help: "Attach the /proc volume read-only, at a destination other than /proc",
};

/// `local/dev-shm-rw`.
pub static DEV_SHM_RW: Rule = Rule {
    id: "local/dev-shm-rw",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "A `/dev/shm` volume is attached with a permission other than `rw`",
    rationale: "A `/dev/shm` volume must be attached with read and write access; any other \
                permission is refused.",
    help: "Attach the /dev/shm volume with read and write access (`rw`)",
};

/// `local/duplicate-source`.
pub static DUPLICATE_SOURCE: Rule = Rule {
    id: "local/duplicate-source",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "Two device resources share a `SourcePath`, or one volume `SourcePath` is mapped to \
              two destinations",
    rationale: "Two device resources for one device, or one host path mounted at two \
                destinations, conflict, and the deployment fails; one resource can be attached to \
                every function that needs it.",
    help: "Keep one resource per source path and attach it to every function that needs it",
};

/// `local/owner-ignored`.
pub static OWNER_IGNORED: Rule = Rule {
    id: "local/owner-ignored",
    severity: Severity::Warning,
    versions: Versions::All,
    summary: "`AutoAddGroupOwner: true` with a `GroupOwner` name, which is then ignored",
    rationale: "With `AutoAddGroupOwner` set, Greengrass adds the OS group that owns the \
                resource on the core to the function's process and disregards the `GroupOwner` \
                name, which may not be what the author meant.",
    help: "Remove `GroupOwner`, or set `AutoAddGroupOwner` to false to use it",
};

/// The rules of this family.
pub static RULES: &[&Rule] = &[
    &DEVICE_PATH,
    &VOLUME_SOURCE,
    &PATH_RELATIVE,
    &PROC_READ_ONLY,
    &DEV_SHM_RW,
    &DUPLICATE_SOURCE,
    &OWNER_IGNORED,
];

/// What an attachment to a volume must respect, by where the volume's source lies.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Special {
    /// `/proc` or under it: read-only.
    Proc,
    /// `/dev/shm` or under it: read and write.
    DevShm,
}

/// Reports every occurrence of this family's rules.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut special = vec![None; cx.view.resources.len()];
    let mut devices: HashMap<Vec<&str>, &Resource> = HashMap::new();
    let mut volumes: HashMap<Vec<&str>, (&Resource, Vec<&str>)> = HashMap::new();

    for resource in &cx.view.resources {
        let (data, device) = match &resource.data {
            ResourceData::LocalDevice(data) => (data, true),
            ResourceData::LocalVolume(data) => (data, false),
            _ => continue,
        };
        check_paths(cx, resource, data, device, out);
        check_owner(cx, resource, data, out);

        let Field::Known(source) = &data.source_path else {
            continue;
        };
        let components = path::components(source);
        if device {
            check_device(cx, resource, source, &components, out);
            duplicate_device(cx, resource, components, &mut devices, out);
            continue;
        }
        check_volume(cx, resource, source, &components, data, out);
        if let Some(slot) = special.get_mut(resource.index) {
            *slot = match components.as_slice() {
                ["proc", ..] => Some(Special::Proc),
                ["dev", "shm", ..] => Some(Special::DevShm),
                _ => None,
            };
        }
        duplicate_volume(cx, resource, data, components, &mut volumes, out);
    }

    check_attachments(cx, &special, out);
}

fn check_paths(
    cx: &Context,
    resource: &Resource,
    data: &LocalData,
    device: bool,
    out: &mut Vec<Diagnostic>,
) {
    if !cx.applies(&PATH_RELATIVE) {
        return;
    }

    // Devices have no destination in the API; `shape/unknown-field` reports one if given.
    let mut members = vec![("SourcePath", &data.source_path)];
    if !device {
        members.push(("DestinationPath", &data.destination_path));
    }
    for (member, field) in members {
        let Field::Known(value) = field else {
            continue;
        };
        if path::is_absolute(value) {
            continue;
        }
        let pointer = resource.data_pointer(member);
        let message = format!(
            "resource {}: `{member}` `{value}` is not an absolute path",
            resource.label()
        );
        let mut diagnostic = Diagnostic::new(&PATH_RELATIVE, pointer.clone(), message);
        let absolute = path::normalize(&format!("/{value}"));
        if absolute != "/" {
            diagnostic = diagnostic.with_fix(Fix::new(
                format!("Use `{absolute}`"),
                vec![Edit::replace(pointer, json!(absolute))],
            ));
        }
        out.push(diagnostic);
    }
}

fn check_owner(cx: &Context, resource: &Resource, data: &LocalData, out: &mut Vec<Diagnostic>) {
    let Some(setting) = &data.group_owner_setting else {
        return;
    };
    let Field::Known(owner) = &setting.group_owner else {
        return;
    };
    if setting.auto_add_group_owner != Field::Known(true)
        || owner.is_empty()
        || !cx.applies(&OWNER_IGNORED)
    {
        return;
    }

    let pointer = resource.data_pointer("GroupOwnerSetting/GroupOwner");
    let message = format!(
        "resource {} sets `AutoAddGroupOwner: true`, so its `GroupOwner` `{owner}` is ignored",
        resource.label()
    );
    out.push(
        Diagnostic::new(&OWNER_IGNORED, pointer.clone(), message)
            .with_fix(Fix::new("Remove `GroupOwner`", vec![Edit::remove(pointer)]))
            .with_fix(Fix::new(
                format!("Use the OS group `{owner}` (set `AutoAddGroupOwner` to false)"),
                vec![Edit::replace(
                    resource.data_pointer("GroupOwnerSetting/AutoAddGroupOwner"),
                    json!(false),
                )],
            )),
    );
}

fn check_device(
    cx: &Context,
    resource: &Resource,
    source: &str,
    components: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    // A relative path is `local/path-relative`'s; where it points cannot be told.
    if !path::is_absolute(source) || !cx.applies(&DEVICE_PATH) {
        return;
    }

    let problem = match components {
        ["dev", "shm", ..] => "is shared memory, not a device (share it as a volume resource)",
        ["dev", _, ..] => return,
        _ => "is not under /dev/",
    };
    let message = format!(
        "device resource {}: `SourcePath` `{source}` {problem}",
        resource.label()
    );
    out.push(Diagnostic::new(
        &DEVICE_PATH,
        resource.data_pointer("SourcePath"),
        message,
    ));
}

fn check_volume(
    cx: &Context,
    resource: &Resource,
    source: &str,
    components: &[&str],
    data: &LocalData,
    out: &mut Vec<Diagnostic>,
) {
    if !path::is_absolute(source) {
        return;
    }

    let forbidden = match components {
        ["dev", "shm", ..] => None,
        [top @ ("sys" | "var" | "dev"), ..] => Some(*top),
        _ => None,
    };
    if let (Some(top), true) = (forbidden, cx.applies(&VOLUME_SOURCE)) {
        let message = format!(
            "volume resource {}: `SourcePath` `{source}` is under /{top}, which cannot be shared \
             as a volume",
            resource.label()
        );
        out.push(Diagnostic::new(
            &VOLUME_SOURCE,
            resource.data_pointer("SourcePath"),
            message,
        ));
    }

    let Field::Known(destination) = &data.destination_path else {
        return;
    };
    let onto_proc = path::is_absolute(destination) && path::components(destination) == ["proc"];
    if matches!(components, ["proc", ..]) && onto_proc && cx.applies(&PROC_READ_ONLY) {
        let message = format!(
            "volume resource {} shares `{source}` at `{destination}`, over the container's own \
             /proc",
            resource.label()
        );
        out.push(
            Diagnostic::new(
                &PROC_READ_ONLY,
                resource.data_pointer("DestinationPath"),
                message,
            )
            .with_help("Choose a destination other than /proc, such as /host_proc"),
        );
    }
}

/// Pairs each device with the first one of the same normalised `SourcePath`: n devices on one
/// path make n - 1 diagnostics, which is enough to reach every copy.
fn duplicate_device<'a>(
    cx: &Context,
    resource: &'a Resource<'a>,
    components: Vec<&'a str>,
    seen: &mut HashMap<Vec<&'a str>, &'a Resource<'a>>,
    out: &mut Vec<Diagnostic>,
) {
    if !cx.applies(&DUPLICATE_SOURCE) {
        return;
    }

    let Some(first) = seen.get(&components) else {
        seen.insert(components, resource);
        return;
    };
    let message = format!(
        "device resources {} and {} share one `SourcePath` `/{}`",
        first.label(),
        resource.label(),
        components.join("/")
    );
    out.push(
        Diagnostic::new(
            &DUPLICATE_SOURCE,
            resource.data_pointer("SourcePath"),
            message,
        )
        .with_related(first.data_pointer("SourcePath")),
    );
}

/// Pairs each volume with the first one of the same normalised `SourcePath` when their
/// destinations differ. A third volume with the first one's destination repeats it rather than
/// adding a destination, and is not reported here.
fn duplicate_volume<'a>(
    cx: &Context,
    resource: &'a Resource<'a>,
    data: &'a LocalData<'a>,
    components: Vec<&'a str>,
    seen: &mut HashMap<Vec<&'a str>, (&'a Resource<'a>, Vec<&'a str>)>,
    out: &mut Vec<Diagnostic>,
) {
    let Field::Known(destination) = &data.destination_path else {
        return;
    };
    if !cx.applies(&DUPLICATE_SOURCE) {
        return;
    }

    let destination = path::components(destination);
    let Some((first, first_destination)) = seen.get(&components) else {
        seen.insert(components, (resource, destination));
        return;
    };
    if *first_destination == destination {
        return;
    }
    let message = format!(
        "volume resources {} and {} map one `SourcePath` `/{}` to two destinations, `/{}` and \
         `/{}`",
        first.label(),
        resource.label(),
        components.join("/"),
        first_destination.join("/"),
        destination.join("/")
    );
    out.push(
        Diagnostic::new(
            &DUPLICATE_SOURCE,
            resource.data_pointer("SourcePath"),
            message,
        )
        .with_related(first.data_pointer("SourcePath")),
    );
}

/// The attachments of `/proc` and `/dev/shm` volumes: one pass over every attachment.
fn check_attachments(cx: &Context, special: &[Option<Special>], out: &mut Vec<Diagnostic>) {
    if special.iter().all(Option::is_none) {
        return;
    }

    for function in &cx.view.functions {
        for policy in &function.policies {
            let Some(resource) = cx.resource(&policy.resource_id) else {
                continue;
            };
            let Some(Some(kind)) = special.get(resource.index) else {
                continue;
            };
            let pointer = function.policy_pointer(policy.index, "Permission");
            let related = resource.data_pointer("SourcePath");
            match (kind, &policy.permission) {
                (Special::Proc, Field::Known(Permission::Rw)) if cx.applies(&PROC_READ_ONLY) => {
                    let message = format!(
                        "function {} attaches the /proc volume {} with `rw`; /proc is shared \
                         read-only",
                        function.label(),
                        resource.label()
                    );
                    out.push(
                        Diagnostic::new(&PROC_READ_ONLY, pointer.clone(), message)
                            .with_related(related)
                            .with_fix(Fix::new(
                                "Use read-only access (`ro`)",
                                vec![Edit::replace(pointer, json!("ro"))],
                            )),
                    );
                }
                (Special::DevShm, Field::Absent | Field::Known(Permission::Ro))
                    if cx.applies(&DEV_SHM_RW) =>
                {
                    let given = match policy.permission {
                        Field::Known(permission) => format!("`{}`", permission.as_str()),
                        _ => "no permission".to_string(),
                    };
                    let message = format!(
                        "function {} attaches the /dev/shm volume {} with {given}; /dev/shm must \
                         be attached with `rw`",
                        function.label(),
                        resource.label()
                    );
                    out.push(
                        Diagnostic::new(&DEV_SHM_RW, pointer.clone(), message)
                            .with_related(related)
                            .with_fix(Fix::new(
                                "Use read and write access (`rw`)",
                                vec![Edit::add(pointer, json!("rw"))],
                            )),
                    );
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::rules::testing::{assert_fix_clears, run};

    const ARN: &str = "arn:aws:lambda:us-west-2:123456789012:function:f:1";

    fn device(id: &str, source: &str) -> Value {
        json!({"Id": id, "Name": id, "ResourceDataContainer": {
            "LocalDeviceResourceData": {"SourcePath": source}}})
    }

    fn volume(id: &str, source: &str, destination: &str) -> Value {
        json!({"Id": id, "Name": id, "ResourceDataContainer": {
            "LocalVolumeResourceData": {"SourcePath": source, "DestinationPath": destination}}})
    }

    fn attaching(id: &str, policies: Value) -> Value {
        json!({"Id": id, "FunctionArn": ARN, "FunctionConfiguration": {
            "MemorySize": 16384, "Environment": {"ResourceAccessPolicies": policies}}})
    }

    fn pointers(found: &[Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.pointer.as_str()).collect()
    }

    const SOURCE: &str = "ResourceDataContainer/LocalDeviceResourceData/SourcePath";
    const VOLUME: &str = "ResourceDataContainer/LocalVolumeResourceData";
    const POLICIES: &str = "FunctionConfiguration/Environment/ResourceAccessPolicies";

    #[test]
    fn device_path_must_be_a_device_under_dev() {
        let doc = json!({"Resources": [
            device("tty", "/dev/ttyUSB0"),
            device("gpio", "//dev/./gpiomem"),
            device("home", "/home/pi/dev"),
            device("shm", "/dev/shm/"),
            device("dev", "/dev"),
            device("relative", "dev/ttyS0"),
            device("sneaky", "/dev/../etc/passwd"),
        ]});
        let found = run(&DEVICE_PATH, doc, "1.11");

        assert_eq!(
            pointers(&found),
            [
                format!("/Resources/2/{SOURCE}"),
                format!("/Resources/3/{SOURCE}"),
                format!("/Resources/4/{SOURCE}"),
                format!("/Resources/6/{SOURCE}"),
            ]
        );
        assert!(found[0].message.starts_with("device resource `home`"));
        assert!(found[1].message.contains("shared memory"));
    }

    #[test]
    fn volume_source_refuses_sys_var_and_dev_but_dev_shm() {
        let doc = json!({"Resources": [
            volume("sys", "/sys/class/gpio", "/gpio"),
            volume("var", "/var", "/v"),
            volume("dev", "/dev/", "/d"),
            volume("shm", "/dev/shm", "/dev/shm"),
            volume("tmp", "/tmp/data", "/data"),
            volume("variant", "/variant", "/x"),
            device("device", "/dev/sda"),
        ]});
        let found = run(&VOLUME_SOURCE, doc, "1.11");

        let source = format!("{VOLUME}/SourcePath");
        assert_eq!(
            pointers(&found),
            [
                format!("/Resources/0/{source}"),
                format!("/Resources/1/{source}"),
                format!("/Resources/2/{source}"),
            ]
        );
        assert!(found[0].message.contains("`sys`") && found[0].message.contains("/sys"));
    }

    #[test]
    fn path_relative_checks_sources_and_volume_destinations() {
        let doc = json!({"Resources": [
            device("tty", "dev/ttyUSB0"),
            volume("data", "/tmp/data", "./data/"),
            volume("empty", "", "/e"),
            volume("fine", "/tmp/x", "/x"),
        ]});
        let found = run(&PATH_RELATIVE, doc.clone(), "1.3");

        assert_eq!(
            pointers(&found),
            [
                format!("/Resources/0/{SOURCE}"),
                format!("/Resources/1/{VOLUME}/DestinationPath"),
                format!("/Resources/2/{VOLUME}/SourcePath"),
            ]
        );
        assert_eq!(
            found[0].fixes[0].edits,
            [Edit::replace(
                format!("/Resources/0/{SOURCE}"),
                json!("/dev/ttyUSB0")
            )]
        );
        assert_eq!(found[1].fixes[0].title, "Use `/data`");
        assert!(found[2].fixes.is_empty());
        let fixable = json!({"Resources": [device("tty", "dev/ttyUSB0"), volume("data", "/tmp/data", "data")]});
        assert_fix_clears(&PATH_RELATIVE, fixable, "1.11");
    }

    fn proc_doc() -> Value {
        json!({
            "Functions": [
                attaching("reader", json!([{"ResourceId": "proc", "Permission": "ro"}])),
                attaching("writer", json!([
                    {"ResourceId": "tmp", "Permission": "rw"},
                    {"ResourceId": "proc", "Permission": "rw"}
                ])),
            ],
            "Resources": [
                volume("proc", "/proc", "/host_proc"),
                volume("tmp", "/tmp", "/tmp"),
                volume("overlay", "/proc/", "/proc/"),
            ]
        })
    }

    #[test]
    fn proc_read_only_reports_rw_attachments_and_a_proc_destination() {
        let found = run(&PROC_READ_ONLY, proc_doc(), "1.11");

        assert_eq!(
            pointers(&found),
            [
                format!("/Functions/1/{POLICIES}/1/Permission"),
                format!("/Resources/2/{VOLUME}/DestinationPath"),
            ]
        );
        assert!(found[1].message.contains("`overlay`"));
        assert!(found[0].message.contains("`writer`") && found[0].message.contains("`proc`"));
        assert_eq!(
            found[0].related,
            [format!("/Resources/0/{VOLUME}/SourcePath")]
        );
        assert!(found[1].fixes.is_empty());
        assert_fix_clears(
            &PROC_READ_ONLY,
            json!({"Functions": proc_doc()["Functions"], "Resources": [volume("proc", "/proc", "/host_proc")]}),
            "1.11",
        );
    }

    fn shm_doc() -> Value {
        json!({
            "Functions": [
                attaching("inherit", json!([{"ResourceId": "shm"}])),
                attaching("reader", json!([{"ResourceId": "shm", "Permission": "ro"}])),
                attaching("writer", json!([{"ResourceId": "shm", "Permission": "rw"}])),
                attaching("other", json!([{"ResourceId": "tmp", "Permission": "ro"}])),
            ],
            "Resources": [volume("shm", "/dev/shm", "/dev/shm"), volume("tmp", "/tmp", "/t")]
        })
    }

    #[test]
    fn dev_shm_needs_rw_on_every_attachment() {
        let found = run(&DEV_SHM_RW, shm_doc(), "1.11");

        assert_eq!(
            pointers(&found),
            [
                format!("/Functions/0/{POLICIES}/0/Permission"),
                format!("/Functions/1/{POLICIES}/0/Permission"),
            ]
        );
        assert!(
            found[0].message.contains("`inherit`") && found[0].message.contains("no permission")
        );
        assert!(found[1].message.contains("`ro`"));
        assert_fix_clears(&DEV_SHM_RW, shm_doc(), "1.11");
    }

    fn duplicate_doc() -> Value {
        json!({"Resources": [
            device("a", "/dev/ttyUSB0"),
            device("b", "/dev//ttyUSB0/"),
            device("c", "/dev/ttyUSB1"),
            volume("in", "/tmp/in", "/in"),
            volume("in-again", "/tmp/in/", "/in/"),
            volume("in-elsewhere", "/tmp/./in", "/input"),
            volume("shared-destination", "/tmp/out", "/in"),
        ]})
    }

    #[test]
    fn duplicate_source_pairs_the_later_resource_with_the_first() {
        let found = run(&DUPLICATE_SOURCE, duplicate_doc(), "1.11");

        assert_eq!(
            pointers(&found),
            [
                format!("/Resources/1/{SOURCE}"),
                format!("/Resources/5/{VOLUME}/SourcePath")
            ]
        );
        assert_eq!(found[0].related, [format!("/Resources/0/{SOURCE}")]);
        assert!(found[0].message.contains("`a`") && found[0].message.contains("`b`"));
        assert_eq!(
            found[1].related,
            [format!("/Resources/3/{VOLUME}/SourcePath")]
        );
        assert!(found[1].message.contains("`/in` and `/input`"));
    }

    #[test]
    fn owner_ignored_when_auto_add_is_on() {
        let owner = |auto: bool, name: &str| {
            json!({"Id": "r", "Name": "r", "ResourceDataContainer": {"LocalVolumeResourceData": {
                "SourcePath": "/tmp", "DestinationPath": "/t",
                "GroupOwnerSetting": {"AutoAddGroupOwner": auto, "GroupOwner": name}}}})
        };
        let doc =
            json!({"Resources": [owner(true, "video"), owner(false, "video"), owner(true, "")]});
        let found = run(&OWNER_IGNORED, doc.clone(), "1.11");

        assert_eq!(
            pointers(&found),
            [format!(
                "/Resources/0/{VOLUME}/GroupOwnerSetting/GroupOwner"
            )]
        );
        assert!(found[0].message.contains("`video`"));
        assert_eq!(found[0].fixes.len(), 2);
        assert_fix_clears(&OWNER_IGNORED, doc, "1.11");
    }
}
