import { msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, known, peek } from "../../engine/values";

export default defineRule<{ allowCorsPreflight: boolean }>({
    id: "rest-method-authorization",
    title: "REST API methods require authorization",
    description: "Every REST API method must use IAM, a Cognito user pool or a Lambda authorizer; `NONE` is not allowed, "
        + "and an API key alone is not authorization.",
    rationale: "A method with authorization NONE can be called by anyone who finds the URL. API keys identify a "
        + "calling application for usage plans; they are not secret and prove nothing about the caller.",
    remediation: "Set `authorization` to `AWS_IAM`, `COGNITO_USER_POOLS` (with `authorizerId`) or `CUSTOM` "
        + "(with a Lambda `authorizerId`). Keep `apiKeyRequired` only for metering. For a deliberately public "
        + "endpoint, record a waiver with the reason.",
    area: "authentication",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.Method],
    config: {
        allowCorsPreflight: {
            type: "boolean",
            description: "Allow `OPTIONS` methods without authorization: browsers send CORS preflight requests "
                + "without credentials.",
            default: true,
        },
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
        if (ctx.config.allowCorsPreflight && typeof httpMethod === "string" && httpMethod.toUpperCase() === "OPTIONS") {
            return;
        }
        const apiKeyOnly = asBoolean(peek(method.props, "apiKeyRequired")) === true;
        ctx.report({
            path: "authorization",
            message: apiKeyOnly
                ? msg`method ${httpMethod} requires only an API key, which identifies a client but does not authorize the caller`
                : msg`method ${httpMethod} has authorization ${authorization ?? "NONE"}: anyone can call it`,
        });
    },
});
