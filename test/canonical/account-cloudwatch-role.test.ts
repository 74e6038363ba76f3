import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { trustPolicy } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "account-cloudwatch-role")!;
const PUSH = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs";
const trust = trustPolicy("apigateway.amazonaws.com");

function account(stack: CanonicalStack, name: string, role: Record<string, unknown>) {
    const created = stack.add(T.IamRole, name, { name, ...role });
    stack.add(T.Account, `${name}-account`, { cloudwatchRoleArn: created.out("arn") });
    return created;
}

ruleTester(rule, {
    valid: [{
        name: "Compliance: the AWS managed policy, or the same actions inline",
        resources: (stack: CanonicalStack) => {
            account(stack, "pass-managed", { assumeRolePolicy: trust, managedPolicyArns: [PUSH] });
            account(stack, "pass-inline", {
                assumeRolePolicy: trust,
                inlinePolicies: [{ name: "push", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }] }) }],
            });
        },
    }],
    invalid: [
        {
            name: "Noncompliance 1: an inline policy adding S3 access",
            resources: (stack: CanonicalStack) => account(stack, "fail-inline", {
                assumeRolePolicy: trust,
                managedPolicyArns: [PUSH],
                inlinePolicies: [{ name: "extra", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::logs/*" }] }) }],
            }),
            errors: [{ resource: "fail-inline", path: "inlinePolicies.0.policy", message: "inline policy extra gives the CloudWatch role s3:GetObject besides pushing logs" }],
        },
        {
            name: "Noncompliance 2: another managed policy attached separately",
            resources: (stack: CanonicalStack) => {
                const role = account(stack, "extra", { assumeRolePolicy: trust, managedPolicyArns: [PUSH] });
                stack.add(T.IamRolePolicyAttachment, "fail-attachment", { role: role.out("name"), policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
            },
            errors: [{ resource: "fail-attachment", path: "policyArn", message: "the CloudWatch role also holds managed policy ReadOnlyAccess" }],
        },
        {
            name: "Noncompliance 3: a CloudWatch role outside the input: its policies decide, unseen",
            resources: (stack: CanonicalStack) => { stack.add(T.Account, "elsewhere", { cloudwatchRoleArn: "arn:aws:iam::123456789012:role/platform-apigw-logs" }); },
            errors: [{ resource: "elsewhere", path: "cloudwatchRoleArn", kind: "unverifiable", message: "cannot be verified: the CloudWatch role arn:aws:iam::123456789012:role/platform-apigw-logs is not in the input, so its policies cannot be checked" }],
        },
        {
            name: "Noncompliance 4: an inline policy that is not JSON cannot be read, and applying will not change that",
            resources: (stack: CanonicalStack) => account(stack, "broken", { assumeRolePolicy: trust, managedPolicyArns: [PUSH], inlinePolicies: [{ name: "typo", policy: "{ not json" }] }),
            errors: [{ resource: "broken", path: "inlinePolicies.0.policy", kind: "unverifiable", message: "cannot be verified: inline policy typo cannot be read: the document is not valid JSON" }],
        },
    ],
});
