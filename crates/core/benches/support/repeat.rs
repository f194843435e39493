//! Runs `validate` on a generated group a given number of times, for counting the work it does
//! with tools that measure a whole process (instructions are repeatable where time is not):
//!
//! `valgrind --tool=callgrind target/release/examples/repeat 1000 5`
//!
//! Arguments: the number of functions (default 1000) and of runs (default 1).

#[path = "mod.rs"]
mod support;

use std::hint::black_box;

use ggaccess_core::{validate, Group};

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().ok());
    let functions = args.next().flatten().unwrap_or(1_000);
    let runs = args.next().flatten().unwrap_or(1);

    let group = Group::from_doc(support::group(support::RESOURCES, functions));
    let mut found = 0;
    for _ in 0..runs {
        found = validate(black_box(&group)).len();
    }
    println!("{functions} functions, {runs} runs: {found} diagnostics");
}
