//! `ggaccess`: checks AWS IoT Greengrass v1 function and resource definitions from the command
//! line. Arguments and flow live here; reading input in `input`, the check in `check`, the output
//! formats in `render`, rule texts in `explain`. No rule logic: that is the core's.

mod check;
mod explain;
mod input;
mod render;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use ggaccess_core::export;
use ggaccess_core::CoreVersion;

/// Exit code when every input was read and no diagnostic is an error.
const EXIT_OK: u8 = 0;
/// Exit code when some diagnostic is an error.
const EXIT_ERRORS: u8 = 1;
/// Exit code when an input cannot be read, parsed or recognised, or the arguments are wrong.
const EXIT_INPUT: u8 = 2;

/// Check AWS IoT Greengrass v1 function and resource definitions.
#[derive(Parser)]
#[command(name = "ggaccess", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check definitions; exit 0 when there is no error, 1 when there is, 2 when an input is bad.
    Check {
        /// The Greengrass core version the group runs on: 1.3, or 1.5 to 1.11 (a patch such as
        /// 1.10.2 is allowed).
        #[arg(long, value_name = "X.Y", default_value = "1.11", value_parser = parse_core_version)]
        core_version: CoreVersion,

        /// How to print the diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,

        /// Files to check, merged into one group (`-` reads standard input).
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
    },

    /// Print the group read from FILE... as an API request body or the merged document.
    Export {
        /// What to print.
        #[arg(long, value_enum)]
        to: Target,

        /// With `--to cli`: write the JSON files the commands read into DIR (created if missing)
        /// and print only the commands; without it they print as here-documents before them.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<std::path::PathBuf>,

        /// Files to read, merged into one group (`-` reads standard input).
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
    },

    /// Explain a rule: what it means, why it exists, how to fix it. Without RULE, list the rules.
    Explain {
        /// A rule id, such as `ml/permission-exceeds-owner`.
        rule: Option<String>,
    },
}

/// An output format of `check`.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Like rustc: the source line with a caret, help and fixes.
    Human,
    /// One JSON object (schema version 1).
    Json,
    /// SARIF 2.1.0, for code scanning services.
    Sarif,
}

/// What `export` prints.
#[derive(Clone, Copy, ValueEnum)]
enum Target {
    /// The body of CreateFunctionDefinitionVersion: `{DefaultConfig?, Functions}`.
    Functions,
    /// The body of CreateResourceDefinitionVersion: `{Resources}`.
    Resources,
    /// The merged document `{DefaultConfig?, Functions?, Resources?}`.
    Merged,
    /// A CloudFormation template (JSON) with the function and resource definitions.
    Cloudformation,
    /// The same template as YAML.
    CloudformationYaml,
    /// `aws greengrass` commands and the JSON files they read.
    Cli,
}

fn parse_core_version(text: &str) -> Result<CoreVersion, String> {
    text.parse()
        .map_err(|error: ggaccess_core::version::ParseVersionError| error.to_string())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout with success, usage errors to stderr.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                EXIT_INPUT
            } else {
                EXIT_OK
            });
        }
    };

    let (code, output) = match cli.command {
        Command::Check {
            core_version,
            format,
            files,
        } => run_check(core_version, format, &files),
        Command::Export { to, out_dir, files } => run_export(to, out_dir.as_deref(), &files),
        Command::Explain { rule } => explain::run(rule.as_deref()),
    };

    // A closed pipe (`ggaccess check ... | head`) is not worth a panic.
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush());
    ExitCode::from(code)
}

/// Reads and imports `files`; on failure prints `FILE:LINE:COLUMN: message` lines to stderr.
fn load(names: &[String]) -> Result<check::Loaded, u8> {
    check::load(names).map_err(|errors| {
        let mut stderr = std::io::stderr().lock();
        for error in errors {
            let _ = writeln!(stderr, "{error}");
        }
        EXIT_INPUT
    })
}

fn run_check(core: CoreVersion, format: Format, names: &[String]) -> (u8, String) {
    let loaded = match load(names) {
        Ok(loaded) => loaded,
        Err(code) => return (code, String::new()),
    };

    let report = check::check(loaded, core);
    let output = match format {
        Format::Human => render::human::render(&report, render::human::use_colour()),
        Format::Json => render::json::render(&report),
        Format::Sarif => render::sarif::render(&report),
    };
    let code = if report.summary().errors > 0 {
        EXIT_ERRORS
    } else {
        EXIT_OK
    };

    // The process ends right after printing: freeing a large group value by value would take
    // about a fifth of a run on a 5 MB document, for nothing.
    std::mem::forget(report);
    (code, output)
}

fn run_export(target: Target, out_dir: Option<&std::path::Path>, names: &[String]) -> (u8, String) {
    if out_dir.is_some() && !matches!(target, Target::Cli) {
        eprintln!("ggaccess: --out-dir goes with --to cli only");
        return (EXIT_INPUT, String::new());
    }

    let loaded = match load(names) {
        Ok(loaded) => loaded,
        Err(code) => return (code, String::new()),
    };

    let group = &loaded.imported.group;
    let value = match target {
        Target::Functions => export::function_definition_version(group),
        Target::Resources => export::resource_definition_version(group),
        Target::Merged => export::merged(group),
        Target::Cloudformation | Target::CloudformationYaml => {
            let cloudformation = export::cloudformation(group);
            let mut stderr = std::io::stderr().lock();
            for warning in &cloudformation.warnings {
                let _ = writeln!(stderr, "warning: {}: {}", warning.pointer, warning.message);
            }
            if matches!(target, Target::CloudformationYaml) {
                return (EXIT_OK, export::to_yaml(&cloudformation.template));
            }
            cloudformation.template
        }
        Target::Cli => return export_cli(group, out_dir),
    };
    let output = export::to_pretty(&value);
    std::mem::forget(loaded);
    (EXIT_OK, output)
}

/// `--to cli`: the commands, with the files written to `out_dir` or printed before them.
fn export_cli(group: &ggaccess_core::Group, out_dir: Option<&std::path::Path>) -> (u8, String) {
    let Some(dir) = out_dir else {
        return (EXIT_OK, export::aws_cli(group, "").bundle());
    };
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        let cli = export::aws_cli(group, &dir.to_string_lossy());
        for (name, text) in &cli.files {
            std::fs::write(dir.join(name), text)?;
        }
        Ok(cli.script)
    });
    match written {
        Ok(script) => (EXIT_OK, script),
        Err(error) => {
            eprintln!("{}: {error}", dir.display());
            (EXIT_INPUT, String::new())
        }
    }
}
