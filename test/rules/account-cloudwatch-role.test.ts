import * as aws from "@pulumi/aws";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "account-cloudwatch-role";
const PUSH = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs";

function account(name: string, role: aws.iam.RoleArgs) {
    const created = new aws.iam.Role(name, role);
    new aws.apigateway.Account(`${name}-account`, { cloudwatchRoleArn: created.arn });
    return created;
}

const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }] });

ruleSuite(RULE, [
    {
        name: "Compliance: the AWS managed policy, or the same actions inline",
        program: () => {
            account("pass-managed", { assumeRolePolicy: trust, managedPolicyArns: [PUSH] });
            account("pass-inline", {
                assumeRolePolicy: trust,
                inlinePolicies: [{ name: "push", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }] }) }],
            });
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: an inline policy adding S3 access",
        program: () => account("fail-inline", {
            assumeRolePolicy: trust,
            managedPolicyArns: [PUSH],
            inlinePolicies: [{ name: "extra", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::logs/*" }] }) }],
        }),
        expect: [`mandatory ${RULE} fail-inline`],
    },
    {
        name: "Noncompliance 2: another managed policy attached separately",
        program: () => {
            const role = account("extra", { assumeRolePolicy: trust, managedPolicyArns: [PUSH] });
            new aws.iam.RolePolicyAttachment("fail-attachment", { role: role.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
        },
        expect: [`mandatory ${RULE} fail-attachment`],
    },
]);
