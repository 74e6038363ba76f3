import { actionMatches, isWildcardResource, parsePolicyDocument } from "../../engine/iam";
import { msg } from "../../engine/message";
import type { Resource } from "../../engine/resource";
import { defineRule } from "../../engine/rule";
import { API_GATEWAY_TYPES, T } from "../../engine/types";
import { asList, isPlainObject, peek } from "../../engine/values";

/** The policy documents a resource holds, with their paths. */
function documentsOf(resource: Resource): { path: string; document: unknown }[] {
    if (resource.type === T.IamRole) {
        return asList(peek(resource.props, "inlinePolicies")).flatMap((inline, index) =>
            (isPlainObject(inline) ? [{ path: `inlinePolicies.${index}.policy`, document: inline["policy"] }] : []));
    }
    return [{ path: "policy", document: peek(resource.props, "policy") }];
}

export default defineRule<Record<string, never>>({
    id: "execute-api-invoke-scoped",
    title: "Invoke permissions name the APIs they allow",
    description: "IAM policies must not allow `execute-api:Invoke` (or `execute-api:*`) on every resource: callers of "
        + "IAM-authorized APIs get exactly the APIs, stages and routes they need.",
    rationale: "With IAM authorization the policy is the authorization: `execute-api:Invoke` on `*` lets the principal "
        + "call every IAM-protected API in the account, present and future.",
    remediation: "Scope `Resource` to `arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>` ARNs.",
    area: "iam",
    severity: "high",
    enforcementLevel: "mandatory",
    // An unknown document can only be told apart (built from an API's outputs or not) through the
    // stack's property dependencies.
    scope: "stack",
    subjects: [T.IamPolicy, T.IamRolePolicy, T.IamUserPolicy, T.IamGroupPolicy, T.IamRole],
    config: {},
    references: {
        controls: ["C22"],
        owasp: ["API5:2023", "API1:2023"],
        checkov: ["CKV_AWS_355", "CKV_AWS_290"],
        cdkNag: ["AwsSolutions-IAM5"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html"],
    },
    check(holder, ctx) {
        for (const { path, document } of documentsOf(holder)) {
            const parsed = parsePolicyDocument(document);
            if (parsed.kind === "unknown") {
                // Most unknown documents are about other services: flag only those built from an API's outputs.
                const prop = path.split(".")[0];
                const fromApi = (holder.refs[prop] ?? []).some((id) => API_GATEWAY_TYPES.includes(ctx.graph.get(id)?.type ?? ""));
                if (fromApi) {
                    ctx.unverifiable({ path, message: "the policy, built from an API's outputs, is not known during preview" });
                }
                continue;
            }
            if (parsed.kind !== "parsed") {
                continue;
            }
            for (const statement of parsed.statements) {
                if (statement.effect !== "Allow" || statement.notAction) {
                    continue;
                }
                const invoke = statement.actions.find((action) => action !== "*" && action !== "*:*" && actionMatches(action, "execute-api:Invoke"));
                if (invoke && (statement.notResource || statement.resources.some(isWildcardResource))) {
                    ctx.report({ path, message: msg`statement ${statement.sid ?? statement.index} allows ${invoke} on every API ("*")` });
                }
            }
        }
    },
});
