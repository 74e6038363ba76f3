import * as aws from "@pulumi/aws";
import { apiRole, restApi, statement } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "api-gateway-role-least-privilege";
const PUSH_TO_CLOUDWATCH = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs";
const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:orders";

ruleSuite(RULE, [
    {
        name: "Compliance: scoped integration role, AWS's CloudWatch role, logs writes on *, and non-API roles",
        program: () => {
            apiRole("pass-cloudwatch", { managedPolicyArns: [PUSH_TO_CLOUDWATCH] });
            apiRole("pass-attached-cloudwatch", { attachedManagedPolicyArns: [PUSH_TO_CLOUDWATCH] });
            apiRole("pass-scoped", { inlinePolicy: statement("lambda:InvokeFunction", FUNCTION) });
            apiRole("pass-logs", { rolePolicy: statement(["logs:CreateLogStream", "logs:PutLogEvents"], "*") });
            apiRole("pass-read", { attachedPolicy: statement(["dynamodb:GetItem", "dynamodb:Query"], "*") });
            apiRole("pass-lambda-only", { service: "lambda.amazonaws.com", inlinePolicy: statement("*", "*") });
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: an inline policy granting every action",
        program: () => apiRole("fail-star", { inlinePolicy: statement("*", "*") }),
        expect: [`mandatory ${RULE} fail-star`],
    },
    {
        name: "Noncompliance 2: a role policy with write actions on every resource",
        program: () => apiRole("fail-write", { rolePolicy: statement(["s3:PutObject", "s3:GetObject"], "*") }),
        expect: [`mandatory ${RULE} fail-write-policy`],
    },
    {
        name: "Noncompliance 3: an attached policy allowing iam:PassRole on every role",
        program: () => apiRole("fail-passrole", { attachedPolicy: statement("iam:PassRole", "*") }),
        expect: [`mandatory ${RULE} fail-passrole-managed`],
    },
    {
        name: "Noncompliance 4: AdministratorAccess attached",
        program: () => apiRole("fail-admin", { attachedManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }),
        expect: [`mandatory ${RULE} fail-admin-aws-1`],
    },
    {
        name: "Noncompliance 5: a role API Gateway uses as integration credentials, whatever its trust policy says",
        program: () => {
            const role = apiRole("fail-credentials", { service: "lambda.amazonaws.com", inlinePolicy: statement("sqs:*", "*") });
            const { api } = restApi("pass-api");
            new aws.apigateway.Integration("uses-role", {
                restApi: api.id,
                resourceId: api.rootResourceId,
                httpMethod: "GET",
                type: "AWS",
                integrationHttpMethod: "POST",
                uri: "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders",
                credentials: role.arn,
            });
        },
        expect: [`mandatory ${RULE} fail-credentials`],
    },
    {
        name: "A policy computed from outputs is advisory during preview and checked after apply",
        program: () => {
            const fn = new aws.cloudwatch.LogGroup("target", {});
            apiRole("decided-at-apply", { inlinePolicy: fn.arn.apply((arn) => JSON.stringify(statement("logs:PutLogEvents", arn))) });
        },
        expect: { up: [], preview: [`advisory ${RULE} decided-at-apply`] },
    },
]);
