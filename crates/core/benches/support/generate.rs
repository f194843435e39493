//! Prints a generated group of about the given size as pretty JSON, for measuring the whole
//! `ggaccess check` process on a large document:
//!
//! `cargo run --release -p ggaccess-core --example generate -- 5MB > big.json`
//!
//! Sizes are bytes, or with a `KB` or `MB` suffix (powers of 1000).

#[path = "mod.rs"]
mod support;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(bytes) = std::env::args().nth(1).as_deref().and_then(parse_size) else {
        eprintln!("usage: generate SIZE   (such as 5MB, 300KB or 20000)");
        return ExitCode::from(2);
    };

    let text = support::document_of_size(bytes);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

fn parse_size(text: &str) -> Option<usize> {
    let upper = text.trim().to_ascii_uppercase();
    let (number, unit) = if let Some(n) = upper.strip_suffix("MB") {
        (n, 1_000_000)
    } else if let Some(n) = upper.strip_suffix("KB") {
        (n, 1_000)
    } else {
        (upper.as_str(), 1)
    };
    number.trim().parse::<usize>().ok()?.checked_mul(unit)
}
