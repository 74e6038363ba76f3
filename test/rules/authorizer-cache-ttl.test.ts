import * as aws from "@pulumi/aws";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "authorizer-cache-ttl";
const URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";

ruleSuite(RULE, [
    {
        name: "Compliance: REST default (300 s), short TTLs, no caching, Cognito authorizers (no Lambda cache)",
        program: () => {
            const api = new aws.apigateway.RestApi("api", {});
            new aws.apigateway.Authorizer("pass-default", { restApi: api.id, type: "TOKEN", authorizerUri: URI });
            new aws.apigateway.Authorizer("pass-short", { restApi: api.id, type: "REQUEST", authorizerUri: URI, authorizerResultTtlInSeconds: 60, identitySource: "method.request.header.Authorization" });
            new aws.apigateway.Authorizer("pass-cognito", { restApi: api.id, type: "COGNITO_USER_POOLS", providerArns: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"], authorizerResultTtlInSeconds: 3600 });
            const http = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
            new aws.apigatewayv2.Authorizer("pass-v2", { apiId: http.id, authorizerType: "REQUEST", authorizerUri: URI, authorizerPayloadFormatVersion: "2.0", authorizerResultTtlInSeconds: 0 });
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: an hour of cached decisions on a REST authorizer",
        program: () => {
            const api = new aws.apigateway.RestApi("api", {});
            new aws.apigateway.Authorizer("fail-hour", { restApi: api.id, type: "TOKEN", authorizerUri: URI, authorizerResultTtlInSeconds: 3600 });
        },
        expect: [`mandatory ${RULE} fail-hour`],
    },
    {
        name: "Noncompliance 2: a v2 REQUEST authorizer above a configured maximum",
        program: () => {
            const http = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
            new aws.apigatewayv2.Authorizer("fail-v2", { apiId: http.id, authorizerType: "REQUEST", authorizerUri: URI, authorizerPayloadFormatVersion: "2.0", authorizerResultTtlInSeconds: 120, identitySources: ["$request.header.Authorization"] });
        },
        config: { [RULE]: { maxTtlSeconds: 60 } },
        expect: [`mandatory ${RULE} fail-v2`],
    },
]);
