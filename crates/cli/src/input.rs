//! Reading the files named on the command line (`-` is standard input) into source texts.

use std::io::Read;

use ggaccess_core::import::{ImportError, SourceFile};

/// Reads every file in `names`, in order. Standard input is read once, however often `-` is given.
/// Every file that cannot be read is reported, each as `FILE:LINE:COLUMN: message`.
pub fn read_all(names: &[String]) -> Result<Vec<SourceFile>, Vec<ImportError>> {
    let mut stdin: Option<Result<Vec<u8>, String>> = None;
    let mut files = Vec::new();
    let mut errors = Vec::new();

    for name in names {
        let bytes = if name == "-" {
            stdin
                .get_or_insert_with(|| {
                    let mut buffer = Vec::new();
                    std::io::stdin()
                        .read_to_end(&mut buffer)
                        .map(|_| buffer)
                        .map_err(|error| io_reason(&error))
                })
                .clone()
        } else {
            std::fs::read(name).map_err(|error| io_reason(&error))
        };

        match bytes.map(|bytes| decode(name, bytes)) {
            Ok(Ok(text)) => files.push(SourceFile {
                name: name.clone(),
                text,
            }),
            Ok(Err(error)) => errors.push(error),
            Err(reason) => errors.push(ImportError {
                file: name.clone(),
                line: 1,
                column: 1,
                message: format!("cannot read the file: {reason}"),
            }),
        }
    }

    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// The text of a file, which must be UTF-8 (a byte order mark is dropped); otherwise where the
/// first bad byte is.
fn decode(name: &str, bytes: Vec<u8>) -> Result<String, ImportError> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let valid = String::from_utf8_lossy(valid);
        let line = valid.matches('\n').count() + 1;
        let column = valid
            .rsplit('\n')
            .next()
            .map_or(0, |last| last.chars().count())
            + 1;
        ImportError {
            file: name.to_string(),
            line,
            column,
            message: "the file is not UTF-8 text".to_string(),
        }
    })
}

/// The OS's reason without Rust's `(os error N)` suffix.
fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(end) => text[..end].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_the_first_bad_byte_in_characters() {
        let error = decode("a.json", b"{\n  \"\xC3\xA9\xFF\": 1}".to_vec()).unwrap_err();
        assert_eq!((error.line, error.column), (2, 5));
    }

    #[test]
    fn drops_a_byte_order_mark() {
        assert_eq!(decode("a", b"\xEF\xBB\xBF{}".to_vec()).unwrap(), "{}");
    }
}
