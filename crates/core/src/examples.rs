//! Ready-made groups: the two cases of `access-ml-resources.md` with real-looking values, and the
//! example the web app opens on a first visit. Each yields no diagnostic at core v1.11.

use crate::import::{import, SourceFile};
use crate::model::Group;

/// Only containerized functions use the model: function `image-classifier` attaches
/// `squeezenet-model` read-only, and the resource has no owner (the page's recommended set-up).
pub const CONTAINERIZED: &str = include_str!("../fixtures/containerized.json");

/// A non-containerized function (`object-detector`) inherits the owner's permission of
/// `mobilenet-model` (OS group 1500, read and write) while a containerized one
/// (`object-tracker`) asks for read-only, which is more restrictive. Needs core v1.10 or later.
pub const NON_CONTAINERIZED: &str = include_str!("../fixtures/non-containerized.json");

/// Both cases side by side in one group, for the web app's first visit.
pub const BUILT_IN: &str = include_str!("../fixtures/built-in.json");

/// The group of [`BUILT_IN`], for the newest core.
pub fn built_in() -> Group {
    let file = SourceFile::new("built-in.json", BUILT_IN);
    // The text is part of the build and tested to import; an empty group is the fallback that
    // keeps a broken build from panicking in the browser.
    import(&[file]).map_or_else(|_| Group::new(), |imported| imported.group)
}
