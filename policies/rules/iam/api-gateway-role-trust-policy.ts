import { parsePolicyDocument } from "../../engine/iam";
import { API_GATEWAY_SERVICE, isAssumedByApiGateway, ROLE_USERS } from "../../engine/iam-links";
import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { isPlainObject, peek } from "../../engine/values";

/** The principals a trust statement names, as "Service:x", "AWS:y", "*". */
function principals(principal: unknown): string[] {
    if (principal === "*") {
        return ["*"];
    }
    if (!isPlainObject(principal)) {
        return [];
    }
    return Object.entries(principal).flatMap(([kind, value]) =>
        (Array.isArray(value) ? value : [value]).filter((item) => typeof item === "string").map((item) => (item === "*" ? "*" : `${kind}:${item}`)));
}

export default defineRule<Record<string, never>>({
    id: "api-gateway-role-trust-policy",
    title: "Roles API Gateway assumes trust only API Gateway",
    description: "The trust policy of a role that API Gateway assumes must allow only the `apigateway.amazonaws.com` "
        + "service principal: no `*`, no accounts, no other services.",
    rationale: "A role trusted by more than API Gateway can be assumed by those other principals and used with every "
        + "permission API Gateway needs — the confused-deputy path around the API's own controls.",
    remediation: "Make the trust policy a single statement allowing `sts:AssumeRole` to "
        + "`Principal: { Service: \"apigateway.amazonaws.com\" }`, optionally with `aws:SourceAccount`/`aws:SourceArn` "
        + "conditions. Use a separate role for every other trusted principal.",
    area: "iam",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.IamRole],
    reads: ROLE_USERS.map((user) => user.type),
    config: {},
    references: {
        controls: ["C22"],
        owasp: ["API5:2023"],
        checkov: ["CKV_AWS_60", "CKV_AWS_61"],
        docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"],
    },
    check(role, ctx) {
        if (isAssumedByApiGateway(ctx.graph, role) === false) {
            return;
        }
        const trust = parsePolicyDocument(peek(role.props, "assumeRolePolicy"));
        if (trust.kind === "unknown") {
            ctx.unverifiable({ path: "assumeRolePolicy", message: "the trust policy is not known during preview" });
            return;
        }
        if (trust.kind === "malformed") {
            ctx.unverifiable({ path: "assumeRolePolicy", message: msg`the trust policy cannot be read: ${lit(trust.reason)}` });
            return;
        }
        for (const statement of trust.statements) {
            if (statement.effect !== "Allow") {
                continue;
            }
            const others = principals(statement.principal).filter((principal) => !(principal.startsWith("Service:")
                && API_GATEWAY_SERVICE.test(principal.slice("Service:".length))));
            if (others.length > 0) {
                ctx.report({
                    path: "assumeRolePolicy",
                    message: msg`statement ${statement.sid ?? statement.index} of the trust policy also lets ${others.join(", ")} assume role ${role.name}, which API Gateway assumes`,
                });
            }
        }
    },
});
