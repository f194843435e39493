//! The validation core of ggaccess.
//!
//! A [`Group`] holds the merged document `{DefaultConfig?, Functions?, Resources?}` of a Greengrass
//! v1 group as JSON, plus the core version it targets. [`validate`] derives every diagnostic from
//! it; [`edit::apply`] changes it by JSON Patch; `import` and `export` move it in and out of the
//! formats people keep their definitions in. Nothing here knows about the browser.

pub mod diagnostic;
pub mod edit;
pub mod examples;
pub mod export;
pub mod import;
pub mod model;
pub mod path;
pub mod rules;
pub mod schema;
pub mod share;
pub mod version;

pub use diagnostic::{Diagnostic, Fix, Location, Severity};
pub use edit::Edit;
pub use model::Group;
pub use rules::{validate, Rule};
pub use version::CoreVersion;
