import { apiOfStage, protocolOf } from "../../engine/links";
import { defineRule } from "../../engine/rule";
import type { Resource } from "../../engine/resource";
import { T } from "../../engine/types";
import { isUnknown, peek } from "../../engine/values";

const HTTP_INTEGRATIONS = new Set(["HTTP", "HTTP_PROXY"]);

/** True when the API sends requests to HTTP backends (where a client certificate proves API Gateway's identity). */
function hasHttpBackends(integrations: readonly Resource[], typeProp: string): boolean | undefined {
    let unknown = false;
    for (const integration of integrations) {
        const type = peek(integration.props, typeProp);
        if (isUnknown(type)) {
            unknown = true;
        } else if (typeof type === "string" && HTTP_INTEGRATIONS.has(type.toUpperCase())) {
            return true;
        }
    }
    return unknown ? undefined : false;
}

export default defineRule<{ requireForAllStages: boolean }>({
    id: "stage-client-certificate",
    title: "Stages proxying to HTTP backends present a client certificate",
    description: "REST and WebSocket stages of APIs with HTTP or HTTP_PROXY integrations must set a client certificate, "
        + "so the backend can verify that requests come from API Gateway.",
    rationale: "Without it, an HTTP backend cannot tell API Gateway from anyone else who reaches it, and every control "
        + "enforced at the API can be bypassed by calling the backend directly.",
    remediation: "Create an `aws.apigateway.ClientCertificate`, set the stage's `clientCertificateId`, and have the "
        + "backend require that certificate.",
    area: "encryption",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "stack",
    subjects: [T.Stage, T.V2Stage],
    reads: [T.RestApi, T.V2Api, T.Integration, T.V2Integration],
    config: {
        requireForAllStages: {
            type: "boolean",
            description: "Require a client certificate on every REST and WebSocket stage, whatever its integrations.",
            default: false,
        },
    },
    references: {
        controls: ["C9"],
        owasp: ["API8:2023", "API10:2023"],
        securityHub: ["APIGateway.2"],
        checkov: ["CKV2_AWS_51"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html"],
    },
    check(stage, ctx) {
        const api = apiOfStage(ctx.graph, stage);
        if (stage.type === T.V2Stage && api && protocolOf(api) !== "WEBSOCKET") {
            return;
        }
        const certificate = peek(stage.props, "clientCertificateId");
        if (isUnknown(certificate) || (typeof certificate === "string" && certificate !== "")) {
            return;
        }
        if (!api && (stage.type === T.V2Stage || !ctx.config.requireForAllStages)) {
            // What decides (an HTTP API needs none; HTTP backends need one) is the API, which the input does not hold.
            ctx.unverifiable({
                path: "clientCertificateId",
                outsideInput: true,
                message: stage.type === T.Stage
                    ? "the stage has no client certificate, and whether it sends requests to HTTP backends depends on its API's integrations, which are not in the input"
                    : "the stage has no client certificate, and whether it needs one depends on its API (a WebSocket API with HTTP backends, or with requireForAllStages), which is not in the input",
            });
            return;
        }
        const integrations = !api ? [] : stage.type === T.Stage
            ? ctx.graph.referrers(api, T.Integration, "restApi")
            : ctx.graph.referrers(api, T.V2Integration, "apiId");
        const http = api ? hasHttpBackends(integrations, stage.type === T.Stage ? "type" : "integrationType") : false;
        if (!ctx.config.requireForAllStages) {
            if (http === undefined) {
                ctx.unverifiable({ path: "clientCertificateId", message: "the API's integration types are not known during preview" });
                return;
            }
            if (!http) {
                return;
            }
        }
        ctx.report({
            path: "clientCertificateId",
            // Say why: an HTTP backend, or only the configuration (which a user could otherwise not tell from the stage).
            message: http === true
                ? "the stage sends requests to HTTP backends without a client certificate"
                : "the stage has no client certificate, which the configuration requires of every stage",
        });
    },
});
