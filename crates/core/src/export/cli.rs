//! The group as `aws greengrass` commands, ready to paste, and the JSON files they read.
//!
//! Two files hold the version bodies: `function-definition-version.json` (`{DefaultConfig?,
//! Functions}`) and `resource-definition-version.json` (`{Resources}`). Each serves both ways to
//! send it: as `--initial-version` of `create-function-definition` (a new definition), and as
//! `--cli-input-json` of `create-function-definition-version` (a new version of an existing
//! definition), whose `--function-definition-id` comes from a shell variable at the top of the
//! script. The script takes the second way for a definition whose id is set, else the first.

use std::fmt::Write;

use serde_json::{Map, Value};

use super::{function_definition_version, resource_definition_version, to_pretty};
use crate::model::Group;

/// The files of the export, in the order [`CliExport::files`] lists them.
pub const CLI_FILES: [&str; 2] = [
    "function-definition-version.json",
    "resource-definition-version.json",
];

/// The AWS CLI export: files to write, and the commands that read them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CliExport {
    /// `(file name, text)` of each JSON file the commands read.
    pub files: Vec<(String, String)>,
    /// The commands, as a POSIX shell script.
    pub script: String,
}

impl CliExport {
    /// The script preceded by commands that write the files (here-documents), for a reader who
    /// gets one text to paste, such as the web app's export panel.
    pub fn bundle(&self) -> String {
        let mut out = String::from("#!/bin/sh\n# Writes the JSON files, then runs the commands.\n");
        for (name, text) in &self.files {
            let _ = write!(
                out,
                "cat > {} <<'GGACCESS_EOF'\n{text}GGACCESS_EOF\n",
                quote(name)
            );
        }
        out.push('\n');
        out.push_str(self.script.trim_start_matches("#!/bin/sh\n"));
        out
    }
}

/// The commands and files for `group`; `dir` is where the files will be (`""` for the directory
/// the commands run in).
pub fn aws_cli(group: &Group, dir: &str) -> CliExport {
    let bodies = [
        function_definition_version(group),
        resource_definition_version(group),
    ];
    let files = CLI_FILES
        .iter()
        .zip(&bodies)
        .map(|(name, body)| (name.to_string(), to_pretty(body)))
        .collect();

    let path = |name: &str| {
        let joined = if dir.is_empty() {
            name.to_string()
        } else {
            format!("{}/{name}", dir.trim_end_matches('/'))
        };
        quote(&format!("file://{joined}"))
    };
    let definitions = [
        (
            "function",
            "FUNCTION",
            group.definitions.function.as_ref(),
            CLI_FILES[0],
        ),
        (
            "resource",
            "RESOURCE",
            group.definitions.resource.as_ref(),
            CLI_FILES[1],
        ),
    ];

    let mut script = String::from(
        "#!/bin/sh\n\
         # AWS IoT Greengrass v1 definitions, written by ggaccess.\n\
         set -e\n\n\
         # The definitions to add a version to. Leave one empty to create a new definition instead.\n",
    );
    for (_, upper, metadata, _) in definitions {
        let member = format!("{}DefinitionId", title(upper));
        let id = metadata
            .and_then(|map| map.get(&member))
            .and_then(Value::as_str)
            .unwrap_or("");
        let _ = writeln!(
            script,
            "{upper}_DEFINITION_ID=\"${{{upper}_DEFINITION_ID:-{}}}\"",
            id.replace(['"', '$', '`', '\\'], "")
        );
    }
    for (kind, upper, metadata, file) in definitions {
        let _ = write!(
            script,
            "\nif [ -n \"${upper}_DEFINITION_ID\" ]; then\n  \
             aws greengrass create-{kind}-definition-version \\\n    \
             --{kind}-definition-id \"${upper}_DEFINITION_ID\" \\\n    \
             --cli-input-json {}\nelse\n  aws greengrass create-{kind}-definition",
            path(file)
        );
        for option in create_options(metadata) {
            let _ = write!(script, " \\\n    {option}");
        }
        let _ = write!(script, " \\\n    --initial-version {}\nfi\n", path(file));
    }
    CliExport { files, script }
}

/// `--name`, `--tags` and `--amzn-client-token` of a create command, from the metadata.
fn create_options(metadata: Option<&Map<String, Value>>) -> Vec<String> {
    let Some(metadata) = metadata else {
        return Vec::new();
    };
    let mut options = Vec::new();
    if let Some(Value::String(name)) = metadata.get("Name") {
        options.push(format!("--name {}", quote(name)));
    }
    if let Some(tags @ Value::Object(_)) = metadata.get("tags") {
        let json = serde_json::to_string(tags).unwrap_or_default();
        options.push(format!("--tags {}", quote(&json)));
    }
    if let Some(Value::String(token)) = metadata.get("AmznClientToken") {
        options.push(format!("--amzn-client-token {}", quote(token)));
    }
    options
}

/// `FUNCTION` to `Function`.
fn title(upper: &str) -> String {
    let lower = upper.to_ascii_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// A shell word: as it is when it holds only safe characters, else single-quoted.
fn quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./:=@+,".contains(c));
    if safe {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn writes_files_and_commands_that_read_them() {
        let mut group = Group::from_doc(json!({"Functions": [{"Id": "f"}], "Resources": []}));
        group.definitions.function = json!({"Name": "it's", "tags": {"k": "v"}})
            .as_object()
            .cloned();
        group.definitions.resource = json!({"ResourceDefinitionId": "abc"}).as_object().cloned();
        let export = aws_cli(&group, "out dir");
        assert_eq!(
            export.files,
            [
                (
                    "function-definition-version.json".to_string(),
                    "{\n  \"Functions\": [\n    {\n      \"Id\": \"f\"\n    }\n  ]\n}\n"
                        .to_string()
                ),
                (
                    "resource-definition-version.json".to_string(),
                    "{\n  \"Resources\": []\n}\n".to_string()
                )
            ]
        );
        let expected = "\
#!/bin/sh
# AWS IoT Greengrass v1 definitions, written by ggaccess.
set -e

# The definitions to add a version to. Leave one empty to create a new definition instead.
FUNCTION_DEFINITION_ID=\"${FUNCTION_DEFINITION_ID:-}\"
RESOURCE_DEFINITION_ID=\"${RESOURCE_DEFINITION_ID:-abc}\"

if [ -n \"$FUNCTION_DEFINITION_ID\" ]; then
  aws greengrass create-function-definition-version \\
    --function-definition-id \"$FUNCTION_DEFINITION_ID\" \\
    --cli-input-json 'file://out dir/function-definition-version.json'
else
  aws greengrass create-function-definition \\
    --name 'it'\\''s' \\
    --tags '{\"k\":\"v\"}' \\
    --initial-version 'file://out dir/function-definition-version.json'
fi

if [ -n \"$RESOURCE_DEFINITION_ID\" ]; then
  aws greengrass create-resource-definition-version \\
    --resource-definition-id \"$RESOURCE_DEFINITION_ID\" \\
    --cli-input-json 'file://out dir/resource-definition-version.json'
else
  aws greengrass create-resource-definition \\
    --initial-version 'file://out dir/resource-definition-version.json'
fi
";
        assert_eq!(export.script, expected);
        assert!(export
            .bundle()
            .contains("cat > function-definition-version.json <<'GGACCESS_EOF'\n{"));
    }
}
