import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "v2-private-integration-tls")!;
const LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/internal/50dc6c495c0c9188/0467ef3c8400ae65";

function integration(stack: CanonicalStack, name: string, args: Record<string, unknown>) {
    const api = stack.add(T.V2Api, `${name}-api`, { protocolType: "HTTP" });
    stack.add(T.V2Integration, name, { apiId: api.out("id"), integrationType: "HTTP_PROXY", integrationMethod: "GET", integrationUri: LISTENER, ...args });
}

/** An HTTP API whose OpenAPI body routes to a VPC link, with or without TLS. */
function openApiVpcLink(tls: boolean) {
    return [resource(T.V2Api, "private", {
        protocolType: "HTTP",
        body: JSON.stringify({
            openapi: "3.0.1",
            paths: { "/items": { get: { "x-amazon-apigateway-integration": {
                type: "http_proxy", httpMethod: "GET", uri: LISTENER, connectionType: "VPC_LINK", connectionId: "vl-1", payloadFormatVersion: "1.0",
                ...(tls ? { tlsConfig: { serverNameToVerify: "svc.internal.example.com" } } : {}),
            } } } },
        }),
    })];
}

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: a VPC link with TLS; an internet integration",
            resources: (stack: CanonicalStack) => {
                integration(stack, "pass-tls", { connectionType: "VPC_LINK", connectionId: "vl-1", tlsConfig: { serverNameToVerify: "svc.internal.example.com" } });
                integration(stack, "pass-internet", { integrationUri: "https://api.example.com/" });
            },
        },
        { name: "Compliance: an OpenAPI VPC link integration with TLS", resources: openApiVpcLink(true) },
    ],
    invalid: [
        { name: "Noncompliance 1: a VPC link without TLS", resources: (stack: CanonicalStack) => integration(stack, "fail-plain", { connectionType: "VPC_LINK", connectionId: "vl-1" }), errors: [{ resource: "fail-plain", path: "tlsConfig.serverNameToVerify", message: "the private integration does not use TLS to its backend" }] },
        { name: "Noncompliance 2: an OpenAPI VPC link integration without TLS", resources: openApiVpcLink(false), errors: [{ resource: "private", endpoint: "GET /items", path: "body#/paths/~1items/get/x-amazon-apigateway-integration/tlsConfig/serverNameToVerify", message: "the integration of OpenAPI operation GET /items: the private integration does not use TLS to its backend" }] },
    ],
});
