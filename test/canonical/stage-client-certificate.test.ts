import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { restApi, webSocketApi } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "stage-client-certificate")!;

function withHttpBackend(stack: CanonicalStack, name: string, clientCertificate: boolean) {
    const { api } = restApi(stack, name, { clientCertificate });
    stack.add(T.Integration, `${name}-http`, { restApi: api.out("id"), resourceId: api.out("rootResourceId"), httpMethod: "GET", type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: "https://backend.example.com/" });
}

/** A REST API whose OpenAPI body proxies to an HTTP backend, and its stage. */
function openApiHttpBackend(clientCertificateId?: string) {
    return [
        resource(T.RestApi, "proxy", {
            body: JSON.stringify({
                openapi: "3.0.1",
                paths: { "/items": { get: { security: [{ sigv4: [] }], "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "GET", uri: "https://backend.example.com/items" } } } },
                components: { securitySchemes: { sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" } } },
            }),
        }),
        resource(T.Stage, "proxy-prod", { restApi: "proxy", stageName: "prod", ...(clientCertificateId ? { clientCertificateId } : {}) }, { refs: { restApi: ["proxy"] } }),
    ];
}

ruleTester(rule, {
    valid: [
        { name: "Compliance: MOCK/Lambda-only APIs need no certificate; HTTP backends get one", resources: (stack: CanonicalStack) => { restApi(stack, "pass-mock"); withHttpBackend(stack, "pass-http", true); } },
        { name: "Compliance: an OpenAPI HTTP backend behind a stage with a client certificate", resources: openApiHttpBackend("cert-1") },
        { name: "Compliance: a stage with a certificate needs nothing of an API outside the input", resources: [resource(T.Stage, "pass-elsewhere", { restApi: "a1b2c3", stageName: "prod", clientCertificateId: "cert-1" })] },
    ],
    invalid: [
        { name: "Noncompliance 1: an HTTP backend without a certificate", resources: (stack: CanonicalStack) => withHttpBackend(stack, "fail-http", false), errors: [{ resource: "fail-http-stage", path: "clientCertificateId", message: "the stage sends requests to HTTP backends without a client certificate", level: "advisory" }] },
        {
            name: "Noncompliance 2: every stage when configuration requires it",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-all"),
            config: { requireForAllStages: true },
            errors: [{ resource: "fail-all-stage", path: "clientCertificateId", message: "the stage has no client certificate, which the configuration requires of every stage", level: "advisory" }],
        },
        {
            name: "Noncompliance 3: a WebSocket API with an HTTP backend",
            resources: (stack: CanonicalStack) => {
                const { api } = webSocketApi(stack, "fail-socket");
                stack.add(T.V2Integration, "fail-socket-http", { apiId: api.out("id"), integrationType: "HTTP_PROXY", integrationMethod: "POST", integrationUri: "https://backend.example.com/" });
            },
            errors: [{ resource: "fail-socket-stage", path: "clientCertificateId", message: "the stage sends requests to HTTP backends without a client certificate", level: "advisory" }],
        },
        {
            name: "Noncompliance 4: an HTTP backend named in the OpenAPI body, behind a stage without a certificate",
            resources: openApiHttpBackend(),
            errors: [{ resource: "proxy-prod", path: "clientCertificateId", level: "advisory", message: "the stage sends requests to HTTP backends without a client certificate" }],
        },
        {
            name: "Noncompliance 5: a REST stage without a certificate whose API (and its integrations) is not in the input",
            resources: [resource(T.Stage, "elsewhere", { restApi: "a1b2c3", stageName: "prod" })],
            errors: [{ resource: "elsewhere", path: "clientCertificateId", kind: "unverifiable", message: "cannot be verified: the stage has no client certificate, and whether it sends requests to HTTP backends depends on its API's integrations, which are not in the input" }],
        },
        {
            name: "Noncompliance 6: with requireForAllStages, a REST stage's API does not matter; a v2 stage's does (only WebSocket stages take certificates)",
            resources: [resource(T.Stage, "rest-elsewhere", { restApi: "a1b2c3", stageName: "prod" }), resource(T.V2Stage, "v2-elsewhere", { apiId: "d4e5f6", name: "prod" })],
            config: { requireForAllStages: true },
            errors: [
                { resource: "rest-elsewhere", path: "clientCertificateId", level: "advisory", message: "the stage has no client certificate, which the configuration requires of every stage" },
                { resource: "v2-elsewhere", path: "clientCertificateId", kind: "unverifiable", message: "cannot be verified: the stage has no client certificate, and whether it needs one depends on its API (a WebSocket API with HTTP backends, or with requireForAllStages), which is not in the input" },
            ],
        },
    ],
});
