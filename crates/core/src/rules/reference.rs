//! Rules of the `reference/*` family.

use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule};

/// The rules of this family.
pub static RULES: &[&Rule] = &[];

/// Reports every occurrence of this family's rules.
pub fn check(_cx: &Context, _out: &mut Vec<Diagnostic>) {}
