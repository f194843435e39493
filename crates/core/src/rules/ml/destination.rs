//! Where a model lands on the core: `ml/nested-destination`, `ml/destination-relative`.

use serde_json::json;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::edit::Edit;
use crate::model::Field;
use crate::path;
use crate::rules::{Rule, Versions};

use super::{Attachment, Facts};

/// `ml/nested-destination`: one NoContainer function attaches ML resources whose destinations
/// overlap.
pub static NESTED_DESTINATION: Rule = Rule {
    id: "ml/nested-destination",
    severity: Severity::Error,
    versions: Versions::AtLeast(10),
    summary: "A NoContainer function attaches two ML resources with the same or nested \
              `DestinationPath`",
    rationale: "For a function without a container the core links each attached ML resource \
                under the function's own working directory at its `DestinationPath`. Two \
                resources at one path, or one inside the other, cannot both be linked there, and \
                the deployment fails.",
    help: "Give the resources separate destination paths, neither inside the other",
};

/// `ml/destination-relative`: a `DestinationPath` that is empty or relative.
pub static DESTINATION_RELATIVE: Rule = Rule {
    id: "ml/destination-relative",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "An ML resource's `DestinationPath` is empty or not absolute",
    rationale: "The destination is where functions find the model: an absolute path inside a \
                function's container, or under `AWS_GG_RESOURCE_PREFIX` for a function without \
                one. Greengrass takes only absolute paths.",
    help: "Make `DestinationPath` an absolute path such as `/models/my-model`",
};

pub(super) fn check(facts: &Facts, out: &mut Vec<Diagnostic>) {
    nested_destination(facts, out);
    destination_relative(facts, out);
}

fn nested_destination(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&NESTED_DESTINATION) {
        return;
    }

    // Each model's destination in components, once. An empty one is only
    // `ml/destination-relative`'s: as the root it would contain every other path.
    let destinations: Vec<Option<Vec<&str>>> = facts
        .models
        .iter()
        .map(|model| match &model.data.destination_path {
            Field::Known(text) if !text.is_empty() => Some(path::components(text)),
            _ => None,
        })
        .collect();
    let nesting = Nesting::new(&destinations);

    let mut seen: Vec<&Attachment> = Vec::new();
    for (function, effective) in facts.cx.functions() {
        if !effective.no_container() {
            continue;
        }

        // Pairs within one function: a function holds a handful of attachments, so this stays
        // small; one resource attached twice is `ref/duplicate-id`'s.
        seen.clear();
        for attachment in facts.of_function(function.index) {
            if !nesting.has(attachment.model) || seen.iter().any(|o| o.model == attachment.model) {
                continue;
            }
            for &other in &seen {
                if !nesting.overlap(other.model, attachment.model) {
                    continue;
                }
                let (Some(first), Some(second)) = (
                    facts.models.get(other.model),
                    facts.models.get(attachment.model),
                ) else {
                    continue;
                };
                let relation =
                    if destinations.get(other.model) == destinations.get(attachment.model) {
                        "the same destination"
                    } else {
                        "nested destinations"
                    };
                let message = format!(
                    "NoContainer function {} attaches ML resources {} and {}, which have \
                     {relation} (`{}` and `{}`)",
                    function.label(),
                    first.resource.label(),
                    second.resource.label(),
                    display(&first.data.destination_path),
                    display(&second.data.destination_path),
                );
                let pointer = function.policy_pointer(attachment.policy.index, "");
                let diagnostic = Diagnostic::new(&NESTED_DESTINATION, pointer, message)
                    .with_related(function.policy_pointer(other.policy.index, ""))
                    .with_related(first.resource.data_pointer("DestinationPath"))
                    .with_related(second.resource.data_pointer("DestinationPath"));
                out.push(diagnostic);
            }
            seen.push(attachment);
        }
    }
}

/// Which destinations contain which, from one sort of the paths. In component order the paths
/// under a path follow it without a gap, so each path's descendants are a range of ranks and a
/// pair is checked with two comparisons.
struct Nesting {
    /// Rank of each model's destination in sorted order (equal paths share one); `None` without
    /// a usable destination.
    rank: Vec<Option<usize>>,
    /// One past the rank of the last destination under each model's (itself included).
    end: Vec<usize>,
}

impl Nesting {
    fn new(destinations: &[Option<Vec<&str>>]) -> Nesting {
        let mut order: Vec<(usize, &[&str])> = destinations
            .iter()
            .enumerate()
            .filter_map(|(model, destination)| Some((model, destination.as_deref()?)))
            .collect();
        order.sort_by(|a, b| a.1.cmp(b.1));

        let mut rank = vec![None; destinations.len()];
        let mut end = vec![0; destinations.len()];
        // The chain of destinations, each under the one before, that may contain the next path;
        // a path equal to the last one shares its rank and range.
        let mut open: Vec<(usize, usize, &[&str])> = Vec::new();
        let mut same: Vec<(usize, usize)> = Vec::new();
        for (position, &(model, here)) in order.iter().enumerate() {
            while let Some(&(outer, _, there)) = open.last() {
                if here.starts_with(there) {
                    break;
                }
                if let Some(slot) = end.get_mut(outer) {
                    *slot = position;
                }
                open.pop();
            }
            let (first, at) = match open.last() {
                Some(&(outer, at, there)) if there == here => (outer, at),
                _ => {
                    open.push((model, position, here));
                    (model, position)
                }
            };
            if let Some(slot) = rank.get_mut(model) {
                *slot = Some(at);
            }
            same.push((model, first));
        }
        for (outer, _, _) in open {
            if let Some(slot) = end.get_mut(outer) {
                *slot = order.len();
            }
        }
        for (model, first) in same {
            let shared = end.get(first).copied().unwrap_or(0);
            if let Some(slot) = end.get_mut(model) {
                *slot = shared;
            }
        }
        Nesting { rank, end }
    }

    /// Whether the model has a destination to compare.
    fn has(&self, model: usize) -> bool {
        matches!(self.rank.get(model), Some(Some(_)))
    }

    /// Whether the destination of `outer` is that of `inner` or contains it.
    fn contains(&self, outer: usize, inner: usize) -> bool {
        let (Some(Some(from)), Some(Some(at)), Some(end)) = (
            self.rank.get(outer),
            self.rank.get(inner),
            self.end.get(outer),
        ) else {
            return false;
        };
        from <= at && at < end
    }

    /// Whether the two destinations are equal or one contains the other.
    fn overlap(&self, a: usize, b: usize) -> bool {
        self.contains(a, b) || self.contains(b, a)
    }
}

fn display<'a>(destination: &Field<&'a str>) -> &'a str {
    destination.known().copied().unwrap_or("")
}

fn destination_relative(facts: &Facts, out: &mut Vec<Diagnostic>) {
    if !facts.cx.applies(&DESTINATION_RELATIVE) {
        return;
    }

    for model in &facts.models {
        let Field::Known(destination) = &model.data.destination_path else {
            continue;
        };
        if path::is_absolute(destination) {
            continue;
        }
        let resource = model.resource;
        let pointer = resource.data_pointer("DestinationPath");
        let mut diagnostic = if destination.is_empty() {
            let message = format!("resource {}: `DestinationPath` is empty", resource.label());
            Diagnostic::new(&DESTINATION_RELATIVE, pointer, message)
        } else {
            let message = format!(
                "resource {}: `DestinationPath` `{destination}` is not absolute",
                resource.label()
            );
            Diagnostic::new(&DESTINATION_RELATIVE, pointer, message)
        };

        // Anchoring the path at the root keeps what the user wrote; a path that reduces to the
        // root itself (`.`) says nothing about where to go, so it gets no fix.
        let absolute = path::normalize(&format!("/{destination}"));
        if !destination.is_empty() && absolute != "/" {
            let fix = Fix::new(
                format!("Use `{absolute}`"),
                vec![Edit::replace(diagnostic.pointer.clone(), json!(absolute))],
            );
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::fixtures::{
        container, inherit, inheriting, no_container, policy, s3, s3_data, sagemaker,
    };
    use super::*;
    use crate::rules::testing::{assert_fix_clears, run};

    const JOB: &str = "arn:aws:sagemaker:us-west-2:123456789012:training-job/job-1";

    #[test]
    fn nested_destination_reports_each_pair_of_a_no_container_function() {
        let doc = json!({
            "DefaultConfig": {"Execution": {"IsolationMode": "NoContainer"}},
            "Functions": [
                no_container("n", json!([
                    inherit("models"), inherit("a"), inherit("other"), inherit("models2")
                ])),
                inheriting("i", json!([inherit("a"), inherit("same")])),
                contained(container("c", json!([inherit("models"), inherit("a")]))),
            ],
            "Resources": [
                s3("models", "/models/", Some(("1500", "ro"))),
                s3("a", "/models//a/.", Some(("1500", "ro"))),
                s3("other", "/other", Some(("1500", "ro"))),
                s3("models2", "/models2", Some(("1500", "ro"))),
                sagemaker("same", "/x/../models/a", JOB),
            ]
        });

        let found = run(&NESTED_DESTINATION, doc.clone(), "1.10");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        // `/models2` is beside `/models`, not in it; `c` has a container.
        assert_eq!(pointers, [policy(0, 1, ""), policy(1, 1, "")]);
        assert_eq!(
            found[0].related,
            [
                policy(0, 0, ""),
                s3_data(0, "DestinationPath"),
                s3_data(1, "DestinationPath")
            ]
        );
        assert!(found[0].message.contains("`n`") && found[0].message.contains("`models`"));
        assert!(found[0].message.contains("`a`") && found[0].message.contains("nested"));
        // `i` is NoContainer through the group default; its two paths normalise alike.
        assert!(found[1].message.contains("`i`") && found[1].message.contains("same destination"));
        assert!(
            found[1].fixes.is_empty(),
            "a new path is the user's to choose"
        );

        assert!(run(&NESTED_DESTINATION, doc, "1.9").is_empty());
    }

    fn contained(mut function: serde_json::Value) -> serde_json::Value {
        function["FunctionConfiguration"]["Environment"]["Execution"] =
            json!({"IsolationMode": "GreengrassContainer"});
        function
    }

    #[test]
    fn nesting_ranges_match_pairwise_containment() {
        let paths = [
            "/models",
            "/models/a",
            "/models2",
            "/",
            "/models/a/b",
            "/models",
            "/other/x",
            "/models/b",
            "/other",
        ];
        let destinations: Vec<Option<Vec<&str>>> =
            paths.iter().map(|p| Some(path::components(p))).collect();
        let nesting = Nesting::new(&destinations);
        for (a, outer) in paths.iter().enumerate() {
            for (b, inner) in paths.iter().enumerate() {
                assert_eq!(
                    nesting.contains(a, b),
                    path::contains(outer, inner),
                    "{outer} contains {inner}"
                );
            }
        }
    }

    #[test]
    fn separate_destinations_pass() {
        let doc = json!({
            "Functions": [no_container("n", json!([inherit("a"), inherit("b"), inherit("a")]))],
            "Resources": [
                s3("a", "/models/a", Some(("1500", "ro"))),
                s3("b", "/models/b", Some(("1500", "ro"))),
            ]
        });
        assert!(run(&NESTED_DESTINATION, doc, "1.11").is_empty());
    }

    #[test]
    fn relative_or_empty_destinations() {
        let doc = json!({
            "Resources": [
                s3("a", "models/a", None),
                s3("b", "", None),
                s3("c", "/ok", None),
                sagemaker("d", "./m", JOB),
                s3("e", ".", None),
            ]
        });

        let found = run(&DESTINATION_RELATIVE, doc.clone(), "1.3");
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        let sagemaker_pointer =
            "/Resources/3/ResourceDataContainer/SageMakerMachineLearningModelResourceData/\
             DestinationPath";
        assert_eq!(
            pointers,
            [
                s3_data(0, "DestinationPath").as_str(),
                &s3_data(1, "DestinationPath"),
                sagemaker_pointer,
                &s3_data(4, "DestinationPath"),
            ]
        );
        assert!(found[0].message.contains("`a`") && found[0].message.contains("models/a"));
        assert!(found[1].message.contains("`b`") && found[1].message.contains("empty"));
        assert_eq!(
            found[0].fixes[0].edits,
            [Edit::replace(
                s3_data(0, "DestinationPath"),
                json!("/models/a")
            )]
        );
        assert_eq!(
            found[2].fixes[0].edits,
            [Edit::replace(sagemaker_pointer, json!("/m"))]
        );
        assert!(found[1].fixes.is_empty() && found[3].fixes.is_empty());
        assert_fix_clears(&DESTINATION_RELATIVE, doc.clone(), "1.11");
    }
}
