/**
 * What only the CDKTF constructs build (the rest is pieces.ts): the access-log group, the role API
 * Gateway invokes Lambda handlers with, and the announcement of weakened defaults.
 */
import { Annotations, Fn } from "cdktf";
import type { Construct } from "constructs";
import type { AlarmSettings, ThrottleSettings, Weakening } from "../components/defaults";
import { ownedOrExisting, RouteAuthorization } from "../components/defaults";
import { AwsResource } from "./resource";

/**
 * A Lambda function a route invokes. `arn` is the invoke role's resource; `invokeArn` (the
 * function's `invoke_arn`) is needed only when `arn` is a reference rather than a literal ARN.
 */
export interface LambdaHandler {
    arn: string;
    invokeArn?: string;
}

/** The URI API Gateway invokes a Lambda function at. */
export function lambdaInvokeUri(handler: LambdaHandler): string {
    if (handler.invokeArn !== undefined) {
        return handler.invokeArn;
    }
    const region = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):/.exec(handler.arn)?.[1];
    if (!region) {
        throw new Error(`handler ARN "${handler.arn}" is not a literal Lambda function ARN: give \`invokeArn\` too (the function's invoke_arn)`);
    }
    return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${handler.arn}/invocations`;
}

/** A route of either API family (the Pulumi components' `ApiRoute`, with CDKTF values). */
export interface ApiRoute {
    /** GET, POST, PUT, PATCH, DELETE, HEAD or ANY. */
    method: string;
    /** `/orders/{id}`. */
    path: string;
    /** The Lambda function serving the route (AWS_PROXY, invoked with the construct's invoke role). */
    handler?: LambdaHandler;
    /** An HTTPS backend serving the route (HTTP_PROXY). */
    httpBackend?: { uri: string; method?: string };
    /** `default` (the API's authorizer, else IAM), `iam`, or `none` (a visible opt-out, reported unless waived). */
    authorization?: RouteAuthorization;
    authorizationScopes?: string[];
}

export interface OwnedOrExisting<A, E> {
    args?: A;
    existing?: E;
}

export interface AccessLogArgs {
    retentionInDays?: number;
    /** A customer-managed KMS key for the logs (its key policy must let CloudWatch Logs use it). */
    kmsKey?: { existing: { arn: string } };
}

export interface DomainArgs {
    domainName: string;
    securityPolicy?: string;
    /** `{ existing: arn }` (an issued ACM certificate) or `{ args: {} }` to request one (DNS validation is yours to complete). */
    certificate: OwnedOrExisting<Record<string, never>, string>;
}

/** Arguments both constructs take, with the Pulumi components' names and meaning. */
export interface CommonApiArgs {
    /** Tags for the API and stage; the pack's required-tags rule asks for `owner` and `environment` by default. */
    tags: Record<string, string>;
    stageName?: string;
    throttling?: Partial<ThrottleSettings>;
    accessLogs?: OwnedOrExisting<AccessLogArgs, { arn: string }>;
    /** Defaults to true whenever a domain is given. */
    disableExecuteApiEndpoint?: boolean;
    alarms?: AlarmSettings & { actions?: string[] };
}

/** Warns, on the construct, of every default the arguments weaken, naming the rule that will report it. */
export function announceWeakenings(scope: Construct, weakenings: readonly Weakening[]): void {
    for (const weakening of weakenings) {
        Annotations.of(scope).addWarning(`${weakening.setting} ${weakening.detail}; the Gatehouse rule ${weakening.rule} will report it unless waived`);
    }
}

/** The access-log group's ARN: a group created with the resolved retention, or the user's own. */
export function accessLogGroup(scope: Construct, component: string, id: string, retentionInDays: number,
    choice: OwnedOrExisting<AccessLogArgs, { arn: string }> | undefined): { arn: string; logGroup?: AwsResource } {
    const { args, existing } = ownedOrExisting(component, id, "accessLogs", choice);
    if (existing) {
        return { arn: existing.arn };
    }
    const logGroup = new AwsResource(scope, "access_logs", "aws_cloudwatch_log_group", {
        name: `/aws/apigateway/${id}-access`,
        retention_in_days: retentionInDays,
        ...(args?.kmsKey ? { kms_key_id: args.kmsKey.existing.arn } : {}),
    });
    return { arn: logGroup.arn, logGroup };
}

/**
 * The role API Gateway invokes the handlers with: trusted by API Gateway only, allowed
 * `lambda:InvokeFunction` on exactly these functions. With known ARNs the pack verifies it at synth;
 * a resource-based Lambda permission's source ARN would hold the API's ID, unknown until apply.
 */
export function invokeRole(scope: Construct, id: string, handlerArns: readonly string[]): AwsResource | undefined {
    const arns = [...new Set(handlerArns)];
    if (arns.length === 0) {
        return undefined;
    }
    const role = new AwsResource(scope, "invoke_role", "aws_iam_role", {
        name: `${id}-invoke`,
        assume_role_policy: Fn.jsonencode({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
    });
    // A role policy of its own: the role's `inline_policy` argument is deprecated in hashicorp/aws.
    new AwsResource(scope, "invoke_role_policy", "aws_iam_role_policy", {
        name: "invoke-handlers",
        role: role.id,
        policy: Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: arns.length === 1 ? arns[0] : arns }] }),
    });
    return role;
}

