//! Running the built `ggaccess` binary from the tests.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What one run printed and returned.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `ggaccess args...` in `dir`, feeding `stdin` (or nothing), with `NO_COLOR=1`.
pub fn run(dir: &Path, args: &[String], stdin: Option<&[u8]>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ggaccess"));
    command.env("NO_COLOR", "1");
    run_command(command, dir, args, stdin)
}

/// Runs `ggaccess args...` in `dir` with `NO_COLOR` removed from the environment.
pub fn run_without_no_color(dir: &Path, args: &[String]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ggaccess"));
    command.env_remove("NO_COLOR");
    run_command(command, dir, args, None)
}

fn run_command(mut command: Command, dir: &Path, args: &[String], stdin: Option<&[u8]>) -> Run {
    let mut child = command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ggaccess binary runs");
    let mut input = child.stdin.take().unwrap();
    // A run that never reads its input may close the pipe first; that is not a failure.
    let _ = input.write_all(stdin.unwrap_or_default());
    drop(input);
    let output = child.wait_with_output().unwrap();
    Run {
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code: output.status.code().expect("exited, not killed"),
    }
}

/// The folder of the test cases.
pub fn cases() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// Arguments from string literals.
pub fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}
