import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { restApi } from "./builders";
import { openApiHttp, openApiRest } from "./fixtures";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "cors-allowed-origins")!;

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: named origins in HTTP CORS, integration and gateway responses",
            resources: (stack: CanonicalStack) => {
                stack.add(T.V2Api, "pass-http", { protocolType: "HTTP", corsConfiguration: { allowOrigins: ["https://app.example.com"], allowCredentials: true } });
                const { api } = restApi(stack, "pass-rest", { cors: true });
                stack.add(T.IntegrationResponse, "pass-preflight", {
                    restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "OPTIONS", statusCode: "200",
                    responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'" },
                });
            },
        },
        {
            name: "Compliance: * without credentials when configuration allows public APIs",
            resources: (stack: CanonicalStack) => stack.add(T.V2Api, "pass-public", { protocolType: "HTTP", corsConfiguration: { allowOrigins: ["*"] } }),
            config: { allowWildcardWithoutCredentials: true },
        },
        { name: "Compliance: x-amazon-apigateway-cors names the origin", resources: [openApiHttp("pass", "openapi3", true)] },
        { name: "Compliance: the OpenAPI preflight's integration response names the origin", resources: [openApiRest("pass-rest", "openapi3", true)] },
    ],
    invalid: [
        {
            name: "Noncompliance 1: * with credentials",
            resources: (stack: CanonicalStack) => stack.add(T.V2Api, "fail-creds", { protocolType: "HTTP", corsConfiguration: { allowOrigins: ["*"], allowCredentials: true } }),
            errors: [{ resource: "fail-creds", path: "corsConfiguration.allowOrigins", message: "CORS allows every origin (*) with credentials" }],
        },
        {
            name: "Noncompliance 2: * in a REST integration response and a gateway response",
            resources: (stack: CanonicalStack) => {
                const { api } = restApi(stack, "rest", { cors: true });
                stack.add(T.IntegrationResponse, "fail-preflight", {
                    restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "OPTIONS", statusCode: "200",
                    responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" },
                });
                stack.add(T.GatewayResponse, "fail-gateway", { restApiId: api.out("id"), responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } });
            },
            errors: [
                { resource: "fail-preflight", path: "responseParameters.method.response.header.Access-Control-Allow-Origin", message: "the response allows every origin ('*')" },
                { resource: "fail-gateway", path: "responseParameters.gatewayresponse.header.Access-Control-Allow-Origin", message: "the response allows every origin ('*')" },
            ],
        },
        {
            name: "Noncompliance 3: never * with credentials, whatever the configuration",
            resources: (stack: CanonicalStack) => stack.add(T.V2Api, "fail-still-creds", { protocolType: "HTTP", corsConfiguration: { allowOrigins: ["*"], allowCredentials: true } }),
            config: { allowWildcardWithoutCredentials: true },
            errors: [{ resource: "fail-still-creds", path: "corsConfiguration.allowOrigins", message: "CORS allows every origin (*) with credentials" }],
        },
        {
            name: "Noncompliance 4: x-amazon-apigateway-cors allows every origin with credentials",
            resources: [openApiHttp("fail", "openapi3", false)],
            errors: [{ resource: "fail", path: "body#/x-amazon-apigateway-cors/allowOrigins", message: "CORS allows every origin (*) with credentials" }],
        },
        {
            name: "Noncompliance 5: a gateway response in the document allows every origin",
            resources: [resource(T.RestApi, "gateway", {
                body: JSON.stringify({
                    openapi: "3.0.1", paths: {},
                    "x-amazon-apigateway-gateway-responses": { DEFAULT_4XX: { responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } } },
                }),
            })],
            errors: [{
                resource: "gateway",
                path: "body#/x-amazon-apigateway-gateway-responses/DEFAULT_4XX/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin",
                message: "OpenAPI gateway response DEFAULT_4XX: the response allows every origin ('*')",
            }],
        },
    ],
});
