import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asNumber, isUnknown, known, peek } from "../../engine/values";

export default defineRule<{ minimumRetentionDays: number; requireCustomerKms: boolean }>({
    id: "access-log-group",
    title: "Access log groups keep logs long enough, under the configured key",
    description: "CloudWatch log groups that stages write access logs to must have a finite retention of at least the "
        + "configured number of days (default 365) and, when configuration requires it, a customer-managed KMS key.",
    rationale: "Never-expiring logs grow cost and keep personal data forever; too short a retention loses the evidence an "
        + "investigation needs. Organisations that must control their encryption keys need a customer key.",
    remediation: "Set `retentionInDays` (e.g. 365) on the log group, and `kmsKeyId` to a customer-managed key whose key "
        + "policy lets the CloudWatch Logs service use it.",
    area: "logging",
    severity: "low",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.Stage, T.V2Stage],
    reads: [T.LogGroup],
    config: {
        minimumRetentionDays: { type: "integer", description: "Shortest acceptable retention, in days.", minimum: 1, default: 365 },
        requireCustomerKms: { type: "boolean", description: "Require a customer-managed KMS key on access log groups.", default: false },
    },
    references: {
        controls: ["C20"],
        owasp: ["API8:2023"],
        checkov: ["CKV_AWS_158", "CKV_AWS_66", "CKV_AWS_338"],
        trivy: ["AVD-AWS-0017"],
        docs: ["https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"],
    },
    check(stage, ctx) {
        const destination = peek(stage.props, "accessLogSettings.destinationArn");
        if (destination === undefined || destination === null || destination === "") {
            return;
        }
        const group = ctx.graph.refs(stage, "accessLogSettings", [T.LogGroup])[0];
        if (!group) {
            if (isUnknown(destination)) {
                ctx.unverifiable({ path: "accessLogSettings.destinationArn", message: "the access log destination is not known during preview" });
            }
            // A log group outside the input decides the rule unseen: say so. A Firehose stream is not a log group.
            if (typeof destination === "string" && /^arn:aws[a-z-]*:logs:/.test(destination)) {
                ctx.unverifiable({
                    path: "accessLogSettings.destinationArn",
                    outsideInput: true,
                    message: msg`the access log group ${destination} is not in the input, so its retention${lit(ctx.config.requireCustomerKms ? " and encryption" : "")} cannot be checked`,
                });
            }
            return;
        }
        const retention = asNumber(known(group.props, "retentionInDays")) ?? 0;
        if (retention <= 0) {
            ctx.report({ resource: group, path: "retentionInDays", message: "the access log group keeps logs forever" });
        } else if (retention < ctx.config.minimumRetentionDays) {
            ctx.report({
                resource: group,
                path: "retentionInDays",
                message: msg`the access log group keeps logs ${retention} days; at least ${lit(ctx.config.minimumRetentionDays)} are required`,
            });
        }
        if (ctx.config.requireCustomerKms) {
            const key = peek(group.props, "kmsKeyId");
            if (!isUnknown(key) && (typeof key !== "string" || key === "")) {
                ctx.report({ resource: group, path: "kmsKeyId", message: "the access log group is not encrypted with a customer-managed KMS key" });
            }
        }
    },
});
