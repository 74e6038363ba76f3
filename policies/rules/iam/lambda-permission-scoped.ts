import { msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { isUnknown, known, peek } from "../../engine/values";

const API_GATEWAY_PRINCIPAL = /^apigateway\.amazonaws\.com(\.cn)?$/;
/** arn:aws:execute-api:region:account:api-id/stage/METHOD/path */
const EXECUTE_API_ARN = /^arn:aws[a-z-]*:execute-api:[^:]*:[^:]*:([^/]+)(?:\/(.*))?$/;

export default defineRule<Record<string, never>>({
    id: "lambda-permission-scoped",
    title: "Lambda permissions for API Gateway are scoped to the API's routes",
    description: "A Lambda permission must never grant `*`; one granting API Gateway must set `sourceArn` to the API's "
        + "execute-api ARN with a specific stage, method or path — not missing, not a wildcard API, not `/*/*`.",
    rationale: "Without a source ARN, any API Gateway API in any account can invoke the function; with `/*/*`, every "
        + "stage and method of the API can — including routes added later without authorization.",
    remediation: "Set `sourceArn: pulumi.interpolate`${api.executionArn}/*/GET/orders`` (stage wildcard, exact method "
        + "and path) or narrower, one permission per route.",
    area: "iam",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.LambdaPermission],
    config: {},
    references: {
        controls: ["C21"],
        owasp: ["API5:2023", "API8:2023"],
        checkov: ["CKV_AWS_301", "CKV_AWS_364"],
        trivy: ["AVD-AWS-0067"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html"],
    },
    check(permission, ctx) {
        const principal = known(permission.props, "principal");
        if (principal === "*") {
            ctx.report({ path: "principal", message: "the permission lets any principal invoke the function" });
            return;
        }
        if (typeof principal !== "string" || !API_GATEWAY_PRINCIPAL.test(principal)) {
            return;
        }
        const sourceArn = peek(permission.props, "sourceArn");
        if (sourceArn === undefined || sourceArn === null || sourceArn === "") {
            // With sourceAccount set, the grant is limited to that account's APIs: say what is true.
            const account = peek(permission.props, "sourceAccount");
            const hasAccount = isUnknown(account) || (typeof account === "string" && account !== "");
            ctx.report({
                path: "sourceArn",
                message: hasAccount
                    ? "the permission has no source ARN, so every API Gateway API of the source account (every stage, method and path) can invoke the function"
                    : "the permission lets every API Gateway API, in any account, invoke the function",
            });
            return;
        }
        if (isUnknown(sourceArn)) {
            ctx.unverifiable({ path: "sourceArn", message: "the source ARN, whose stage, method and path decide the scope, is not known during preview" });
            return;
        }
        const match = typeof sourceArn === "string" ? EXECUTE_API_ARN.exec(sourceArn) : null;
        if (!match) {
            ctx.report({ path: "sourceArn", message: msg`the source ARN ${sourceArn} is not an execute-api ARN` });
            return;
        }
        const [, apiId, route = ""] = match;
        if (apiId.includes("*")) {
            ctx.report({ path: "sourceArn", message: msg`the source ARN ${sourceArn} matches every API of the account` });
        } else if (/^\*?(\/\*)*$/.test(route)) {
            ctx.report({ path: "sourceArn", message: msg`the source ARN ${sourceArn} allows every stage, method and path of the API` });
        }
    },
});
