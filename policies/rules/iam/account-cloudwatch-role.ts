import { actionMatches, parsePolicyDocument } from "../../engine/iam";
import { managedPolicyName, policiesOfRole } from "../../engine/iam-links";
import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { isUnknown, peek } from "../../engine/values";

const PUSH_TO_CLOUDWATCH = "AmazonAPIGatewayPushToCloudWatchLogs";

export default defineRule<{ allowedActions: string[] }>({
    id: "account-cloudwatch-role",
    title: "The account's API Gateway CloudWatch role only pushes logs",
    description: "The role set as the account's API Gateway CloudWatch role (`aws.apigateway.Account`) must hold only "
        + "the push-to-CloudWatch permissions: the AmazonAPIGatewayPushToCloudWatchLogs managed policy or the same logs "
        + "actions.",
    rationale: "The role is shared by every API in the account and region; any extra permission is available to "
        + "API Gateway for all of them.",
    remediation: "Attach only `arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`, and manage "
        + "the account setting in one stack (it is a singleton: see the ApiGatewayAccountLogging component).",
    area: "iam",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.Account],
    reads: [T.IamRole, T.IamRolePolicy, T.IamRolePolicyAttachment, T.IamPolicyAttachment, T.IamPolicy],
    config: {
        allowedActions: {
            type: "array",
            description: "Actions the CloudWatch role may hold.",
            items: { type: "string" },
            default: [
                "logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogGroups", "logs:DescribeLogStreams",
                "logs:PutLogEvents", "logs:GetLogEvents", "logs:FilterLogEvents",
            ],
        },
    },
    references: {
        controls: ["nobody:account-cloudwatch-role"],
        owasp: ["API5:2023"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html#set-up-access-logging-permissions"],
    },
    check(account, ctx) {
        const role = ctx.graph.refs(account, "cloudwatchRoleArn", [T.IamRole])[0];
        if (!role) {
            const arn = peek(account.props, "cloudwatchRoleArn");
            if (isUnknown(arn)) {
                ctx.unverifiable({ path: "cloudwatchRoleArn", message: "the CloudWatch role is not known during preview" });
            } else if (typeof arn === "string" && arn !== "") {
                // Its policies decide, and the input does not hold them.
                ctx.unverifiable({ path: "cloudwatchRoleArn", outsideInput: true, message: msg`the CloudWatch role ${arn} is not in the input, so its policies cannot be checked` });
            }
            return;
        }
        const { documents, managed } = policiesOfRole(ctx.graph, role);
        for (const { holder, path, arn } of managed) {
            if (isUnknown(arn)) {
                ctx.unverifiable({ resource: holder, path, related: [role], message: "a managed policy ARN of the CloudWatch role is not known during preview" });
            } else if (typeof arn === "string" && managedPolicyName(arn) !== PUSH_TO_CLOUDWATCH) {
                ctx.report({ resource: holder, path, related: [role], message: msg`the CloudWatch role also holds managed policy ${managedPolicyName(arn)}` });
            }
        }
        for (const source of documents) {
            const parsed = parsePolicyDocument(source.document);
            if (parsed.kind === "unknown") {
                ctx.unverifiable({ resource: source.holder, path: source.path, related: [role], message: msg`the document of ${lit(source.kind)} ${source.name} is not known during preview` });
                continue;
            }
            if (parsed.kind === "malformed") {
                ctx.unverifiable({ resource: source.holder, path: source.path, related: [role], outsideInput: true, message: msg`${lit(source.kind)} ${source.name} cannot be read: ${lit(parsed.reason)}` });
                continue;
            }
            for (const statement of parsed.statements) {
                if (statement.effect !== "Allow") {
                    continue;
                }
                const extra = statement.notAction ? ["NotAction"] : statement.actions.filter((action) =>
                    !ctx.config.allowedActions.some((allowed) => actionMatches(action, allowed) && actionMatches(allowed, action)));
                if (extra.length > 0) {
                    ctx.report({
                        resource: source.holder,
                        path: source.path,
                        related: [role],
                        message: msg`${lit(source.kind)} ${source.name} gives the CloudWatch role ${extra.join(", ")} besides pushing logs`,
                    });
                }
            }
        }
    },
});
