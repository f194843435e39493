//! Component tests in headless Chromium: the form marks fields from the core's diagnostics, applies
//! fixes and entries as edits, and never panics on what a user types.
//!
//! Run with `cargo test -p ggaccess-web --target wasm32-unknown-unknown` (see scripts/test).

use ggaccess_core::{examples, Group};
use ggaccess_web::state::AppState;
use ggaccess_web::views::app::Page;
use leptos::mount::mount_to;
use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The page mounted on `group`, unmounted when dropped.
struct Mounted {
    state: AppState,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
    root: HtmlElement,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn mount(group: Group) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let state = AppState::new(group);
    let handle = mount_to(root.clone(), move || {
        provide_context(state);
        view! { <Page/> }.into_any()
    });
    Mounted {
        state,
        _handle: handle,
        root,
    }
}

/// Lets the reactive system and the browser run queued work.
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

fn by_id<T: JsCast>(id: &str) -> T {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no element #{id}"))
        .dyn_into::<T>()
        .unwrap_or_else(|_| panic!("#{id} has another type"))
}

fn exists(id: &str) -> bool {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .get_element_by_id(id)
        .is_some()
}

fn fire(element: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

async fn type_into(id: &str, text: &str) {
    let input: HtmlInputElement = by_id(id);
    input.set_value(text);
    fire(&input, "input");
    settle().await;
}

async fn choose(id: &str, value: &str) {
    let select: HtmlSelectElement = by_id(id);
    select.set_value(value);
    fire(&select, "change");
    settle().await;
}

fn doc_at(state: &AppState, pointer: &str) -> Option<Value> {
    state
        .group
        .with_untracked(|g| g.doc.pointer(pointer).cloned())
}

/// The containerized case of the AWS page, with the resource given an owner.
fn owned_containerized(owner_permission: &str, attachment: &str) -> Group {
    let mut doc: Value = serde_json::from_str(examples::CONTAINERIZED).unwrap();
    doc["Resources"][0]["ResourceDataContainer"]["S3MachineLearningModelResourceData"]
        ["OwnerSetting"] = json!({"GroupOwner": "1500", "GroupPermission": owner_permission});
    doc["Functions"][0]["FunctionConfiguration"]["Environment"]["ResourceAccessPolicies"][0]
        ["Permission"] = json!(attachment);
    Group::from_doc(doc)
}

const PERMISSION: &str =
    "/Functions/0/FunctionConfiguration/Environment/ResourceAccessPolicies/0/Permission";

#[wasm_bindgen_test]
async fn the_built_in_example_has_no_diagnostics() {
    let page = mount(examples::built_in());
    settle().await;

    assert!(page.state.diagnostics.get_untracked().is_empty());
    assert!(page
        .root
        .text_content()
        .unwrap()
        .contains("No problems found"));
}

#[wasm_bindgen_test]
async fn a_conflict_is_marked_on_its_field_and_cleared_by_its_fix() {
    let page = mount(owned_containerized("ro", "rw"));
    settle().await;

    // The attachment's permission select carries the error, linked to its message.
    let id = format!("at{PERMISSION}");
    let select: HtmlSelectElement = by_id(&id);
    assert_eq!(
        select.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let described = select.get_attribute("aria-describedby").unwrap();
    let messages: HtmlElement = by_id(&format!("{id}-messages"));
    assert!(described.split(' ').any(|part| part == messages.id()));
    assert!(messages
        .text_content()
        .unwrap()
        .contains("ml/permission-exceeds-owner"));

    // Its first fix, as a button beside the message, lowers the attachment to read-only.
    let fix: HtmlElement = messages
        .query_selector("button.fix")
        .unwrap()
        .unwrap()
        .unchecked_into();
    fix.click();
    settle().await;
    assert_eq!(doc_at(&page.state, PERMISSION), Some(json!("ro")));
    let select: HtmlSelectElement = by_id(&id);
    assert_eq!(select.get_attribute("aria-invalid"), None);
    assert!(!exists(&format!("{id}-messages")));
}

#[wasm_bindgen_test]
async fn invalid_choices_are_offered_with_the_reason() {
    let _page = mount(owned_containerized("ro", "ro"));
    settle().await;

    let select: HtmlSelectElement = by_id(&format!("at{PERMISSION}"));
    let labels: Vec<String> = (0..select.length())
        .filter_map(|i| select.item(i))
        .map(|option| option.text_content().unwrap_or_default())
        .collect();
    assert_eq!(labels.len(), 3, "{labels:?}");
    assert!(
        labels[1].starts_with("Read and write access ("),
        "{labels:?}"
    );
    assert!(labels[1].contains("read-only"), "{labels:?}");
    assert_eq!(labels[2], "Inherit resource owner permissions");
}

#[wasm_bindgen_test]
async fn memory_is_entered_in_mb_and_bad_entries_are_flagged_not_written() {
    let page = mount(Group::from_doc(
        serde_json::from_str(examples::CONTAINERIZED).unwrap(),
    ));
    settle().await;
    let pointer = "/Functions/0/FunctionConfiguration/MemorySize";
    let id = format!("at{pointer}");

    type_into(&id, "1.5").await;
    assert_eq!(doc_at(&page.state, pointer), Some(json!(1536)));

    for bad in ["lots", "-3", "1e400", "0.0001", "9".repeat(40).as_str()] {
        type_into(&id, bad).await;
        assert_eq!(doc_at(&page.state, pointer), Some(json!(1536)), "{bad}");
        let input: HtmlInputElement = by_id(&id);
        assert_eq!(
            input.get_attribute("aria-invalid").as_deref(),
            Some("true"),
            "{bad}"
        );
        assert!(exists(&format!("{id}-messages")), "{bad}");
    }

    // Emptying it removes the member, which the core then reports for a containerized function.
    type_into(&id, "").await;
    assert_eq!(doc_at(&page.state, pointer), None);
    let rules: Vec<&str> = page
        .state
        .diagnostics
        .get_untracked()
        .iter()
        .map(|d| d.rule)
        .collect();
    assert!(rules.contains(&"container/memory-required"), "{rules:?}");
}

#[wasm_bindgen_test]
async fn choosing_an_owner_adds_owner_setting_and_asks_for_the_gid() {
    let page = mount(Group::from_doc(
        serde_json::from_str(examples::CONTAINERIZED).unwrap(),
    ));
    settle().await;
    let owner =
        "/Resources/0/ResourceDataContainer/S3MachineLearningModelResourceData/OwnerSetting";

    let specify: HtmlInputElement = by_id(&format!("at{owner}-specify"));
    specify.click();
    settle().await;
    assert_eq!(
        doc_at(&page.state, owner),
        Some(json!({"GroupPermission": "ro"}))
    );

    // The GID is missing: the new GID field is where the core's finding shows.
    let gid: HtmlInputElement = by_id(&format!("at{owner}/GroupOwner"));
    assert_eq!(gid.get_attribute("aria-invalid").as_deref(), Some("true"));
    type_into(&gid.id(), "1500").await;
    assert_eq!(
        doc_at(&page.state, &format!("{owner}/GroupOwner")),
        Some(json!("1500"))
    );

    let none: HtmlInputElement = by_id(&format!("at{owner}"));
    none.click();
    settle().await;
    assert_eq!(doc_at(&page.state, owner), None);
}

#[wasm_bindgen_test]
async fn clicking_a_diagnostic_focuses_its_field() {
    let mut doc: Value = serde_json::from_str(examples::CONTAINERIZED).unwrap();
    doc["Functions"][0]["FunctionArn"] = json!("arn:aws:lambda:us-west-2:123456789012:function:f");
    let page = mount(Group::from_doc(doc));
    settle().await;

    let item: HtmlElement = page
        .root
        .query_selector(".diagnostic button.goto")
        .unwrap()
        .expect("a diagnostic in the panel")
        .unchecked_into();
    item.click();
    settle().await;
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(active.id(), "at/Functions/0/FunctionArn");
}

#[wasm_bindgen_test]
async fn attaching_from_a_function_and_from_a_resource() {
    let page = mount(Group::from_doc(json!({
        "Functions": [{"Id": "f", "FunctionArn": "", "FunctionConfiguration": {"MemorySize": 16384}}],
        "Resources": [{"Id": "model", "Name": "model", "ResourceDataContainer":
            {"S3MachineLearningModelResourceData": {"DestinationPath": "/m", "S3Uri": ""}}}]
    })));
    settle().await;
    let list = "/Functions/0/FunctionConfiguration/Environment/ResourceAccessPolicies";

    // From the function: the resource and read-only access are picked by default.
    let attach: HtmlElement = by_id::<HtmlElement>("attach-0-title")
        .parent_element()
        .unwrap()
        .query_selector("fieldset button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    attach.click();
    settle().await;
    assert_eq!(
        doc_at(&page.state, list),
        Some(json!([{"ResourceId": "model", "Permission": "ro"}]))
    );

    // From the resource: choose read and write.
    choose("affiliate-0-permission", "rw").await;
    let affiliate: HtmlElement = by_id::<HtmlElement>("affiliate-0-title")
        .parent_element()
        .unwrap()
        .query_selector("fieldset button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    affiliate.click();
    settle().await;
    assert_eq!(
        doc_at(&page.state, &format!("{list}/1")),
        Some(json!({"ResourceId": "model", "Permission": "rw"}))
    );
}

#[wasm_bindgen_test]
async fn a_malformed_import_says_where_and_keeps_the_work() {
    let page = mount(examples::built_in());
    settle().await;
    let before = page.state.group.get_untracked().doc;

    let text: HtmlTextAreaElement = by_id("import-text");
    text.set_value("{\n  \"Functions\": [\n    {\"Id\": \"f\",,}\n  ]\n}\n");
    fire(&text, "input");
    settle().await;
    let import: HtmlElement = page
        .root
        .query_selector("#tab-import-panel .import-actions button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    import.click();
    settle().await;

    let result: HtmlElement = by_id("import-result");
    let message = result.text_content().unwrap();
    assert!(message.contains("line 3, column"), "{message}");
    assert_eq!(page.state.group.get_untracked().doc, before);
    assert_eq!(text.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn typing_into_a_field_is_one_undo_step_and_new_group_can_be_undone() {
    let page = mount(examples::built_in());
    settle().await;
    let original = page.state.group.get_untracked().doc;
    let id = "at/Functions/0/FunctionConfiguration/Timeout";

    for text in ["1", "12", "120"] {
        type_into(id, text).await;
    }
    assert_eq!(
        doc_at(&page.state, "/Functions/0/FunctionConfiguration/Timeout"),
        Some(json!(120))
    );
    page.state.undo();
    settle().await;
    assert_eq!(page.state.group.get_untracked().doc, original);
    let input: HtmlInputElement = by_id(id);
    assert_eq!(input.value(), "5");

    page.state.redo();
    settle().await;
    assert_eq!(
        doc_at(&page.state, "/Functions/0/FunctionConfiguration/Timeout"),
        Some(json!(120))
    );

    page.state.replace(Group::new());
    settle().await;
    assert_eq!(page.state.group.get_untracked().doc, json!({}));
    page.state.undo();
    settle().await;
    assert_eq!(
        doc_at(&page.state, "/Functions/0/FunctionConfiguration/Timeout"),
        Some(json!(120))
    );
}

#[wasm_bindgen_test]
async fn a_document_of_the_wrong_shape_renders_and_takes_entries_without_panicking() {
    let page = mount(Group::from_doc(json!({
        "DefaultConfig": "not an object",
        "Functions": [1, null, {"Id": 7, "FunctionConfiguration": "x"}],
        "Resources": [{"Id": "r", "ResourceDataContainer": {}}, "text"]
    })));
    settle().await;
    assert!(!page.state.diagnostics.get_untracked().is_empty());

    // Entries under a scalar cannot be written: nothing changes, and the page stays alive.
    let before = page.state.group.get_untracked().doc;
    type_into("at/DefaultConfig/Execution/RunAs/Uid", "5").await;
    type_into("at/Functions/0/FunctionConfiguration/Timeout", "5").await;
    type_into("at/Functions/2/FunctionConfiguration/MemorySize", "16").await;
    assert_eq!(page.state.group.get_untracked().doc, before);
    let memory: HtmlInputElement = by_id("at/Functions/2/FunctionConfiguration/MemorySize");
    assert_eq!(
        memory.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let messages: HtmlElement = by_id("at/Functions/2/FunctionConfiguration/MemorySize-messages");
    assert!(messages.text_content().unwrap().contains("Not saved"));

    // A readable place still takes an entry.
    type_into("at/Functions/2/Id", "f").await;
    assert_eq!(doc_at(&page.state, "/Functions/2/Id"), Some(json!("f")));
}

#[wasm_bindgen_test]
fn a_saved_record_of_another_format_is_refused_not_misread() {
    use ggaccess_web::state::storage::{parse, record};

    let group = examples::built_in();
    let back = parse(&record(&group)).unwrap();
    assert_eq!(back.doc, group.doc);
    assert_eq!(back.core_version, group.core_version);

    // The record of the first web app had no format version.
    let old = r#"{"doc": {}, "coreVersion": "1.11"}"#;
    assert!(parse(old).unwrap_err().contains("no format version"));
    let newer = r#"{"version": 2, "core": "1.11", "doc": {}}"#;
    assert!(parse(newer).unwrap_err().contains("format 2"));
    assert!(parse(r#"{"version": 1, "core": "1.4", "doc": {}}"#).is_err());
    assert!(parse(r#"{"version": 1, "core": "1.11", "doc": []}"#).is_err());
    assert!(parse(r#"{"version": 1, "core": "1.11", "doc": "#).is_err());
}
