/**
 * The pieces an API component is built from, described once and engine-neutrally: each piece is a
 * list of resource descriptions in the canonical model (Pulumi's type tokens, camelCase
 * properties), with references between them. The Pulumi family renders them as Pulumi resources
 * (components/render.ts), the CDKTF family as hashicorp/aws resources (cdk/render.ts, through the
 * schema map). No Pulumi or CDKTF here: values the user passed (Pulumi inputs, CDKTF tokens) pass
 * through untouched.
 */
import { baseline } from "./baseline";
import { CorsSettings, RouteAuthorization, routeArnSuffix, routeSlug, websocketSlug } from "./defaults";
import { T } from "../policies/engine/types";

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
