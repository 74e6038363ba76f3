import { domainMappingsOf } from "../../engine/links";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, known } from "../../engine/values";

export default defineRule<Record<string, never>>({
    id: "execute-api-endpoint-disabled",
    title: "APIs served through a custom domain disable the default endpoint",
    description: "A REST or HTTP API mapped to a custom domain name must disable its default `execute-api` endpoint.",
    rationale: "Controls placed on the custom domain — mutual TLS, its TLS policy, a firewall or CDN in front of it — do "
        + "not apply to the default `https://{id}.execute-api…` URL, which stays reachable to anyone who learns it.",
    remediation: "Set `disableExecuteApiEndpoint: true` on the API.",
    area: "exposure",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.RestApi, T.V2Api],
    reads: [T.BasePathMapping, T.V2ApiMapping],
    config: {},
    references: {
        controls: ["nobody:execute-api-endpoint-disabled"],
        owasp: ["API8:2023", "API9:2023"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-disable-default-endpoint.html"],
    },
    check(api, ctx) {
        if (domainMappingsOf(ctx.graph, api).length === 0) {
            return;
        }
        if (asBoolean(known(api.props, "disableExecuteApiEndpoint")) !== true) {
            ctx.report({ path: "disableExecuteApiEndpoint", message: "the API has a custom domain, but its default execute-api endpoint is still reachable" });
        }
    },
});
