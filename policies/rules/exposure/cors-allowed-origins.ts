import { msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, asList, isPlainObject, isUnknown, known } from "../../engine/values";

const ORIGIN_HEADERS = ["method.response.header.Access-Control-Allow-Origin", "gatewayresponse.header.Access-Control-Allow-Origin"];

export default defineRule<{ allowWildcardWithoutCredentials: boolean }>({
    id: "cors-allowed-origins",
    title: "CORS names the origins it allows",
    description: "HTTP API CORS configurations, and REST integration and gateway responses, must not allow every origin "
        + "(`*`) — never together with credentials.",
    rationale: "A wildcard origin lets any web page call the API from its visitors' browsers; with credentials it hands "
        + "them the visitors' sessions.",
    remediation: "List the exact origins (`allowOrigins: [\"https://app.example.com\"]` for HTTP APIs; "
        + "`'https://app.example.com'` in the `Access-Control-Allow-Origin` response parameter for REST APIs).",
    area: "exposure",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.V2Api, T.IntegrationResponse, T.GatewayResponse],
    config: {
        allowWildcardWithoutCredentials: {
            type: "boolean",
            description: "Accept `*` for public, credential-less APIs (it is never accepted with credentials).",
            default: false,
        },
    },
    references: {
        controls: ["C17"],
        owasp: ["API8:2023"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html"],
    },
    check(subject, ctx) {
        if (subject.type === T.V2Api) {
            const origins = asList(known(subject.props, "corsConfiguration.allowOrigins"));
            if (!origins.includes("*") && !origins.some(isUnknown)) {
                return;
            }
            const credentials = asBoolean(known(subject.props, "corsConfiguration.allowCredentials")) === true;
            if (!credentials && ctx.config.allowWildcardWithoutCredentials) {
                return;
            }
            if (!origins.includes("*")) {
                ctx.unverifiable({ path: "corsConfiguration.allowOrigins", message: "an allowed origin is not known during preview; it may be *" });
            } else {
                ctx.report({
                    path: "corsConfiguration.allowOrigins",
                    message: credentials ? "CORS allows every origin (*) with credentials" : "CORS allows every origin (*)",
                });
            }
            return;
        }
        const parameters = known(subject.props, "responseParameters");
        if (!isPlainObject(parameters)) {
            return;
        }
        for (const header of ORIGIN_HEADERS) {
            const value = parameters[header];
            if (isUnknown(value)) {
                ctx.unverifiable({ path: `responseParameters.${header}`, message: "the allowed origin is not known during preview" });
                continue;
            }
            if (typeof value === "string" && value.replace(/'/g, "").trim() === "*" && !ctx.config.allowWildcardWithoutCredentials) {
                ctx.report({ path: `responseParameters.${header}`, message: msg`the response allows every origin (${value})` });
            }
        }
    },
});
