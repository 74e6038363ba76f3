import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { CanonicalStack, interpolate } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "lambda-permission-scoped")!;
const ARN = "arn:aws:execute-api:us-east-1:123456789012";

function permission(stack: CanonicalStack, name: string, sourceArn: unknown, principal = "apigateway.amazonaws.com") {
    stack.add(T.LambdaPermission, name, { action: "lambda:InvokeFunction", function: "handler", principal, sourceArn });
}

ruleTester(rule, {
    valid: [{
        name: "Compliance: a method and path, a stage, another service's principal",
        resources: (stack: CanonicalStack) => {
            permission(stack, "pass-route", `${ARN}:a1b2c3/*/GET/orders`);
            permission(stack, "pass-stage", `${ARN}:a1b2c3/prod/*/*`);
            permission(stack, "pass-s3", undefined, "s3.amazonaws.com");
        },
    }],
    invalid: [
        { name: "Noncompliance 1: no source ARN", resources: (stack: CanonicalStack) => permission(stack, "fail-missing", undefined), errors: [{ resource: "fail-missing", path: "sourceArn", message: "the permission lets every API Gateway API, in any account, invoke the function" }] },
        {
            name: "Noncompliance 1b: no source ARN but a source account: every API of that account, not any account",
            resources: (stack: CanonicalStack) => stack.add(T.LambdaPermission, "fail-account-only", { action: "lambda:InvokeFunction", function: "handler", principal: "apigateway.amazonaws.com", sourceAccount: "123456789012" }),
            errors: [{ resource: "fail-account-only", path: "sourceArn", message: "the permission has no source ARN, so every API Gateway API of the source account (every stage, method and path) can invoke the function" }],
        },
        { name: "Noncompliance 2: every stage and method of the API", resources: (stack: CanonicalStack) => permission(stack, "fail-all", `${ARN}:a1b2c3/*/*`), errors: [{ resource: "fail-all", path: "sourceArn", message: "the source ARN arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*/* allows every stage, method and path of the API" }] },
        { name: "Noncompliance 3: every API of the account", resources: (stack: CanonicalStack) => permission(stack, "fail-any-api", `${ARN}:*/prod/GET/orders`), errors: [{ resource: "fail-any-api", path: "sourceArn", message: "the source ARN arn:aws:execute-api:us-east-1:123456789012:*/prod/GET/orders matches every API of the account" }] },
        { name: "Noncompliance 4: any principal", resources: (stack: CanonicalStack) => permission(stack, "fail-star", undefined, "*"), errors: [{ resource: "fail-star", path: "principal", message: "the permission lets any principal invoke the function" }] },
        {
            name: "Noncompliance 5: a source ARN built from the API's outputs is checked after apply, advisory during preview",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.RestApi, "api", {});
                permission(stack, "decided-at-apply", interpolate`${api.out("executionArn")}/*/GET/orders`);
            },
            errors: { up: [], preview: [{ resource: "decided-at-apply", path: "sourceArn", kind: "unverifiable", message: "cannot be verified until apply: the source ARN, whose stage, method and path decide the scope, is not known during preview" }] },
        },
    ],
});
