//! The components. Views read the group and send edits; they never validate on their own.

pub mod app;
pub mod attachments;
pub mod diagnostics;
pub mod export;
pub mod fields;
pub mod functions;
pub mod group_settings;
pub mod import;
pub mod keep;
pub mod resources;
pub mod rules;
pub mod words;
