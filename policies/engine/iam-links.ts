import type { Graph } from "./graph";
import { parsePolicyDocument, trustedServices } from "./iam";
import { joinMessages, lit, Message, msg } from "./message";
import type { Resource } from "./resource";
import { T } from "./types";
import { asList, isPlainObject, isUnknown, peek, UNKNOWN } from "./values";

/** The service principal of API Gateway (and its China-partition twin). */
export const API_GATEWAY_SERVICE = /^apigateway\.amazonaws\.com(\.cn)?$/;

/** Where API Gateway is handed a role: these properties hold the role's ARN. */
export const ROLE_USERS: readonly { type: string; prop: string }[] = [
    { type: T.Account, prop: "cloudwatchRoleArn" },
    { type: T.Integration, prop: "credentials" },
    { type: T.Authorizer, prop: "authorizerCredentials" },
    { type: T.V2Integration, prop: "credentialsArn" },
    { type: T.V2Authorizer, prop: "authorizerCredentialsArn" },
    { type: T.V2Api, prop: "credentialsArn" },
];

/**
 * True when API Gateway assumes the role: its trust policy names the service, or API Gateway is
 * handed it; undefined when that cannot be known yet (a trust policy known only after apply, and
 * no API Gateway resource in the stack handed the role).
 */
export function isAssumedByApiGateway(graph: Graph, role: Resource): boolean | undefined {
    const trust = parsePolicyDocument(peek(role.props, "assumeRolePolicy"));
    if (trustedServices(trust).some((service) => API_GATEWAY_SERVICE.test(service))) {
        return true;
    }
    if (ROLE_USERS.some(({ type, prop }) => graph.referrers(role, type, prop).length > 0)) {
        return true;
    }
    return trust.kind === "unknown" ? undefined : false;
}

/** What a user of the role is, as findings name it: what it serves, not a generated resource name. */
function roleUse(user: Resource): Message {
    const derived = user.derived;
    if (derived?.label !== undefined) {
        return joinMessages(derived.label, msg` of ${derived.host.name}`);
    }
    switch (user.type) {
        case T.Account:
            return msg`the account's CloudWatch logging`;
        case T.Authorizer:
        case T.V2Authorizer:
            return msg`authorizer ${user.name}`;
        case T.V2Api:
            return msg`the quick-create integration of API ${user.name}`;
        default:
            return msg`integration ${user.name}`;
    }
}

const USES_NAMED = 3;

/**
 * How a role is known to be API Gateway's, as findings say it: what in the input hands it to
 * API Gateway (an integration's credentials, the account's CloudWatch role), or that only its trust
 * policy lets API Gateway assume it, which is inferred, not seen.
 */
export function apiGatewayRolePhrase(graph: Graph, role: Resource): Message {
    const users = ROLE_USERS.flatMap(({ type, prop }) => graph.referrers(role, type, prop));
    if (users.length === 0) {
        return msg`which API Gateway can assume (its trust policy allows apigateway.amazonaws.com; nothing in the input is seen using it)`;
    }
    const named = users.slice(0, USES_NAMED).map(roleUse);
    const more = users.length - named.length;
    const uses = more > 0 ? [...named, msg`${lit(more)} more`] : named;
    return joinMessages("which API Gateway assumes for ", ...uses.flatMap((use, index) => [index === 0 ? "" : index === uses.length - 1 ? " and " : ", ", use]));
}

/** The condition a role check depends on while its trust policy is unknown, as a notice says it. */
export const TRUST_NOT_KNOWN = "the trust policy is not known during preview, so whether API Gateway assumes this role is not known either";

export interface PolicySource {
    /** The resource that holds the document (the role itself for inline policies). */
    readonly holder: Resource;
    readonly path: string;
    /** What holds the document ("inline policy", "role policy", "policy"): rule text. */
    readonly kind: string;
    /** Its name: a property value or a resource name. */
    readonly name: unknown;
    readonly document: unknown;
}

export interface ManagedPolicy {
    readonly holder: Resource;
    readonly path: string;
    readonly arn: unknown;
}

/** Every permission attached to a role: inline policies, role policies, attached policies in the stack, AWS managed ARNs. */
export function policiesOfRole(graph: Graph, role: Resource): { documents: PolicySource[]; managed: ManagedPolicy[] } {
    const documents: PolicySource[] = [];
    const managed: ManagedPolicy[] = [];
    const inlinePolicies = peek(role.props, "inlinePolicies");
    asList(inlinePolicies).forEach((inline, index) => {
        if (isUnknown(inline)) {
            // Not known during preview: a rule reading it says it cannot verify it.
            const path = isUnknown(inlinePolicies) ? "inlinePolicies" : `inlinePolicies.${index}`;
            documents.push({ holder: role, path, kind: "inline policy", name: `#${index + 1}`, document: UNKNOWN });
        } else if (isPlainObject(inline)) {
            const name = typeof inline["name"] === "string" ? inline["name"] : `#${index + 1}`;
            documents.push({ holder: role, path: `inlinePolicies.${index}.policy`, kind: "inline policy", name, document: inline["policy"] });
        }
    });
    for (const arn of asList(peek(role.props, "managedPolicyArns"))) {
        managed.push({ holder: role, path: "managedPolicyArns", arn });
    }
    for (const rolePolicy of graph.referrers(role, T.IamRolePolicy, "role")) {
        documents.push({ holder: rolePolicy, path: "policy", kind: "role policy", name: rolePolicy.name, document: peek(rolePolicy.props, "policy") });
    }
    const attachments = [
        ...graph.referrers(role, T.IamRolePolicyAttachment, "role"),
        ...graph.referrers(role, T.IamPolicyAttachment, "roles"),
    ];
    for (const attachment of attachments) {
        const policies = graph.refs(attachment, "policyArn", [T.IamPolicy]);
        if (policies.length === 0) {
            managed.push({ holder: attachment, path: "policyArn", arn: peek(attachment.props, "policyArn") });
        }
        for (const policy of policies) {
            documents.push({ holder: policy, path: "policy", kind: "policy", name: policy.name, document: peek(policy.props, "policy") });
        }
    }
    return { documents, managed };
}

/** The name of an AWS managed policy ARN (`arn:aws:iam::aws:policy/service-role/X` → X). */
export function managedPolicyName(arn: string): string {
    return arn.slice(arn.lastIndexOf("/") + 1);
}
