import { msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asList, isUnknown, known } from "../../engine/values";

export default defineRule<Record<string, never>>({
    id: "jwt-authorizer-configuration",
    title: "JWT authorizers check the issuer and the audience",
    description: "HTTP API JWT authorizers must name an HTTPS issuer and at least one audience.",
    rationale: "API Gateway validates a JWT's signature against the issuer's keys and its `aud`/`client_id` against the "
        + "audiences: without an audience, any token the issuer ever minted for any application is accepted.",
    remediation: "Set `jwtConfiguration: { issuer: \"https://…\", audiences: [\"<your app client id>\"] }`.",
    area: "authentication",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.V2Authorizer],
    config: {},
    references: {
        controls: ["nobody:jwt-issuer-audience"],
        owasp: ["API2:2023"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html"],
    },
    check(authorizer, ctx) {
        const type = known(authorizer.props, "authorizerType");
        if (typeof type !== "string" || type.toUpperCase() !== "JWT") {
            return;
        }
        const issuer = known(authorizer.props, "jwtConfiguration.issuer");
        if (typeof issuer !== "string" || issuer.trim() === "") {
            ctx.report({ path: "jwtConfiguration.issuer", message: "the JWT authorizer names no issuer" });
        } else if (!issuer.startsWith("https://")) {
            ctx.report({ path: "jwtConfiguration.issuer", message: msg`the JWT issuer ${issuer} is not an HTTPS URL` });
        }
        const audiences = known(authorizer.props, "jwtConfiguration.audiences");
        const list = asList(audiences).filter((audience) => isUnknown(audience) || (typeof audience === "string" && audience.trim() !== ""));
        if (list.length === 0) {
            ctx.report({ path: "jwtConfiguration.audiences", message: "the JWT authorizer accepts tokens for any audience" });
        }
    },
});
