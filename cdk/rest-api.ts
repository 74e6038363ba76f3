/**
 * SecureRestApi for CDKTF: the REST (v1) API of the Pulumi `SecureRestApi`, from the same
 * baseline and settings resolution, declared as hashicorp/aws resources. It passes the Gatehouse
 * catalog with no flag set: authorization on every route, request validation, JSON access logs,
 * execution logging, X-Ray, throttling, a logged web ACL, TLS 1.2+ on its domain, a least-privilege
 * invoke role, usage plans and alarms.
 */
import { Construct } from "constructs";
import { baseline } from "../components/baseline";
import {
    CachingSettings, ownedOrExisting, ResolvedRestSettings, restSettings, routeSlug, StageLoggingSettings, UsagePlanDefinition, WafSettings,
} from "../components/defaults";
import { alarms, ref, restDeploymentFingerprint, restPreflight, webAclPieces } from "../components/pieces";
import { TerraformResources } from "./render";
import { AwsResource } from "./resource";
import {
    accessLogGroup, accessLogSettings, announceWeakenings, ApiRoute, CommonApiArgs, domainCertificate, DomainArgs, invokeRole, LambdaHandler, lambdaInvokeUri, OwnedOrExisting,
} from "./shared";

export interface RestRoute extends ApiRoute {
    /** Callers must also present an API key of one of the usage plans (metering, not authorization). */
    apiKeyRequired?: boolean;
}

export type RestAuthorizer =
    | { cognito: { userPoolArns: string[] } }
    | { lambda: { handler: LambdaHandler; type?: "TOKEN" | "REQUEST"; identitySource?: string; resultTtlSeconds?: number } };

export type { UsagePlanDefinition };

export interface SecureRestApiArgs extends CommonApiArgs {
    routes: RestRoute[];
    authorizer?: RestAuthorizer;
    /** REGIONAL (default), PRIVATE or EDGE. */
    endpointType?: "REGIONAL" | "EDGE" | "PRIVATE";
    /** A resource policy for the API (required in practice for PRIVATE APIs). */
    policy?: string;
    tracingEnabled?: boolean;
    requestValidation?: boolean;
    logging?: StageLoggingSettings;
    caching?: CachingSettings;
    /** `{ args }` creates a web ACL (the default), `{ existing: { arn } }` associates yours, `{ enabled: false }` has none. */
    webAcl?: OwnedOrExisting<WafSettings, { arn: string }> & { enabled?: boolean };
    /** A custom domain (`{ args }`) or an existing one (`{ existing: { domainName } }`), mapped at `basePath`. */
    domain?: OwnedOrExisting<DomainArgs, { domainName: string }> & { basePath?: string };
    /** CORS for browsers: OPTIONS preflights answered by the API (MOCK), for exactly this origin. */
    cors?: { allowOrigin: string; allowMethods?: string[]; allowHeaders?: string[] };
    usagePlans?: UsagePlanDefinition[];
}

const REST_AUTHORIZATION = { iam: "AWS_IAM", none: "NONE" } as const;

/** A REST API that satisfies the Gatehouse catalog in its default configuration. */
export class SecureRestApi extends Construct {
    readonly api: AwsResource;
    readonly deployment: AwsResource;
    readonly stage: AwsResource;
    readonly methodSettings: AwsResource;
    readonly logGroup?: AwsResource;
    readonly invokeRole?: AwsResource;
    readonly authorizer?: AwsResource;
    readonly requestValidator?: AwsResource;
    readonly webAcl?: AwsResource;
    readonly domainName?: AwsResource;
    readonly certificate?: AwsResource;
    readonly methods: Record<string, AwsResource> = {};
    readonly usagePlans: Record<string, AwsResource> = {};
    readonly apiKeys: Record<string, AwsResource> = {};
    readonly alarms: AwsResource[] = [];
    /** The effective settings, with every weakened default named. */
    readonly settings: ResolvedRestSettings;

    constructor(scope: Construct, id: string, args: SecureRestApiArgs) {
        // Every argument is checked before a resource is declared: a mistake fails cleanly.
        const component = "SecureRestApi";
        if (args.routes.length === 0) {
            throw new Error(`${component} "${id}": \`routes\` is empty`);
        }
        const { settings, webAclChoice } = restSettings(component, id, args);
        const domainChoice = ownedOrExisting(component, id, "domain", args.domain);
        for (const handler of [...args.routes.map((route) => route.handler), args.authorizer && "lambda" in args.authorizer ? args.authorizer.lambda.handler : undefined]) {
            if (handler) {
                lambdaInvokeUri(handler); // a handler without a usable invoke URI fails here, before any resource
            }
        }
        super(scope, id);
        this.settings = settings;
        announceWeakenings(this, settings.weakenings);
        const tags = args.tags;

        this.api = new AwsResource(this, "api", "aws_api_gateway_rest_api", {
            name: id,
            endpoint_configuration: { types: [settings.endpointType] },
            disable_execute_api_endpoint: settings.disableExecuteApiEndpoint,
            ...(args.policy ? { policy: args.policy } : {}),
            tags,
        }, { lifecycle: { createBeforeDestroy: true } });
        const apiId = this.api.id;

        if (args.authorizer && "cognito" in args.authorizer) {
            this.authorizer = new AwsResource(this, "authorizer", "aws_api_gateway_authorizer", {
                name: `${id}-cognito`, rest_api_id: apiId, type: "COGNITO_USER_POOLS", provider_arns: args.authorizer.cognito.userPoolArns,
            });
        } else if (args.authorizer && "lambda" in args.authorizer) {
            const lambda = args.authorizer.lambda;
            this.authorizer = new AwsResource(this, "authorizer", "aws_api_gateway_authorizer", {
                name: `${id}-lambda`,
                rest_api_id: apiId,
                type: lambda.type ?? "TOKEN",
                authorizer_uri: lambdaInvokeUri(lambda.handler),
                identity_source: lambda.identitySource ?? "method.request.header.Authorization",
                authorizer_result_ttl_in_seconds: settings.authorizerResultTtlSeconds,
            });
        }
        const authorizerType = !args.authorizer ? "AWS_IAM" : "cognito" in args.authorizer ? "COGNITO_USER_POOLS" : "CUSTOM";
        const lambdaAuthorizer = args.authorizer && "lambda" in args.authorizer ? args.authorizer.lambda.handler.arn : undefined;
        this.invokeRole = invokeRole(this, id, [...args.routes.flatMap((route) => route.handler ? [route.handler.arn] : []), ...(lambdaAuthorizer ? [lambdaAuthorizer] : [])]);
        if (this.authorizer && lambdaAuthorizer && this.invokeRole) {
            this.authorizer.addOverride("authorizer_credentials", this.invokeRole.arn);
        }

        if (settings.requestValidation) {
            this.requestValidator = new AwsResource(this, "request_validator", "aws_api_gateway_request_validator", {
                name: id, rest_api_id: apiId, validate_request_body: baseline.requestValidation.validateRequestBody,
                validate_request_parameters: baseline.requestValidation.validateRequestParameters,
            });
        }

        const resources = new Map<string, string>([["/", this.api.attribute("root_resource_id")]]);
        const resourceFor = (path: string): string => {
            const normalised = "/" + path.split("/").filter(Boolean).join("/");
            const existing = resources.get(normalised);
            if (existing) {
                return existing;
            }
            const parentPath = normalised.slice(0, normalised.lastIndexOf("/")) || "/";
            const resource = new AwsResource(this, `resource_${routeSlug("path", normalised)}`, "aws_api_gateway_resource", {
                rest_api_id: apiId, parent_id: resourceFor(parentPath), path_part: normalised.slice(normalised.lastIndexOf("/") + 1),
            });
            resources.set(normalised, resource.id);
            return resource.id;
        };

        const integrations: AwsResource[] = [];
        for (const route of args.routes) {
            const slug = routeSlug(route.method, route.path);
            const resourceId = resourceFor(route.path);
            const authorization = route.authorization ?? "default";
            const method = new AwsResource(this, `method_${slug}`, "aws_api_gateway_method", {
                rest_api_id: apiId,
                resource_id: resourceId,
                http_method: route.method.toUpperCase(),
                authorization: authorization === "default" ? authorizerType : REST_AUTHORIZATION[authorization],
                ...(authorization === "default" && this.authorizer ? { authorizer_id: this.authorizer.id } : {}),
                ...(route.authorizationScopes ? { authorization_scopes: route.authorizationScopes } : {}),
                ...(this.requestValidator ? { request_validator_id: this.requestValidator.id } : {}),
                api_key_required: route.apiKeyRequired ?? false,
            });
            this.methods[`${route.method.toUpperCase()} ${route.path}`] = method;
            integrations.push(new AwsResource(this, `integration_${slug}`, "aws_api_gateway_integration", {
                rest_api_id: apiId,
                resource_id: resourceId,
                http_method: method.attribute("http_method"),
                ...(route.handler
                    ? { type: "AWS_PROXY", integration_http_method: "POST", uri: lambdaInvokeUri(route.handler), credentials: this.invokeRole!.arn }
                    : { type: "HTTP_PROXY", integration_http_method: route.httpBackend!.method ?? route.method.toUpperCase(), uri: route.httpBackend!.uri }),
            }));
        }
        const pieces = new TerraformResources(this).adopt("api", this.api);
        if (args.cors) {
            for (const path of new Set(args.routes.map((route) => route.path))) {
                pieces.add(restPreflight(id, path, resourceFor(path), args.cors, args.routes));
                integrations.push(pieces.get(`integration_response_${routeSlug("options", path)}`));
            }
        }
        const clientCertificate = args.routes.some((route) => route.httpBackend)
            ? new AwsResource(this, "client_certificate", "aws_api_gateway_client_certificate", { description: `Presented by ${id} to its HTTP backends` })
            : undefined;

        const logs = accessLogGroup(this, component, id, settings.logRetentionDays, args.accessLogs);
        this.logGroup = logs.logGroup;

        this.deployment = new AwsResource(this, "deployment", "aws_api_gateway_deployment", {
            rest_api_id: apiId, triggers: { routes: restDeploymentFingerprint(args.routes, undefined, args.cors) },
        }, { dependsOn: integrations, lifecycle: { createBeforeDestroy: true } });

        const caching = settings.caching;
        this.stage = new AwsResource(this, "stage", "aws_api_gateway_stage", {
            rest_api_id: apiId,
            deployment_id: this.deployment.id,
            stage_name: args.stageName ?? baseline.stageName,
            xray_tracing_enabled: settings.tracingEnabled,
            access_log_settings: accessLogSettings(logs.arn),
            ...(caching.enabled ? { cache_cluster_enabled: true, cache_cluster_size: caching.clusterSize } : {}),
            ...(clientCertificate ? { client_certificate_id: clientCertificate.id } : {}),
            tags,
        });
        const stageName = this.stage.attribute("stage_name");

        this.methodSettings = new AwsResource(this, "method_settings", "aws_api_gateway_method_settings", {
            rest_api_id: apiId,
            stage_name: stageName,
            method_path: "*/*",
            settings: {
                logging_level: settings.logging.loggingLevel,
                metrics_enabled: settings.logging.metricsEnabled,
                data_trace_enabled: settings.logging.dataTraceEnabled,
                throttling_burst_limit: settings.throttling.burstLimit,
                throttling_rate_limit: settings.throttling.rateLimit,
                ...(caching.enabled ? { caching_enabled: true, cache_ttl_in_seconds: caching.ttlSeconds, cache_data_encrypted: caching.dataEncrypted } : {}),
            },
        });

        pieces.adopt("stage", this.stage);
        if (settings.waf) {
            pieces.add(webAclPieces(id, settings.waf, settings.logRetentionDays, webAclChoice.existing?.arn));
            this.webAcl = pieces.has("web_acl") ? pieces.get("web_acl") : undefined;
        }

        let domainName: string | undefined;
        if (domainChoice.args) {
            const domainArgs = domainChoice.args;
            const { certificate, arn } = domainCertificate(this, domainArgs.domainName, domainArgs.certificate, tags);
            this.certificate = certificate;
            this.domainName = new AwsResource(this, "domain", "aws_api_gateway_domain_name", {
                domain_name: domainArgs.domainName,
                security_policy: settings.securityPolicy,
                endpoint_configuration: { types: [settings.endpointType] },
                ...(settings.endpointType === "EDGE" ? { certificate_arn: arn } : { regional_certificate_arn: arn }),
                tags,
            });
            domainName = this.domainName.attribute("domain_name");
        } else if (domainChoice.existing) {
            domainName = domainChoice.existing.domainName;
        }
        if (domainName !== undefined) {
            new AwsResource(this, "base_path_mapping", "aws_api_gateway_base_path_mapping", {
                api_id: apiId, stage_name: stageName, domain_name: domainName, ...(args.domain?.basePath ? { base_path: args.domain.basePath } : {}),
            });
        }

        for (const plan of args.usagePlans ?? []) {
            const usagePlan = new AwsResource(this, `usage_plan_${plan.name}`, "aws_api_gateway_usage_plan", {
                name: `${id}-${plan.name}`,
                api_stages: [{ api_id: apiId, stage: stageName }],
                throttle_settings: { burst_limit: (plan.throttle ?? baseline.usagePlan.throttle).burstLimit, rate_limit: (plan.throttle ?? baseline.usagePlan.throttle).rateLimit },
                quota_settings: { limit: (plan.quota ?? baseline.usagePlan.quota).limit, period: (plan.quota ?? baseline.usagePlan.quota).period },
                tags,
            });
            this.usagePlans[plan.name] = usagePlan;
            for (const keyName of plan.apiKeys ?? []) {
                // No `value`: API Gateway generates it, so it is never in the configuration.
                const key = new AwsResource(this, `api_key_${plan.name}_${keyName}`, "aws_api_gateway_api_key", { name: `${id}-${plan.name}-${keyName}`, enabled: true, tags });
                new AwsResource(this, `usage_plan_key_${plan.name}_${keyName}`, "aws_api_gateway_usage_plan_key", { key_id: key.id, key_type: "API_KEY", usage_plan_id: usagePlan.id });
                this.apiKeys[keyName] = key;
            }
        }

        if (settings.alarms.enabled) {
            this.alarms = pieces.add(alarms(id, baseline.alarms.rest, settings.alarms.thresholds, { ApiName: ref("api", "name"), Stage: ref("stage", "stageName") }, args.alarms?.actions))
                .byPrefix("alarm_");
        }
    }
}
