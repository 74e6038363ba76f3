import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { restApi } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "access-log-group")!;

function withRetention(stack: CanonicalStack, name: string, retentionInDays: number | undefined, kms = false) {
    const group = stack.add(T.LogGroup, `${name}-group`, { name: `${name}-group`, retentionInDays, kmsKeyId: kms ? "arn:aws:kms:us-east-1:123456789012:key/1234" : undefined });
    restApi(stack, name, { accessLogs: { destinationArn: group.out("arn") } });
}

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: a year of retention; a Firehose stream is not a log group",
            resources: (stack: CanonicalStack) => {
                withRetention(stack, "pass-year", 365);
                restApi(stack, "pass-firehose", { accessLogs: { destinationArn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-logs" } });
            },
        },
        { name: "Compliance: a configured shorter minimum", resources: (stack: CanonicalStack) => withRetention(stack, "pass-90", 90), config: { minimumRetentionDays: 90 } },
    ],
    invalid: [
        { name: "Noncompliance 1: logs kept forever", resources: (stack: CanonicalStack) => withRetention(stack, "fail-forever", undefined), errors: [{ resource: "fail-forever-group", path: "retentionInDays", message: "the access log group keeps logs forever" }] },
        { name: "Noncompliance 2: 30 days", resources: (stack: CanonicalStack) => withRetention(stack, "fail-short", 30), errors: [{ resource: "fail-short-group", path: "retentionInDays", message: "the access log group keeps logs 30 days; at least 365 are required" }] },
        {
            name: "Noncompliance 3: no customer key when configuration requires one",
            resources: (stack: CanonicalStack) => { withRetention(stack, "fail-no-key", 365); withRetention(stack, "pass-key", 365, true); },
            config: { requireCustomerKms: true },
            errors: [{ resource: "fail-no-key-group", path: "kmsKeyId", message: "the access log group is not encrypted with a customer-managed KMS key" }],
        },
        {
            name: "Noncompliance 4: a log group outside the input decides unseen: cannot be verified",
            resources: (stack: CanonicalStack) => restApi(stack, "external", { accessLogs: { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:shared-access-logs" } }),
            errors: [{ resource: "external-stage", path: "accessLogSettings.destinationArn", kind: "unverifiable", message: "cannot be verified: the access log group arn:aws:logs:us-east-1:123456789012:log-group:shared-access-logs is not in the input, so its retention cannot be checked" }],
        },
    ],
});
