//! Where a model comes from: `ml/s3-uri`, `ml/sagemaker-arn`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Field, ResourceData};
use crate::rules::{Rule, Versions};

use super::Facts;

/// `ml/s3-uri`: an `S3Uri` that is not an archive in an S3 bucket.
pub static S3_URI: Rule = Rule {
    id: "ml/s3-uri",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "An S3 model's `S3Uri` is not `s3://bucket/key` ending in `.tar.gz` or `.zip`, or \
              its bucket name has a `.`",
    rationale: "The core downloads the model package from S3 and unpacks it at the destination; \
                the API reference takes only `.tar.gz` and `.zip` packages, and the Greengrass \
                guide does not support bucket names that contain a `.` for ML resources.",
    help: "Use `s3://<bucket>/<key>.tar.gz` or `.zip`, in a bucket without `.` in its name",
};

/// `ml/sagemaker-arn`: a `SageMakerJobArn` that is not a training job ARN.
pub static SAGEMAKER_ARN: Rule = Rule {
    id: "ml/sagemaker-arn",
    severity: Severity::Error,
    versions: Versions::All,
    summary: "A SageMaker model's `SageMakerJobArn` is not a SageMaker training job ARN",
    rationale: "Greengrass takes the model from the output of a SageMaker training job, named by \
                its ARN `arn:<partition>:sagemaker:<region>:<account>:training-job/<name>`.",
    help: "Use `arn:aws:sagemaker:<region>:<account>:training-job/<job name>`",
};

pub(super) fn check(facts: &Facts, out: &mut Vec<Diagnostic>) {
    let s3 = facts.cx.applies(&S3_URI);
    let sagemaker = facts.cx.applies(&SAGEMAKER_ARN);

    for model in &facts.models {
        let resource = model.resource;
        let Field::Known(source) = &model.data.source else {
            continue;
        };
        let (rule, member, problem) = match &resource.data {
            ResourceData::S3Model(_) if s3 => (&S3_URI, "S3Uri", s3_uri_problem(source)),
            ResourceData::SageMakerModel(_) if sagemaker => (
                &SAGEMAKER_ARN,
                "SageMakerJobArn",
                training_job_problem(source),
            ),
            _ => continue,
        };
        let Some(problem) = problem else {
            continue;
        };
        let message = format!(
            "resource {}: `{member}` `{source}` {problem}",
            resource.label()
        );
        out.push(Diagnostic::new(
            rule,
            resource.data_pointer(member),
            message,
        ));
    }
}

/// What is wrong with an `S3Uri`, if anything.
fn s3_uri_problem(uri: &str) -> Option<&'static str> {
    let Some(rest) = uri.strip_prefix("s3://") else {
        return Some("does not start with `s3://`");
    };
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    if bucket.is_empty() {
        return Some("names no bucket");
    }
    if bucket.contains('.') {
        return Some("names a bucket with `.` in its name");
    }
    if key.is_empty() {
        return Some("names no object key");
    }
    if !(key.ends_with(".tar.gz") || key.ends_with(".zip")) {
        return Some("is not a `.tar.gz` or `.zip` archive");
    }
    None
}

/// What is wrong with a `SageMakerJobArn`, if anything.
fn training_job_problem(arn: &str) -> Option<&'static str> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, resource] = parts.as_slice() else {
        return Some("is not an ARN (`arn:<partition>:sagemaker:<region>:<account>:...`)");
    };
    if *prefix != "arn" {
        return Some("does not start with `arn:`");
    }
    let lower = |text: &str, extra: &[u8]| {
        text.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || extra.contains(&b))
    };
    if !(partition.starts_with("aws") && lower(partition, b"-")) {
        return Some("has no AWS partition (`aws`, `aws-cn`, `aws-us-gov`)");
    }
    if *service != "sagemaker" {
        return Some("is not a SageMaker ARN");
    }
    if region.is_empty() || !lower(region, b"-") {
        return Some("has no region");
    }
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return Some("has no 12-digit account id");
    }
    let Some(name) = resource.strip_prefix("training-job/") else {
        return Some("does not name a training job (`training-job/<name>`)");
    };
    if !is_job_name(name) {
        return Some("has an invalid training job name (1 to 63 letters, digits and inner `-`)");
    }
    None
}

/// A SageMaker job name: 1 to 63 ASCII letters and digits, with `-` only between them.
fn is_job_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    let alphanumeric = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    (1..=63).contains(&bytes.len())
        && alphanumeric(bytes.first())
        && alphanumeric(bytes.last())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::fixtures::{s3, s3_data, sagemaker};
    use super::*;
    use crate::rules::testing::run;

    fn with_uri(id: &str, uri: &str) -> serde_json::Value {
        let mut resource = s3(id, "/m", None);
        resource["ResourceDataContainer"]["S3MachineLearningModelResourceData"]["S3Uri"] =
            json!(uri);
        resource
    }

    #[test]
    fn s3_uris() {
        let good = [
            "s3://models-bucket/model.tar.gz",
            "s3://b/dir/sub/model.zip",
        ];
        let bad = [
            ("https://models-bucket/model.zip", "s3://"),
            ("s3:///model.zip", "no bucket"),
            ("s3://my.models/model.zip", "`.`"),
            ("s3://models-bucket", "no object key"),
            ("s3://models-bucket/", "no object key"),
            ("s3://models-bucket/model.tgz", "archive"),
            ("s3://models-bucket/model.tar", "archive"),
        ];
        let mut resources: Vec<_> = good.iter().map(|uri| with_uri("good", uri)).collect();
        resources.extend(
            bad.iter()
                .enumerate()
                .map(|(i, (uri, _))| with_uri(&format!("r{i}"), uri)),
        );
        let doc = json!({"Resources": resources});

        let found = run(&S3_URI, doc.clone(), "1.3");
        let pointers: Vec<String> = found.iter().map(|d| d.pointer.clone()).collect();
        let expected: Vec<String> = (0..bad.len()).map(|i| s3_data(i + 2, "S3Uri")).collect();
        assert_eq!(pointers, expected);
        for (i, (diagnostic, (uri, reason))) in found.iter().zip(bad).enumerate() {
            assert!(
                diagnostic.message.contains(&format!("`r{i}`")),
                "{}",
                diagnostic.message
            );
            assert!(diagnostic.message.contains(uri) && diagnostic.message.contains(reason));
        }
        assert_eq!(run(&S3_URI, doc, "1.11").len(), bad.len());
    }

    #[test]
    fn training_job_arns() {
        let good = [
            "arn:aws:sagemaker:us-west-2:123456789012:training-job/job-1",
            "arn:aws-cn:sagemaker:cn-north-1:123456789012:training-job/J0b",
            "arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:training-job/a",
        ];
        let bad = [
            ("arn:aws:sagemaker:us-west-2:123456789012", "not an ARN"),
            (
                "urn:aws:sagemaker:us-west-2:123456789012:training-job/j",
                "`arn:`",
            ),
            (
                "arn::sagemaker:us-west-2:123456789012:training-job/j",
                "partition",
            ),
            (
                "arn:aws:s3:us-west-2:123456789012:training-job/j",
                "SageMaker",
            ),
            ("arn:aws:sagemaker::123456789012:training-job/j", "region"),
            ("arn:aws:sagemaker:us-west-2:1234:training-job/j", "account"),
            (
                "arn:aws:sagemaker:us-west-2:123456789012:model/j",
                "training job",
            ),
            (
                "arn:aws:sagemaker:us-west-2:123456789012:training-job/-j",
                "job name",
            ),
            (
                "arn:aws:sagemaker:us-west-2:123456789012:training-job/j_1",
                "job name",
            ),
            (
                "arn:aws:sagemaker:us-west-2:123456789012:training-job/",
                "job name",
            ),
        ];
        let mut resources: Vec<_> = good
            .iter()
            .map(|arn| sagemaker("good", "/m", arn))
            .collect();
        resources.extend(
            bad.iter()
                .enumerate()
                .map(|(i, (arn, _))| sagemaker(&format!("r{i}"), "/m", arn)),
        );
        let doc = json!({"Resources": resources});

        let found = run(&SAGEMAKER_ARN, doc, "1.10");
        assert_eq!(found.len(), bad.len(), "{found:#?}");
        for (i, (diagnostic, (arn, reason))) in found.iter().zip(bad).enumerate() {
            let pointer = format!(
                "/Resources/{}/ResourceDataContainer/SageMakerMachineLearningModelResourceData/\
                 SageMakerJobArn",
                i + good.len()
            );
            assert_eq!(diagnostic.pointer, pointer);
            assert!(diagnostic.message.contains(&format!("`r{i}`")));
            assert!(diagnostic.message.contains(arn) && diagnostic.message.contains(reason));
        }
    }
}
