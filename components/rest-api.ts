/**
 * SecureRestApi: a REST (v1) API that passes every Gatehouse rule with no flag set — authorization
 * on every route, request validation, JSON access logs, execution logging, X-Ray, throttling, a
 * web ACL, TLS 1.2+ on its custom domain, scoped Lambda permissions, usage plans and alarms.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accessLogFormat, baseline } from "./baseline";
import { prepareOpenApiBody } from "./openapi";
import { alarms, ref, restDeploymentFingerprint, restPreflight, webAclPieces } from "./pieces";
import { PulumiResources } from "./render";
import {
    CachingSettings, ResolvedRestSettings, restSettings, routeArnSuffix, routeSlug,
    StageLoggingSettings, UsagePlanDefinition, WafSettings,
} from "./defaults";
import {
    accessLogGroup, announceWeakenings, ApiRoute, CommonApiArgs, DomainArgs, domainCertificate, LambdaHandler, OwnedOrExisting,
    scopedInvokePermission,
} from "./shared";

export interface RestRoute extends ApiRoute {
    /** Callers must also present an API key of one of the usage plans (metering, not authorization). */
    apiKeyRequired?: boolean;
}

export type RestAuthorizer =
    | { cognito: { userPoolArns: pulumi.Input<string>[] } }
    | { lambda: { handler: LambdaHandler; type?: "TOKEN" | "REQUEST"; identitySource?: string; resultTtlSeconds?: number } };

export type RestDomainArgs = DomainArgs;

export type { UsagePlanDefinition };

export interface SecureRestApiArgs extends CommonApiArgs {
    /** Routes to create. Either routes or `openApi`. */
    routes?: RestRoute[];
    /**
     * An OpenAPI 3 document (object or JSON) defining the API instead of `routes`. Every operation
     * must carry a `security` requirement (its own or the document's) unless listed in `publicOperations`.
     */
    openApi?: Record<string, unknown> | string;
    /** `"GET /health"` entries of the OpenAPI document that are public on purpose. */
    publicOperations?: string[];
    authorizer?: RestAuthorizer;
    /** REGIONAL (default), PRIVATE or EDGE. */
    endpointType?: "REGIONAL" | "EDGE" | "PRIVATE";
    /** A resource policy for the API (required in practice for PRIVATE APIs). */
    policy?: pulumi.Input<string>;
    tracingEnabled?: boolean;
    requestValidation?: boolean;
    logging?: StageLoggingSettings;
    caching?: CachingSettings;
    /** `{ args }` creates a web ACL (the default), `{ existing: { arn } }` associates yours, `{ enabled: false }` has none. */
    webAcl?: OwnedOrExisting<WafSettings, { arn: pulumi.Input<string> }> & { enabled?: boolean };
    /** A custom domain (`{ args }`) or an existing one (`{ existing: { domainName } }`), mapped at `basePath`. */
    domain?: OwnedOrExisting<RestDomainArgs, { domainName: pulumi.Input<string> }> & { basePath?: string };
    /** CORS for browsers: OPTIONS preflights answered by the API, for exactly this origin. */
    cors?: { allowOrigin: string; allowMethods?: string[]; allowHeaders?: string[] };
    usagePlans?: UsagePlanDefinition[];
}

const REST_AUTHORIZATION = { iam: "AWS_IAM", none: "NONE" } as const;

/** A REST API that satisfies the Gatehouse pack in its default configuration. */
export class SecureRestApi extends pulumi.ComponentResource {
    readonly api: aws.apigateway.RestApi;
    readonly stage: aws.apigateway.Stage;
    readonly deployment: aws.apigateway.Deployment;
    readonly methodSettings: aws.apigateway.MethodSettings;
    /** The access-log group, when the component created it. */
    readonly logGroup?: aws.cloudwatch.LogGroup;
    readonly logKey?: aws.kms.Key;
    readonly accessLogGroupArn: pulumi.Output<string>;
    readonly authorizer?: aws.apigateway.Authorizer;
    readonly requestValidator?: aws.apigateway.RequestValidator;
    /** The web ACL, when the component created it. */
    readonly webAcl?: aws.wafv2.WebAcl;
    readonly webAclArn?: pulumi.Output<string>;
    readonly domainName?: aws.apigateway.DomainName;
    readonly certificate?: aws.acm.Certificate;
    readonly methods: Record<string, aws.apigateway.Method> = {};
    readonly permissions: aws.lambda.Permission[] = [];
    readonly usagePlans: Record<string, aws.apigateway.UsagePlan> = {};
    /** API keys by name; their `value` outputs are secret. */
    readonly apiKeys: Record<string, aws.apigateway.ApiKey> = {};
    readonly alarms: aws.cloudwatch.MetricAlarm[] = [];
    readonly clientCertificate?: aws.apigateway.ClientCertificate;
    /** The effective settings, with every weakened default named. */
    readonly settings: ResolvedRestSettings;
    /** The URL clients call: the custom domain's when there is one. */
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: SecureRestApiArgs, opts?: pulumi.ComponentResourceOptions) {
        // Every argument is checked before anything is registered: a mistake fails cleanly.
        const { settings, domainChoice, webAclChoice, routes, openApiBody } = planRestApi(name, args);
        super("gatehouse:index:SecureRestApi", name, {}, opts);
        const component = "SecureRestApi";
        this.settings = settings;
        announceWeakenings(this, settings.weakenings);
        const parent = this;
        const tags = args.tags;

        this.api = new aws.apigateway.RestApi(name, {
            endpointConfiguration: { types: settings.endpointType },
            disableExecuteApiEndpoint: settings.disableExecuteApiEndpoint,
            ...(args.policy ? { policy: args.policy } : {}),
            ...(openApiBody !== undefined ? { body: openApiBody } : {}),
            tags,
        }, { parent });
        const api = this.api;

        if (args.authorizer && "cognito" in args.authorizer) {
            this.authorizer = new aws.apigateway.Authorizer(`${name}-cognito`, {
                restApi: api.id, type: "COGNITO_USER_POOLS", providerArns: args.authorizer.cognito.userPoolArns,
            }, { parent });
        } else if (args.authorizer && "lambda" in args.authorizer) {
            const lambda = args.authorizer.lambda;
            const type = lambda.type ?? "TOKEN";
            this.authorizer = new aws.apigateway.Authorizer(`${name}-lambda`, {
                restApi: api.id,
                type,
                authorizerUri: lambda.handler.invokeArn,
                identitySource: lambda.identitySource ?? "method.request.header.Authorization",
                authorizerResultTtlInSeconds: settings.authorizerResultTtlSeconds,
            }, { parent });
            this.permissions.push(scopedInvokePermission(`${name}-authorizer`, parent, lambda.handler, api.executionArn,
                pulumi.interpolate`/authorizers/${this.authorizer.id}`));
        }
        const authorizerType = !args.authorizer ? "AWS_IAM" : "cognito" in args.authorizer ? "COGNITO_USER_POOLS" : "CUSTOM";

        if (settings.requestValidation && routes.length > 0) {
            this.requestValidator = new aws.apigateway.RequestValidator(name, {
                restApi: api.id, ...baseline.requestValidation,
            }, { parent });
        }

        const resources = new Map<string, pulumi.Input<string>>([["/", api.rootResourceId]]);
        const resourceFor = (path: string): pulumi.Input<string> => {
            const normalised = "/" + path.split("/").filter(Boolean).join("/");
            const existing = resources.get(normalised);
            if (existing) {
                return existing;
            }
            const parentPath = normalised.slice(0, normalised.lastIndexOf("/")) || "/";
            const resource = new aws.apigateway.Resource(`${name}-${routeSlug("path", normalised)}`, {
                restApi: api.id, parentId: resourceFor(parentPath), pathPart: normalised.slice(normalised.lastIndexOf("/") + 1),
            }, { parent });
            resources.set(normalised, resource.id);
            return resource.id;
        };

        const deploymentDependencies: pulumi.Resource[] = [];
        const usesHttpBackend = routes.some((route) => route.httpBackend);
        for (const route of routes) {
            const slug = routeSlug(route.method, route.path);
            const resourceId = resourceFor(route.path);
            const authorization = route.authorization ?? "default";
            const authorizationType = authorization === "default" ? authorizerType : REST_AUTHORIZATION[authorization];
            const method = new aws.apigateway.Method(`${name}-${slug}`, {
                restApi: api.id,
                resourceId,
                httpMethod: route.method.toUpperCase(),
                authorization: authorizationType,
                ...(authorization === "default" && this.authorizer ? { authorizerId: this.authorizer.id } : {}),
                ...(route.authorizationScopes ? { authorizationScopes: route.authorizationScopes } : {}),
                ...(this.requestValidator ? { requestValidatorId: this.requestValidator.id } : {}),
                apiKeyRequired: route.apiKeyRequired ?? false,
            }, { parent });
            this.methods[`${route.method.toUpperCase()} ${route.path}`] = method;
            const integration = new aws.apigateway.Integration(`${name}-${slug}`, {
                restApi: api.id,
                resourceId,
                httpMethod: method.httpMethod,
                ...(route.handler
                    ? { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: route.handler.invokeArn }
                    : { type: "HTTP_PROXY", integrationHttpMethod: route.httpBackend!.method ?? route.method.toUpperCase(), uri: route.httpBackend!.uri }),
            }, { parent });
            deploymentDependencies.push(method, integration);
            if (route.handler) {
                this.permissions.push(scopedInvokePermission(`${name}-${slug}`, parent, route.handler, api.executionArn, routeArnSuffix(route.method, route.path)));
            }
        }
        const pieces = new PulumiResources(this).adopt("api", api);
        if (args.cors) {
            for (const path of new Set(routes.map((route) => route.path))) {
                const preflight = restPreflight(name, path, resourceFor(path), args.cors, routes);
                pieces.add(preflight);
                deploymentDependencies.push(...preflight.filter((spec) => !spec.key.startsWith("method_response_")).map((spec) => pieces.get(spec.key)));
            }
        }

        if (usesHttpBackend) {
            this.clientCertificate = new aws.apigateway.ClientCertificate(name, { description: `Presented by ${name} to its HTTP backends` }, { parent });
        }

        const logs = accessLogGroup(component, name, parent, settings.logRetentionDays, args.accessLogs);
        this.logGroup = logs.logGroup;
        this.logKey = logs.kmsKey;
        this.accessLogGroupArn = logs.arn;

        this.deployment = new aws.apigateway.Deployment(name, {
            restApi: api.id,
            triggers: { routes: restDeploymentFingerprint(routes, args.openApi, args.cors) },
        }, { parent, dependsOn: deploymentDependencies });

        const caching = settings.caching;
        this.stage = new aws.apigateway.Stage(name, {
            restApi: api.id,
            deployment: this.deployment.id,
            stageName: args.stageName ?? baseline.stageName,
            xrayTracingEnabled: settings.tracingEnabled,
            accessLogSettings: { destinationArn: logs.arn, format: accessLogFormat() },
            ...(caching.enabled ? { cacheClusterEnabled: true, cacheClusterSize: caching.clusterSize } : {}),
            ...(this.clientCertificate ? { clientCertificateId: this.clientCertificate.id } : {}),
            tags,
        }, { parent });
        const stage = this.stage;

        this.methodSettings = new aws.apigateway.MethodSettings(`${name}-all`, {
            restApi: api.id,
            stageName: stage.stageName,
            methodPath: "*/*",
            settings: {
                ...settings.logging,
                throttlingBurstLimit: settings.throttling.burstLimit,
                throttlingRateLimit: settings.throttling.rateLimit,
                ...(caching.enabled ? { cachingEnabled: true, cacheTtlInSeconds: caching.ttlSeconds, cacheDataEncrypted: caching.dataEncrypted } : {}),
            },
        }, { parent });

        pieces.adopt("stage", stage);
        if (settings.waf) {
            pieces.add(webAclPieces(name, settings.waf, settings.logRetentionDays, webAclChoice.existing?.arn));
            this.webAcl = pieces.has("web_acl") ? pieces.get("web_acl") : undefined;
            this.webAclArn = this.webAcl ? this.webAcl.arn : pulumi.output(webAclChoice.existing!.arn);
        }

        let domainName: pulumi.Input<string> | undefined;
        if (domainChoice.args) {
            const domainArgs = domainChoice.args;
            const { certificate, arn: certificateArn } = domainCertificate(name, parent, domainArgs.domainName, domainArgs.certificate, tags);
            this.certificate = certificate;
            const edge = settings.endpointType === "EDGE";
            this.domainName = new aws.apigateway.DomainName(name, {
                domainName: domainArgs.domainName,
                securityPolicy: settings.securityPolicy,
                endpointConfiguration: { types: settings.endpointType },
                ...(edge ? { certificateArn } : { regionalCertificateArn: certificateArn }),
                tags,
            }, { parent });
            domainName = this.domainName.domainName;
        } else if (domainChoice.existing) {
            domainName = domainChoice.existing.domainName;
        }
        if (domainName !== undefined) {
            new aws.apigateway.BasePathMapping(name, {
                restApi: api.id, stageName: stage.stageName, domainName, ...(args.domain?.basePath ? { basePath: args.domain.basePath } : {}),
            }, { parent });
        }

        for (const plan of args.usagePlans ?? []) {
            const usagePlan = new aws.apigateway.UsagePlan(`${name}-${plan.name}`, {
                apiStages: [{ apiId: api.id, stage: stage.stageName }],
                throttleSettings: plan.throttle ?? baseline.usagePlan.throttle,
                quotaSettings: plan.quota ?? baseline.usagePlan.quota,
                tags,
            }, { parent });
            this.usagePlans[plan.name] = usagePlan;
            for (const keyName of plan.apiKeys ?? []) {
                // No `value`: API Gateway generates it; the provider marks the `value` output secret.
                const key = new aws.apigateway.ApiKey(`${name}-${plan.name}-${keyName}`, { enabled: true, tags }, { parent });
                new aws.apigateway.UsagePlanKey(`${name}-${plan.name}-${keyName}`, { keyId: key.id, keyType: "API_KEY", usagePlanId: usagePlan.id }, { parent });
                this.apiKeys[keyName] = key;
            }
        }

        if (settings.alarms.enabled) {
            this.alarms = pieces.add(alarms(name, baseline.alarms.rest, settings.alarms.thresholds, { ApiName: ref("api", "name"), Stage: ref("stage", "stageName") }, args.alarms?.actions))
                .byPrefix("alarm_");
        }

        const basePath = args.domain?.basePath ? `/${args.domain.basePath}` : "";
        this.url = domainName !== undefined ? pulumi.interpolate`https://${domainName}${basePath}` : stage.invokeUrl;
        this.registerOutputs({ url: this.url, api: this.api, stage: this.stage });
    }
}

/** Checks the arguments and resolves the settings, before the component registers anything. */
function planRestApi(name: string, args: SecureRestApiArgs) {
    const component = "SecureRestApi";
    const routes = args.routes ?? [];
    if ((routes.length > 0) === (args.openApi !== undefined)) {
        throw new Error(`${component} "${name}": give either \`routes\` or \`openApi\`${routes.length > 0 ? ", not both" : ""}`);
    }
    const { settings, webAclChoice } = restSettings(component, name, args);
    const openApiBody = args.openApi === undefined ? undefined
        : prepareOpenApiBody(component, name, args.openApi, args.publicOperations ?? [], settings.requestValidation);
    return { settings, domainChoice: args.domain ?? {}, webAclChoice, routes, openApiBody };
}
