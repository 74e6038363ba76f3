import { stagesProtectedBy } from "../../engine/links";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";

export default defineRule<Record<string, never>>({
    id: "waf-logging",
    title: "Web ACLs protecting APIs log their decisions",
    description: "Every WAFv2 web ACL associated with an API stage must have a logging configuration.",
    rationale: "Without WAF logs, blocked attacks leave no trace and false positives cannot be diagnosed; the sampled "
        + "requests in the console are not a record.",
    remediation: "Add an `aws.wafv2.WebAclLoggingConfiguration` with `resourceArn: webAcl.arn` and a log destination "
        + "(a CloudWatch log group named `aws-waf-logs-…`, S3 or Firehose).",
    area: "logging",
    severity: "low",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.WebAcl],
    reads: [T.WebAclAssociation, T.Stage, T.WebAclLoggingConfiguration],
    config: {},
    references: {
        controls: ["C14"],
        owasp: ["API8:2023"],
        checkov: ["CKV2_AWS_31"],
        docs: ["https://docs.aws.amazon.com/waf/latest/developerguide/logging.html"],
    },
    check(acl, ctx) {
        if (stagesProtectedBy(ctx.graph, acl).length === 0) {
            return;
        }
        if (ctx.graph.referrers(acl, T.WebAclLoggingConfiguration, "resourceArn").length === 0) {
            ctx.report({ message: "the web ACL protecting this API has no logging configuration" });
        }
    },
});
