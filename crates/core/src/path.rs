//! Lexical comparison of the POSIX paths in resources (`SourcePath`, `DestinationPath`).
//!
//! The rules compare paths by their components after lexical normalisation: empty and `.`
//! components are dropped and `..` removes the component before it, so `/models/`, `//models` and
//! `/a/../models/.` all name `/models`. Nothing here touches a file system: symbolic links on the
//! device are not seen, which is the most a validator of a definition can do.

/// Whether `path` is absolute (starts with `/`).
pub fn is_absolute(path: &str) -> bool {
    path.starts_with('/')
}

/// The components of `path` after lexical normalisation.
///
/// `..` at the top of an absolute path stays at the root, as the kernel does; at the top of a
/// relative path it is dropped too, since the rules only compare such paths to report them.
pub fn components(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for component in path.split('/') {
        match component {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            name => out.push(name),
        }
    }
    out
}

/// `path` written in normal form: `/a/b` for an absolute path, `a/b` for a relative one, `/` for
/// the root.
pub fn normalize(path: &str) -> String {
    let joined = components(path).join("/");
    if is_absolute(path) {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Whether `inner` is `outer` or lies under it, by components (`/models` contains `/models/a`
/// but not `/models2`).
pub fn contains(outer: &str, inner: &str) -> bool {
    components_contain(&components(outer), &components(inner))
}

/// [`contains`] on paths already split by [`components`], for callers that compare one path
/// against many.
pub fn components_contain(outer: &[&str], inner: &[&str]) -> bool {
    inner.starts_with(outer)
}

/// Whether `path` is `root` or under it ([`contains`] with the arguments in reading order).
pub fn is_under(path: &str, root: &str) -> bool {
    contains(root, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_empty_dot_and_dot_dot() {
        assert_eq!(normalize("/models/"), "/models");
        assert_eq!(normalize("//models//a/./b"), "/models/a/b");
        assert_eq!(normalize("/a/../models/."), "/models");
        assert_eq!(normalize("/.."), "/");
        assert_eq!(normalize("/"), "/");
        assert_eq!(normalize("models/x/.."), "models");
        assert_eq!(components("/dev/shm/"), vec!["dev", "shm"]);
    }

    #[test]
    fn contains_by_components() {
        assert!(contains("/models", "/models/a"));
        assert!(contains("/models/", "/models"));
        assert!(contains("/", "/anything/at/all"));
        assert!(!contains("/models", "/models2"));
        assert!(!contains("/models/a", "/models"));
        assert!(is_under("/dev/../sys/class", "/sys"));
        assert!(!is_under("/dev/shm", "/dev/shm/x"));
    }

    #[test]
    fn absolute_means_a_leading_slash() {
        assert!(is_absolute("/x"));
        assert!(!is_absolute("x/y"));
        assert!(!is_absolute(""));
    }
}
