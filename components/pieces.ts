/**
 * The pieces an API component is built from, described once and engine-neutrally: each piece is a
 * list of resource descriptions in the canonical model (Pulumi's type tokens, camelCase
 * properties), with references between them. The Pulumi family renders them as Pulumi resources
 * (components/render.ts), the CDKTF family as hashicorp/aws resources (cdk/render.ts, through the
 * schema map). No Pulumi or CDKTF here: values the user passed (Pulumi inputs, CDKTF tokens) pass
 * through untouched.
 */
import { createHash } from "node:crypto";
import { baseline } from "./baseline";
import { CorsSettings, RouteAuthorization, routeArnSuffix, routeSlug, UsagePlanDefinition, websocketSlug } from "./defaults";
import { T } from "../policies/engine/types";
import { isObjectLiteral } from "../policies/engine/values";

/** An attribute of another resource of the same component (`id`, `arn`, `executionArn`, canonical names). */
export class Ref {
    constructor(readonly key: string, readonly attribute: string) {}
}

/** A string of literal parts, references and user values. */
export class Template {
    constructor(readonly parts: readonly unknown[]) {}
}

export function ref(key: string, attribute = "id"): Ref {
    return new Ref(key, attribute);
}

export function template(strings: TemplateStringsArray, ...values: unknown[]): Template {
    return new Template(strings.flatMap((text, index) => (index < values.length ? [text, values[index]] : [text])).filter((part) => part !== ""));
}

export interface ResourceSpec {
    /** Identity within the component: references name it, and it is the CDKTF construct id. */
    readonly key: string;
    readonly type: string;
    /** The Pulumi resource name. */
    readonly name: string;
    readonly props: Readonly<Record<string, unknown>>;
    /** Physical names Terraform requires where Pulumi generates them (`name`, `alarmName`). */
    readonly terraformProps?: Readonly<Record<string, unknown>>;
    readonly dependsOn?: readonly string[];
    /** Replaced by creating the new one first (Terraform's `create_before_destroy`; Pulumi's default). */
    readonly createBeforeDestroy?: boolean;
}

/** A Lambda function as pieces see it: the family resolves what it can know about it. */
export interface PieceHandler {
    readonly arn: unknown;
    /** The URI API Gateway invokes it at (`invoke_arn`). */
    readonly invokeArn: unknown;
    /** Its name, for resource-based permissions (the Pulumi family). */
    readonly name?: unknown;
}

/**
 * How API Gateway may invoke handlers: a Lambda permission per route scoped to it (Pulumi), or a
 * role the family created, given as each integration's credentials (CDKTF: the API's ID, which a
 * permission's source ARN would hold, is unknown until apply, so the pack could not verify it).
 */
export type Invocation = { readonly permissions: true } | { readonly credentialsArn: unknown };

export type V2Protocol = "HTTP" | "WEBSOCKET";

export interface V2RoutePlan {
    readonly routeKey: string;
    /** A readable suffix of the route's resource names. */
    readonly slug: string;
    readonly handler?: PieceHandler;
    readonly httpBackend?: { readonly uri: unknown; readonly method: string };
    /** AWS_IAM, JWT, CUSTOM or NONE. */
    readonly authorizationType: string;
    readonly useAuthorizer: boolean;
    readonly authorizationScopes?: readonly string[];
    /** The execute-api ARN suffix scoping the route's Lambda permission. */
    readonly permissionSuffix?: string;
}

/** A v2 API of either protocol. */
export function v2Api(name: string, protocol: V2Protocol, props: Record<string, unknown>): ResourceSpec {
    return { key: "api", type: T.V2Api, name, props: { protocolType: protocol, ...props }, terraformProps: { name } };
}

function permission(name: string, key: string, handler: PieceHandler, suffix: unknown): ResourceSpec {
    return {
        key: `permission_${key}`,
        type: T.LambdaPermission,
        name,
        props: { action: "lambda:InvokeFunction", function: handler.name, principal: "apigateway.amazonaws.com", sourceArn: template`${ref("api", "executionArn")}${suffix}` },
    };
}

/** A Lambda REQUEST authorizer on a v2 API, and what lets API Gateway invoke it. */
export function v2LambdaAuthorizer(name: string, protocol: V2Protocol, handler: PieceHandler, invocation: Invocation, settings: {
    identitySources: readonly string[];
    resultTtlSeconds?: number;
}): ResourceSpec[] {
    const specs: ResourceSpec[] = [{
        key: "authorizer",
        type: T.V2Authorizer,
        name: `${name}-lambda`,
        props: {
            apiId: ref("api"),
            authorizerType: "REQUEST",
            authorizerUri: handler.invokeArn,
            identitySources: settings.identitySources,
            // HTTP APIs only: WebSocket authorizers take no payload version, simple responses or cache TTL.
            ...(protocol === "HTTP" ? { authorizerPayloadFormatVersion: "2.0", enableSimpleResponses: true, authorizerResultTtlInSeconds: settings.resultTtlSeconds } : {}),
            ...("credentialsArn" in invocation ? { authorizerCredentialsArn: invocation.credentialsArn } : {}),
        },
        terraformProps: { name: `${name}-lambda` },
    }];
    if ("permissions" in invocation) {
        specs.push(permission(`${name}-authorizer`, "authorizer", handler, template`/authorizers/${ref("authorizer")}`));
    }
    return specs;
}

/** Each route: its integration (Lambda, HTTP backend, or a MOCK answering 200), the route, and its invocation grant. */
export function v2Routes(name: string, protocol: V2Protocol, routes: readonly V2RoutePlan[], invocation: Invocation): ResourceSpec[] {
    return routes.flatMap((route): ResourceSpec[] => {
        const integrationKey = `integration_${route.slug}`;
        const credentials = "credentialsArn" in invocation ? { credentialsArn: invocation.credentialsArn } : {};
        const integration = route.handler
            ? protocol === "HTTP"
                ? { integrationType: "AWS_PROXY", integrationUri: route.handler.arn, payloadFormatVersion: "2.0", ...credentials }
                : { integrationType: "AWS_PROXY", integrationMethod: "POST", integrationUri: route.handler.invokeArn, ...credentials }
            : route.httpBackend
                ? { integrationType: "HTTP_PROXY", integrationMethod: route.httpBackend.method, integrationUri: route.httpBackend.uri }
                // A WebSocket `$connect` with nothing to run: the authorizer decides, and the connection is accepted.
                : { integrationType: "MOCK", requestTemplates: { "200": "{\"statusCode\": 200}" }, templateSelectionExpression: "200" };
        const specs: ResourceSpec[] = [
            { key: integrationKey, type: T.V2Integration, name: `${name}-${route.slug}`, props: { apiId: ref("api"), ...integration } },
            {
                key: `route_${route.slug}`,
                type: T.V2Route,
                name: `${name}-${route.slug}`,
                props: {
                    apiId: ref("api"),
                    routeKey: route.routeKey,
                    target: template`integrations/${ref(integrationKey)}`,
                    authorizationType: route.authorizationType,
                    ...(route.useAuthorizer ? { authorizerId: ref("authorizer") } : {}),
                    ...(route.authorizationScopes ? { authorizationScopes: route.authorizationScopes } : {}),
                },
            },
        ];
        if (route.handler && "permissions" in invocation && route.permissionSuffix !== undefined) {
            specs.push(permission(`${name}-${route.slug}`, route.slug, route.handler, route.permissionSuffix));
        }
        return specs;
    });
}

/** A v2 stage: auto-deployed, JSON access logs, both throttling values always (a missing one is 0 on v2, rejecting every request). */
export function v2Stage(name: string, settings: {
    stageName: string;
    logArn: unknown;
    format: string;
    throttling: { burstLimit: number; rateLimit: number };
    /** WebSocket stages: execution logging, data trace and detailed metrics. */
    routeLogging?: { loggingLevel: string; dataTraceEnabled: boolean; detailedMetricsEnabled: boolean };
    tags: unknown;
}): ResourceSpec {
    return {
        key: "stage",
        type: T.V2Stage,
        name,
        props: {
            apiId: ref("api"),
            name: settings.stageName,
            autoDeploy: true,
            accessLogSettings: { destinationArn: settings.logArn, format: settings.format },
            defaultRouteSettings: {
                throttlingBurstLimit: settings.throttling.burstLimit,
                throttlingRateLimit: settings.throttling.rateLimit,
                ...settings.routeLogging,
            },
            tags: settings.tags,
        },
    };
}

/** One alarm per baseline metric of the API family, on the stage's dimensions. */
export function alarms(name: string, metrics: readonly { metric: string; statistic: string }[], thresholds: Readonly<Record<string, number>>,
    dimensions: Readonly<Record<string, unknown>>, actions: unknown): ResourceSpec[] {
    return metrics.map(({ metric, statistic }) => ({
        key: `alarm_${metric.toLowerCase()}`,
        type: T.MetricAlarm,
        name: `${name}-${metric.toLowerCase()}`,
        props: {
            namespace: "AWS/ApiGateway",
            metricName: metric,
            dimensions,
            statistic,
            period: baseline.alarms.periodSeconds,
            evaluationPeriods: baseline.alarms.evaluationPeriods,
            threshold: thresholds[metric],
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
            ...(actions ? { alarmActions: actions } : {}),
        },
        terraformProps: { alarmName: `${name}-${metric.toLowerCase()}` },
    }));
}

/** The certificate of a custom domain, requested for the exact name with transparency logging on. */
export function certificate(name: string, domainName: string, tags: unknown): ResourceSpec {
    return {
        key: "certificate",
        type: T.AcmCertificate,
        name,
        props: { domainName, validationMethod: "DNS", options: { certificateTransparencyLoggingPreference: "ENABLED" }, tags },
    };
}

/** A regional v2 custom domain with the resolved TLS policy (and optional mutual TLS). */
export function v2Domain(name: string, settings: { domainName: string; certificateArn: unknown; securityPolicy: string; mutualTls?: unknown; tags: unknown }): ResourceSpec {
    return {
        key: "domain",
        type: T.V2DomainName,
        name,
        props: {
            domainName: settings.domainName,
            domainNameConfiguration: { certificateArn: settings.certificateArn, endpointType: "REGIONAL", securityPolicy: settings.securityPolicy },
            ...(settings.mutualTls ? { mutualTlsAuthentication: settings.mutualTls } : {}),
            tags: settings.tags,
        },
    };
}

/** Maps the stage to a custom domain (one the component created, or the user's). */
export function v2ApiMapping(name: string, domainName: unknown, apiMappingKey: string | undefined): ResourceSpec {
    return {
        key: "api_mapping",
        type: T.V2ApiMapping,
        name,
        props: { apiId: ref("api"), domainName, stage: ref("stage", "name"), ...(apiMappingKey ? { apiMappingKey } : {}) },
    };
}

/** A JWT authorizer of an HTTP API. */
export function v2JwtAuthorizer(name: string, settings: { issuer: unknown; audiences: unknown; identitySources: readonly string[] }): ResourceSpec {
    return {
        key: "authorizer",
        type: T.V2Authorizer,
        name: `${name}-jwt`,
        props: { apiId: ref("api"), authorizerType: "JWT", identitySources: settings.identitySources, jwtConfiguration: { issuer: settings.issuer, audiences: settings.audiences } },
        terraformProps: { name: `${name}-jwt` },
    };
}

export type V2AuthorizerPlan =
    | { readonly jwt: { readonly issuer: unknown; readonly audiences: unknown; readonly identitySources: readonly string[] } }
    | { readonly lambda: { readonly handler: PieceHandler; readonly identitySources: readonly string[]; readonly resultTtlSeconds?: number } };

export interface V2DomainPlan {
    /** The domain the component creates, with its certificate (created, or the user's ARN). */
    readonly create?: { readonly domainName: string; readonly certificateArn?: unknown; readonly securityPolicy: string; readonly mutualTls?: unknown };
    /** A domain the user brought. */
    readonly existing?: { readonly domainName: unknown };
    readonly apiMappingKey?: string;
}

/** Everything a v2 API component declares, resolved: what the HTTP and WebSocket components share. */
export interface V2ApiPlan {
    readonly protocol: V2Protocol;
    readonly api: Readonly<Record<string, unknown>>;
    readonly authorizer?: V2AuthorizerPlan;
    readonly routes: readonly V2RoutePlan[];
    readonly invocation: Invocation;
    readonly stage: Parameters<typeof v2Stage>[1];
    readonly domain?: V2DomainPlan;
    readonly alarms?: { readonly metrics: readonly { metric: string; statistic: string }[]; readonly thresholds: Readonly<Record<string, number>>; readonly actions: unknown };
    readonly tags: unknown;
}

/** The resources of a v2 API, in an order where each one's references are declared before it. */
export function v2ApiPieces(name: string, plan: V2ApiPlan): ResourceSpec[] {
    const specs: ResourceSpec[] = [v2Api(name, plan.protocol, { ...plan.api, tags: plan.tags })];
    if (plan.authorizer && "jwt" in plan.authorizer) {
        specs.push(v2JwtAuthorizer(name, plan.authorizer.jwt));
    } else if (plan.authorizer) {
        specs.push(...v2LambdaAuthorizer(name, plan.protocol, plan.authorizer.lambda.handler, plan.invocation, plan.authorizer.lambda));
    }
    specs.push(...v2Routes(name, plan.protocol, plan.routes, plan.invocation));
    specs.push(v2Stage(name, plan.stage));
    let domainName: unknown;
    if (plan.domain?.create) {
        const create = plan.domain.create;
        if (create.certificateArn === undefined) {
            specs.push(certificate(name, create.domainName, plan.tags));
        }
        specs.push(v2Domain(name, { ...create, certificateArn: create.certificateArn ?? ref("certificate", "arn"), tags: plan.tags }));
        domainName = ref("domain", "domainName");
    } else if (plan.domain?.existing) {
        domainName = plan.domain.existing.domainName;
    }
    if (domainName !== undefined) {
        specs.push(v2ApiMapping(name, domainName, plan.domain?.apiMappingKey));
    }
    if (plan.alarms) {
        specs.push(...alarms(name, plan.alarms.metrics, plan.alarms.thresholds, { ApiId: ref("api"), Stage: ref("stage", "name") }, plan.alarms.actions));
    }
    return specs;
}

const V2_AUTHORIZATION = { iam: "AWS_IAM", none: "NONE" } as const;

/** What an API's routes say about authorization: `default` is the API's authorizer, else IAM. */
export interface RouteAuthorizationPlan {
    readonly defaultType: string;
    readonly hasAuthorizer: boolean;
}

export function routeAuthorization(authorization: RouteAuthorization | undefined, plan: RouteAuthorizationPlan): { authorizationType: string; useAuthorizer: boolean } {
    const chosen = authorization ?? "default";
    return chosen === "default"
        ? { authorizationType: plan.defaultType, useAuthorizer: plan.hasAuthorizer }
        : { authorizationType: V2_AUTHORIZATION[chosen], useAuthorizer: false };
}

/** HTTP API routes as plans: `METHOD /path` keys (or `$default`), each Lambda route's permission scoped to it. */
export function httpRoutePlans(routes: readonly {
    method: string; path: string; handler?: PieceHandler; httpBackend?: { uri: unknown; method?: string };
    authorization?: RouteAuthorization; authorizationScopes?: readonly string[];
}[], authorization: RouteAuthorizationPlan): V2RoutePlan[] {
    return routes.map((route) => ({
        routeKey: route.path === "$default" ? "$default" : `${route.method.toUpperCase()} ${route.path}`,
        slug: routeSlug(route.method, route.path),
        handler: route.handler,
        httpBackend: route.httpBackend ? { uri: route.httpBackend.uri, method: route.httpBackend.method ?? route.method.toUpperCase() } : undefined,
        ...routeAuthorization(route.authorization, authorization),
        authorizationScopes: route.authorizationScopes,
        permissionSuffix: route.path === "$default" ? "/*/$default" : routeArnSuffix(route.method, route.path),
    }));
}

/** CORS for an HTTP API: the given origins; methods default to the routes', headers to content type and authorization. */
export function corsConfiguration(cors: CorsSettings, routes: readonly { method: string }[]): Record<string, unknown> {
    return {
        allowOrigins: cors.allowOrigins,
        allowMethods: cors.allowMethods ?? [...new Set(routes.map((route) => route.method.toUpperCase()))],
        allowHeaders: cors.allowHeaders ?? ["content-type", "authorization"],
        allowCredentials: cors.allowCredentials ?? false,
        maxAge: cors.maxAgeSeconds ?? 3600,
    };
}


/**
 * WebSocket routes as plans: `$connect` always, authorized (only `$connect` can carry authorization
 * on a WebSocket API, and it guards the connection every other route runs on), then the user's routes.
 */
export function websocketRoutePlans(connect: { handler?: PieceHandler; authorization?: RouteAuthorization }, routes: readonly { routeKey: string; handler: PieceHandler }[],
    authorization: RouteAuthorizationPlan): V2RoutePlan[] {
    return [
        {
            routeKey: "$connect",
            slug: "connect",
            handler: connect.handler,
            ...routeAuthorization(connect.authorization, authorization),
            permissionSuffix: "/*/$connect",
        },
        ...routes.map((route) => ({
            routeKey: route.routeKey,
            slug: websocketSlug(route.routeKey),
            handler: route.handler,
            authorizationType: "NONE",
            useAuthorizer: false,
            permissionSuffix: `/*/${route.routeKey}`,
        })),
    ];
}

/** The arguments the v2 components share, as pieces need them (values stay the family's own). */
export interface V2ArgsShape {
    readonly tags: unknown;
    readonly stageName?: string;
    readonly domain?: {
        readonly args?: { readonly domainName: string; readonly certificate: { readonly existing?: unknown }; readonly mutualTls?: unknown };
        readonly existing?: { readonly domainName: unknown };
        readonly apiMappingKey?: string;
    };
    readonly alarms?: { readonly actions?: unknown };
}

interface ResolvedV2Settings {
    readonly securityPolicy: string;
    readonly throttling: { burstLimit: number; rateLimit: number };
    readonly alarms: { enabled: boolean; thresholds: Record<string, number> };
}

function domainPlan(args: V2ArgsShape, securityPolicy: string): V2DomainPlan | undefined {
    const domain = args.domain;
    if (domain?.args) {
        return {
            create: { domainName: domain.args.domainName, certificateArn: domain.args.certificate.existing, securityPolicy, mutualTls: domain.args.mutualTls },
            apiMappingKey: domain.apiMappingKey,
        };
    }
    return domain?.existing ? { existing: domain.existing, apiMappingKey: domain.apiMappingKey } : undefined;
}

/** What a family resolved itself: handlers it can invoke, how, and where the stage logs. */
export interface V2FamilyParts {
    readonly routes: readonly V2RoutePlan[];
    readonly authorizer?: V2AuthorizerPlan;
    readonly invocation: Invocation;
    readonly logArn: unknown;
}

/** An HTTP API's plan from its arguments and resolved settings. */
export function httpApiPlan(args: V2ArgsShape & { readonly cors?: CorsSettings; readonly routes: readonly { method: string }[] },
    settings: ResolvedV2Settings & { readonly disableExecuteApiEndpoint: boolean }, parts: V2FamilyParts): V2ApiPlan {
    return {
        protocol: "HTTP",
        api: {
            disableExecuteApiEndpoint: settings.disableExecuteApiEndpoint,
            ...(args.cors ? { corsConfiguration: corsConfiguration(args.cors, args.routes) } : {}),
        },
        ...parts,
        stage: { stageName: args.stageName ?? "$default", logArn: parts.logArn, format: JSON.stringify(baseline.accessLogFormat), throttling: settings.throttling, tags: args.tags },
        domain: domainPlan(args, settings.securityPolicy),
        alarms: settings.alarms.enabled ? { metrics: baseline.alarms.http, thresholds: settings.alarms.thresholds, actions: args.alarms?.actions } : undefined,
        tags: args.tags,
    };
}

/** A WebSocket API's plan from its arguments and resolved settings. */
export function websocketApiPlan(args: V2ArgsShape & { readonly routeSelectionExpression?: string },
    settings: ResolvedV2Settings & { readonly disableExecuteApiEndpoint: boolean; readonly logging: { loggingLevel: string; dataTraceEnabled: boolean; detailedMetricsEnabled: boolean } },
    parts: V2FamilyParts): V2ApiPlan {
    return {
        protocol: "WEBSOCKET",
        api: {
            routeSelectionExpression: args.routeSelectionExpression ?? baseline.routeSelectionExpression,
            disableExecuteApiEndpoint: settings.disableExecuteApiEndpoint,
        },
        ...parts,
        stage: {
            stageName: args.stageName ?? baseline.websocketStageName,
            logArn: parts.logArn,
            format: JSON.stringify(baseline.websocketAccessLogFormat),
            throttling: settings.throttling,
            routeLogging: settings.logging,
            tags: args.tags,
        },
        domain: domainPlan(args, settings.securityPolicy),
        alarms: settings.alarms.enabled ? { metrics: baseline.alarms.websocket, thresholds: settings.alarms.thresholds, actions: args.alarms?.actions } : undefined,
        tags: args.tags,
    };
}

/** An HTTP API's authorizer plan: JWT, or a Lambda REQUEST authorizer with the family's resolved handler. */
export function httpAuthorizerPlan(authorizer: { jwt?: { issuer: unknown; audiences: unknown; identitySources?: string[] }; lambda?: { identitySources?: string[] } } | undefined,
    lambdaHandler: PieceHandler | undefined, resultTtlSeconds: number): V2AuthorizerPlan | undefined {
    if (authorizer?.jwt) {
        return { jwt: { issuer: authorizer.jwt.issuer, audiences: authorizer.jwt.audiences, identitySources: authorizer.jwt.identitySources ?? [...baseline.httpIdentitySources] } };
    }
    return authorizer?.lambda && lambdaHandler
        ? { lambda: { handler: lambdaHandler, identitySources: authorizer.lambda.identitySources ?? [...baseline.httpIdentitySources], resultTtlSeconds } }
        : undefined;
}

/** A WebSocket API's `$connect` authorizer plan. */
export function websocketAuthorizerPlan(authorizer: { lambda: { identitySources?: string[] } } | undefined, lambdaHandler: PieceHandler | undefined): V2AuthorizerPlan | undefined {
    return authorizer && lambdaHandler
        ? { lambda: { handler: lambdaHandler, identitySources: authorizer.lambda.identitySources ?? [...baseline.websocketIdentitySources] } }
        : undefined;
}

/** What a family rendered, by key. */
export interface Rendered<R> {
    get(key: string): R;
    has(key: string): boolean;
    byPrefix(prefix: string): R[];
}

/**
 * What both families' renderers share: declaring the descriptions in order, resolving their
 * references against what was declared before, and reading the resources back by key. A family
 * says only how to declare one resource, read an attribute, and join a template.
 */
export abstract class Renderer<R> implements Rendered<R> {
    private readonly made = new Map<string, R>();

    /** Declares one described resource with its resolved properties. */
    protected abstract declare(spec: ResourceSpec, props: Record<string, unknown>, dependsOn: R[] | undefined): R;
    /** An attribute (canonical name) of a declared resource. */
    protected abstract attribute(resource: R, name: string): unknown;
    /** A template's resolved parts as one string value. */
    protected abstract join(parts: unknown[]): unknown;
    /** The properties a description declares with (a family may lay its own names over them). */
    protected propsOf(spec: ResourceSpec): Readonly<Record<string, unknown>> {
        return spec.props;
    }

    /** Declares each described resource, in order. */
    add(specs: readonly ResourceSpec[]): this {
        for (const spec of specs) {
            const props = this.resolve(this.propsOf(spec)) as Record<string, unknown>;
            this.made.set(spec.key, this.declare(spec, props, spec.dependsOn?.map((key) => this.get(key))));
        }
        return this;
    }

    /** A resource the family declared itself, for the pieces to reference by `key`. */
    adopt(key: string, resource: R): this {
        this.made.set(key, resource);
        return this;
    }

    get<T extends R = R>(key: string): T {
        const resource = this.made.get(key);
        if (resource === undefined) {
            throw new Error(`no resource "${key}" was declared before it is referenced`);
        }
        return resource as T;
    }

    has(key: string): boolean {
        return this.made.has(key);
    }

    /** The resources whose keys start with `prefix`. */
    byPrefix<T extends R = R>(prefix: string): T[] {
        return [...this.made].filter(([key]) => key.startsWith(prefix)).map(([, resource]) => resource as T);
    }

    private resolve(value: unknown): unknown {
        if (value instanceof Ref) {
            return this.attribute(this.get(value.key), value.attribute);
        }
        if (value instanceof Template) {
            return this.join(value.parts.map((part) => this.resolve(part)));
        }
        if (Array.isArray(value)) {
            return value.map((item) => this.resolve(item));
        }
        if (isObjectLiteral(value)) {
            return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined).map(([key, item]) => [key, this.resolve(item)]));
        }
        return value;
    }
}

/** The child resources a v2 component exposes, read back from what its family rendered. */
export function v2Outputs<R>(resources: Rendered<R>, routes: readonly V2RoutePlan[]): {
    api: R; stage: R; authorizer?: R; certificate?: R; domainName?: R; routes: Record<string, R>; alarms: R[]; permissions: R[];
} {
    const optional = (key: string) => (resources.has(key) ? resources.get(key) : undefined);
    return {
        api: resources.get("api"),
        stage: resources.get("stage"),
        authorizer: optional("authorizer"),
        certificate: optional("certificate"),
        domainName: optional("domain"),
        routes: Object.fromEntries(routes.map((route) => [route.routeKey, resources.get(`route_${route.slug}`)])),
        alarms: resources.byPrefix("alarm_"),
        permissions: resources.byPrefix("permission_"),
    };
}

/**
 * A regional web ACL with the baseline's AWS managed rule groups and a per-address rate limit,
 * logged to a group WAF accepts (its name must start with `aws-waf-logs-`), and its association with
 * the stage (key `stage`). With the user's own ACL, only the association.
 */
export function webAclPieces(name: string, waf: { managedRuleGroups: readonly string[]; rateLimit: number }, logRetentionDays: number, existingArn?: unknown): ResourceSpec[] {
    const association = (webAclArn: unknown): ResourceSpec => ({ key: "waf_association", type: T.WebAclAssociation, name, props: { resourceArn: ref("stage", "arn"), webAclArn } });
    if (existingArn !== undefined) {
        return [association(existingArn)];
    }
    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
    return [
        {
            key: "web_acl",
            type: T.WebAcl,
            name,
            props: {
                scope: "REGIONAL",
                defaultAction: { allow: {} },
                visibilityConfig: visibility(name),
                rules: [
                    ...waf.managedRuleGroups.map((group, index) => ({
                        name: group,
                        priority: index + 1,
                        overrideAction: { none: {} },
                        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
                        visibilityConfig: visibility(group),
                    })),
                    {
                        name: "per-address-rate",
                        priority: waf.managedRuleGroups.length + 1,
                        action: { block: {} },
                        statement: { rateBasedStatement: { limit: waf.rateLimit, aggregateKeyType: "IP" } },
                        visibilityConfig: visibility("per-address-rate"),
                    },
                ],
            },
            terraformProps: { name },
        },
        { key: "waf_logs", type: T.LogGroup, name: `${name}-waf-logs`, props: { name: `aws-waf-logs-${name}`, retentionInDays: logRetentionDays } },
        { key: "waf_logging", type: T.WebAclLoggingConfiguration, name, props: { resourceArn: ref("web_acl", "arn"), logDestinationConfigs: [ref("waf_logs", "arn")] } },
        association(ref("web_acl", "arn")),
    ];
}

/** No rule reads method responses, so the canonical types do not list them. */
const METHOD_RESPONSE = "aws:apigateway/methodResponse:MethodResponse";

/**
 * A REST CORS preflight for one path: an OPTIONS method answered by API Gateway itself (MOCK),
 * allowing exactly the configured origin. Browsers send preflights without credentials: OPTIONS is
 * public by design, and the pack knows it. References the API as `api`.
 */
export function restPreflight(name: string, path: string, resourceId: unknown, cors: { allowOrigin: string; allowMethods?: readonly string[]; allowHeaders?: readonly string[] },
    routes: readonly { method: string; path: string }[]): ResourceSpec[] {
    const slug = routeSlug("options", path);
    const methods = cors.allowMethods ?? [...new Set(routes.filter((route) => route.path === path).map((route) => route.method.toUpperCase()))];
    const headers = {
        "method.response.header.Access-Control-Allow-Origin": `'${cors.allowOrigin}'`,
        "method.response.header.Access-Control-Allow-Methods": `'${[...methods, "OPTIONS"].join(",")}'`,
        "method.response.header.Access-Control-Allow-Headers": `'${(cors.allowHeaders ?? ["Content-Type", "Authorization"]).join(",")}'`,
    };
    const on = { restApi: ref("api"), resourceId };
    const httpMethod = ref(`method_${slug}`, "httpMethod");
    return [
        { key: `method_${slug}`, type: T.Method, name: `${name}-${slug}`, props: { ...on, httpMethod: "OPTIONS", authorization: "NONE" } },
        {
            key: `integration_${slug}`, type: T.Integration, name: `${name}-${slug}`,
            props: { ...on, httpMethod, type: "MOCK", requestTemplates: { "application/json": "{\"statusCode\": 200}" } },
        },
        {
            key: `method_response_${slug}`, type: METHOD_RESPONSE, name: `${name}-${slug}`,
            props: { ...on, httpMethod, statusCode: "200", responseParameters: Object.fromEntries(Object.keys(headers).map((header) => [header, true])) },
        },
        {
            key: `integration_response_${slug}`, type: T.IntegrationResponse, name: `${name}-${slug}`,
            props: { ...on, httpMethod, statusCode: ref(`method_response_${slug}`, "statusCode"), responseParameters: headers },
            dependsOn: [`integration_${slug}`],
        },
    ];
}

/** What redeploys a REST API when it changes: its routes, their authorization, its OpenAPI document and CORS. */
export function restDeploymentFingerprint(routes: readonly { method: string; path: string; authorization?: string; apiKeyRequired?: boolean }[], openApi: unknown, cors: unknown): string {
    return createHash("sha256").update(JSON.stringify({
        routes: routes.map((route) => [route.method, route.path, route.authorization ?? "default", route.apiKeyRequired ?? false]),
        openApi, cors,
    })).digest("hex");
}

/** Types components declare that no rule reads (so the canonical types do not list them). */
const USAGE_PLAN_KEY = "aws:apigateway/usagePlanKey:UsagePlanKey";
const CLIENT_CERTIFICATE = "aws:apigateway/clientCertificate:ClientCertificate";

export interface RestRoutePlan {
    readonly method: string;
    readonly path: string;
    readonly handler?: PieceHandler;
    readonly httpBackend?: { readonly uri: unknown; readonly method: string };
    readonly authorization?: RouteAuthorization;
    readonly authorizationScopes?: readonly string[];
    readonly apiKeyRequired?: boolean;
}

export type RestAuthorizerPlan =
    | { readonly cognito: { readonly userPoolArns: unknown } }
    | { readonly lambda: { readonly handler: PieceHandler; readonly type: string; readonly identitySource: string; readonly resultTtlSeconds: number } };

/** Everything a REST API component declares, resolved. */
export interface RestApiPlan {
    readonly endpointType: string;
    /** The RestApi's other settings (execute-api endpoint, policy, OpenAPI body). */
    readonly api: Readonly<Record<string, unknown>>;
    readonly authorizer?: RestAuthorizerPlan;
    readonly requestValidator: boolean;
    readonly routes: readonly RestRoutePlan[];
    readonly invocation: Invocation;
    readonly cors?: { allowOrigin: string; allowMethods?: readonly string[]; allowHeaders?: readonly string[] };
    readonly fingerprint: string;
    readonly logArn: unknown;
    readonly stage: { readonly stageName: string; readonly tracingEnabled: boolean };
    readonly settings: {
        readonly logging: Readonly<Record<string, unknown>>;
        readonly throttling: { burstLimit: number; rateLimit: number };
        readonly caching: { enabled: boolean; clusterSize: string; ttlSeconds: number; dataEncrypted: boolean };
    };
    readonly waf?: { readonly settings: { managedRuleGroups: readonly string[]; rateLimit: number }; readonly existingArn?: unknown; readonly logRetentionDays: number };
    readonly domain?: {
        readonly create?: { readonly domainName: string; readonly certificateArn?: unknown; readonly securityPolicy: string; readonly endpointType: string };
        readonly existing?: { readonly domainName: unknown };
        readonly basePath?: string;
    };
    readonly usagePlans: readonly UsagePlanDefinition[];
    readonly alarms?: { readonly thresholds: Readonly<Record<string, number>>; readonly actions: unknown };
    readonly tags: unknown;
}

/** The RestApi's resource tree: one Resource per path segment, each under its parent, keyed `resource_<slug>`. */
function restResources(name: string, paths: readonly string[]): { specs: ResourceSpec[]; resourceFor(path: string): unknown } {
    const specs: ResourceSpec[] = [];
    const known = new Map<string, unknown>([["/", ref("api", "rootResourceId")]]);
    const resourceFor = (path: string): unknown => {
        const normalised = "/" + path.split("/").filter(Boolean).join("/");
        const existing = known.get(normalised);
        if (existing) {
            return existing;
        }
        const parentPath = normalised.slice(0, normalised.lastIndexOf("/")) || "/";
        const slug = routeSlug("path", normalised);
        const parentId = resourceFor(parentPath);
        specs.push({ key: `resource_${slug}`, type: T.Resource, name: `${name}-${slug}`, props: { restApi: ref("api"), parentId, pathPart: normalised.slice(normalised.lastIndexOf("/") + 1) } });
        known.set(normalised, ref(`resource_${slug}`));
        return known.get(normalised);
    };
    paths.forEach(resourceFor);
    return { specs, resourceFor };
}

const REST_AUTHORIZATION = { iam: "AWS_IAM", none: "NONE" } as const;

/** The resources of a REST API, in an order where each one's references are declared before it. */
export function restApiPieces(name: string, plan: RestApiPlan): ResourceSpec[] {
    const specs: ResourceSpec[] = [{
        key: "api", type: T.RestApi, name,
        props: { endpointConfiguration: { types: plan.endpointType }, ...plan.api, tags: plan.tags },
        // Terraform's endpoint types are a list; @pulumi/aws 7 takes the one type.
        terraformProps: { name, endpointConfiguration: { types: [plan.endpointType] } },
        createBeforeDestroy: true,
    }];
    const credentials = "credentialsArn" in plan.invocation ? plan.invocation.credentialsArn : undefined;
    if (plan.authorizer && "cognito" in plan.authorizer) {
        specs.push({
            key: "authorizer", type: T.Authorizer, name: `${name}-cognito`,
            props: { restApi: ref("api"), type: "COGNITO_USER_POOLS", providerArns: plan.authorizer.cognito.userPoolArns }, terraformProps: { name: `${name}-cognito` },
        });
    } else if (plan.authorizer) {
        const lambda = plan.authorizer.lambda;
        specs.push({
            key: "authorizer", type: T.Authorizer, name: `${name}-lambda`,
            props: {
                restApi: ref("api"), type: lambda.type, authorizerUri: lambda.handler.invokeArn, identitySource: lambda.identitySource,
                authorizerResultTtlInSeconds: lambda.resultTtlSeconds, ...(credentials !== undefined ? { authorizerCredentials: credentials } : {}),
            },
            terraformProps: { name: `${name}-lambda` },
        });
        if ("permissions" in plan.invocation) {
            specs.push(permission(`${name}-authorizer`, "authorizer", lambda.handler, template`/authorizers/${ref("authorizer")}`));
        }
    }
    const defaultType = !plan.authorizer ? "AWS_IAM" : "cognito" in plan.authorizer ? "COGNITO_USER_POOLS" : "CUSTOM";
    if (plan.requestValidator) {
        specs.push({ key: "request_validator", type: T.RequestValidator, name, props: { restApi: ref("api"), ...baseline.requestValidation }, terraformProps: { name } });
    }
    const tree = restResources(name, plan.routes.map((route) => route.path));
    specs.push(...tree.specs);
    const deployed: string[] = [];
    for (const route of plan.routes) {
        const slug = routeSlug(route.method, route.path);
        const resourceId = tree.resourceFor(route.path);
        const authorization = route.authorization ?? "default";
        specs.push({
            key: `method_${slug}`, type: T.Method, name: `${name}-${slug}`,
            props: {
                restApi: ref("api"),
                resourceId,
                httpMethod: route.method.toUpperCase(),
                authorization: authorization === "default" ? defaultType : REST_AUTHORIZATION[authorization],
                ...(authorization === "default" && plan.authorizer ? { authorizerId: ref("authorizer") } : {}),
                ...(route.authorizationScopes ? { authorizationScopes: route.authorizationScopes } : {}),
                ...(plan.requestValidator ? { requestValidatorId: ref("request_validator") } : {}),
                apiKeyRequired: route.apiKeyRequired ?? false,
            },
        }, {
            key: `integration_${slug}`, type: T.Integration, name: `${name}-${slug}`,
            props: {
                restApi: ref("api"),
                resourceId,
                httpMethod: ref(`method_${slug}`, "httpMethod"),
                ...(route.handler
                    ? { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: route.handler.invokeArn, ...(credentials !== undefined ? { credentials } : {}) }
                    : { type: "HTTP_PROXY", integrationHttpMethod: route.httpBackend!.method, uri: route.httpBackend!.uri }),
            },
        });
        deployed.push(`method_${slug}`, `integration_${slug}`);
        if (route.handler && "permissions" in plan.invocation) {
            specs.push(permission(`${name}-${slug}`, slug, route.handler, routeArnSuffix(route.method, route.path)));
        }
    }
    if (plan.cors) {
        for (const path of new Set(plan.routes.map((route) => route.path))) {
            const preflight = restPreflight(name, path, tree.resourceFor(path), plan.cors, plan.routes);
            specs.push(...preflight);
            deployed.push(...preflight.filter((spec) => !spec.key.startsWith("method_response_")).map((spec) => spec.key));
        }
    }
    const clientCertificate = plan.routes.some((route) => route.httpBackend);
    if (clientCertificate) {
        specs.push({ key: "client_certificate", type: CLIENT_CERTIFICATE, name, props: { description: `Presented by ${name} to its HTTP backends` } });
    }
    const caching = plan.settings.caching;
    specs.push(
        { key: "deployment", type: T.Deployment, name, props: { restApi: ref("api"), triggers: { routes: plan.fingerprint } }, dependsOn: deployed, createBeforeDestroy: true },
        {
            key: "stage", type: T.Stage, name,
            props: {
                restApi: ref("api"),
                deployment: ref("deployment"),
                stageName: plan.stage.stageName,
                xrayTracingEnabled: plan.stage.tracingEnabled,
                accessLogSettings: { destinationArn: plan.logArn, format: JSON.stringify(baseline.accessLogFormat) },
                ...(caching.enabled ? { cacheClusterEnabled: true, cacheClusterSize: caching.clusterSize } : {}),
                ...(clientCertificate ? { clientCertificateId: ref("client_certificate") } : {}),
                tags: plan.tags,
            },
        },
        {
            key: "method_settings", type: T.MethodSettings, name: `${name}-all`,
            props: {
                restApi: ref("api"),
                stageName: ref("stage", "stageName"),
                methodPath: "*/*",
                settings: {
                    ...plan.settings.logging,
                    throttlingBurstLimit: plan.settings.throttling.burstLimit,
                    throttlingRateLimit: plan.settings.throttling.rateLimit,
                    ...(caching.enabled ? { cachingEnabled: true, cacheTtlInSeconds: caching.ttlSeconds, cacheDataEncrypted: caching.dataEncrypted } : {}),
                },
            },
        },
    );
    if (plan.waf) {
        specs.push(...webAclPieces(name, plan.waf.settings, plan.waf.logRetentionDays, plan.waf.existingArn));
    }
    let domainName: unknown;
    if (plan.domain?.create) {
        const create = plan.domain.create;
        if (create.certificateArn === undefined) {
            specs.push(certificate(name, create.domainName, plan.tags));
        }
        const certificateArn = create.certificateArn ?? ref("certificate", "arn");
        specs.push({
            key: "domain", type: T.DomainName, name,
            props: {
                domainName: create.domainName,
                securityPolicy: create.securityPolicy,
                endpointConfiguration: { types: create.endpointType },
                ...(create.endpointType === "EDGE" ? { certificateArn } : { regionalCertificateArn: certificateArn }),
                tags: plan.tags,
            },
            terraformProps: { endpointConfiguration: { types: [create.endpointType] } },
        });
        domainName = ref("domain", "domainName");
    } else if (plan.domain?.existing) {
        domainName = plan.domain.existing.domainName;
    }
    if (domainName !== undefined) {
        specs.push({
            key: "base_path_mapping", type: T.BasePathMapping, name,
            props: { restApi: ref("api"), stageName: ref("stage", "stageName"), domainName, ...(plan.domain?.basePath ? { basePath: plan.domain.basePath } : {}) },
        });
    }
    for (const usagePlan of plan.usagePlans) {
        const throttle = usagePlan.throttle ?? baseline.usagePlan.throttle;
        const quota = usagePlan.quota ?? baseline.usagePlan.quota;
        specs.push({
            key: `usage_plan_${usagePlan.name}`, type: T.UsagePlan, name: `${name}-${usagePlan.name}`,
            props: {
                apiStages: [{ apiId: ref("api"), stage: ref("stage", "stageName") }],
                throttleSettings: { burstLimit: throttle.burstLimit, rateLimit: throttle.rateLimit },
                quotaSettings: { limit: quota.limit, period: quota.period },
                tags: plan.tags,
            },
            terraformProps: { name: `${name}-${usagePlan.name}` },
        });
        for (const keyName of usagePlan.apiKeys ?? []) {
            // No `value`: API Gateway generates it, so it is never in the program or the configuration (the provider marks it secret).
            specs.push(
                { key: `api_key_${usagePlan.name}_${keyName}`, type: T.ApiKey, name: `${name}-${usagePlan.name}-${keyName}`, props: { enabled: true, tags: plan.tags }, terraformProps: { name: `${name}-${usagePlan.name}-${keyName}` } },
                {
                    key: `usage_plan_key_${usagePlan.name}_${keyName}`, type: USAGE_PLAN_KEY, name: `${name}-${usagePlan.name}-${keyName}`,
                    props: { keyId: ref(`api_key_${usagePlan.name}_${keyName}`), keyType: "API_KEY", usagePlanId: ref(`usage_plan_${usagePlan.name}`) },
                },
            );
        }
    }
    if (plan.alarms) {
        specs.push(...alarms(name, baseline.alarms.rest, plan.alarms.thresholds, { ApiName: ref("api", "name"), Stage: ref("stage", "stageName") }, plan.alarms.actions));
    }
    return specs;
}

/** Routes as REST plans, with each family's view of its handlers. */
export function restRoutePlans<H>(routes: readonly {
    method: string; path: string; handler?: H; httpBackend?: { uri: unknown; method?: string };
    authorization?: RouteAuthorization; authorizationScopes?: readonly string[]; apiKeyRequired?: boolean;
}[], handlerOf: (handler: H) => PieceHandler): RestRoutePlan[] {
    return routes.map((route) => ({
        method: route.method,
        path: route.path,
        handler: route.handler ? handlerOf(route.handler) : undefined,
        httpBackend: route.httpBackend ? { uri: route.httpBackend.uri, method: route.httpBackend.method ?? route.method.toUpperCase() } : undefined,
        authorization: route.authorization,
        authorizationScopes: route.authorizationScopes,
        apiKeyRequired: route.apiKeyRequired,
    }));
}

/** The child resources a REST component exposes, read back from what its family rendered. */
export function restOutputs<R>(resources: Rendered<R>, plan: RestApiPlan) {
    const optional = (key: string) => (resources.has(key) ? resources.get(key) : undefined);
    return {
        api: resources.get("api"),
        stage: resources.get("stage"),
        deployment: resources.get("deployment"),
        methodSettings: resources.get("method_settings"),
        authorizer: optional("authorizer"),
        requestValidator: optional("request_validator"),
        webAcl: optional("web_acl"),
        domainName: optional("domain"),
        certificate: optional("certificate"),
        clientCertificate: optional("client_certificate"),
        methods: Object.fromEntries(plan.routes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, resources.get(`method_${routeSlug(route.method, route.path)}`)])),
        permissions: resources.byPrefix("permission_"),
        usagePlans: Object.fromEntries(plan.usagePlans.map((usagePlan) => [usagePlan.name, resources.get(`usage_plan_${usagePlan.name}`)])),
        apiKeys: Object.fromEntries(plan.usagePlans.flatMap((usagePlan) => (usagePlan.apiKeys ?? []).map((key) => [key, resources.get(`api_key_${usagePlan.name}_${key}`)]))),
        alarms: resources.byPrefix("alarm_"),
    };
}

/** A REST API's authorizer plan: Cognito, or a Lambda authorizer with the family's resolved handler. */
export function restAuthorizerPlan(authorizer: { cognito?: { userPoolArns: unknown }; lambda?: { type?: string; identitySource?: string } } | undefined,
    lambdaHandler: PieceHandler | undefined, resultTtlSeconds: number): RestAuthorizerPlan | undefined {
    if (authorizer?.cognito) {
        return { cognito: { userPoolArns: authorizer.cognito.userPoolArns } };
    }
    return authorizer?.lambda && lambdaHandler
        ? { lambda: { handler: lambdaHandler, type: authorizer.lambda.type ?? "TOKEN", identitySource: authorizer.lambda.identitySource ?? "method.request.header.Authorization", resultTtlSeconds } }
        : undefined;
}

/** A REST API's plan from its arguments and resolved settings. */
export function restApiPlan(args: {
    readonly tags: unknown; readonly policy?: unknown; readonly stageName?: string; readonly cors?: RestApiPlan["cors"]; readonly usagePlans?: readonly UsagePlanDefinition[];
    readonly domain?: { readonly args?: { readonly domainName: string; readonly certificate: { readonly existing?: unknown } }; readonly existing?: { readonly domainName: unknown }; readonly basePath?: string };
    readonly alarms?: { readonly actions?: unknown };
}, settings: {
    readonly endpointType: string; readonly disableExecuteApiEndpoint: boolean; readonly requestValidation: boolean; readonly tracingEnabled: boolean; readonly securityPolicy: string;
    readonly logRetentionDays: number; readonly logging: Readonly<Record<string, unknown>>; readonly throttling: { burstLimit: number; rateLimit: number };
    readonly caching: { enabled: boolean; clusterSize: string; ttlSeconds: number; dataEncrypted: boolean };
    readonly waf: { managedRuleGroups: readonly string[]; rateLimit: number } | false; readonly alarms: { enabled: boolean; thresholds: Record<string, number> };
}, parts: {
    readonly routes: readonly RestRoutePlan[]; readonly authorizer?: RestAuthorizerPlan; readonly invocation: Invocation; readonly logArn: unknown;
    readonly body?: unknown; readonly webAclArn?: unknown; readonly fingerprint: string;
}): RestApiPlan {
    const domain = args.domain;
    return {
        endpointType: settings.endpointType,
        api: {
            disableExecuteApiEndpoint: settings.disableExecuteApiEndpoint,
            ...(args.policy ? { policy: args.policy } : {}),
            ...(parts.body !== undefined ? { body: parts.body } : {}),
        },
        authorizer: parts.authorizer,
        requestValidator: settings.requestValidation && parts.routes.length > 0,
        routes: parts.routes,
        invocation: parts.invocation,
        cors: args.cors,
        fingerprint: parts.fingerprint,
        logArn: parts.logArn,
        stage: { stageName: args.stageName ?? baseline.stageName, tracingEnabled: settings.tracingEnabled },
        settings: { logging: settings.logging, throttling: settings.throttling, caching: settings.caching },
        waf: settings.waf ? { settings: settings.waf, existingArn: parts.webAclArn, logRetentionDays: settings.logRetentionDays } : undefined,
        domain: domain?.args
            ? { create: { domainName: domain.args.domainName, certificateArn: domain.args.certificate.existing, securityPolicy: settings.securityPolicy, endpointType: settings.endpointType }, basePath: domain.basePath }
            : domain?.existing ? { existing: domain.existing, basePath: domain.basePath } : undefined,
        usagePlans: args.usagePlans ?? [],
        alarms: settings.alarms.enabled ? { thresholds: settings.alarms.thresholds, actions: args.alarms?.actions } : undefined,
        tags: args.tags,
    };
}
