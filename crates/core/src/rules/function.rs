//! Rules of the `function/*` family: what a function entry itself must say.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Field;
use crate::rules::{Context, Rule, Versions};

/// `function/arn`: the `FunctionArn` is not a qualified Lambda function ARN.
pub static ARN: Rule = Rule {
    id: "function/arn",
    severity: Severity::Error,
    versions: Versions::All,
    summary:
        "`FunctionArn` is not a Lambda function ARN with a version or alias qualifier, or the \
              qualifier is `$LATEST`",
    rationale: "Greengrass deploys one published version of a Lambda function to the core, so the \
                ARN must name the function and a version number or an alias; an unqualified ARN \
                and `$LATEST` are refused. Functions that Greengrass itself provides, such as \
                GGIPDetector, have ARNs with an empty region and account.",
    help: "Use `arn:aws:lambda:<region>:<account>:function:<name>:<version or alias>`",
};

/// The rules of this family.
pub static RULES: &[&Rule] = &[&ARN];

/// Reports every occurrence of this family's rules.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if !cx.applies(&ARN) {
        return;
    }

    for function in &cx.view.functions {
        let Field::Known(arn) = &function.arn else {
            continue;
        };
        if let Err(problem) = LambdaArn::parse(arn) {
            let message = format!(
                "function {}: `FunctionArn` `{arn}` {}",
                function.label(),
                problem.describe()
            );
            out.push(Diagnostic::new(
                &ARN,
                function.pointer() + "/FunctionArn",
                message,
            ));
        }
    }
}

/// The parts of a qualified Lambda function ARN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LambdaArn<'a> {
    /// `aws`, `aws-cn` or `aws-us-gov`.
    pub partition: &'a str,
    /// The region; empty for a function Greengrass provides.
    pub region: &'a str,
    /// The 12-digit account; empty for a function Greengrass provides.
    pub account: &'a str,
    /// The function name.
    pub name: &'a str,
    /// The version number or alias.
    pub qualifier: &'a str,
}

/// Why a text is not a qualified Lambda function ARN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArnProblem {
    /// It does not have the `arn:<partition>:lambda:...:function:<name>` layout.
    Layout,
    /// The partition is not one Greengrass v1 ran in.
    Partition,
    /// The region is malformed, or only one of region and account is empty.
    Region,
    /// The account is not 12 digits.
    Account,
    /// The function name is empty, too long or has characters Lambda refuses.
    Name,
    /// No version or alias after the name.
    Unqualified,
    /// The qualifier is `$LATEST`.
    Latest,
    /// The qualifier is neither a version number nor a valid alias.
    Qualifier,
}

impl ArnProblem {
    /// The end of a sentence that starts with the ARN.
    pub fn describe(self) -> &'static str {
        match self {
            ArnProblem::Layout => {
                "is not a Lambda function ARN (`arn:<partition>:lambda:<region>:<account>:function:<name>:<qualifier>`)"
            }
            ArnProblem::Partition => "has a partition other than `aws`, `aws-cn` or `aws-us-gov`",
            ArnProblem::Region => "has a malformed region",
            ArnProblem::Account => "has an account that is not 12 digits",
            ArnProblem::Name => {
                "has a function name that is not 1 to 64 letters, digits, `-` or `_`"
            }
            ArnProblem::Unqualified => "has no version or alias qualifier",
            ArnProblem::Latest => "is qualified with `$LATEST`, which Greengrass cannot deploy",
            ArnProblem::Qualifier => {
                "has a qualifier that is neither a version number nor an alias (1 to 128 letters, \
                 digits, `-` or `_`)"
            }
        }
    }
}

// The patterns below follow the AWS Lambda API reference:
// - FunctionArn: `arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}(-gov)?-[a-z]+-\d{1}:\d{12}:function:
//   [a-zA-Z0-9-_]+(:(\$LATEST|[a-zA-Z0-9-_]+))?`, narrowed to the partitions Greengrass v1 ran in;
// - function name: `[a-zA-Z0-9-_]+`, at most 64 characters in an ARN;
// - Version: `(\$LATEST|[0-9]+)` (at most 1024 characters);
// - Alias Name: `(?!^[0-9]+$)([a-zA-Z0-9-_]+)`, 1 to 128 characters.
// The region is only checked for its form, not against the list of regions, and the partition is
// not matched to the region (`aws` with `cn-north-1` passes): both change over time.
impl<'a> LambdaArn<'a> {
    /// Splits and checks a qualified Lambda function ARN.
    pub fn parse(arn: &'a str) -> Result<LambdaArn<'a>, ArnProblem> {
        let (parts, count) = split::<8>(arn, b':').ok_or(ArnProblem::Layout)?;
        let (partition, region, account, name, qualifier) = match (parts, count) {
            (["arn", partition, "lambda", region, account, "function", name, _], 7) => {
                (partition, region, account, name, None)
            }
            (["arn", partition, "lambda", region, account, "function", name, qualifier], 8) => {
                (partition, region, account, name, Some(qualifier))
            }
            _ => return Err(ArnProblem::Layout),
        };

        if !matches!(partition, "aws" | "aws-cn" | "aws-us-gov") {
            return Err(ArnProblem::Partition);
        }
        let provided = region.is_empty() && account.is_empty();
        if !provided && !is_region(region) {
            return Err(ArnProblem::Region);
        }
        if !provided && !(account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())) {
            return Err(ArnProblem::Account);
        }
        if name.is_empty() || name.len() > 64 || !name.bytes().all(is_name_byte) {
            return Err(ArnProblem::Name);
        }

        let qualifier = qualifier.ok_or(ArnProblem::Unqualified)?;
        if qualifier == "$LATEST" {
            return Err(ArnProblem::Latest);
        }
        let version = !qualifier.is_empty()
            && qualifier.len() <= 1024
            && qualifier.bytes().all(|b| b.is_ascii_digit());
        let alias =
            !qualifier.is_empty() && qualifier.len() <= 128 && qualifier.bytes().all(is_name_byte);
        if !(version || alias) {
            return Err(ArnProblem::Qualifier);
        }

        Ok(LambdaArn {
            partition,
            region,
            account,
            name,
            qualifier,
        })
    }

    /// Whether this is a function Greengrass provides (empty region and account).
    pub fn is_provided(&self) -> bool {
        self.region.is_empty() && self.account.is_empty()
    }
}

/// Whether `arn` is one of the system functions `GGIPDetector` and `GGCloudSpooler`, which the
/// `container/*` memory and isolation rules leave alone and which may carry no `Execution`.
pub fn is_system_function(arn: &Field<&str>) -> bool {
    // Every function is asked: a substring test spares parsing the ARNs of all the others.
    arn.known()
        .filter(|arn| arn.contains(":function:GG"))
        .and_then(|arn| LambdaArn::parse(arn).ok())
        .is_some_and(|arn| {
            arn.is_provided() && matches!(arn.name, "GGIPDetector" | "GGCloudSpooler")
        })
}

/// The first `N` pieces of `text` split at the ASCII `separator` (the rest empty) and how many
/// there are; none when there are more than `N`. The rules run on every function, so no
/// allocation, and a plain byte scan: ARNs are short, and a `char` pattern's search costs more
/// to set up than it saves on them.
fn split<const N: usize>(text: &str, separator: u8) -> Option<([&str; N], usize)> {
    let mut parts = [""; N];
    let mut count = 0;
    let mut start = 0;
    let ends = text
        .bytes()
        .enumerate()
        .filter(|(_, byte)| *byte == separator);
    for end in ends.map(|(end, _)| end).chain([text.len()]) {
        // An ASCII separator always sits on a character boundary.
        *parts.get_mut(count)? = text.get(start..end)?;
        count += 1;
        start = end + 1;
    }
    Some((parts, count))
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'
}

/// `[a-z]{2}(-gov)?-[a-z]+-\d`, the form of a region in the Lambda ARN pattern.
fn is_region(region: &str) -> bool {
    let lower = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase());
    let (country, area, number) = match split::<4>(region, b'-') {
        Some(([country, area, number, _], 3)) => (country, area, number),
        Some(([country, "gov", area, number], 4)) => (country, area, number),
        _ => return false,
    };
    country.len() == 2
        && lower(country)
        && lower(area)
        && number.len() == 1
        && number.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::rules::testing::run;

    fn doc(arns: &[&str]) -> serde_json::Value {
        let functions: Vec<_> = arns
            .iter()
            .enumerate()
            .map(|(i, arn)| json!({"Id": format!("f{i}"), "FunctionArn": arn}))
            .collect();
        json!({ "Functions": functions })
    }

    #[test]
    fn accepts_versions_aliases_and_provided_functions() {
        let good = [
            "arn:aws:lambda:us-west-2:123456789012:function:function-name:7",
            "arn:aws:lambda:eu-central-1:123456789012:function:My_Func-2:prod",
            "arn:aws-cn:lambda:cn-north-1:123456789012:function:f:1",
            "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f:beta-2",
            "arn:aws:lambda:::function:GGIPDetector:1",
            "arn:aws:lambda:::function:GGCloudSpooler:1",
        ];
        assert_eq!(run(&ARN, doc(&good), "1.11"), vec![]);
    }

    #[test]
    fn reports_each_bad_arn_with_its_reason() {
        let bad = [
            "arn:aws:lambda:us-west-2:123456789012:function:f",
            "arn:aws:lambda:us-west-2:123456789012:function:f:$LATEST",
            "arn:aws:lambda:us-west-2:12345678901:function:f:1",
            "arn:aws:s3:us-west-2:123456789012:function:f:1",
            "arn:azure:lambda:us-west-2:123456789012:function:f:1",
            "arn:aws:lambda:uswest2:123456789012:function:f:1",
            "arn:aws:lambda::123456789012:function:f:1",
            "arn:aws:lambda:us-west-2:123456789012:function:f.g:1",
            "arn:aws:lambda:us-west-2:123456789012:function:f:al.ias",
            "function-name",
        ];
        let found = run(&ARN, doc(&bad), "1.11");

        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        let expected: Vec<String> = (0..bad.len())
            .map(|i| format!("/Functions/{i}/FunctionArn"))
            .collect();
        assert_eq!(pointers, expected);
        assert!(found[0].message.starts_with("function `f0`"));
        assert!(found[0].message.contains("no version or alias"));
        assert!(found[1].message.contains("$LATEST"));
        assert!(found[2].message.contains("12 digits"));
    }

    #[test]
    fn parses_parts_and_qualifier_limits() {
        let arn = LambdaArn::parse("arn:aws:lambda:us-east-1:123456789012:function:f:live");
        assert_eq!(
            arn,
            Ok(LambdaArn {
                partition: "aws",
                region: "us-east-1",
                account: "123456789012",
                name: "f",
                qualifier: "live",
            })
        );
        let long_name = format!(
            "arn:aws:lambda:us-east-1:123456789012:function:{}:1",
            "n".repeat(65)
        );
        assert_eq!(LambdaArn::parse(&long_name), Err(ArnProblem::Name));
        let long_alias = format!(
            "arn:aws:lambda:us-east-1:123456789012:function:f:{}",
            "a".repeat(129)
        );
        assert_eq!(LambdaArn::parse(&long_alias), Err(ArnProblem::Qualifier));
        let empty = "arn:aws:lambda:us-east-1:123456789012:function:f:";
        assert_eq!(LambdaArn::parse(empty), Err(ArnProblem::Qualifier));
    }

    #[test]
    fn skips_unknown_and_absent_arns() {
        let doc = json!({"Functions": [
            {"Id": "a", "FunctionArn": {"Fn::GetAtt": ["Fn", "Arn"]}},
            {"Id": "b"}
        ]});
        assert_eq!(run(&ARN, doc, "1.11"), vec![]);
    }

    #[test]
    fn recognises_only_the_two_system_functions() {
        let known = |arn: &str| is_system_function(&Field::Known(arn));
        assert!(known("arn:aws:lambda:::function:GGIPDetector:1"));
        assert!(known("arn:aws-cn:lambda:::function:GGCloudSpooler:1"));
        assert!(!known("arn:aws:lambda:::function:GGShadowSyncManager:1"));
        assert!(!known(
            "arn:aws:lambda:us-east-1:123456789012:function:GGIPDetector:1"
        ));
        assert!(!is_system_function(&Field::Unknown));
    }
}
