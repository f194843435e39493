//! Share links: a whole group (the merged document and the core version) as text that fits in a
//! URL fragment.
//!
//! The text is `v1:` followed by the raw deflate of a small JSON object
//! `{"core": "1.11", "doc": {...}}`, written in unpadded base64url. Base64url keeps any Unicode in
//! the document safe in a URL; the version prefix lets a later format be told apart. The web app
//! puts the text after `#`, so it never reaches a server.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Map, Value};

use crate::model::Group;
use crate::version::CoreVersion;

/// The prefix of the current format.
pub const PREFIX: &str = "v1:";

/// The most bytes a share text may inflate to. A real group is a few kilobytes; the cap keeps a
/// crafted link (a small deflate stream that expands to gigabytes) from exhausting memory.
pub const MAX_INFLATED: usize = 1 << 20;

/// Links longer than this are cut by some chat and ticket tools; the web app says so.
pub const LONG_LINK: usize = 2000;

/// Why a share text could not be read back into a group.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// The text does not start with a version prefix such as `v1:`.
    #[error("this is not a ggaccess share link (it should start with `v1:`)")]
    NotShareText,
    /// The prefix names a format this build does not know.
    #[error("this link was made by a newer ggaccess (format `{0}`); open it with a newer version")]
    UnknownFormat(String),
    /// A character outside unpadded base64url, or a length no base64 text can have: the link was
    /// changed or cut.
    #[error("the link was changed or cut short: it is not valid base64url")]
    Base64,
    /// The deflate stream is damaged or ends early: the link was changed or cut.
    #[error("the link was changed or cut short: its compressed data is damaged")]
    Inflate,
    /// The data inflates to more than [`MAX_INFLATED`] bytes.
    #[error("the link holds more than {} KiB of data, more than any group needs", MAX_INFLATED / 1024)]
    TooLarge,
    /// The data is not the JSON object `{core, doc}` this format holds.
    #[error("the link was changed: its data is not a ggaccess group ({0})")]
    Payload(String),
}

/// The share text of `group`: `v1:` and the unpadded base64url of the raw deflate of
/// `{"core", "doc"}`. Only the document and the core version travel; where an import came from
/// (origins, definition members) does not.
pub fn encode(group: &Group) -> String {
    let payload = json!({"core": group.core_version.to_string(), "doc": group.doc});
    let compressed = miniz_oxide::deflate::compress_to_vec(payload.to_string().as_bytes(), 10);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The group a share text holds. A leading `#` (the text as found in `location.hash`) is ignored.
pub fn decode(text: &str) -> Result<Group, ShareError> {
    let text = text.strip_prefix('#').unwrap_or(text);
    let Some((format, data)) = text.split_once(':') else {
        return Err(ShareError::NotShareText);
    };
    if format != "v1" {
        let is_version = format.len() > 1
            && format.starts_with('v')
            && format.bytes().skip(1).all(|b| b.is_ascii_digit());
        return Err(if is_version {
            ShareError::UnknownFormat(format.to_string())
        } else {
            ShareError::NotShareText
        });
    }

    let compressed = URL_SAFE_NO_PAD
        .decode(data.trim_end())
        .map_err(|_| ShareError::Base64)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_INFLATED)
        .map_err(|error| match error.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::Inflate,
        })?;

    let payload: Value = serde_json::from_slice(&bytes)
        .map_err(|error| ShareError::Payload(format!("not JSON: {error}")))?;
    let Value::Object(mut members) = payload else {
        return Err(ShareError::Payload("not a JSON object".to_string()));
    };
    let core_version = read_core(&members)?;
    let doc = match members.remove("doc") {
        Some(doc @ Value::Object(_)) => doc,
        Some(_) => return Err(ShareError::Payload("`doc` is not an object".to_string())),
        None => return Err(ShareError::Payload("no `doc`".to_string())),
    };
    Ok(Group {
        doc,
        core_version,
        ..Group::default()
    })
}

/// The core version of the payload: a released version written as text.
fn read_core(members: &Map<String, Value>) -> Result<CoreVersion, ShareError> {
    let text = members
        .get("core")
        .and_then(Value::as_str)
        .ok_or_else(|| ShareError::Payload("no `core` version".to_string()))?;
    text.parse::<CoreVersion>()
        .map_err(|error| ShareError::Payload(format!("core version: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn group(doc: Value, minor: u8) -> Group {
        Group {
            doc,
            core_version: CoreVersion::new(minor).unwrap(),
            ..Group::default()
        }
    }

    /// Deflates and encodes `text` as a v1 share text, bypassing [`encode`]'s payload.
    fn raw(text: &[u8]) -> String {
        let compressed = miniz_oxide::deflate::compress_to_vec(text, 6);
        format!("v1:{}", URL_SAFE_NO_PAD.encode(compressed))
    }

    #[test]
    fn round_trip_keeps_unicode_order_and_core() {
        let doc = json!({
            "Resources": [{"Id": "modèle-ü", "Name": "模型 🚀", "ResourceDataContainer": {}}],
            "Functions": [{"Id": "z-first", "FunctionArn": "arn"}, {"Id": "a-second"}],
            "DefaultConfig": {"Execution": {"IsolationMode": "NoContainer"}}
        });
        let original = group(doc.clone(), 7);

        let text = encode(&original);
        assert!(text.starts_with("v1:"));
        let safe = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        assert!(text["v1:".len()..].chars().all(safe), "{text}");

        let back = decode(&text).unwrap();
        assert_eq!(back.doc, doc);
        assert_eq!(back.core_version, CoreVersion::new(7).unwrap());
        let keys: Vec<_> = back.doc.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["Resources", "Functions", "DefaultConfig"]);
        assert_eq!(decode(&format!("#{text}")).unwrap().doc, doc);
    }

    #[test]
    fn the_built_in_example_makes_a_short_link() {
        let text = encode(&crate::examples::built_in());
        assert!(text.len() < LONG_LINK, "{}", text.len());
        assert_eq!(decode(&text).unwrap().doc, crate::examples::built_in().doc);
    }

    #[test]
    fn a_character_outside_base64url_is_refused() {
        let text = encode(&group(json!({"Functions": []}), 11));
        let tampered = format!("{}+{}", &text[..6], &text[7..]);
        assert_eq!(decode(&tampered).unwrap_err(), ShareError::Base64);
    }

    #[test]
    fn tampered_data_is_a_typed_error() {
        let text = encode(&crate::examples::built_in());
        // Flip one character in the middle of the data: deflate or JSON fails, never a panic,
        // never a silently different group.
        let middle = text.len() / 2;
        let flipped = if &text[middle..=middle] == "A" {
            "B"
        } else {
            "A"
        };
        let tampered = format!("{}{flipped}{}", &text[..middle], &text[middle + 1..]);
        let error = decode(&tampered).unwrap_err();
        assert!(
            matches!(error, ShareError::Inflate | ShareError::Payload(_)),
            "{error:?}"
        );
    }

    #[test]
    fn truncated_text_is_a_typed_error() {
        let text = encode(&crate::examples::built_in());
        for keep in [text.len() - 1, text.len() - 5, text.len() / 2, 4] {
            let error = decode(&text[..keep]).unwrap_err();
            assert!(
                matches!(error, ShareError::Inflate | ShareError::Base64),
                "cut at {keep}: {error:?}"
            );
        }
        assert_eq!(decode("v1:").unwrap_err(), ShareError::Inflate);
    }

    #[test]
    fn inflated_size_is_capped() {
        // 8 MiB of spaces deflate to a few kilobytes; decoding stops at the cap.
        let bomb = vec![b' '; 8 << 20];
        let text = raw(&bomb);
        assert!(text.len() < 40_000, "{}", text.len());
        assert_eq!(decode(&text).unwrap_err(), ShareError::TooLarge);
    }

    #[test]
    fn other_prefixes_and_payloads_are_refused() {
        assert_eq!(decode("hello").unwrap_err(), ShareError::NotShareText);
        assert_eq!(decode("x:abc").unwrap_err(), ShareError::NotShareText);
        assert_eq!(
            decode("v2:abc").unwrap_err(),
            ShareError::UnknownFormat("v2".to_string())
        );
        assert!(matches!(decode(&raw(b"[1]")), Err(ShareError::Payload(_))));
        assert!(matches!(
            decode(&raw(b"not json")),
            Err(ShareError::Payload(_))
        ));
        assert!(matches!(
            decode(&raw(br#"{"core":"1.11","doc":[]}"#)),
            Err(ShareError::Payload(_))
        ));
        assert!(matches!(
            decode(&raw(br#"{"core":"1.4","doc":{}}"#)),
            Err(ShareError::Payload(_))
        ));
        assert!(matches!(
            decode(&raw(br#"{"doc":{}}"#)),
            Err(ShareError::Payload(_))
        ));
        let ok = decode(&raw(br#"{"core":"1.10.2","doc":{}}"#)).unwrap();
        assert_eq!(ok.core_version.to_string(), "1.10.2");
    }
}
