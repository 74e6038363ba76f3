import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { trustPolicy } from "./builders";
import { CanonicalStack, interpolate, Later } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "execute-api-invoke-scoped")!;
const doc = (action: string | string[], resource: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });

ruleTester(rule, {
    valid: [{
        name: "Compliance: invoke on named routes; unrelated policies, known or not",
        resources: (stack: CanonicalStack) => {
            stack.add(T.IamPolicy, "pass-route", { policy: doc("execute-api:Invoke", "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/health") });
            stack.add(T.IamPolicy, "pass-s3", { policy: doc("s3:GetObject", "*") });
            const bucket = stack.add("aws:s3/bucket:Bucket", "bucket", {});
            stack.add(T.IamPolicy, "pass-unknown-unrelated", { policy: new Later(doc("s3:GetObject", "arn:aws:s3:::bucket/*"), [bucket]) });
        },
    }],
    invalid: [
        { name: "Noncompliance 1: invoke on every API", resources: (stack: CanonicalStack) => stack.add(T.IamPolicy, "fail-star", { policy: doc("execute-api:Invoke", "*") }), errors: [{ resource: "fail-star", path: "policy", message: "statement 1 allows execute-api:Invoke on every API (\"*\")" }] },
        {
            name: "Noncompliance 2: execute-api:* in a role's inline policy",
            resources: (stack: CanonicalStack) => stack.add(T.IamRole, "fail-inline", {
                assumeRolePolicy: trustPolicy("lambda.amazonaws.com"),
                inlinePolicies: [{ name: "invoke", policy: doc("execute-api:*", "*") }],
            }),
            errors: [{ resource: "fail-inline", path: "inlinePolicies.0.policy", message: "statement 1 allows execute-api:* on every API (\"*\")" }],
        },
        {
            name: "Noncompliance 3: a policy built from an API's outputs is checked after apply, advisory during preview",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.RestApi, "api", {});
                stack.add(T.IamPolicy, "decided-at-apply", { policy: interpolate`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"${api.out("executionArn")}/prod/GET/*"}]}` });
            },
            errors: { up: [], preview: [{ resource: "decided-at-apply", path: "policy", kind: "unverifiable", message: "cannot be verified until apply: the policy, built from an API's outputs, is not known during preview" }] },
        },
    ],
});
