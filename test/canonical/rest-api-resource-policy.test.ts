import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { openApiRest } from "./fixtures";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "rest-api-resource-policy")!;
const doc = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: "execute-api:/*", ...statement }] });

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: everyone through a VPC endpoint, named accounts, and an explicit Deny to everyone",
            resources: (stack: CanonicalStack) => {
                stack.add(T.RestApi, "pass-vpce", { endpointConfiguration: { types: ["PRIVATE"] }, policy: doc({ Principal: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1234" } } }) });
                const api = stack.add(T.RestApi, "pass-accounts", {});
                stack.add(T.RestApiPolicy, "pass-accounts-policy", { restApiId: api.out("id"), policy: doc({ Principal: { AWS: ["arn:aws:iam::111122223333:root"] } }) });
                stack.add(T.RestApi, "pass-deny", {
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }] }),
                });
            },
        },
        { name: "Compliance: x-amazon-apigateway-policy allows everyone only through a VPC endpoint", resources: [openApiRest("pass", "openapi3", true)] },
        {
            name: "Compliance: AWS's private-API pattern — Allow everyone, then Deny everyone outside the VPC endpoint or IP range",
            resources: (stack: CanonicalStack) => {
                const allowThenDeny = (condition: object) => JSON.stringify({ Version: "2012-10-17", Statement: [
                    { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
                    { Effect: "Deny", Principal: "*", Action: "execute-api:*", Resource: "execute-api:/*", Condition: condition },
                ] });
                stack.add(T.RestApi, "pass-deny-outside-vpce", { endpointConfiguration: { types: ["PRIVATE"] }, policy: allowThenDeny({ StringNotEquals: { "aws:SourceVpce": "vpce-1234" } }) });
                stack.add(T.RestApi, "pass-deny-outside-ip", { policy: allowThenDeny({ NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } }) });
            },
        },
        {
            name: "Compliance: the API's own policy argument overrides the document's",
            resources: [resource(T.RestApi, "override", {
                policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "execute-api:Invoke", Resource: "*" }] }),
                body: JSON.stringify({ openapi: "3.0.1", paths: {}, "x-amazon-apigateway-policy": { Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] } }),
            })],
        },
    ],
    invalid: [
        {
            name: "Noncompliance 1: Principal * without a condition on the API",
            resources: (stack: CanonicalStack) => stack.add(T.RestApi, "fail-open", { policy: doc({ Principal: "*" }) }),
            errors: [{ resource: "fail-open", path: "policy", message: "statement 1 allows every principal (*) without a condition" }],
        },
        {
            name: "Noncompliance 2: Principal { AWS: * } without a condition in a RestApiPolicy",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.RestApi, "base", {});
                stack.add(T.RestApiPolicy, "fail-aws-star", { restApiId: api.out("id"), policy: doc({ Principal: { AWS: "*" } }) });
            },
            errors: [{ resource: "fail-aws-star", path: "policy", message: "statement 1 allows every principal (*) without a condition" }],
        },
        {
            name: "Noncompliance 5: a Deny that covers less than the Allow, or applies inside the boundary, takes nothing back",
            resources: (stack: CanonicalStack) => {
                const allowThenDeny = (deny: object) => JSON.stringify({ Version: "2012-10-17", Statement: [
                    { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
                    { Effect: "Deny", Principal: "*", Action: "execute-api:Invoke", ...deny },
                ] });
                stack.add(T.RestApi, "fail-deny-one-path", { policy: allowThenDeny({ Resource: "execute-api:/*/GET/admin", Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1234" } } }) });
                stack.add(T.RestApi, "fail-deny-inside", { policy: allowThenDeny({ Resource: "execute-api:/*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1234" } } }) });
            },
            errors: [
                { resource: "fail-deny-one-path", path: "policy", message: "statement 1 allows every principal (*) without a condition" },
                { resource: "fail-deny-inside", path: "policy", message: "statement 1 allows every principal (*) without a condition" },
            ],
        },
        {
            name: "Noncompliance 3: a policy that is not valid JSON cannot be verified, and says so",
            resources: (stack: CanonicalStack) => stack.add(T.RestApi, "broken", { policy: "{\"Statement\": [" }),
            errors: [{ resource: "broken", path: "policy", message: "cannot be verified until apply: the resource policy cannot be read: the document is not valid JSON", kind: "unverifiable" }],
        },
        {
            name: "Noncompliance 4: the document's policy lets anyone invoke",
            resources: [openApiRest("fail", "openapi3", false)],
            errors: [{ resource: "fail", path: "body#/x-amazon-apigateway-policy", message: "statement 1 allows every principal (*) without a condition" }],
        },
    ],
});
