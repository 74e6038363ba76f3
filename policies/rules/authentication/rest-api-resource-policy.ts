import { deniedOutsideBoundary, parsePolicyDocument } from "../../engine/iam";
import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { isPlainObject, peek } from "../../engine/values";

/** `Principal: "*"` or `Principal: { AWS: "*" }` (in a list or alone). */
function isEveryone(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    if (!isPlainObject(principal)) {
        return false;
    }
    const aws = principal["AWS"];
    return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

function hasCondition(condition: unknown): boolean {
    return isPlainObject(condition) && Object.keys(condition).length > 0;
}

export default defineRule<Record<string, never>>({
    id: "rest-api-resource-policy",
    title: "REST API resource policies do not allow everyone unconditionally",
    description: "A REST API resource policy (the API's `policy` or an `aws.apigateway.RestApiPolicy`) must not Allow "
        + "`Principal: \"*\"` without a condition (a source VPC endpoint, source IP range or organization), unless a Deny takes "
        + "it back from every caller outside such a boundary.",
    rationale: "A resource policy that allows everyone without a condition makes the API callable from any account and "
        + "any network, which defeats the point of having one, and for PRIVATE APIs bypasses the VPC endpoint boundary.",
    remediation: "Add a Condition to the statement (e.g. `aws:SourceVpce` for a PRIVATE API, `aws:SourceIp`, "
        + "`aws:PrincipalOrgID`), or name the allowed principals.",
    area: "authentication",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.RestApi, T.RestApiPolicy],
    config: {},
    references: {
        controls: ["C2"],
        owasp: ["API5:2023", "API8:2023"],
        checkov: ["CKV2_AWS_70"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html"],
    },
    check(subject, ctx) {
        const document = parsePolicyDocument(peek(subject.props, "policy"));
        if (document.kind === "unknown") {
            ctx.unverifiable({ path: "policy", message: "the resource policy is not known during preview" });
            return;
        }
        if (document.kind === "malformed") {
            ctx.unverifiable({ path: "policy", message: msg`the resource policy cannot be read: ${lit(document.reason)}` });
            return;
        }
        for (const statement of document.statements) {
            if (statement.effect === "Allow" && isEveryone(statement.principal) && !hasCondition(statement.condition)
                && !deniedOutsideBoundary(statement, document.statements)) {
                ctx.report({
                    path: "policy",
                    message: msg`statement ${statement.sid ?? statement.index} allows every principal (*) without a condition`,
                });
            }
        }
    },
});
