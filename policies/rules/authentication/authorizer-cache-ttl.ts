import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asNumber, known } from "../../engine/values";

export default defineRule<{ maxTtlSeconds: number }>({
    id: "authorizer-cache-ttl",
    title: "Lambda authorizer results are cached for a bounded time",
    description: "REST and HTTP API Lambda (TOKEN/REQUEST) authorizers must cache their results for at most the "
        + "configured number of seconds (default 300).",
    rationale: "A cached Allow outlives the revocation of the credential that earned it: a revoked token keeps working "
        + "for the whole TTL, up to an hour.",
    remediation: "Set `authorizerResultTtlInSeconds` to 300 or less (0 disables caching).",
    area: "authentication",
    severity: "low",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.Authorizer, T.V2Authorizer],
    config: {
        maxTtlSeconds: { type: "integer", description: "Longest acceptable authorizer result cache, in seconds.", minimum: 0, maximum: 3600, default: 300 },
    },
    references: {
        controls: ["nobody:authorizer-cache-bounded"],
        owasp: ["API2:2023"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html"],
    },
    check(authorizer, ctx) {
        const type = known(authorizer.props, authorizer.type === T.Authorizer ? "type" : "authorizerType");
        const normalised = typeof type === "string" ? type.toUpperCase() : authorizer.type === T.Authorizer ? "TOKEN" : "";
        if (normalised !== "TOKEN" && normalised !== "REQUEST") {
            return;
        }
        // REST authorizers cache for 300 seconds when the TTL is unset; v2 REQUEST authorizers for 0.
        const ttl = asNumber(known(authorizer.props, "authorizerResultTtlInSeconds")) ?? (authorizer.type === T.Authorizer ? 300 : 0);
        if (ttl > ctx.config.maxTtlSeconds) {
            ctx.report({
                path: "authorizerResultTtlInSeconds",
                message: msg`authorizer results are cached for ${ttl} seconds; at most ${lit(ctx.config.maxTtlSeconds)} are allowed`,
            });
        }
    },
});
