/**
 * SecureHttpApi: an HTTP (v2) API that passes every Gatehouse rule with no flag set — JWT, Lambda
 * or IAM authorization on every route, JSON access logs, default-route throttling with both
 * values, explicit CORS origins, TLS 1.2+ (optionally mutual TLS) on its domain, scoped Lambda
 * permissions and alarms. HTTP APIs cannot be associated with WAF; put CloudFront with a web ACL
 * in front when you need one.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CorsSettings, resolveHttpSettings, ResolvedHttpSettings } from "./defaults";
import { httpApiPlan, httpAuthorizerPlan, httpRoutePlans, v2ApiPieces, v2Outputs } from "./pieces";
import { PulumiResources } from "./render";
import {
    accessLogGroup, announceWeakenings, ApiRoute, checkSharedArgs, CommonApiArgs, DomainArgs, LambdaHandler, OwnedOrExisting,
} from "./shared";

export type HttpRoute = ApiRoute;

export type HttpAuthorizer =
    | { jwt: { issuer: pulumi.Input<string>; audiences: pulumi.Input<string>[]; identitySources?: string[] } }
    | { lambda: { handler: LambdaHandler; identitySources?: string[]; resultTtlSeconds?: number } };

export interface HttpDomainArgs extends DomainArgs {
    /** Mutual TLS: clients must present a certificate signed by a CA in this S3 truststore. */
    mutualTls?: { truststoreUri: pulumi.Input<string>; truststoreVersion?: pulumi.Input<string> };
}

export interface SecureHttpApiArgs extends CommonApiArgs {
    routes: HttpRoute[];
    authorizer?: HttpAuthorizer;
    /** Explicit origins only; `*` is announced as a weakening and reported by the pack. */
    cors?: CorsSettings;
    domain?: OwnedOrExisting<HttpDomainArgs, { domainName: pulumi.Input<string> }> & { apiMappingKey?: string };
}

/** An HTTP API that satisfies the Gatehouse pack in its default configuration. */
export class SecureHttpApi extends pulumi.ComponentResource {
    declare readonly api: aws.apigatewayv2.Api;
    declare readonly stage: aws.apigatewayv2.Stage;
    readonly logGroup?: aws.cloudwatch.LogGroup;
    readonly logKey?: aws.kms.Key;
    readonly accessLogGroupArn: pulumi.Output<string>;
    declare readonly authorizer?: aws.apigatewayv2.Authorizer;
    declare readonly domainName?: aws.apigatewayv2.DomainName;
    declare readonly certificate?: aws.acm.Certificate;
    declare readonly routes: Record<string, aws.apigatewayv2.Route>;
    declare readonly permissions: aws.lambda.Permission[];
    declare readonly alarms: aws.cloudwatch.MetricAlarm[];
    readonly settings: ResolvedHttpSettings;
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: SecureHttpApiArgs, opts?: pulumi.ComponentResourceOptions) {
        // Every argument is checked before anything is registered: a mistake fails cleanly.
        const settings = resolveHttpSettings({ ...checkSharedArgs("SecureHttpApi", name, args), cors: args.cors });
        super("gatehouse:index:SecureHttpApi", name, {}, opts);
        this.settings = settings;
        announceWeakenings(this, settings.weakenings);

        const logs = accessLogGroup("SecureHttpApi", name, this, settings.logRetentionDays, args.accessLogs);
        this.logGroup = logs.logGroup;
        this.logKey = logs.kmsKey;
        this.accessLogGroupArn = logs.arn;

        const jwt = args.authorizer && "jwt" in args.authorizer ? args.authorizer.jwt : undefined;
        const lambda = args.authorizer && "lambda" in args.authorizer ? args.authorizer.lambda : undefined;
        const routes = httpRoutePlans(args.routes, { defaultType: !args.authorizer ? "AWS_IAM" : jwt ? "JWT" : "CUSTOM", hasAuthorizer: args.authorizer !== undefined });
        const resources = new PulumiResources(this).add(v2ApiPieces(name, httpApiPlan(args, settings, {
            routes, authorizer: httpAuthorizerPlan(args.authorizer, lambda?.handler, settings.authorizerResultTtlSeconds), invocation: { permissions: true }, logArn: logs.arn,
        })));
        Object.assign(this, v2Outputs(resources, routes));

        const domainName = this.domainName ? this.domainName.domainName : args.domain?.existing?.domainName;
        const mappingKey = args.domain?.apiMappingKey ? `/${args.domain.apiMappingKey}` : "";
        this.url = domainName !== undefined ? pulumi.interpolate`https://${domainName}${mappingKey}` : this.stage.invokeUrl;
        this.registerOutputs({ url: this.url, api: this.api, stage: this.stage });
    }
}
