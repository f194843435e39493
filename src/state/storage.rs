//! Autosave: the group is kept in the browser's local storage, so a reload keeps the work.

use ggaccess_core::{CoreVersion, Group};
use serde_json::{json, Value};

const KEY: &str = "ggaccess.group.v1";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved group, if there is a readable one.
pub fn load() -> Option<Group> {
    let text = local_storage()?.get_item(KEY).ok()??;
    let saved: Value = serde_json::from_str(&text).ok()?;
    let doc = saved.get("doc").filter(|doc| doc.is_object())?.clone();
    let core_version = saved
        .get("coreVersion")
        .and_then(Value::as_str)
        .and_then(|text| text.parse::<CoreVersion>().ok())
        .unwrap_or_default();
    Some(Group {
        doc,
        core_version,
        ..Group::default()
    })
}

/// Saves the group. A browser that refuses storage (private mode, quota) only loses the autosave.
pub fn save(group: &Group) {
    let Some(storage) = local_storage() else {
        return;
    };
    let saved = json!({"doc": group.doc, "coreVersion": group.core_version.to_string()});
    if let Err(error) = storage.set_item(KEY, &saved.to_string()) {
        log::warn!("could not save the group: {error:?}");
    }
}
