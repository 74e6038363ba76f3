import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { known } from "../../engine/values";

export default defineRule<Record<string, never>>({
    id: "v2-private-integration-tls",
    title: "HTTP API private integrations use TLS",
    description: "HTTP API integrations over a VPC link must verify the backend's TLS certificate "
        + "(`tlsConfig.serverNameToVerify`).",
    rationale: "Traffic over a VPC link crosses the VPC in clear unless the integration uses TLS; naming the server to "
        + "verify also stops a misrouted link from serving someone else's backend.",
    remediation: "Set `tlsConfig: { serverNameToVerify: \"backend.internal.example.com\" }` and an `https://` integration URI.",
    area: "encryption",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.V2Integration],
    config: {},
    references: {
        controls: ["C11"],
        owasp: ["API8:2023"],
        securityHub: ["APIGateway.10"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html"],
    },
    check(integration, ctx) {
        const connection = known(integration.props, "connectionType");
        if (typeof connection !== "string" || connection.toUpperCase() !== "VPC_LINK") {
            return;
        }
        const server = known(integration.props, "tlsConfig.serverNameToVerify");
        if (typeof server !== "string" || server.trim() === "") {
            ctx.report({ path: "tlsConfig.serverNameToVerify", message: "the private integration does not use TLS to its backend" });
        }
    },
});
