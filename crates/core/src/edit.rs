//! Edits to the merged document: JSON Patch operations (RFC 6902 `add`, `remove`, `replace`).
//!
//! Every change, whether a rule's fix or a click in the editor, is an [`Edit`]. Applying them lives
//! here, once, on top of the `json-patch` crate.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One JSON Patch operation on the merged document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Edit {
    /// Add a member or insert into an array (`-` appends).
    Add {
        /// JSON Pointer of the place.
        path: String,
        /// The value to put there.
        value: Value,
    },
    /// Remove a member or an array element.
    Remove {
        /// JSON Pointer of the place.
        path: String,
    },
    /// Replace an existing value.
    Replace {
        /// JSON Pointer of the place.
        path: String,
        /// The new value.
        value: Value,
    },
}

impl Edit {
    /// `add` at `path`.
    pub fn add(path: impl Into<String>, value: Value) -> Edit {
        Edit::Add {
            path: path.into(),
            value,
        }
    }

    /// `remove` at `path`.
    pub fn remove(path: impl Into<String>) -> Edit {
        Edit::Remove { path: path.into() }
    }

    /// `replace` at `path`.
    pub fn replace(path: impl Into<String>, value: Value) -> Edit {
        Edit::Replace {
            path: path.into(),
            value,
        }
    }

    /// The JSON Pointer this edit touches.
    pub fn path(&self) -> &str {
        match self {
            Edit::Add { path, .. } | Edit::Remove { path } | Edit::Replace { path, .. } => path,
        }
    }
}

/// Why a list of edits could not be applied; the document is then left as it was.
#[derive(Debug, thiserror::Error)]
#[error("cannot apply edit {index} ({path}): {reason}")]
pub struct EditError {
    /// Position of the failing edit in the list, from 0.
    pub index: usize,
    /// Its JSON Pointer.
    pub path: String,
    /// What the patch library said.
    pub reason: String,
}

/// Applies `edits` in order to `doc`, all or nothing.
pub fn apply(doc: &mut Value, edits: &[Edit]) -> Result<(), EditError> {
    let mut work = doc.clone();
    for (index, edit) in edits.iter().enumerate() {
        let error = |reason: String| EditError {
            index,
            path: edit.path().to_string(),
            reason,
        };
        let operation = serde_json::to_value(edit)
            .and_then(serde_json::from_value::<json_patch::PatchOperation>)
            .map_err(|e| error(e.to_string()))?;
        json_patch::patch(&mut work, &[operation]).map_err(|e| error(e.to_string()))?;
    }
    *doc = work;
    Ok(())
}

/// Escapes one reference token for a JSON Pointer (`~` to `~0`, `/` to `~1`).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn applies_in_order_and_serialises_as_rfc6902() {
        let mut doc = json!({"Functions": [{"Id": "a"}]});
        let edits = [
            Edit::add(
                "/Functions/0/FunctionConfiguration",
                json!({"MemorySize": 16384}),
            ),
            Edit::replace("/Functions/0/Id", json!("b")),
        ];
        apply(&mut doc, &edits).unwrap();
        assert_eq!(
            doc,
            json!({"Functions": [{"Id": "b", "FunctionConfiguration": {"MemorySize": 16384}}]})
        );
        assert_eq!(
            serde_json::to_value(&edits[1]).unwrap(),
            json!({"op": "replace", "path": "/Functions/0/Id", "value": "b"})
        );
    }

    #[test]
    fn failure_leaves_document_untouched() {
        let mut doc = json!({"Functions": []});
        let edits = [
            Edit::add("/Resources", json!([])),
            Edit::remove("/Functions/3"),
        ];
        let error = apply(&mut doc, &edits).unwrap_err();
        assert_eq!(error.index, 1);
        assert_eq!(doc, json!({"Functions": []}));
    }

    #[test]
    fn escapes_tokens() {
        assert_eq!(escape_token("a/b~c"), "a~1b~0c");
    }
}
