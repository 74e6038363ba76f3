import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { openApiRest } from "./fixtures";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "authorizer-cache-ttl")!;
const URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: REST default (300 s), short TTLs, no caching, Cognito authorizers (no Lambda cache)",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.RestApi, "api", {});
                stack.add(T.Authorizer, "pass-default", { restApi: api.out("id"), type: "TOKEN", authorizerUri: URI });
                stack.add(T.Authorizer, "pass-short", { restApi: api.out("id"), type: "REQUEST", authorizerUri: URI, authorizerResultTtlInSeconds: 60, identitySource: "method.request.header.Authorization" });
                stack.add(T.Authorizer, "pass-cognito", { restApi: api.out("id"), type: "COGNITO_USER_POOLS", providerArns: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"], authorizerResultTtlInSeconds: 3600 });
                const http = stack.add(T.V2Api, "http", { protocolType: "HTTP" });
                stack.add(T.V2Authorizer, "pass-v2", { apiId: http.out("id"), authorizerType: "REQUEST", authorizerUri: URI, authorizerPayloadFormatVersion: "2.0", authorizerResultTtlInSeconds: 0 });
            },
        },
        { name: "Compliance: the document's token authorizer caches for 300 seconds", resources: [openApiRest("pass", "openapi3", true)] },
    ],
    invalid: [
        {
            name: "Noncompliance 1: an hour of cached decisions on a REST authorizer",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.RestApi, "api", {});
                stack.add(T.Authorizer, "fail-hour", { restApi: api.out("id"), type: "TOKEN", authorizerUri: URI, authorizerResultTtlInSeconds: 3600 });
            },
            errors: [{ resource: "fail-hour", path: "authorizerResultTtlInSeconds", message: "authorizer results are cached for 3600 seconds; at most 300 are allowed" }],
        },
        {
            name: "Noncompliance 2: a v2 REQUEST authorizer above a configured maximum",
            resources: (stack: CanonicalStack) => {
                const http = stack.add(T.V2Api, "http", { protocolType: "HTTP" });
                stack.add(T.V2Authorizer, "fail-v2", { apiId: http.out("id"), authorizerType: "REQUEST", authorizerUri: URI, authorizerPayloadFormatVersion: "2.0", authorizerResultTtlInSeconds: 120, identitySources: ["$request.header.Authorization"] });
            },
            config: { maxTtlSeconds: 60 },
            errors: [{ resource: "fail-v2", path: "authorizerResultTtlInSeconds", message: "authorizer results are cached for 120 seconds; at most 60 are allowed" }],
        },
        {
            name: "Noncompliance 3: a token authorizer defined in Swagger 2 caches for an hour",
            resources: [openApiRest("fail", "swagger2", false)],
            errors: [{
                resource: "fail", path: "body#/securityDefinitions/token-check/x-amazon-apigateway-authorizer/authorizerResultTtlInSeconds",
                message: "OpenAPI security scheme token-check: authorizer results are cached for 3600 seconds; at most 300 are allowed",
            }],
        },
    ],
});
