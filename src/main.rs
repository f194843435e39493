//! Entry point of the browser app: panic hook, logging, mount.

use ggaccess_web::App;
use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();

    // Debug builds log everything; release builds only warnings and errors.
    let level = if cfg!(debug_assertions) {
        log::Level::Debug
    } else {
        log::Level::Warn
    };
    let _ = console_log::init_with_level(level);

    mount_to_body(App);
}
