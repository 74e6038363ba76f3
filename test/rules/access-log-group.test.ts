import * as aws from "@pulumi/aws";
import { restApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "access-log-group";

function withRetention(name: string, retentionInDays: number | undefined, kms = false) {
    const group = new aws.cloudwatch.LogGroup(`${name}-group`, { retentionInDays, kmsKeyId: kms ? "arn:aws:kms:us-east-1:123456789012:key/1234" : undefined });
    restApi(name, { accessLogs: { destinationArn: group.arn } });
}

ruleSuite(RULE, [
    {
        name: "Compliance: a year of retention; destinations outside the stack are not this stack's",
        program: () => {
            withRetention("pass-year", 365);
            restApi("pass-external", { accessLogs: { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:shared-access-logs" } });
            restApi("pass-firehose", { accessLogs: { destinationArn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-logs" } });
        },
        expect: [],
    },
    { name: "Noncompliance 1: logs kept forever", program: () => withRetention("fail-forever", undefined), expect: [`mandatory ${RULE} fail-forever-group`] },
    { name: "Noncompliance 2: 30 days", program: () => withRetention("fail-short", 30), expect: [`mandatory ${RULE} fail-short-group`] },
    {
        name: "Noncompliance 3: no customer key when configuration requires one",
        program: () => { withRetention("fail-no-key", 365); withRetention("pass-key", 365, true); },
        config: { [RULE]: { requireCustomerKms: true } },
        expect: [`mandatory ${RULE} fail-no-key-group`],
    },
    { name: "Compliance: a configured shorter minimum", program: () => withRetention("pass-90", 90), config: { [RULE]: { minimumRetentionDays: 90 } }, expect: [] },
]);
