import { authorizersUsingUserPool } from "../../engine/links";
import { msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { known } from "../../engine/values";

export default defineRule<{ allowOptional: boolean }>({
    id: "cognito-user-pool-mfa",
    title: "User pools behind API authorizers require MFA",
    description: "Cognito user pools used by REST (COGNITO_USER_POOLS) or HTTP (JWT) authorizers must require "
        + "multi-factor authentication.",
    rationale: "Every token the pool issues opens the API; a phished or reused password alone should not be enough to "
        + "get one.",
    remediation: "Set `mfaConfiguration: \"ON\"` with `softwareTokenMfaConfiguration: { enabled: true }` (or SMS/email MFA).",
    area: "authentication",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.CognitoUserPool],
    reads: [T.Authorizer, T.V2Authorizer],
    config: {
        allowOptional: { type: "boolean", description: "Accept `OPTIONAL` MFA (users choose) as well as `ON`.", default: false },
    },
    references: {
        controls: ["C19"],
        owasp: ["API2:2023"],
        cdkNag: ["AwsSolutions-COG2"],
        docs: ["https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html"],
    },
    check(pool, ctx) {
        if (authorizersUsingUserPool(ctx.graph, pool).length === 0) {
            return;
        }
        const mfa = known(pool.props, "mfaConfiguration");
        const mode = typeof mfa === "string" ? mfa.toUpperCase() : "OFF";
        if (mode === "ON" || (mode === "OPTIONAL" && ctx.config.allowOptional)) {
            return;
        }
        ctx.report({ path: "mfaConfiguration", message: msg`MFA is ${mode} for a user pool that API authorizers trust` });
    },
});
