import { authorizersUsingUserPool } from "../../engine/links";
import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, asNumber, known } from "../../engine/values";

interface Config {
    minimumLength: number;
    requireCharacterClasses: boolean;
}

export default defineRule<Config>({
    id: "cognito-user-pool-password-policy",
    title: "User pools behind API authorizers have a strong password policy",
    description: "Cognito user pools used by API authorizers must require passwords of at least the configured length "
        + "(default 12) with upper- and lower-case letters, numbers and symbols.",
    rationale: "Weak passwords are the first thing credential stuffing and spraying find; the pool is the front door of "
        + "every API that trusts its tokens.",
    remediation: "Set `passwordPolicy: { minimumLength: 12, requireLowercase: true, requireUppercase: true, "
        + "requireNumbers: true, requireSymbols: true }`.",
    area: "authentication",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.CognitoUserPool],
    reads: [T.Authorizer, T.V2Authorizer],
    config: {
        minimumLength: { type: "integer", description: "Shortest acceptable password.", minimum: 6, maximum: 99, default: 12 },
        requireCharacterClasses: { type: "boolean", description: "Require lower, upper, number and symbol characters.", default: true },
    },
    references: {
        controls: ["C19"],
        owasp: ["API2:2023"],
        cdkNag: ["AwsSolutions-COG1"],
        docs: ["https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-policies.html"],
    },
    check(pool, ctx) {
        if (authorizersUsingUserPool(ctx.graph, pool).length === 0) {
            return;
        }
        // Cognito's own default policy: 8 characters, every class required.
        const length = asNumber(known(pool.props, "passwordPolicy.minimumLength")) ?? 8;
        if (length < ctx.config.minimumLength) {
            ctx.report({
                path: "passwordPolicy.minimumLength",
                message: msg`passwords may be ${length} characters long; at least ${lit(ctx.config.minimumLength)} are required`,
            });
        }
        if (!ctx.config.requireCharacterClasses) {
            return;
        }
        for (const key of ["requireLowercase", "requireUppercase", "requireNumbers", "requireSymbols"]) {
            const value = asBoolean(known(pool.props, `passwordPolicy.${key}`));
            if (value === false) {
                ctx.report({ path: `passwordPolicy.${key}`, message: msg`the password policy sets ${lit(key)} to false` });
            }
        }
    },
});
