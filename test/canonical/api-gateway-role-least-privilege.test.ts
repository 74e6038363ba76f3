import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { apiRole, restApi, statement } from "./builders";
import { CanonicalStack, Later } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "api-gateway-role-least-privilege")!;
const PUSH_TO_CLOUDWATCH = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs";
const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:orders";

ruleTester(rule, {
    valid: [{
        name: "Compliance: scoped integration role, AWS's CloudWatch role, logs writes on *, and non-API roles",
        resources: (stack: CanonicalStack) => {
            apiRole(stack, "pass-cloudwatch", { managedPolicyArns: [PUSH_TO_CLOUDWATCH] });
            apiRole(stack, "pass-attached-cloudwatch", { attachedManagedPolicyArns: [PUSH_TO_CLOUDWATCH] });
            apiRole(stack, "pass-scoped", { inlinePolicy: statement("lambda:InvokeFunction", FUNCTION) });
            apiRole(stack, "pass-logs", { rolePolicy: statement(["logs:CreateLogStream", "logs:PutLogEvents"], "*") });
            apiRole(stack, "pass-read", { attachedPolicy: statement(["dynamodb:GetItem", "dynamodb:Query"], "*") });
            apiRole(stack, "pass-lambda-only", { service: "lambda.amazonaws.com", inlinePolicy: statement("*", "*") });
        },
    }],
    invalid: [
        {
            name: "Noncompliance 1: an inline policy granting every action",
            resources: (stack: CanonicalStack) => apiRole(stack, "fail-star", { inlinePolicy: statement("*", "*") }),
            errors: [{ resource: "fail-star", path: "inlinePolicies.0.policy", message: "inline policy fail-star-inline, statement 1, grants every action (*) to role fail-star, which API Gateway can assume (its trust policy allows apigateway.amazonaws.com; nothing in the input is seen using it)" }],
        },
        {
            name: "Noncompliance 2: a role policy with write actions on every resource",
            resources: (stack: CanonicalStack) => apiRole(stack, "fail-write", { rolePolicy: statement(["s3:PutObject", "s3:GetObject"], "*") }),
            errors: [{ resource: "fail-write-policy", path: "policy", message: "role policy fail-write-policy, statement 1, allows write actions s3:PutObject on every resource (\"*\")" }],
        },
        {
            name: "Noncompliance 3: an attached policy allowing iam:PassRole on every role",
            resources: (stack: CanonicalStack) => apiRole(stack, "fail-passrole", { attachedPolicy: statement("iam:PassRole", "*") }),
            errors: [{ resource: "fail-passrole-managed", path: "policy", message: "policy fail-passrole-managed, statement 1, allows iam:PassRole on every role (\"*\"): the role could hand any role to a service" }],
        },
        {
            name: "Noncompliance 4: AdministratorAccess attached",
            resources: (stack: CanonicalStack) => apiRole(stack, "fail-admin", { attachedManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }),
            errors: [{ resource: "fail-admin-aws-1", path: "policyArn", message: "managed policy AdministratorAccess is attached to role fail-admin, which API Gateway can assume (its trust policy allows apigateway.amazonaws.com; nothing in the input is seen using it)" }],
        },
        {
            name: "Noncompliance 5: a role API Gateway uses as integration credentials, whatever its trust policy says",
            resources: (stack: CanonicalStack) => {
                const role = apiRole(stack, "fail-credentials", { service: "lambda.amazonaws.com", inlinePolicy: statement("sqs:*", "*") });
                const { api } = restApi(stack, "pass-api");
                stack.add(T.Integration, "uses-role", {
                    restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "GET", type: "AWS", integrationHttpMethod: "POST",
                    uri: "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders", credentials: role.out("arn"),
                });
            },
            errors: [{ resource: "fail-credentials", path: "inlinePolicies.0.policy", message: "inline policy fail-credentials-inline, statement 1, allows write actions sqs:* on every resource (\"*\")" }],
        },
        {
            name: "Noncompliance 5b: a role an integration uses is one API Gateway assumes, said without inference",
            resources: (stack: CanonicalStack) => {
                const role = apiRole(stack, "fail-used-star", { inlinePolicy: statement("*", "*") });
                const { api } = restApi(stack, "pass-api");
                stack.add(T.Integration, "uses-star-role", {
                    restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "GET", type: "AWS", integrationHttpMethod: "POST",
                    uri: "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders", credentials: role.out("arn"),
                });
            },
            errors: [{ resource: "fail-used-star", path: "inlinePolicies.0.policy", message: "inline policy fail-used-star-inline, statement 1, grants every action (*) to role fail-used-star, which API Gateway assumes for integration uses-star-role" }],
        },
        {
            name: "Noncompliance 5c: a role with many uses names the first three and counts the rest",
            resources: (stack: CanonicalStack) => {
                const role = apiRole(stack, "fail-busy", { inlinePolicy: statement("*", "*") });
                const { api } = restApi(stack, "busy-api");
                for (const name of ["busy-a", "busy-b", "busy-c", "busy-d"]) {
                    stack.add(T.Integration, name, {
                        restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "GET", type: "AWS", integrationHttpMethod: "POST",
                        uri: "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders", credentials: role.out("arn"),
                    });
                }
            },
            errors: [{ resource: "fail-busy", path: "inlinePolicies.0.policy", message: "inline policy fail-busy-inline, statement 1, grants every action (*) to role fail-busy, which API Gateway assumes for integration busy-a, integration busy-b, integration busy-c and 1 more" }],
        },
        {
            name: "Noncompliance 6: a policy computed from outputs is advisory during preview and checked after apply",
            resources: (stack: CanonicalStack) => {
                apiRole(stack, "decided-at-apply", { inlinePolicy: new Later(JSON.stringify(statement("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:target"))) });
            },
            errors: { up: [], preview: [{ resource: "decided-at-apply", path: "inlinePolicies.0.policy", kind: "unverifiable", message: "cannot be verified until apply: the document of inline policy decided-at-apply-inline is not known during preview" }] },
        },
    ],
});
