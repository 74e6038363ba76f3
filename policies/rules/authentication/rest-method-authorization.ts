import { integrationOfMethod, methodPath } from "../../engine/links";
import { msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { isPublicRoute, PUBLIC_ROUTES_CONFIG } from "../../engine/routes";
import { T } from "../../engine/types";
import { asBoolean, isUnknown, known, peek } from "../../engine/values";

export default defineRule<{ allowCorsPreflight: boolean; publicRoutes: string[] }>({
    id: "rest-method-authorization",
    title: "REST API methods require authorization",
    description: "Every REST API method must use IAM, a Cognito user pool or a Lambda authorizer; `NONE` is not allowed, "
        + "and an API key alone is not authorization. CORS preflight (`OPTIONS` answered by a MOCK integration) and "
        + "configured public routes are exempt.",
    rationale: "A method with authorization NONE can be called by anyone who finds the URL. API keys identify a "
        + "calling application for usage plans; they are not secret and prove nothing about the caller.",
    remediation: "Set `authorization` to `AWS_IAM`, `COGNITO_USER_POOLS` (with `authorizerId`) or `CUSTOM` "
        + "(with a Lambda `authorizerId`). Keep `apiKeyRequired` only for metering. For a deliberately public "
        + "endpoint, list it in `publicRoutes` or record a waiver with the reason.",
    area: "authentication",
    severity: "high",
    enforcementLevel: "mandatory",
    // The route's path and the preflight's integration live on sibling resources.
    scope: "stack",
    subjects: [T.Method],
    reads: [T.Resource, T.RestApi, T.Integration],
    config: {
        allowCorsPreflight: {
            type: "boolean",
            description: "Allow `OPTIONS` methods answered by a MOCK integration without authorization: browsers send "
                + "CORS preflight requests without credentials.",
            default: true,
        },
        publicRoutes: PUBLIC_ROUTES_CONFIG,
    },
    references: {
        controls: ["C1"],
        owasp: ["API2:2023", "API5:2023"],
        securityHub: ["APIGateway.8"],
        checkov: ["CKV_AWS_59", "CKV2_AWS_70"],
        trivy: ["AVD-AWS-0004"],
        cdkNag: ["AwsSolutions-APIG4", "AwsSolutions-COG4"],
        controlTower: ["CT.APIGATEWAY.PR.5"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html"],
    },
    check(method, ctx) {
        const authorization = known(method.props, "authorization");
        if (typeof authorization === "string" && authorization.toUpperCase() !== "NONE") {
            return;
        }
        const httpMethod = known(method.props, "httpMethod");
        const verb = typeof httpMethod === "string" ? httpMethod.toUpperCase() : "";
        if (ctx.config.allowCorsPreflight && verb === "OPTIONS") {
            const integration = integrationOfMethod(ctx.graph, method);
            const type = integration ? peek(integration.props, "type") : "MOCK";
            if (isUnknown(type)) {
                ctx.unverifiable({ resource: integration, path: "type", message: "the preflight's integration type is not known during preview" });
                return;
            }
            if (typeof type === "string" && type.toUpperCase() === "MOCK") {
                return;
            }
        }
        if (ctx.config.publicRoutes.length > 0) {
            const path = methodPath(ctx.graph, method);
            if (path !== undefined && isUnknown(path)) {
                ctx.unverifiable({ path: "resourceId", message: "the method's path, needed to match publicRoutes, is not known during preview" });
                return;
            }
            if (path !== undefined && isPublicRoute(ctx.config.publicRoutes, verb, path)) {
                return;
            }
        }
        const apiKeyOnly = asBoolean(peek(method.props, "apiKeyRequired")) === true;
        ctx.report({
            path: "authorization",
            message: apiKeyOnly
                ? msg`method ${httpMethod} requires only an API key, which identifies a client but does not authorize the caller`
                : verb === "OPTIONS"
                    ? msg`method ${httpMethod} has authorization ${authorization ?? "NONE"} and is not a MOCK CORS preflight: its integration runs for anyone`
                    : msg`method ${httpMethod} has authorization ${authorization ?? "NONE"}: anyone can call it`,
        });
    },
});
