import type { Graph } from "../../engine/graph";
import {
    actionMatches, grantsPassRole, isFullWildcardAction, isReadOnlyAction, isWildcardResource, parsePolicyDocument,
    trustedServices,
} from "../../engine/iam";
import { lit, msg } from "../../engine/message";
import type { Resource } from "../../engine/resource";
import { defineRule, RuleContext } from "../../engine/rule";
import { T } from "../../engine/types";
import { asList, isPlainObject, peek } from "../../engine/values";

const API_GATEWAY_SERVICE = /^apigateway\.amazonaws\.com(\.cn)?$/;

/** Where API Gateway is handed a role: these properties hold the role's ARN. */
const ROLE_USERS: readonly { type: string; prop: string }[] = [
    { type: T.Account, prop: "cloudwatchRoleArn" },
    { type: T.Integration, prop: "credentials" },
    { type: T.Authorizer, prop: "authorizerCredentials" },
    { type: T.V2Integration, prop: "credentialsArn" },
    { type: T.V2Authorizer, prop: "authorizerCredentialsArn" },
];

/** AWS managed policies that grant far more than any API Gateway role needs. */
const BROAD_MANAGED_POLICY = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess|[A-Za-z0-9]+FullAccess)$/;

interface Config {
    allowedWildcardResourceActions: string[];
}

interface PolicySource {
    /** The resource that holds the document (the role itself for inline policies). */
    holder: Resource;
    path: string;
    /** What holds the document ("inline policy", "role policy", "policy"): rule text. */
    kind: string;
    /** Its name: a property value or a resource name. */
    name: unknown;
    document: unknown;
}

function isAssumedByApiGateway(graph: Graph, role: Resource): boolean {
    const trust = parsePolicyDocument(peek(role.props, "assumeRolePolicy"));
    if (trustedServices(trust).some((service) => API_GATEWAY_SERVICE.test(service))) {
        return true;
    }
    return ROLE_USERS.some(({ type, prop }) => graph.referrers(role, type, prop).length > 0);
}

function policySources(graph: Graph, role: Resource): { documents: PolicySource[]; managedArns: { holder: Resource; arn: unknown }[] } {
    const documents: PolicySource[] = [];
    const managedArns: { holder: Resource; arn: unknown }[] = [];
    asList(peek(role.props, "inlinePolicies")).forEach((inline, index) => {
        if (isPlainObject(inline)) {
            const name = typeof inline["name"] === "string" ? inline["name"] : `#${index + 1}`;
            documents.push({ holder: role, path: `inlinePolicies.${index}.policy`, kind: "inline policy", name, document: inline["policy"] });
        }
    });
    for (const arn of asList(peek(role.props, "managedPolicyArns"))) {
        managedArns.push({ holder: role, arn });
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
            managedArns.push({ holder: attachment, arn: peek(attachment.props, "policyArn") });
        }
        for (const policy of policies) {
            documents.push({ holder: policy, path: "policy", kind: "policy", name: policy.name, document: peek(policy.props, "policy") });
        }
    }
    return { documents, managedArns };
}

function checkDocument(ctx: RuleContext<Config>, role: Resource, source: PolicySource): void {
    const parsed = parsePolicyDocument(source.document);
    const kind = lit(source.kind);
    if (parsed.kind === "unknown") {
        ctx.unverifiable({ resource: source.holder, path: source.path, related: [role], message: msg`${kind} ${source.name} is not known during preview` });
        return;
    }
    if (parsed.kind === "malformed") {
        ctx.unverifiable({ resource: source.holder, path: source.path, related: [role], message: msg`${kind} ${source.name} cannot be read: ${lit(parsed.reason)}` });
        return;
    }
    const allowed = ctx.config.allowedWildcardResourceActions;
    for (const statement of parsed.statements) {
        if (statement.effect !== "Allow") {
            continue;
        }
        const where = statement.sid ?? statement.index;
        const report = (text: ReturnType<typeof msg>) => ctx.report({ resource: source.holder, path: source.path, related: [role], message: text });
        const onEverything = statement.notResource || statement.resources.some(isWildcardResource);
        if (statement.notAction) {
            report(msg`${kind} ${source.name}, statement ${where}, uses NotAction, granting every other action to role ${role.name}, which API Gateway assumes`);
            continue;
        }
        const everything = statement.actions.find(isFullWildcardAction);
        if (everything !== undefined) {
            report(msg`${kind} ${source.name}, statement ${where}, grants every action (${everything}) to role ${role.name}, which API Gateway assumes`);
            continue;
        }
        if (onEverything && grantsPassRole(statement)) {
            report(msg`${kind} ${source.name}, statement ${where}, allows iam:PassRole on every role ("*"): the role could hand any role to a service`);
        }
        if (onEverything) {
            const writes = statement.actions.filter((action) => !isReadOnlyAction(action)
                && !allowed.some((pattern) => actionMatches(pattern, action) && !action.includes("*"))
                && action.toLowerCase() !== "iam:passrole");
            if (writes.length > 0) {
                report(msg`${kind} ${source.name}, statement ${where}, allows write actions ${writes.join(", ")} on every resource ("*")`);
            }
        }
    }
}

export default defineRule<Config>({
    id: "api-gateway-role-least-privilege",
    title: "Roles API Gateway assumes are least-privilege",
    description: "Policies attached to roles that API Gateway assumes (CloudWatch logging role, integration and "
        + "authorizer credentials) must not grant `*` actions, write actions on `*` resources, or `iam:PassRole` on `*`.",
    rationale: "API Gateway acts with these roles on behalf of every caller of the API; an over-broad role turns a "
        + "mapping-template mistake or a confused deputy into account-wide access.",
    remediation: "List the exact actions the integration needs and scope `Resource` to the ARNs it touches (the "
        + "Lambda function, the queue, the table). For the CloudWatch logging role, attach "
        + "`arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`.",
    area: "iam",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.IamRole],
    config: {
        allowedWildcardResourceActions: {
            type: "array",
            description: "Actions allowed on `Resource: \"*\"` (default: what API Gateway needs to push execution logs "
                + "to CloudWatch, whose log groups it creates itself).",
            items: { type: "string" },
            default: [
                "logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogGroups", "logs:DescribeLogStreams",
                "logs:PutLogEvents", "logs:GetLogEvents", "logs:FilterLogEvents",
            ],
        },
    },
    references: {
        controls: ["C22"],
        owasp: ["API5:2023", "API8:2023"],
        checkov: ["CKV_AWS_60", "CKV_AWS_61", "CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_355", "CKV_AWS_286", "CKV_AWS_287", "CKV_AWS_288", "CKV_AWS_289", "CKV_AWS_290"],
        trivy: ["AVD-AWS-0057"],
        cdkNag: ["AwsSolutions-IAM5"],
        docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"],
    },
    check(role, ctx) {
        if (!isAssumedByApiGateway(ctx.graph, role)) {
            return;
        }
        const { documents, managedArns } = policySources(ctx.graph, role);
        for (const source of documents) {
            checkDocument(ctx, role, source);
        }
        for (const { holder, arn } of managedArns) {
            if (typeof arn === "string" && BROAD_MANAGED_POLICY.test(arn)) {
                ctx.report({
                    resource: holder,
                    path: holder === role ? "managedPolicyArns" : "policyArn",
                    related: [role],
                    message: msg`managed policy ${arn.slice(arn.lastIndexOf("/") + 1)} is attached to role ${role.name}, which API Gateway assumes`,
                });
            }
        }
    },
});
