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
import {
    CorsSettings, resolveHttpSettings, ResolvedHttpSettings, routeArnSuffix, routeSlug,
} from "./defaults";
import {
    accessLogGroup, announceWeakenings, ApiRoute, checkSharedArgs, CommonApiArgs, DomainArgs, domainCertificate, LambdaHandler, OwnedOrExisting,
    scopedInvokePermission, stageAlarms,
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

const V2_AUTHORIZATION = { iam: "AWS_IAM", none: "NONE" } as const;

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
    readonly permissions: aws.lambda.Permission[] = [];
    readonly alarms: aws.cloudwatch.MetricAlarm[] = [];
    readonly settings: ResolvedHttpSettings;
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: SecureHttpApiArgs, opts?: pulumi.ComponentResourceOptions) {
        // Every argument is checked before anything is registered: a mistake fails cleanly.
        const { settings, domainChoice } = planHttpApi(name, args);
        super("gatehouse:index:SecureHttpApi", name, {}, opts);
        const component = "SecureHttpApi";
        this.settings = settings;
        announceWeakenings(this, settings.weakenings);
        const parent = this;
        const tags = args.tags;

        this.api = new aws.apigatewayv2.Api(name, {
            protocolType: "HTTP",
            disableExecuteApiEndpoint: settings.disableExecuteApiEndpoint,
            ...(args.cors ? {
                corsConfiguration: {
                    allowOrigins: args.cors.allowOrigins,
                    allowMethods: args.cors.allowMethods ?? [...new Set(args.routes.map((route) => route.method.toUpperCase()))],
                    allowHeaders: args.cors.allowHeaders ?? ["content-type", "authorization"],
                    allowCredentials: args.cors.allowCredentials ?? false,
                    maxAge: args.cors.maxAgeSeconds ?? 3600,
                },
            } : {}),
            tags,
        }, { parent });
        const api = this.api;

        if (args.authorizer && "jwt" in args.authorizer) {
            const jwt = args.authorizer.jwt;
            this.authorizer = new aws.apigatewayv2.Authorizer(`${name}-jwt`, {
                apiId: api.id,
                authorizerType: "JWT",
                identitySources: jwt.identitySources ?? ["$request.header.Authorization"],
                jwtConfiguration: { issuer: jwt.issuer, audiences: jwt.audiences },
            }, { parent });
        } else if (args.authorizer && "lambda" in args.authorizer) {
            const lambda = args.authorizer.lambda;
            this.authorizer = new aws.apigatewayv2.Authorizer(`${name}-lambda`, {
                apiId: api.id,
                authorizerType: "REQUEST",
                authorizerUri: lambda.handler.invokeArn,
                authorizerPayloadFormatVersion: "2.0",
                enableSimpleResponses: true,
                identitySources: lambda.identitySources ?? ["$request.header.Authorization"],
                authorizerResultTtlInSeconds: settings.authorizerResultTtlSeconds,
            }, { parent });
            this.permissions.push(scopedInvokePermission(`${name}-authorizer`, parent, lambda.handler, api.executionArn,
                pulumi.interpolate`/authorizers/${this.authorizer.id}`));
        }
        const authorizerType = !args.authorizer ? "AWS_IAM" : "jwt" in args.authorizer ? "JWT" : "CUSTOM";

        for (const route of args.routes) {
            const routeKey = route.path === "$default" ? "$default" : `${route.method.toUpperCase()} ${route.path}`;
            const slug = routeSlug(route.method, route.path);
            const integration = new aws.apigatewayv2.Integration(`${name}-${slug}`, {
                apiId: api.id,
                ...(route.handler
                    ? { integrationType: "AWS_PROXY", integrationUri: route.handler.arn, payloadFormatVersion: "2.0" }
                    : { integrationType: "HTTP_PROXY", integrationMethod: route.httpBackend!.method ?? route.method.toUpperCase(), integrationUri: route.httpBackend!.uri }),
            }, { parent });
            const authorization = route.authorization ?? "default";
            this.routes[routeKey] = new aws.apigatewayv2.Route(`${name}-${slug}`, {
                apiId: api.id,
                routeKey,
                target: pulumi.interpolate`integrations/${integration.id}`,
                authorizationType: authorization === "default" ? authorizerType : V2_AUTHORIZATION[authorization],
                ...(authorization === "default" && this.authorizer ? { authorizerId: this.authorizer.id } : {}),
                ...(route.authorizationScopes ? { authorizationScopes: route.authorizationScopes } : {}),
            }, { parent });
            if (route.handler) {
                const suffix = route.path === "$default" ? "/*/$default" : routeArnSuffix(route.method, route.path);
                this.permissions.push(scopedInvokePermission(`${name}-${slug}`, parent, route.handler, api.executionArn, suffix));
            }
        }

        const logs = accessLogGroup(component, name, parent, settings.logRetentionDays, args.accessLogs);
        this.logGroup = logs.logGroup;
        this.logKey = logs.kmsKey;
        this.accessLogGroupArn = logs.arn;

        this.stage = new aws.apigatewayv2.Stage(name, {
            apiId: api.id,
            name: args.stageName ?? "$default",
            autoDeploy: true,
            accessLogSettings: { destinationArn: logs.arn, format: accessLogFormat() },
            // Both values, always: a missing one is 0 on v2 stages, which rejects every request.
            defaultRouteSettings: { throttlingBurstLimit: settings.throttling.burstLimit, throttlingRateLimit: settings.throttling.rateLimit },
            tags,
        }, { parent });
        const stage = this.stage;

        let domainName: pulumi.Input<string> | undefined;
        if (domainChoice.args) {
            const domainArgs = domainChoice.args;
            const { certificate, arn: certificateArn } = domainCertificate(name, parent, domainArgs.domainName, domainArgs.certificate, tags);
            this.certificate = certificate;
            this.domainName = new aws.apigatewayv2.DomainName(name, {
                domainName: domainArgs.domainName,
                domainNameConfiguration: { certificateArn, endpointType: "REGIONAL", securityPolicy: settings.securityPolicy },
                ...(domainArgs.mutualTls ? { mutualTlsAuthentication: domainArgs.mutualTls } : {}),
                tags,
            }, { parent });
            domainName = this.domainName.domainName;
        } else if (domainChoice.existing) {
            domainName = domainChoice.existing.domainName;
        }
        if (domainName !== undefined) {
            new aws.apigatewayv2.ApiMapping(name, {
                apiId: api.id, domainName, stage: stage.name, ...(args.domain?.apiMappingKey ? { apiMappingKey: args.domain.apiMappingKey } : {}),
            }, { parent });
        }

        if (settings.alarms.enabled) {
            this.alarms = stageAlarms(name, parent, baseline.alarms.http, settings.alarms.thresholds, { ApiId: api.id, Stage: stage.name }, args.alarms?.actions);
        }

        const mappingKey = args.domain?.apiMappingKey ? `/${args.domain.apiMappingKey}` : "";
        this.url = domainName !== undefined ? pulumi.interpolate`https://${domainName}${mappingKey}` : stage.invokeUrl;
        this.registerOutputs({ url: this.url, api: this.api, stage: this.stage });
    }
}

/** Checks the arguments and resolves the settings, before the component registers anything. */
function planHttpApi(name: string, args: SecureHttpApiArgs) {
    const settings = resolveHttpSettings({ ...checkSharedArgs("SecureHttpApi", name, args), cors: args.cors });
    return { settings, domainChoice: args.domain ?? {} };
}
