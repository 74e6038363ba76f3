/**
 * SecureHttpApi for CDKTF: the HTTP (v2) API of the Pulumi `SecureHttpApi`, from the same baseline
 * and settings resolution, declared as hashicorp/aws resources: JWT, Lambda or IAM authorization on
 * every route, JSON access logs, default-route throttling with both values, explicit CORS origins,
 * TLS 1.2+ on its domain, a least-privilege invoke role and alarms. HTTP APIs cannot be associated
 * with WAF; put CloudFront with a web ACL in front when you need one.
 */
import { Construct } from "constructs";
import { baseline } from "../components/baseline";
import { checkSharedArgs, CorsSettings, resolveHttpSettings, ResolvedHttpSettings, routeSlug } from "../components/defaults";
import { AwsResource } from "./resource";
import {
    accessLogGroup, accessLogSettings, announceWeakenings, ApiRoute, CommonApiArgs, domainCertificate, DomainArgs, invokeRole, LambdaHandler, lambdaInvokeUri,
    OwnedOrExisting, stageAlarms,
} from "./shared";

export type HttpRoute = ApiRoute;

export type HttpAuthorizer =
    | { jwt: { issuer: string; audiences: string[]; identitySources?: string[] } }
    | { lambda: { handler: LambdaHandler; identitySources?: string[]; resultTtlSeconds?: number } };

export interface HttpDomainArgs extends DomainArgs {
    /** Mutual TLS: clients must present a certificate signed by a CA in this S3 truststore. */
    mutualTls?: { truststoreUri: string; truststoreVersion?: string };
}

export interface SecureHttpApiArgs extends CommonApiArgs {
    routes: HttpRoute[];
    authorizer?: HttpAuthorizer;
    /** Explicit origins only; `*` is announced as a weakening and reported by the catalog. */
    cors?: CorsSettings;
    domain?: OwnedOrExisting<HttpDomainArgs, { domainName: string }> & { apiMappingKey?: string };
}

const V2_AUTHORIZATION = { iam: "AWS_IAM", none: "NONE" } as const;

/** An HTTP API that satisfies the Gatehouse catalog in its default configuration. */
export class SecureHttpApi extends Construct {
    readonly api: AwsResource;
    readonly stage: AwsResource;
    readonly logGroup?: AwsResource;
    readonly invokeRole?: AwsResource;
    readonly authorizer?: AwsResource;
    readonly domainName?: AwsResource;
    readonly certificate?: AwsResource;
    readonly routes: Record<string, AwsResource> = {};
    readonly alarms: AwsResource[] = [];
    readonly settings: ResolvedHttpSettings;

    constructor(scope: Construct, id: string, args: SecureHttpApiArgs) {
        // Every argument is checked before a resource is declared: a mistake fails cleanly.
        const component = "SecureHttpApi";
        const settings = resolveHttpSettings({ ...checkSharedArgs(component, id, args), cors: args.cors });
        super(scope, id);
        this.settings = settings;
        announceWeakenings(this, settings.weakenings);
        const tags = args.tags;
        const domainChoice = args.domain ?? {};

        this.api = new AwsResource(this, "api", "aws_apigatewayv2_api", {
            name: id,
            protocol_type: "HTTP",
            disable_execute_api_endpoint: settings.disableExecuteApiEndpoint,
            ...(args.cors ? {
                cors_configuration: {
                    allow_origins: args.cors.allowOrigins,
                    allow_methods: args.cors.allowMethods ?? [...new Set(args.routes.map((route) => route.method.toUpperCase()))],
                    allow_headers: args.cors.allowHeaders ?? ["content-type", "authorization"],
                    allow_credentials: args.cors.allowCredentials ?? false,
                    max_age: args.cors.maxAgeSeconds ?? 3600,
                },
            } : {}),
            tags,
        });
        const apiId = this.api.id;
        const lambdaAuthorizer = args.authorizer && "lambda" in args.authorizer ? args.authorizer.lambda : undefined;
        this.invokeRole = invokeRole(this, id, [...args.routes.flatMap((route) => route.handler ? [route.handler.arn] : []), ...(lambdaAuthorizer ? [lambdaAuthorizer.handler.arn] : [])]);

        if (args.authorizer && "jwt" in args.authorizer) {
            const jwt = args.authorizer.jwt;
            this.authorizer = new AwsResource(this, "authorizer", "aws_apigatewayv2_authorizer", {
                name: `${id}-jwt`, api_id: apiId, authorizer_type: "JWT", identity_sources: jwt.identitySources ?? ["$request.header.Authorization"],
                jwt_configuration: { issuer: jwt.issuer, audience: jwt.audiences },
            });
        } else if (lambdaAuthorizer) {
            this.authorizer = new AwsResource(this, "authorizer", "aws_apigatewayv2_authorizer", {
                name: `${id}-lambda`, api_id: apiId, authorizer_type: "REQUEST", authorizer_uri: lambdaInvokeUri(lambdaAuthorizer.handler),
                authorizer_payload_format_version: "2.0", authorizer_credentials_arn: this.invokeRole!.arn,
                identity_sources: lambdaAuthorizer.identitySources ?? ["$request.header.Authorization"],
                authorizer_result_ttl_in_seconds: settings.authorizerResultTtlSeconds,
            });
        }
        const authorizerType = !args.authorizer ? "AWS_IAM" : "jwt" in args.authorizer ? "JWT" : "CUSTOM";

        for (const route of args.routes) {
            const routeKey = route.path === "$default" ? "$default" : `${route.method.toUpperCase()} ${route.path}`;
            const slug = routeSlug(route.method, route.path);
            const integration = new AwsResource(this, `integration_${slug}`, "aws_apigatewayv2_integration", {
                api_id: apiId,
                ...(route.handler
                    ? { integration_type: "AWS_PROXY", integration_uri: route.handler.arn, payload_format_version: "2.0", credentials_arn: this.invokeRole!.arn }
                    : { integration_type: "HTTP_PROXY", integration_method: route.httpBackend!.method ?? route.method.toUpperCase(), integration_uri: route.httpBackend!.uri }),
            });
            const authorization = route.authorization ?? "default";
            this.routes[routeKey] = new AwsResource(this, `route_${slug}`, "aws_apigatewayv2_route", {
                api_id: apiId,
                route_key: routeKey,
                target: `integrations/${integration.id}`,
                authorization_type: authorization === "default" ? authorizerType : V2_AUTHORIZATION[authorization],
                ...(authorization === "default" && this.authorizer ? { authorizer_id: this.authorizer.id } : {}),
                ...(route.authorizationScopes ? { authorization_scopes: route.authorizationScopes } : {}),
            });
        }

        const logs = accessLogGroup(this, component, id, settings.logRetentionDays, args.accessLogs);
        this.logGroup = logs.logGroup;
        this.stage = new AwsResource(this, "stage", "aws_apigatewayv2_stage", {
            api_id: apiId,
            name: args.stageName ?? "$default",
            auto_deploy: true,
            access_log_settings: accessLogSettings(logs.arn),
            // Both values, always: a missing one is 0 on v2 stages, which rejects every request.
            default_route_settings: { throttling_burst_limit: settings.throttling.burstLimit, throttling_rate_limit: settings.throttling.rateLimit },
            tags,
        });
        const stageName = this.stage.attribute("name");

        let domainName: string | undefined;
        if (domainChoice.args) {
            const domainArgs = domainChoice.args;
            const { certificate, arn } = domainCertificate(this, domainArgs.domainName, domainArgs.certificate, tags);
            this.certificate = certificate;
            this.domainName = new AwsResource(this, "domain", "aws_apigatewayv2_domain_name", {
                domain_name: domainArgs.domainName,
                domain_name_configuration: { certificate_arn: arn, endpoint_type: "REGIONAL", security_policy: settings.securityPolicy },
                ...(domainArgs.mutualTls ? { mutual_tls_authentication: { truststore_uri: domainArgs.mutualTls.truststoreUri,
                    ...(domainArgs.mutualTls.truststoreVersion ? { truststore_version: domainArgs.mutualTls.truststoreVersion } : {}) } } : {}),
                tags,
            });
            domainName = this.domainName.attribute("domain_name");
        } else if (domainChoice.existing) {
            domainName = domainChoice.existing.domainName;
        }
        if (domainName !== undefined) {
            new AwsResource(this, "api_mapping", "aws_apigatewayv2_api_mapping", {
                api_id: apiId, domain_name: domainName, stage: stageName, ...(args.domain?.apiMappingKey ? { api_mapping_key: args.domain.apiMappingKey } : {}),
            });
        }

        if (settings.alarms.enabled) {
            this.alarms = stageAlarms(this, id, baseline.alarms.http, settings.alarms.thresholds, { ApiId: apiId, Stage: stageName }, args.alarms?.actions);
        }
    }
}
