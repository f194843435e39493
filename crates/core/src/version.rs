//! The Greengrass core software version a group is checked against.

use std::fmt;
use std::str::FromStr;

/// A released AWS IoT Greengrass Core v1 version: 1.3, or 1.5 to 1.11, with an optional patch.
///
/// It is not part of the API payload: the editor and the CLI set it. Rules compare only the minor
/// line; the patch is kept for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CoreVersion {
    /// The minor line: 3, or 5 to 11.
    pub minor: u8,
    /// The patch, when one was given (`1.10.2`).
    pub patch: Option<u16>,
}

/// The minor lines that were released for Greengrass Core v1.
pub const RELEASED_MINORS: [u8; 8] = [3, 5, 6, 7, 8, 9, 10, 11];

impl CoreVersion {
    /// The newest line, and the default when nothing is said.
    pub const LATEST: CoreVersion = CoreVersion {
        minor: 11,
        patch: None,
    };

    /// A version on a released minor line, without a patch.
    pub fn new(minor: u8) -> Option<CoreVersion> {
        RELEASED_MINORS
            .contains(&minor)
            .then_some(CoreVersion { minor, patch: None })
    }

    /// Whether this version is `1.minor` or later.
    pub fn at_least(self, minor: u8) -> bool {
        self.minor >= minor
    }

    /// The released versions, as people write them (`1.3`, `1.5`, ...), for error messages.
    pub fn released_list() -> String {
        RELEASED_MINORS
            .iter()
            .map(|m| format!("1.{m}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Default for CoreVersion {
    fn default() -> Self {
        CoreVersion::LATEST
    }
}

impl fmt::Display for CoreVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.patch {
            Some(patch) => write!(f, "1.{}.{patch}", self.minor),
            None => write!(f, "1.{}", self.minor),
        }
    }
}

/// Why a text is not a released core version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{given}` is not a released Greengrass core version; expected one of {}, optionally with a patch such as 1.10.2", CoreVersion::released_list())]
pub struct ParseVersionError {
    /// The text as given.
    pub given: String,
}

impl FromStr for CoreVersion {
    type Err = ParseVersionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ParseVersionError {
            given: text.to_string(),
        };
        let trimmed = text.trim().trim_start_matches(['v', 'V']);
        let mut parts = trimmed.split('.');
        let (Some("1"), Some(minor)) = (parts.next(), parts.next()) else {
            return Err(error());
        };
        let minor: u8 = parse_digits(minor).ok_or_else(error)?;
        let patch = match parts.next() {
            None => None,
            Some(patch) => Some(parse_digits(patch).ok_or_else(error)?),
        };
        if parts.next().is_some() {
            return Err(error());
        }
        let version = CoreVersion::new(minor).ok_or_else(error)?;
        Ok(CoreVersion { patch, ..version })
    }
}

fn parse_digits<T: FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_released_lines_and_patches() {
        assert_eq!(
            "1.10".parse(),
            Ok(CoreVersion {
                minor: 10,
                patch: None
            })
        );
        assert_eq!(
            "1.10.2".parse(),
            Ok(CoreVersion {
                minor: 10,
                patch: Some(2)
            })
        );
        assert_eq!(
            "1.3".parse::<CoreVersion>().map(|v| v.to_string()),
            Ok("1.3".to_string())
        );
    }

    #[test]
    fn refuses_unreleased_or_malformed() {
        for text in [
            "1.4", "1.12", "2.0", "1", "1.x", "1.10.", "1.10.2.1", "", "1.-1",
        ] {
            assert!(
                text.parse::<CoreVersion>().is_err(),
                "{text} should be refused"
            );
        }
    }

    #[test]
    fn at_least_compares_minor_lines() {
        let v = CoreVersion {
            minor: 9,
            patch: Some(4),
        };
        assert!(v.at_least(7) && v.at_least(9) && !v.at_least(10));
    }
}
