import {
    actionMatches, grantsPassRole, isFullWildcardAction, isReadOnlyAction, isWildcardResource, parsePolicyDocument,
} from "../../engine/iam";
import { apiGatewayRolePhrase, isAssumedByApiGateway, managedPolicyName, policiesOfRole, PolicySource, ROLE_USERS, TRUST_NOT_KNOWN } from "../../engine/iam-links";
import { joinMessages, lit, Message, msg } from "../../engine/message";
import type { Resource } from "../../engine/resource";
import { defineRule, ifKnownLater, RuleContext } from "../../engine/rule";
import { T } from "../../engine/types";
import { isUnknown } from "../../engine/values";

/** AWS managed policies that grant far more than any API Gateway role needs. */
const BROAD_MANAGED_POLICY = /^(AdministratorAccess|PowerUserAccess|IAMFullAccess|[A-Za-z0-9]+FullAccess)$/;

interface Config {
    allowedWildcardResourceActions: string[];
}

function checkDocument(ctx: RuleContext<Config>, role: Resource, source: PolicySource, assumes: Message): void {
    const parsed = parsePolicyDocument(source.document);
    const kind = lit(source.kind);
    if (parsed.kind === "unknown") {
        ctx.unverifiable({ resource: source.holder, path: source.path, related: [role], message: msg`the document of ${kind} ${source.name} is not known during preview` });
        return;
    }
    if (parsed.kind === "malformed") {
        // Malformed now is malformed at apply: "cannot be verified", not "until apply".
        ctx.unverifiable({ resource: source.holder, path: source.path, related: [role], outsideInput: true, message: msg`${kind} ${source.name} cannot be read: ${lit(parsed.reason)}` });
        return;
    }
    const allowed = ctx.config.allowedWildcardResourceActions;
    for (const statement of parsed.statements) {
        if (statement.effect !== "Allow") {
            continue;
        }
        const where = statement.sid ?? statement.index;
        const report = (text: Message) => ctx.report({ resource: source.holder, path: source.path, related: [role], message: text });
        const onEverything = statement.notResource || statement.resources.some(isWildcardResource);
        if (statement.notAction) {
            report(joinMessages(msg`${kind} ${source.name}, statement ${where}, uses NotAction, granting every other action to role ${role.name}, `, assumes));
            continue;
        }
        const everything = statement.actions.find(isFullWildcardAction);
        if (everything !== undefined) {
            report(joinMessages(msg`${kind} ${source.name}, statement ${where}, grants every action (${everything}) to role ${role.name}, `, assumes));
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
    reads: [T.IamRolePolicy, T.IamRolePolicyAttachment, T.IamPolicyAttachment, T.IamPolicy, ...ROLE_USERS.map((user) => user.type)],
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
    check(role, checkContext) {
        const assumed = isAssumedByApiGateway(checkContext.graph, role);
        if (assumed === false) {
            return;
        }
        const ctx = assumed ? checkContext : ifKnownLater(checkContext, TRUST_NOT_KNOWN);
        const { documents, managed } = policiesOfRole(ctx.graph, role);
        const assumes = apiGatewayRolePhrase(ctx.graph, role);
        for (const source of documents) {
            checkDocument(ctx, role, source, assumes);
        }
        for (const { holder, path, arn } of managed) {
            if (isUnknown(arn)) {
                ctx.unverifiable({ resource: holder, path, related: [role], message: msg`a managed policy ARN attached to role ${role.name} is not known during preview` });
            } else if (typeof arn === "string" && BROAD_MANAGED_POLICY.test(managedPolicyName(arn))) {
                ctx.report({
                    resource: holder,
                    path,
                    related: [role],
                    message: joinMessages(msg`managed policy ${managedPolicyName(arn)} is attached to role ${role.name}, `, assumes),
                });
            }
        }
    },
});
