/**
 * What only the Pulumi components build (the rest is pieces.ts): access log groups (with an
 * optional customer KMS key made with the account's and region's identity) and the announcement of
 * weakened defaults.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { baseline } from "./baseline";
import { AlarmSettings, ownedOrExisting, RouteAuthorization, ThrottleSettings, Weakening } from "./defaults";

/** A Lambda function a route invokes: an `aws.lambda.Function`, or the same three outputs of one defined elsewhere. */
export interface LambdaHandler {
    arn: pulumi.Input<string>;
    invokeArn: pulumi.Input<string>;
    name: pulumi.Input<string>;
}

/** A route of either API family. */
export interface ApiRoute {
    /** GET, POST, PUT, PATCH, DELETE, HEAD or ANY. */
    method: string;
    /** `/orders/{id}`; `/` is the REST root, `$default` (method ANY) the HTTP catch-all. */
    path: string;
    /** The Lambda function serving the route (AWS_PROXY). */
    handler?: LambdaHandler;
    /** An HTTPS backend serving the route (HTTP_PROXY). */
    httpBackend?: { uri: pulumi.Input<string>; method?: string };
    /**
     * `default` (the API's authorizer, or IAM when it has none), `iam`, or `none` — a visible opt-out
     * for public endpoints: the component warns, and the pack reports the route unless waived.
     */
    authorization?: RouteAuthorization;
    /** OAuth/JWT scopes the route requires. */
    authorizationScopes?: string[];
}

/** `{ args }` creates the resource with these arguments; `{ existing }` uses yours. Never both. */
export interface OwnedOrExisting<A, E> {
    args?: A;
    existing?: E;
}

export interface KmsKeyArgs {
    description?: string;
    deletionWindowInDays?: number;
}

export interface AccessLogArgs {
    /** Days to keep access logs; the baseline keeps them a year. */
    retentionInDays?: number;
    /** A customer-managed KMS key for the logs: `{ args: {} }` creates one (rotated), `{ existing: key }` uses yours. */
    kmsKey?: OwnedOrExisting<KmsKeyArgs, { arn: pulumi.Input<string> }>;
}

export interface ExistingLogGroup {
    arn: pulumi.Input<string>;
    name: pulumi.Input<string>;
}

export interface AccessLogs {
    arn: pulumi.Output<string>;
    /** Set when the component created the log group. */
    logGroup?: aws.cloudwatch.LogGroup;
    kmsKey?: aws.kms.Key;
}

/** Logs the weakened defaults on the component, naming the rule each one will trip. */
export function announceWeakenings(component: pulumi.ComponentResource, weakenings: readonly Weakening[]): void {
    for (const weakening of weakenings) {
        pulumi.log.warn(`${weakening.setting} ${weakening.detail}; the Gatehouse rule ${weakening.rule} will report it unless waived`, component);
    }
}

/** The access-log group a stage writes to: created with the baseline's retention, or the user's own. */
export function accessLogGroup(component: string, name: string, parent: pulumi.Resource, retentionInDays: number, choice: OwnedOrExisting<AccessLogArgs, ExistingLogGroup> | undefined): AccessLogs {
    const { args, existing } = ownedOrExisting(component, name, "accessLogs", choice);
    if (existing) {
        return { arn: pulumi.output(existing.arn) };
    }
    const kms = ownedOrExisting(component, name, "accessLogs.args.kmsKey", args?.kmsKey);
    let kmsKey: aws.kms.Key | undefined;
    if (kms.args) {
        kmsKey = new aws.kms.Key(`${name}-logs`, {
            description: kms.args.description ?? `Encrypts the access logs of ${name}`,
            enableKeyRotation: true,
            deletionWindowInDays: kms.args.deletionWindowInDays ?? baseline.kmsDeletionWindowDays,
            policy: logsKeyPolicy(parent),
        }, { parent });
    }
    const kmsKeyId = kmsKey ? kmsKey.arn : kms.existing?.arn;
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-access-logs`, {
        retentionInDays,
        ...(kmsKeyId ? { kmsKeyId } : {}),
    }, { parent });
    return { arn: logGroup.arn, logGroup, kmsKey };
}

/** A key policy letting the account administer the key and CloudWatch Logs in this region use it. */
function logsKeyPolicy(parent: pulumi.Resource): pulumi.Output<string> {
    const identity = aws.getCallerIdentityOutput({}, { parent });
    const region = aws.getRegionOutput({}, { parent });
    return pulumi.all([identity.accountId, region.name]).apply(([account, regionName]) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "CloudWatchLogsUses",
                Effect: "Allow",
                Principal: { Service: `logs.${regionName}.amazonaws.com` },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${regionName}:${account}:log-group:*` } },
            },
        ],
    }));
}

/** The custom domain a component creates. */
export interface DomainArgs {
    domainName: string;
    /** Defaults to the baseline's TLS_1_2; any SecurityPolicy_TLS12_* or _TLS13_* name works too. */
    securityPolicy?: string;
    /** `{ existing: arn }` (an issued ACM certificate) or `{ args: {} }` to request one (DNS validation is yours to complete). */
    certificate: OwnedOrExisting<Record<string, never>, pulumi.Input<string>>;
}

/** Arguments both API components take, with the same meaning. */
export interface CommonApiArgs {
    /** Tags for the API and stage; the pack's required-tags rule asks for `owner` and `environment` by default. */
    tags: Record<string, pulumi.Input<string>>;
    stageName?: string;
    throttling?: Partial<ThrottleSettings>;
    accessLogs?: OwnedOrExisting<AccessLogArgs, ExistingLogGroup>;
    /** Defaults to true whenever a domain is given. */
    disableExecuteApiEndpoint?: boolean;
    alarms?: AlarmSettings & { actions?: pulumi.Input<string>[] };
}

/** What both API components take and check the same way before registering anything. */
export interface SharedApiArgs extends CommonApiArgs {
    routes?: readonly ApiRoute[];
    domain?: OwnedOrExisting<DomainArgs, unknown>;
    authorizer?: object;
}

export { checkSharedArgs } from "./defaults";
