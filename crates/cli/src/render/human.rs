//! `--format human`: diagnostics the way rustc and cargo print them, rendered by
//! `annotate-snippets`: a title with the rule id, the position, the source line with the value
//! underlined, then help, related places and fixes, and a final summary line.

use std::io::IsTerminal;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use anstyle::{Effects, Style};
use ggaccess_core::{Diagnostic, Location, Severity};

use crate::check::Report;
use crate::render::{describe_edit, position, related};

/// Longest source line shown whole; a longer one (minified JSON) is cut to a window around the
/// column, so one 5 MB line is not copied for every diagnostic.
const MAX_LINE: usize = 120;

/// Whether to colour: only when stdout is a terminal and `NO_COLOR` is unset or empty
/// (https://no-color.org).
pub fn use_colour() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

/// Every diagnostic in order, a blank line after each, then the summary line.
pub fn render(report: &Report, colour: bool) -> String {
    let renderer = if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let sources = Sources::new(report);
    let mut out = String::new();

    for diagnostic in &report.diagnostics {
        out.push_str(&render_one(report, &sources, diagnostic, &renderer));
        out.push_str("\n\n");
    }

    out.push_str(&summary_line(report, colour));
    out.push('\n');
    out
}

/// The source files with the byte offset of each line's start, found once for all diagnostics.
struct Sources<'a> {
    files: Vec<(&'a str, &'a str, Vec<usize>)>,
}

impl<'a> Sources<'a> {
    fn new(report: &'a Report) -> Sources<'a> {
        let files = report
            .files
            .iter()
            .map(|file| {
                let text = file.text.as_str();
                let starts = std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(index, _)| index + 1))
                    .collect();
                (file.name.as_str(), text, starts)
            })
            .collect();
        Sources { files }
    }

    /// Line `number` (from 1) of file `name`, without its line ending.
    fn line(&self, name: &str, number: usize) -> Option<&'a str> {
        let (_, text, starts) = self.files.iter().find(|(file, ..)| *file == name)?;
        let start = *starts.get(number.checked_sub(1)?)?;
        let end = starts.get(number).map_or(text.len(), |next| next - 1);
        let line = text.get(start..end)?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

fn render_one(
    report: &Report,
    sources: &Sources,
    diagnostic: &Diagnostic,
    renderer: &Renderer,
) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = level
        .primary_title(printable(&diagnostic.message))
        .id(diagnostic.rule);

    let mut excerpt_column = None;
    let mut group = match &diagnostic.location {
        Some(location) => match excerpt(sources, location) {
            Some(excerpt) => title.element({
                excerpt_column = Some(excerpt.column);
                Snippet::source(excerpt.text)
                    .line_start(location.line)
                    .path(location.file.clone())
                    .annotation(AnnotationKind::Primary.span(excerpt.span))
            }),
            None => title.element(
                Origin::path(location.file.clone())
                    .line(location.line)
                    .char_column(location.column),
            ),
        },
        None => title.element(Level::NOTE.message(format!("at {}", diagnostic.pointer))),
    };

    if !diagnostic.help.is_empty() {
        group = group.element(Level::HELP.message(printable(&diagnostic.help)));
    }
    for place in related(report, &diagnostic.related) {
        let text = match &place.location {
            Some(location) => format!("see also {} ({})", position(location), place.pointer),
            None => format!("see also {}", place.pointer),
        };
        group = group.element(Level::NOTE.message(printable(&text)));
    }
    for fix in &diagnostic.fixes {
        let edits: Vec<String> = fix.edits.iter().map(describe_edit).collect();
        let text = format!("{}: {}", fix.title, edits.join("; "));
        group = group.element(Level::HELP.with_name("fix").message(printable(&text)));
    }

    let report: [Group; 1] = [group];
    let rendered = renderer.render(&report);

    // annotate-snippets derives the header's column from the excerpt; when a long line was cut,
    // put the column of the whole line back.
    match (&diagnostic.location, &excerpt_column) {
        (Some(location), Some(shown)) if *shown != location.column => {
            let wrong = format!("{}:{}:{shown}", printable(&location.file), location.line);
            rendered.replacen(&wrong, &position(location), 1)
        }
        _ => rendered,
    }
}

/// The part of a source line to show, and the byte range of the value in it.
struct Excerpt {
    text: String,
    span: std::ops::Range<usize>,
    /// The column of the value within `text`, in characters from 1.
    column: usize,
}

/// The line at `location`, cut around the column when very long, with the value underlined.
fn excerpt(sources: &Sources, location: &Location) -> Option<Excerpt> {
    let line = sources.line(&location.file, location.line)?;

    // Cut by characters, keeping the column near the start of the window (a line of at most
    // MAX_LINE bytes has at most MAX_LINE characters).
    let column = location.column.checked_sub(1)?;
    let skip = if line.len() > MAX_LINE {
        column.saturating_sub(MAX_LINE / 4)
    } else {
        0
    };
    let window: String = line.chars().skip(skip).take(MAX_LINE).collect();
    let mut text = if skip > 0 {
        "…".to_string()
    } else {
        String::new()
    };
    let prefix_chars = usize::from(skip > 0);
    text.push_str(&printable(&window));

    let start_char = column - skip + prefix_chars;
    let start = text
        .char_indices()
        .nth(start_char)
        .map_or(text.len(), |(index, _)| index);
    let end = start + token_length(&text[start..]);
    Some(Excerpt {
        text,
        span: start..end,
        column: start_char + 1,
    })
}

/// Length in bytes of the value starting `rest`: a quoted string up to its closing quote, a bracket
/// alone, or a plain scalar up to the next separator. At least one character, when there is one.
fn token_length(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let end = match first {
        '"' | '\'' => {
            let mut escaped = false;
            chars
                .find(|&(_, c)| {
                    let closes = c == first && !escaped;
                    escaped = first == '"' && c == '\\' && !escaped;
                    closes
                })
                .map(|(index, c)| index + c.len_utf8())
        }
        '{' | '[' => Some(first.len_utf8()),
        // A YAML key ends at `: `; a colon inside a value (`arn:aws:...`) does not end it.
        _ => chars
            .find(|&(index, c)| {
                let after = rest[index + c.len_utf8()..].chars().next();
                matches!(c, ',' | '}' | ']' | '#')
                    || (c == ':' && after.is_none_or(char::is_whitespace))
            })
            .map(|(index, _)| rest[..index].trim_end().len()),
    };
    end.unwrap_or_else(|| rest.trim_end().len())
        .max(first.len_utf8())
}

/// `checked FILE for core 1.11: 1 error, 2 warnings, 0 infos`.
fn summary_line(report: &Report, colour: bool) -> String {
    let what = match report.files.as_slice() {
        [one] => one.name.clone(),
        many => format!("{} files", many.len()),
    };
    let summary = report.summary();
    let counts = if summary.errors + summary.warnings + summary.infos == 0 {
        "no problems found".to_string()
    } else {
        format!(
            "{}, {}, {}",
            count(summary.errors, "error"),
            count(summary.warnings, "warning"),
            count(summary.infos, "info")
        )
    };
    let line = format!(
        "checked {} for core {}: {counts}",
        printable(&what),
        report.group.core_version
    );
    if colour {
        let bold = Style::new().effects(Effects::BOLD);
        format!("{bold}{line}{bold:#}")
    } else {
        line
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Text from the input with control characters escaped, so a file cannot drive the terminal.
fn printable(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_lengths() {
        assert_eq!(token_length(r#""rw", "x""#), 4);
        assert_eq!(token_length(r#""a\"b" }"#), 6);
        assert_eq!(token_length("{\"a\": 1}"), 1);
        assert_eq!(token_length("512,\n"), 3);
        assert_eq!(token_length("512 }"), 3);
        assert_eq!(token_length("NoContainer  # yaml comment"), 11);
        assert_eq!(token_length("MemorySize: \"16384\""), 10);
        assert_eq!(token_length("arn:aws:lambda:x"), 16);
        assert_eq!(token_length("\"unterminated"), 13);
        assert_eq!(token_length(""), 0);
    }

    #[test]
    fn colours_only_when_asked() {
        let report = Report {
            files: Vec::new(),
            group: ggaccess_core::Group::new(),
            diagnostics: Vec::new(),
        };
        let bold = format!("{}", Style::new().effects(Effects::BOLD));
        assert!(render(&report, true).starts_with(&bold));
        assert_eq!(
            render(&report, false),
            "checked 0 files for core 1.11: no problems found\n"
        );
    }

    #[test]
    fn escapes_control_characters() {
        assert_eq!(printable("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(printable("plain"), "plain");
    }
}
