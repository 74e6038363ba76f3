/** What an OpenAPI body says of the API itself: resource policy, CORS, endpoint configuration, validators. */
import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { openApiHttp, openApiRest } from "./fixtures";

const byId = (id: string) => catalog.find((candidate) => candidate.id === id)!;

ruleTester(byId("rest-api-resource-policy"), {
    valid: [
        { name: "Compliance: x-amazon-apigateway-policy allows everyone only through a VPC endpoint", resources: [openApiRest("pass", "openapi3", true)] },
        {
            name: "Compliance: the API's own policy argument overrides the document's",
            resources: [resource(T.RestApi, "override", {
                policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "execute-api:Invoke", Resource: "*" }] }),
                body: JSON.stringify({ openapi: "3.0.1", paths: {}, "x-amazon-apigateway-policy": { Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] } }),
            })],
        },
    ],
    invalid: [{
        name: "Noncompliance 1: the document's policy lets anyone invoke",
        resources: [openApiRest("fail", "openapi3", false)],
        errors: [{ resource: "fail", path: "body#/x-amazon-apigateway-policy", message: "statement 1 allows every principal (*) without a condition" }],
    }],
});

ruleTester(byId("cors-allowed-origins"), {
    valid: [
        { name: "Compliance: x-amazon-apigateway-cors names the origin", resources: [openApiHttp("pass", "openapi3", true)] },
        { name: "Compliance: the REST preflight's integration response names the origin", resources: [openApiRest("pass-rest", "openapi3", true)] },
    ],
    invalid: [
        {
            name: "Noncompliance 1: x-amazon-apigateway-cors allows every origin with credentials",
            resources: [openApiHttp("fail", "openapi3", false)],
            errors: [{ resource: "fail", path: "body#/x-amazon-apigateway-cors/allowOrigins", message: "CORS allows every origin (*) with credentials" }],
        },
        {
            name: "Noncompliance 2: a gateway response in the document allows every origin",
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

ruleTester(byId("execute-api-endpoint-disabled"), {
    valid: [{
        name: "Compliance: the document disables the default endpoint of a mapped API",
        resources: [
            resource(T.RestApi, "mapped", { body: JSON.stringify({ openapi: "3.0.1", paths: {}, "x-amazon-apigateway-endpoint-configuration": { disableExecuteApiEndpoint: true } }) }),
            resource(T.BasePathMapping, "mapping", { restApi: "mapped", domainName: "api.example.com" }, { refs: { restApi: ["mapped"] } }),
        ],
    }],
    invalid: [{
        name: "Noncompliance 1: the document leaves the default endpoint on",
        resources: [
            resource(T.RestApi, "mapped", { body: JSON.stringify({ openapi: "3.0.1", paths: {}, "x-amazon-apigateway-endpoint-configuration": { disableExecuteApiEndpoint: false } }) }),
            resource(T.BasePathMapping, "mapping", { restApi: "mapped", domainName: "api.example.com" }, { refs: { restApi: ["mapped"] } }),
        ],
        errors: [{
            resource: "mapped", path: "body#/x-amazon-apigateway-endpoint-configuration/disableExecuteApiEndpoint",
            message: "the API has a custom domain, but its default execute-api endpoint is still reachable",
        }],
    }],
});

ruleTester(byId("rest-request-validation"), {
    valid: [{ name: "Compliance: the document's default validator checks body and parameters", resources: [openApiRest("pass", "openapi3", true)] }],
    invalid: [{
        name: "Noncompliance 1: an operation picks a validator that skips the body",
        resources: [openApiRest("fail", "openapi3", false)],
        errors: [{
            resource: "fail", path: "body#/x-amazon-apigateway-request-validators/params-only/validateRequestBody", level: "advisory", endpoint: "POST /orders",
            message: "OpenAPI operation POST /orders: the validator of method POST does not validate the body",
        }],
    }],
});
