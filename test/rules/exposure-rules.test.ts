import { describe } from "node:test";
import * as aws from "@pulumi/aws";
import { httpApi, restApi, restDomain, v2Domain } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

describe("exposure", () => {
    ruleSuite("cors-allowed-origins", [
        {
            name: "Compliance: named origins in HTTP CORS, integration and gateway responses",
            program: () => {
                new aws.apigatewayv2.Api("pass-http", { protocolType: "HTTP", corsConfiguration: { allowOrigins: ["https://app.example.com"], allowCredentials: true } });
                const { api } = restApi("pass-rest", { cors: true });
                new aws.apigateway.IntegrationResponse("pass-preflight", { restApi: api.id, resourceId: api.rootResourceId, httpMethod: "OPTIONS", statusCode: "200",
                    responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'" } });
            },
            expect: [],
        },
        { name: "Noncompliance 1: * with credentials", program: () => new aws.apigatewayv2.Api("fail-creds", { protocolType: "HTTP", corsConfiguration: { allowOrigins: ["*"], allowCredentials: true } }), expect: ["mandatory cors-allowed-origins fail-creds"] },
        {
            name: "Noncompliance 2: * in a REST integration response and a gateway response",
            program: () => {
                const { api } = restApi("rest", { cors: true });
                new aws.apigateway.IntegrationResponse("fail-preflight", { restApi: api.id, resourceId: api.rootResourceId, httpMethod: "OPTIONS", statusCode: "200",
                    responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" } });
                new aws.apigateway.Response("fail-gateway", { restApiId: api.id, responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } });
            },
            expect: ["mandatory cors-allowed-origins fail-gateway", "mandatory cors-allowed-origins fail-preflight"],
        },
        {
            name: "Compliance: * without credentials when configuration allows public APIs, never with credentials",
            program: () => {
                new aws.apigatewayv2.Api("pass-public", { protocolType: "HTTP", corsConfiguration: { allowOrigins: ["*"] } });
                new aws.apigatewayv2.Api("fail-still-creds", { protocolType: "HTTP", corsConfiguration: { allowOrigins: ["*"], allowCredentials: true } });
            },
            config: { "cors-allowed-origins": { allowWildcardWithoutCredentials: true } },
            expect: ["mandatory cors-allowed-origins fail-still-creds"],
        },
    ]);
    ruleSuite("endpoint-type-allowed", [
        { name: "Compliance: REGIONAL and PRIVATE", program: () => { new aws.apigateway.RestApi("pass-regional", { endpointConfiguration: { types: "REGIONAL" } }); new aws.apigateway.RestApi("pass-private", { endpointConfiguration: { types: "PRIVATE" } }); }, expect: [] },
        { name: "Noncompliance 1: no endpoint configuration means EDGE", program: () => new aws.apigateway.RestApi("fail-default", {}), expect: ["advisory endpoint-type-allowed fail-default"] },
        { name: "Noncompliance 2: an EDGE domain name", program: () => restDomain("fail-edge-domain", "TLS_1_2", { endpointConfiguration: { types: "EDGE" } }), expect: ["advisory endpoint-type-allowed fail-edge-domain"] },
        { name: "Compliance: EDGE allowed by configuration", program: () => new aws.apigateway.RestApi("pass-edge", {}), config: { "endpoint-type-allowed": { allowedEndpointTypes: ["EDGE", "REGIONAL"] } }, expect: [] },
    ]);
    ruleSuite("execute-api-endpoint-disabled", [
        {
            name: "Compliance: mapped APIs disable the default endpoint; unmapped APIs keep it",
            program: () => {
                const rest = new aws.apigateway.RestApi("pass-rest", { disableExecuteApiEndpoint: true });
                const domain = restDomain("rest-domain", "TLS_1_2");
                new aws.apigateway.BasePathMapping("rest-mapping", { restApi: rest.id, stageName: "prod", domainName: domain.domainName });
                new aws.apigateway.RestApi("pass-unmapped", {});
            },
            expect: [],
        },
        {
            name: "Noncompliance 1: a REST API behind a domain, still reachable directly",
            program: () => {
                const rest = new aws.apigateway.RestApi("fail-rest", {});
                const domain = restDomain("rest-domain", "TLS_1_2");
                new aws.apigateway.BasePathMapping("rest-mapping", { restApi: rest.id, stageName: "prod", domainName: domain.domainName });
            },
            expect: ["mandatory execute-api-endpoint-disabled fail-rest"],
        },
        {
            name: "Noncompliance 2: an HTTP API behind a domain, still reachable directly",
            program: () => {
                const api = httpApi("fail-http");
                const domain = v2Domain("http-domain", "TLS_1_2");
                new aws.apigatewayv2.ApiMapping("http-mapping", { apiId: api.id, domainName: domain.domainName, stage: "$default" });
            },
            expect: ["mandatory execute-api-endpoint-disabled fail-http"],
        },
    ]);
    ruleSuite("replacement-availability", [
        { name: "Compliance: Pulumi replaces before deleting by default", program: () => restApi("pass"), expect: [] },
        { name: "Noncompliance 1: a REST API deleted before its replacement exists", program: () => new aws.apigateway.RestApi("fail-api", {}, { deleteBeforeReplace: true }), expect: ["advisory replacement-availability fail-api"] },
    ]);
    ruleSuite("required-tags", [
        { name: "Compliance: owner and environment", program: () => new aws.apigateway.RestApi("pass", { tags: { owner: "a", environment: "prod" } }), expect: [] },
        { name: "Noncompliance 1: no owner", program: () => new aws.apigatewayv2.Api("fail-owner", { protocolType: "HTTP", tags: { environment: "prod" } }), expect: ["advisory required-tags fail-owner"] },
        { name: "Noncompliance 2: a configured tag missing", program: () => new aws.apigateway.RestApi("fail-cost", { tags: { owner: "a", environment: "prod" } }), config: { "required-tags": { requiredTags: ["owner", "cost-center"] } }, expect: ["advisory required-tags fail-cost"] },
    ]);
    ruleSuite("stale-stages", [
        { name: "Compliance: stages that serve a deployment", program: () => { restApi("pass-rest"); httpApi("pass-http"); }, expect: [] },
        {
            name: "Noncompliance 1: a deprecated stage name",
            program: () => {
                const { api, stage } = restApi("base");
                new aws.apigateway.Stage("fail-legacy", { restApi: api.id, deployment: stage.deployment, stageName: "legacy" });
            },
            expect: ["advisory stale-stages fail-legacy"],
        },
        {
            name: "Noncompliance 2: a v2 stage that deploys nothing",
            program: () => {
                const api = new aws.apigatewayv2.Api("api", { protocolType: "HTTP" });
                new aws.apigatewayv2.Stage("fail-empty", { apiId: api.id, name: "v2" });
            },
            expect: ["advisory stale-stages fail-empty"],
        },
    ]);
    ruleSuite("rest-request-validation", [
        {
            name: "Compliance: parameters validated for GET, body too for POST; MOCK preflights exempt",
            program: () => {
                const api = new aws.apigateway.RestApi("api", {});
                const validator = new aws.apigateway.RequestValidator("all", { restApi: api.id, validateRequestBody: true, validateRequestParameters: true });
                const params = new aws.apigateway.RequestValidator("params", { restApi: api.id, validateRequestParameters: true });
                new aws.apigateway.Method("pass-get", { restApi: api.id, resourceId: api.rootResourceId, httpMethod: "GET", authorization: "AWS_IAM", requestValidatorId: params.id });
                new aws.apigateway.Method("pass-post", { restApi: api.id, resourceId: api.rootResourceId, httpMethod: "POST", authorization: "AWS_IAM", requestValidatorId: validator.id });
                new aws.apigateway.Method("pass-options", { restApi: api.id, resourceId: api.rootResourceId, httpMethod: "OPTIONS", authorization: "NONE" });
                new aws.apigateway.Integration("pass-options", { restApi: api.id, resourceId: api.rootResourceId, httpMethod: "OPTIONS", type: "MOCK" });
            },
            expect: [],
        },
        {
            name: "Noncompliance 1: a POST whose validator skips the body, and a method without a validator",
            program: () => {
                const api = new aws.apigateway.RestApi("api", {});
                const params = new aws.apigateway.RequestValidator("fail-params-only", { restApi: api.id, validateRequestParameters: true });
                new aws.apigateway.Method("post", { restApi: api.id, resourceId: api.rootResourceId, httpMethod: "POST", authorization: "AWS_IAM", requestValidatorId: params.id });
                new aws.apigateway.Method("fail-unvalidated", { restApi: api.id, resourceId: api.rootResourceId, httpMethod: "DELETE", authorization: "AWS_IAM" });
            },
            expect: ["advisory rest-request-validation fail-params-only", "advisory rest-request-validation fail-unvalidated"],
        },
    ]);
});
