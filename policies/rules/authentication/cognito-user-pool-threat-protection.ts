import { authorizersUsingUserPool } from "../../engine/links";
import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { known } from "../../engine/values";

export default defineRule<{ allowAudit: boolean }>({
    id: "cognito-user-pool-threat-protection",
    title: "User pools behind API authorizers enforce threat protection",
    description: "Cognito user pools used by API authorizers must run threat protection (advanced security) in "
        + "ENFORCED mode.",
    rationale: "Enforced threat protection blocks sign-ins from compromised credentials and risky contexts before a token "
        + "is issued; AUDIT only records them.",
    remediation: "Set `userPoolAddOns: { advancedSecurityMode: \"ENFORCED\" }` (requires the Plus feature plan).",
    area: "authentication",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.CognitoUserPool],
    reads: [T.Authorizer, T.V2Authorizer],
    config: {
        allowAudit: { type: "boolean", description: "Accept AUDIT mode as well as ENFORCED.", default: false },
    },
    references: {
        controls: ["C19"],
        owasp: ["API2:2023"],
        cdkNag: ["AwsSolutions-COG3", "AwsSolutions-COG8"],
        docs: ["https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html"],
    },
    check(pool, ctx) {
        if (authorizersUsingUserPool(ctx.graph, pool).length === 0) {
            return;
        }
        const mode = known(pool.props, "userPoolAddOns.advancedSecurityMode");
        const normalised = typeof mode === "string" ? mode.toUpperCase() : "OFF";
        if (normalised === "ENFORCED" || (normalised === "AUDIT" && ctx.config.allowAudit)) {
            return;
        }
        ctx.report({ path: "userPoolAddOns.advancedSecurityMode", message: msg`threat protection is ${lit(normalised)}` });
    },
});
