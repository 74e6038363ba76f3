import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "execute-api-invoke-scoped";
const doc = (action: string | string[], resource: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });

ruleSuite(RULE, [
    {
        name: "Compliance: invoke on named routes; unrelated policies, known or not",
        program: () => {
            new aws.iam.Policy("pass-route", { policy: doc("execute-api:Invoke", "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/health") });
            new aws.iam.Policy("pass-s3", { policy: doc("s3:GetObject", "*") });
            const bucket = new aws.s3.Bucket("bucket", {});
            new aws.iam.Policy("pass-unknown-unrelated", { policy: bucket.arn.apply((arn) => doc("s3:GetObject", `${arn}/*`)) });
        },
        expect: [],
    },
    { name: "Noncompliance 1: invoke on every API", program: () => new aws.iam.Policy("fail-star", { policy: doc("execute-api:Invoke", "*") }), expect: [`mandatory ${RULE} fail-star`] },
    {
        name: "Noncompliance 2: execute-api:* in a role's inline policy",
        program: () => new aws.iam.Role("fail-inline", {
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
            inlinePolicies: [{ name: "invoke", policy: doc("execute-api:*", "*") }],
        }),
        expect: [`mandatory ${RULE} fail-inline`],
    },
    {
        name: "A policy built from an API's outputs is checked after apply, advisory during preview",
        program: () => {
            const api = new aws.apigateway.RestApi("api", {});
            new aws.iam.Policy("decided-at-apply", { policy: pulumi.interpolate`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"${api.executionArn}/prod/GET/*"}]}` });
        },
        expect: { up: [], preview: [`advisory ${RULE} decided-at-apply`] },
    },
]);
