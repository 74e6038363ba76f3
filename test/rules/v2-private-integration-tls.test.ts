import * as aws from "@pulumi/aws";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "v2-private-integration-tls";
const LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/internal/50dc6c495c0c9188/0467ef3c8400ae65";

function integration(name: string, args: Partial<aws.apigatewayv2.IntegrationArgs>) {
    const api = new aws.apigatewayv2.Api(`${name}-api`, { protocolType: "HTTP" });
    new aws.apigatewayv2.Integration(name, { apiId: api.id, integrationType: "HTTP_PROXY", integrationMethod: "GET", integrationUri: LISTENER, ...args });
}

ruleSuite(RULE, [
    {
        name: "Compliance: a VPC link with TLS; an internet integration",
        program: () => {
            integration("pass-tls", { connectionType: "VPC_LINK", connectionId: "vl-1", tlsConfig: { serverNameToVerify: "svc.internal.example.com" } });
            integration("pass-internet", { integrationUri: "https://api.example.com/" });
        },
        expect: [],
    },
    { name: "Noncompliance 1: a VPC link without TLS", program: () => integration("fail-plain", { connectionType: "VPC_LINK", connectionId: "vl-1" }), expect: [`mandatory ${RULE} fail-plain`] },
]);
