/**
 * SecureHttpApi: an HTTP (v2) API that passes every Gatehouse rule with no flag set — JWT, Lambda
 * or IAM authorization on every route, JSON access logs, default-route throttling with both
 * values, explicit CORS origins, TLS 1.2+ (optionally mutual TLS) on its domain, scoped Lambda
 * permissions and alarms. HTTP APIs cannot be associated with WAF; put CloudFront with a web ACL
 * in front when you need one.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accessLogFormat, baseline } from "./baseline";
import { CorsSettings, resolveHttpSettings, ResolvedHttpSettings } from "./defaults";
import { corsConfiguration, httpRoutePlans, v2ApiPieces } from "./pieces";
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
    readonly api: aws.apigatewayv2.Api;
    readonly stage: aws.apigatewayv2.Stage;
    readonly logGroup?: aws.cloudwatch.LogGroup;
    readonly logKey?: aws.kms.Key;
    readonly accessLogGroupArn: pulumi.Output<string>;
    readonly authorizer?: aws.apigatewayv2.Authorizer;
    readonly domainName?: aws.apigatewayv2.DomainName;
    readonly certificate?: aws.acm.Certificate;
    readonly routes: Record<string, aws.apigatewayv2.Route> = {};
    readonly permissions: aws.lambda.Permission[];
    readonly alarms: aws.cloudwatch.MetricAlarm[];
    readonly settings: ResolvedHttpSettings;
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: SecureHttpApiArgs, opts?: pulumi.ComponentResourceOptions) {
        // Every argument is checked before anything is registered: a mistake fails cleanly.
        const { settings, domainChoice } = planHttpApi(name, args);
        super("gatehouse:index:SecureHttpApi", name, {}, opts);
        this.settings = settings;
        announceWeakenings(this, settings.weakenings);
        const tags = args.tags;

        const logs = accessLogGroup("SecureHttpApi", name, this, settings.logRetentionDays, args.accessLogs);
        this.logGroup = logs.logGroup;
        this.logKey = logs.kmsKey;
        this.accessLogGroupArn = logs.arn;

        const jwt = args.authorizer && "jwt" in args.authorizer ? args.authorizer.jwt : undefined;
        const lambda = args.authorizer && "lambda" in args.authorizer ? args.authorizer.lambda : undefined;
        const routes = httpRoutePlans(args.routes, { defaultType: !args.authorizer ? "AWS_IAM" : jwt ? "JWT" : "CUSTOM", hasAuthorizer: args.authorizer !== undefined });
        const resources = new PulumiResources(this).add(v2ApiPieces(name, {
            protocol: "HTTP",
            api: {
                disableExecuteApiEndpoint: settings.disableExecuteApiEndpoint,
                ...(args.cors ? { corsConfiguration: corsConfiguration(args.cors, args.routes) } : {}),
            },
            authorizer: jwt ? { jwt: { issuer: jwt.issuer, audiences: jwt.audiences, identitySources: jwt.identitySources ?? [...baseline.httpIdentitySources] } }
                : lambda ? { lambda: { handler: lambda.handler, identitySources: lambda.identitySources ?? [...baseline.httpIdentitySources], resultTtlSeconds: settings.authorizerResultTtlSeconds } }
                    : undefined,
            routes,
            invocation: { permissions: true },
            stage: { stageName: args.stageName ?? "$default", logArn: logs.arn, format: accessLogFormat(), throttling: settings.throttling, tags },
            domain: domainChoice.args
                ? {
                    create: {
                        domainName: domainChoice.args.domainName, certificateArn: domainChoice.args.certificate.existing,
                        securityPolicy: settings.securityPolicy, mutualTls: domainChoice.args.mutualTls,
                    },
                    apiMappingKey: args.domain?.apiMappingKey,
                }
                : domainChoice.existing ? { existing: domainChoice.existing, apiMappingKey: args.domain?.apiMappingKey } : undefined,
            alarms: settings.alarms.enabled ? { metrics: baseline.alarms.http, thresholds: settings.alarms.thresholds, actions: args.alarms?.actions } : undefined,
            tags,
        }));
        this.api = resources.get("api");
        this.stage = resources.get("stage");
        this.authorizer = resources.has("authorizer") ? resources.get("authorizer") : undefined;
        this.certificate = resources.has("certificate") ? resources.get("certificate") : undefined;
        this.domainName = resources.has("domain") ? resources.get("domain") : undefined;
        for (const route of routes) {
            this.routes[route.routeKey] = resources.get(`route_${route.slug}`);
        }
        this.permissions = resources.byPrefix("permission_");
        this.alarms = resources.byPrefix("alarm_");

        const domainName = this.domainName ? this.domainName.domainName : domainChoice.existing?.domainName;
        const mappingKey = args.domain?.apiMappingKey ? `/${args.domain.apiMappingKey}` : "";
        this.url = domainName !== undefined ? pulumi.interpolate`https://${domainName}${mappingKey}` : this.stage.invokeUrl;
        this.registerOutputs({ url: this.url, api: this.api, stage: this.stage });
    }
}

/** Checks the arguments and resolves the settings, before the component registers anything. */
function planHttpApi(name: string, args: SecureHttpApiArgs) {
    const settings = resolveHttpSettings({ ...checkSharedArgs("SecureHttpApi", name, args), cors: args.cors });
    return { settings, domainChoice: args.domain ?? {} };
}
