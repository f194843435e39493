//! ggaccess in the browser: edit a Greengrass v1 group and see every access problem as you type.
//!
//! [`state`] holds the group and derives its diagnostics through `ggaccess-core`; [`views`] are the
//! components, one file each. `main.rs` only mounts [`App`].

pub mod state;
pub mod views;

pub use views::app::App;
