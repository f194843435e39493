//! Edits that the form makes: set or clear one member, creating or pruning the objects around it.
//!
//! A form control sets a member that may sit inside objects that do not exist yet (a Run As Uid in
//! a function without `Execution`), and clearing it should not leave `"Execution": {}` behind in
//! the export. These helpers turn "set this pointer" into the JSON Patch edits that do it.

use ggaccess_core::edit::escape_token;
use ggaccess_core::Edit;
use serde_json::{json, Value};

/// The edits that make `pointer` hold `value`: `add` for each missing parent object, then `add`
/// or `replace` of the member. Empty when the member already holds `value`, or when a parent is
/// neither an object nor an array (the document's shape is then reported by the core).
pub fn set(doc: &Value, pointer: &str, value: Value) -> Vec<Edit> {
    if doc.pointer(pointer) == Some(&value) {
        return Vec::new();
    }
    if doc.pointer(pointer).is_some() {
        return vec![Edit::replace(pointer, value)];
    }

    // Find the deepest existing ancestor, then build the missing part as one nested value.
    let tokens = split(pointer);
    let mut depth = tokens.len();
    while depth > 0 && doc.pointer(&join(&tokens[..depth - 1])).is_none() {
        depth -= 1;
    }
    if depth == 0 {
        return Vec::new();
    }
    let parent = doc.pointer(&join(&tokens[..depth - 1]));
    if !matches!(parent, Some(Value::Object(_)) | Some(Value::Array(_))) {
        return Vec::new();
    }
    let mut nested = value;
    for token in tokens[depth..].iter().rev() {
        nested = json!({ token.as_str(): nested });
    }
    vec![Edit::add(join(&tokens[..depth]), nested)]
}

/// The edits that remove the member at `pointer`, and then every object or array that the removal
/// leaves empty, up to (not including) an entry of `Functions` or `Resources` and the root.
/// Empty when the member is absent.
pub fn unset(doc: &Value, pointer: &str) -> Vec<Edit> {
    if doc.pointer(pointer).is_none() || pointer.is_empty() {
        return Vec::new();
    }
    let tokens = split(pointer);
    let mut depth = tokens.len();

    // Climb while the parent would be left empty and may be dropped.
    while depth > 1 {
        let parent = join(&tokens[..depth - 1]);
        let only_child = match doc.pointer(&parent) {
            Some(Value::Object(map)) => map.len() == 1,
            Some(Value::Array(items)) => items.len() == 1,
            _ => false,
        };
        if !only_child || is_entry(&tokens[..depth - 1]) || is_kept(&tokens[..depth - 1]) {
            break;
        }
        depth -= 1;
    }
    vec![Edit::remove(join(&tokens[..depth]))]
}

/// Set when `value` is `Some`, unset when `None`.
pub fn set_or_unset(doc: &Value, pointer: &str, value: Option<Value>) -> Vec<Edit> {
    match value {
        Some(value) => set(doc, pointer, value),
        None => unset(doc, pointer),
    }
}

/// The edits that append `value` to the array at `pointer`, creating the array (and its parents)
/// when it is absent.
pub fn push(doc: &Value, pointer: &str, value: Value) -> Vec<Edit> {
    match doc.pointer(pointer) {
        Some(Value::Array(_)) => vec![Edit::add(format!("{pointer}/-"), value)],
        Some(_) => Vec::new(),
        None => set(doc, pointer, Value::Array(vec![value])),
    }
}

/// The edit that removes the array element at `pointer` (a function, a resource, an attachment),
/// dropping the array and its emptied parents when it was the last element.
pub fn remove_entry(doc: &Value, pointer: &str) -> Vec<Edit> {
    unset(doc, pointer)
}

/// Whether these tokens name one entry of `Functions` or `Resources`, which is never pruned.
fn is_entry(tokens: &[String]) -> bool {
    matches!(tokens, [top, index] if (top == "Functions" || top == "Resources")
        && index.parse::<usize>().is_ok())
}

/// Whether these tokens name an object whose mere presence means something, which is kept even
/// when emptied: an ML resource's `OwnerSetting` ("Specify OS group and permission").
fn is_kept(tokens: &[String]) -> bool {
    tokens.last().is_some_and(|last| last == "OwnerSetting")
}

/// The unescaped reference tokens of a pointer.
pub fn split(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// A pointer from unescaped tokens.
pub fn join(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|token| format!("/{}", escape_token(token)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ggaccess_core::edit::apply;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn run(mut doc: Value, edits: Vec<Edit>) -> Value {
        apply(&mut doc, &edits).unwrap();
        doc
    }

    #[wasm_bindgen_test]
    fn set_creates_missing_parents_in_one_add() {
        let doc = json!({"Functions": [{"Id": "f"}]});
        let pointer = "/Functions/0/FunctionConfiguration/Environment/Execution/RunAs/Uid";
        let edits = set(&doc, pointer, json!(1000));
        assert_eq!(edits.len(), 1);
        assert_eq!(
            run(doc, edits),
            json!({"Functions": [{"Id": "f", "FunctionConfiguration": {"Environment":
                {"Execution": {"RunAs": {"Uid": 1000}}}}}]})
        );
    }

    #[wasm_bindgen_test]
    fn set_replaces_and_skips_equal_values() {
        let doc = json!({"Functions": [{"Id": "f"}]});
        assert!(set(&doc, "/Functions/0/Id", json!("f")).is_empty());
        assert_eq!(
            run(doc.clone(), set(&doc, "/Functions/0/Id", json!("g"))),
            json!({"Functions": [{"Id": "g"}]})
        );
    }

    #[wasm_bindgen_test]
    fn set_refuses_to_build_through_a_scalar() {
        let doc = json!({"DefaultConfig": "oops"});
        assert!(set(
            &doc,
            "/DefaultConfig/Execution/IsolationMode",
            json!("NoContainer")
        )
        .is_empty());
    }

    #[wasm_bindgen_test]
    fn unset_prunes_emptied_objects_but_keeps_the_entry() {
        let doc = json!({"Functions": [{"Id": "f", "FunctionConfiguration": {"Environment":
            {"Execution": {"RunAs": {"Uid": 1}}}}}]});
        let pointer = "/Functions/0/FunctionConfiguration/Environment/Execution/RunAs/Uid";
        assert_eq!(
            run(doc.clone(), unset(&doc, pointer)),
            json!({"Functions": [{"Id": "f"}]})
        );
    }

    #[wasm_bindgen_test]
    fn unset_keeps_parents_with_other_members() {
        let doc = json!({"DefaultConfig": {"Execution": {"IsolationMode": "NoContainer",
            "RunAs": {"Uid": 1}}}});
        let edits = unset(&doc, "/DefaultConfig/Execution/RunAs/Uid");
        assert_eq!(
            run(doc, edits),
            json!({"DefaultConfig": {"Execution": {"IsolationMode": "NoContainer"}}})
        );
    }

    #[wasm_bindgen_test]
    fn removing_the_last_attachment_drops_the_list() {
        let doc = json!({"Functions": [{"Id": "f", "FunctionConfiguration": {"Pinned": true,
            "Environment": {"ResourceAccessPolicies": [{"ResourceId": "r"}]}}}]});
        let pointer = "/Functions/0/FunctionConfiguration/Environment/ResourceAccessPolicies/0";
        assert_eq!(
            run(doc.clone(), remove_entry(&doc, pointer)),
            json!({"Functions": [{"Id": "f", "FunctionConfiguration": {"Pinned": true}}]})
        );
    }

    #[wasm_bindgen_test]
    fn push_creates_or_appends() {
        let doc = json!({});
        let doc = run(doc.clone(), push(&doc, "/Resources", json!({"Id": "a"})));
        let doc = run(doc.clone(), push(&doc, "/Resources", json!({"Id": "b"})));
        assert_eq!(doc, json!({"Resources": [{"Id": "a"}, {"Id": "b"}]}));
    }

    #[wasm_bindgen_test]
    fn tokens_round_trip_escapes() {
        let tokens = split("/a~1b/c~0d");
        assert_eq!(tokens, vec!["a/b".to_string(), "c~d".to_string()]);
        assert_eq!(join(&tokens), "/a~1b/c~0d");
    }
}
