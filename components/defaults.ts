/**
 * Resolution of component settings: baseline defaults, then the user's overrides. Pure functions
 * (no Pulumi, no AWS), so every component family — Pulumi now, CDKTF later — resolves settings
 * the same way and the tests can check them without a program.
 *
 * Every override that weakens a security default is returned as a `Weakening` naming the
 * Gatehouse rule that will report it; components announce them.
 */
import { baseline } from "./baseline";
import authorizerCacheTtl from "../policies/rules/authentication/authorizer-cache-ttl";
import customDomainTls, { minimumTlsVersion } from "../policies/rules/encryption/custom-domain-tls";
import accessLogGroup from "../policies/rules/logging/access-log-group";
import wafRateBasedRule from "../policies/rules/edge-protection/waf-rate-based-rule";
import wafWebAclRules from "../policies/rules/edge-protection/waf-web-acl-rules";
import requiredTags from "../policies/rules/exposure/required-tags";

/**
 * What the pack enforces by default, read from the rules themselves: an override is a weakening
 * exactly when the pack, with its default configuration, will report it.
 */
const PACK_DEFAULTS = {
    minimumRetentionDays: accessLogGroup.config.minimumRetentionDays.default as number,
    maxAuthorizerTtlSeconds: authorizerCacheTtl.config.maxTtlSeconds.default as number,
    minimumTlsVersion: Number(customDomainTls.config.minimumTlsVersion.default),
    maxWafRateLimit: wafRateBasedRule.config.maxLimit.default as number,
    requiredManagedRuleGroups: wafWebAclRules.config.requiredManagedRuleGroups.default as readonly string[],
    requiredTags: requiredTags.config.requiredTags.default as readonly string[],
};

export interface Weakening {
    /** The Gatehouse rule the resulting resources will trip (unless waived). */
    rule: string;
    /** The argument that was overridden, as the user wrote it. */
    setting: string;
    detail: string;
}

export interface ThrottleSettings {
    burstLimit: number;
    rateLimit: number;
}

export interface LogSettings {
    /** Days to keep access logs (0 keeps them forever — the rule asks for a finite retention). */
    retentionInDays?: number;
}

export interface StageLoggingSettings {
    loggingLevel?: "OFF" | "ERROR" | "INFO";
    metricsEnabled?: boolean;
    dataTraceEnabled?: boolean;
}

export interface CachingSettings {
    enabled?: boolean;
    clusterSize?: string;
    ttlSeconds?: number;
    dataEncrypted?: boolean;
}

export interface WafSettings {
    managedRuleGroups?: string[];
    rateLimit?: number;
}

/** A usage plan of a REST component: its limits (the baseline's by default) and the API keys to create. */
export interface UsagePlanDefinition {
    name: string;
    throttle?: ThrottleSettings;
    quota?: { limit: number; period: "DAY" | "WEEK" | "MONTH" };
    /** Names of API keys to create; API Gateway generates their values, which stay secret (and out of the configuration). */
    apiKeys?: string[];
}

export interface AlarmSettings {
    enabled?: boolean;
    /** Threshold per metric name, overriding the baseline's. */
    thresholds?: Record<string, number>;
}

export interface DomainSettings {
    domainName: string;
    securityPolicy?: string;
}

export interface CorsSettings {
    allowOrigins: string[];
    allowMethods?: string[];
    allowHeaders?: string[];
    allowCredentials?: boolean;
    maxAgeSeconds?: number;
}

export type RouteAuthorization = "default" | "iam" | "none";

/** What every API family shares: the settings' user-facing names and their weakening checks. */
export interface CommonSettingsInput {
    routes: readonly { method: string; path: string; authorization?: RouteAuthorization }[];
    throttling?: Partial<ThrottleSettings>;
    logs?: LogSettings;
    alarms?: AlarmSettings;
    /** The domain the component creates, if any. */
    domain?: DomainSettings;
    /** Whether the API is mapped to a custom domain (created or brought). */
    hasDomain?: boolean;
    disableExecuteApiEndpoint?: boolean;
    cors?: CorsSettings;
    /** The CORS argument as the component's users write it (REST: `cors.allowOrigin`). */
    corsSetting?: string;
    authorizerResultTtlSeconds?: number;
    tags?: Record<string, unknown>;
}

export interface ResolvedCommon {
    throttling: ThrottleSettings;
    logRetentionDays: number;
    alarms: { enabled: boolean; thresholds: Record<string, number> };
    securityPolicy: string;
    disableExecuteApiEndpoint: boolean;
    authorizerResultTtlSeconds: number;
}

function resolveCommon(input: CommonSettingsInput, alarmMetrics: readonly { metric: string; threshold: number }[], routeRule: string, weakenings: Weakening[]): ResolvedCommon {
    const weaken = (rule: string, setting: string, detail: string) => weakenings.push({ rule, setting, detail });
    const throttling = { ...baseline.throttling, ...definedOnly(input.throttling ?? {}) };
    for (const [key, value] of Object.entries(throttling)) {
        if (!(typeof value === "number" && value > 0)) {
            weaken("stage-throttling", `throttling.${key}`, "is not a positive number: requests are not limited (or all rejected)");
        }
    }
    const logRetentionDays = input.logs?.retentionInDays ?? baseline.logRetentionDays;
    if (logRetentionDays === 0 || logRetentionDays < PACK_DEFAULTS.minimumRetentionDays) {
        weaken("access-log-group", "accessLogs.args.retentionInDays", logRetentionDays === 0
            ? "keeps access logs forever (no retention)"
            : `keeps access logs ${logRetentionDays} days, fewer than the ${PACK_DEFAULTS.minimumRetentionDays} the pack requires by default`);
    }
    const alarmsEnabled = input.alarms?.enabled ?? true;
    if (!alarmsEnabled) {
        weaken("stage-alarms", "alarms.enabled", "is false: no alarm on the stage's errors and latency");
    }
    const thresholds: Record<string, number> = {};
    for (const { metric, threshold } of alarmMetrics) {
        thresholds[metric] = input.alarms?.thresholds?.[metric] ?? threshold;
    }
    const securityPolicy = input.domain?.securityPolicy ?? baseline.securityPolicy;
    const tlsVersion = minimumTlsVersion(securityPolicy);
    if (tlsVersion !== undefined && tlsVersion < PACK_DEFAULTS.minimumTlsVersion) {
        weaken("custom-domain-tls", "domain.args.securityPolicy", `${securityPolicy} accepts TLS ${tlsVersion.toFixed(1)} clients`);
    }
    if (input.domain?.domainName.startsWith("*")) {
        weaken("acm-certificate", "domain.args.domainName", "is a wildcard: its certificate covers every subdomain");
    }
    const hasDomain = input.hasDomain ?? input.domain !== undefined;
    const disableExecuteApiEndpoint = input.disableExecuteApiEndpoint ?? hasDomain;
    if (hasDomain && !disableExecuteApiEndpoint) {
        weaken("execute-api-endpoint-disabled", "disableExecuteApiEndpoint", "is false: the API stays reachable around its custom domain");
    }
    for (const route of input.routes) {
        if (route.authorization === "none") {
            weaken(routeRule, `routes["${route.method} ${route.path}"].authorization`, "is \"none\": anyone can call the route");
        }
    }
    if (input.cors?.allowOrigins.includes("*")) {
        weaken("cors-allowed-origins", input.corsSetting ?? "cors.allowOrigins", "includes \"*\": every web site can call the API from a browser");
    }
    if (input.tags !== undefined) {
        const missingTags = PACK_DEFAULTS.requiredTags.filter((tag) => !(tag in input.tags!));
        if (missingTags.length > 0) {
            weaken("required-tags", "tags", `has no ${missingTags.join(", ")} tag: the API and stage cannot be told apart by owner or environment`);
        }
    }
    const authorizerResultTtlSeconds = input.authorizerResultTtlSeconds ?? baseline.authorizerResultTtlSeconds;
    if (authorizerResultTtlSeconds > PACK_DEFAULTS.maxAuthorizerTtlSeconds) {
        weaken("authorizer-cache-ttl", "authorizer.lambda.resultTtlSeconds", `caches authorization decisions for ${authorizerResultTtlSeconds} s`);
    }
    return { throttling, logRetentionDays, alarms: { enabled: alarmsEnabled, thresholds }, securityPolicy, disableExecuteApiEndpoint, authorizerResultTtlSeconds };
}

export interface RestSettingsInput extends CommonSettingsInput {
    endpointType?: "REGIONAL" | "EDGE" | "PRIVATE";
    tracingEnabled?: boolean;
    requestValidation?: boolean;
    logging?: StageLoggingSettings;
    caching?: CachingSettings;
    /** undefined: a web ACL is created; false: none (the stage is unprotected). */
    waf?: WafSettings | false;
}

export interface ResolvedRestSettings extends ResolvedCommon {
    endpointType: "REGIONAL" | "EDGE" | "PRIVATE";
    tracingEnabled: boolean;
    requestValidation: boolean;
    logging: Required<StageLoggingSettings>;
    caching: Required<CachingSettings>;
    waf: Required<WafSettings> | false;
    weakenings: Weakening[];
}

/** The REST API component's settings: baseline defaults, then `input`, with each weakening named. */
export function resolveRestSettings(input: RestSettingsInput): ResolvedRestSettings {
    const weakenings: Weakening[] = [];
    const weaken = (rule: string, setting: string, detail: string) => weakenings.push({ rule, setting, detail });
    const common = resolveCommon(input, baseline.alarms.rest, "rest-method-authorization", weakenings);

    const endpointType = input.endpointType ?? baseline.endpointType;
    if (endpointType === "EDGE") {
        weaken("endpoint-type-allowed", "endpointType", "is EDGE: the API is served from CloudFront edge locations outside the account's control");
    }
    const tracingEnabled = input.tracingEnabled ?? baseline.tracingEnabled;
    if (!tracingEnabled) {
        weaken("rest-stage-xray", "tracingEnabled", "is false: requests are not traced");
    }
    const requestValidation = input.requestValidation ?? true;
    if (!requestValidation) {
        weaken("rest-request-validation", "requestValidation", "is false: malformed requests reach the backend");
    }
    const logging = { ...baseline.methodSettings, ...definedOnly(input.logging ?? {}) };
    if (logging.loggingLevel === "OFF") {
        weaken("rest-execution-logging", "logging.loggingLevel", "is OFF: no execution logs");
    }
    if (!logging.metricsEnabled) {
        weaken("rest-execution-logging", "logging.metricsEnabled", "is false: no CloudWatch metrics");
    }
    if (logging.dataTraceEnabled) {
        weaken("data-trace-disabled", "logging.dataTraceEnabled", "is true: full requests and responses, credentials included, are logged");
    }
    const caching = { ...baseline.caching, ...definedOnly(input.caching ?? {}) };
    if (caching.enabled && !caching.dataEncrypted) {
        weaken("cache-encryption", "caching.dataEncrypted", "is false while caching is on: cached responses are stored unencrypted");
    }
    let waf: ResolvedRestSettings["waf"];
    if (input.waf === false) {
        waf = false;
        if (endpointType !== "PRIVATE") {
            weaken("rest-stage-waf", "webAcl.enabled", "is false on a public API: no web ACL filters its traffic");
        }
    } else {
        waf = { ...baseline.waf, ...definedOnly(input.waf ?? {}) } as Required<WafSettings>;
        const missing = PACK_DEFAULTS.requiredManagedRuleGroups.filter((group) => !waf || !waf.managedRuleGroups.includes(group));
        if (missing.length > 0) {
            weaken("waf-web-acl-rules", "webAcl.args.managedRuleGroups", `leaves out ${missing.join(", ")}`);
        }
        if (waf.rateLimit > PACK_DEFAULTS.maxWafRateLimit) {
            weaken("waf-rate-based-rule", "webAcl.args.rateLimit", `allows ${waf.rateLimit} requests per address per window, above the pack's default ceiling`);
        }
    }
    return {
        ...common,
        endpointType,
        tracingEnabled,
        requestValidation,
        logging: logging as Required<StageLoggingSettings>,
        caching: caching as Required<CachingSettings>,
        waf,
        weakenings,
    };
}

export interface HttpSettingsInput extends CommonSettingsInput {
    mutualTls?: boolean;
}

export interface ResolvedHttpSettings extends ResolvedCommon {
    weakenings: Weakening[];
}

/** The HTTP API component's settings: baseline defaults, then `input`, with each weakening named. */
export function resolveHttpSettings(input: HttpSettingsInput): ResolvedHttpSettings {
    const weakenings: Weakening[] = [];
    const common = resolveCommon(input, baseline.alarms.http, "v2-route-authorization", weakenings);
    return { ...common, weakenings };
}

export interface WebSocketLoggingSettings {
    loggingLevel?: "OFF" | "ERROR" | "INFO";
    dataTraceEnabled?: boolean;
    detailedMetricsEnabled?: boolean;
}

/** The arguments of a SecureWebSocketApi, with the family's handler (`H`) and domain (`D`) types. */
export interface WebSocketArgsOf<H, D> {
    /** `$disconnect`, `$default`, or actions the route selection expression yields (`sendMessage`). */
    routes: { routeKey: string; handler: H }[];
    /**
     * The `$connect` route, always created: its handler (none: the connection is accepted once
     * authorized) and its authorization — `default` (the API's authorizer, else IAM), `iam`, or
     * `none`, a visible opt-out the component warns of and the pack reports unless waived.
     */
    connect?: { handler?: H; authorization?: RouteAuthorization };
    /** A Lambda REQUEST authorizer for `$connect`, reading the caller's token from `identitySources`. */
    authorizer?: { lambda: { handler: H; identitySources?: string[] } };
    /** Defaults to `$request.body.action`. */
    routeSelectionExpression?: string;
    /** Execution logging of every route: INFO, detailed metrics on and data trace off by default. */
    logging?: WebSocketLoggingSettings;
    domain?: D & { apiMappingKey?: string };
}

export interface WebSocketSettingsInput extends CommonSettingsInput {
    /** How `$connect` is authorized: the API's Lambda authorizer (default), IAM, or a visible `none`. */
    connectAuthorization?: RouteAuthorization;
    logging?: WebSocketLoggingSettings;
}

export interface ResolvedWebSocketSettings extends ResolvedCommon {
    connectAuthorization: RouteAuthorization;
    logging: Required<WebSocketLoggingSettings>;
    weakenings: Weakening[];
}

/** The WebSocket API component's settings: baseline defaults, then `input`, with each weakening named. */
export function resolveWebSocketSettings(input: WebSocketSettingsInput): ResolvedWebSocketSettings {
    const weakenings: Weakening[] = [];
    const weaken = (rule: string, setting: string, detail: string) => weakenings.push({ rule, setting, detail });
    const common = resolveCommon(input, baseline.alarms.websocket, "v2-route-authorization", weakenings);
    const connectAuthorization = input.connectAuthorization ?? "default";
    if (connectAuthorization === "none") {
        weaken("v2-route-authorization", "connect.authorization", "is \"none\": anyone can open a connection");
    }
    const logging = { ...baseline.websocketRouteLogging, ...definedOnly(input.logging ?? {}) } as Required<WebSocketLoggingSettings>;
    if (logging.loggingLevel === "OFF") {
        weaken("websocket-execution-logging", "logging.loggingLevel", "is OFF: no execution logs");
    }
    if (!logging.detailedMetricsEnabled) {
        weaken("websocket-execution-logging", "logging.detailedMetricsEnabled", "is false: no per-route metrics");
    }
    if (logging.dataTraceEnabled) {
        weaken("data-trace-disabled", "logging.dataTraceEnabled", "is true: full messages, credentials included, are logged");
    }
    return { ...common, connectAuthorization, logging, weakenings };
}

/** A REST component's arguments checked and its settings resolved, before anything is registered; with the web ACL the user chose. */
export function restSettings<W>(component: string, name: string, args: SharedArgsShape & {
    endpointType?: RestSettingsInput["endpointType"]; tracingEnabled?: boolean; requestValidation?: boolean; logging?: StageLoggingSettings; caching?: CachingSettings;
    webAcl?: { args?: WafSettings; existing?: W; enabled?: boolean }; cors?: { allowOrigin: string };
}): { settings: ResolvedRestSettings; webAclChoice: { args?: WafSettings; existing?: W } } {
    const shared = checkSharedArgs(component, name, args);
    const webAclChoice = ownedOrExisting(component, name, "webAcl", args.webAcl);
    const settings = resolveRestSettings({
        ...shared,
        endpointType: args.endpointType,
        tracingEnabled: args.tracingEnabled,
        requestValidation: args.requestValidation,
        logging: args.logging,
        caching: args.caching,
        waf: args.webAcl?.enabled === false ? false : webAclChoice.args,
        cors: args.cors ? { allowOrigins: [args.cors.allowOrigin] } : undefined,
        corsSetting: "cors.allowOrigin",
    });
    return { settings, webAclChoice };
}

/** A WebSocket component's arguments checked and its settings resolved, before anything is registered. */
export function webSocketSettings(component: string, name: string, args: Omit<SharedArgsShape, "routes"> & {
    routes: readonly { routeKey: string; handler?: unknown }[]; connect?: { authorization?: RouteAuthorization }; logging?: WebSocketLoggingSettings;
}): ResolvedWebSocketSettings {
    checkWebSocketRoutes(component, name, args.routes);
    return resolveWebSocketSettings({
        ...checkSharedArgs(component, name, { ...args, routes: [] }),
        connectAuthorization: args.connect?.authorization,
        logging: args.logging,
    });
}

/** "$disconnect" → "disconnect", "sendMessage" → "sendmessage": a readable suffix of a WebSocket route's resources. */
export function websocketSlug(routeKey: string): string {
    return routeKey.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "route";
}

/** WebSocket routes as users get them wrong: `$connect` among the routes, a key twice, a route without a handler. */
export function checkWebSocketRoutes(component: string, name: string, routes: readonly { routeKey: string; handler?: unknown }[]): void {
    const seen = new Set<string>();
    for (const route of routes) {
        const where = `${component} "${name}": route "${route.routeKey}"`;
        if (route.routeKey.trim() === "") {
            throw new Error(`${component} "${name}": a route has an empty \`routeKey\`; use $disconnect, $default or an action name`);
        }
        if (route.routeKey === "$connect") {
            throw new Error(`${where}: set \`connect\` (its handler and authorization) instead; $connect is always created, with authorization`);
        }
        if (seen.has(route.routeKey)) {
            throw new Error(`${where} is given twice; each route key is one route`);
        }
        seen.add(route.routeKey);
        const sharing = routes.find((other) => other !== route && other.routeKey !== route.routeKey && websocketSlug(other.routeKey) === websocketSlug(route.routeKey));
        if (sharing || websocketSlug(route.routeKey) === "connect") {
            throw new Error(`${where} and route "${sharing?.routeKey ?? "$connect"}" would share resource names (${websocketSlug(route.routeKey)}); rename one`);
        }
        if (!route.handler) {
            throw new Error(`${where} needs a \`handler\``);
        }
    }
}

/**
 * The shape of the arguments every component family (Pulumi, CDKTF) shares, as far as checking
 * them needs: values stay opaque, so the families' own input types fit.
 */
export interface SharedArgsShape {
    routes?: readonly { method: string; path: string; handler?: unknown; httpBackend?: unknown; authorization?: RouteAuthorization }[];
    tags?: Record<string, unknown>;
    domain?: { args?: { domainName: string; securityPolicy?: string; certificate: { args?: unknown; existing?: unknown } }; existing?: unknown };
    accessLogs?: { args?: { retentionInDays?: number; kmsKey?: { args?: unknown; existing?: unknown } }; existing?: unknown };
    throttling?: Partial<ThrottleSettings>;
    alarms?: AlarmSettings;
    disableExecuteApiEndpoint?: boolean;
    authorizer?: object;
}

/** Checks the arguments both components share and returns them as settings input: mistakes fail before any registration. */
export function checkSharedArgs(component: string, name: string, args: SharedArgsShape): CommonSettingsInput {
    checkRoutes(component, name, args.routes ?? []);
    const domain = ownedOrExisting(component, name, "domain", args.domain);
    if (domain.args) {
        const certificate = ownedOrExisting(component, name, "domain.args.certificate", domain.args.certificate);
        if (!certificate.args && !certificate.existing) {
            throw new Error(`${component} "${name}": \`domain.args.certificate\` needs \`existing\` (an ACM certificate ARN) or \`args\``);
        }
    }
    const accessLogs = ownedOrExisting(component, name, "accessLogs", args.accessLogs);
    ownedOrExisting(component, name, "accessLogs.args.kmsKey", accessLogs.args?.kmsKey);
    const lambdaAuthorizer = (args.authorizer as { lambda?: { resultTtlSeconds?: number } } | undefined)?.lambda;
    return {
        routes: args.routes ?? [],
        throttling: args.throttling,
        logs: { retentionInDays: accessLogs.args?.retentionInDays },
        alarms: args.alarms,
        domain: domain.args ? { domainName: domain.args.domainName, securityPolicy: domain.args.securityPolicy } : undefined,
        hasDomain: args.domain !== undefined,
        disableExecuteApiEndpoint: args.disableExecuteApiEndpoint,
        authorizerResultTtlSeconds: lambdaAuthorizer?.resultTtlSeconds,
        tags: args.tags,
    };
}

/** The methods a route may have: API Gateway's, and ANY. */
export const ROUTE_METHODS: readonly string[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"];

/** Routes as users get them wrong: an unknown method, a path without its leading slash, the same route twice. */
function checkRoutes(component: string, name: string, routes: NonNullable<SharedArgsShape["routes"]>): void {
    const seen = new Set<string>();
    for (const route of routes) {
        const where = `${component} "${name}": route "${route.method} ${route.path}"`;
        const method = route.method.toUpperCase();
        if (!ROUTE_METHODS.includes(method)) {
            throw new Error(`${where}: \`${route.method}\` is not an HTTP method; use one of ${ROUTE_METHODS.join(", ")}`);
        }
        if (route.path !== "$default" && !route.path.startsWith("/")) {
            throw new Error(`${where}: the path must start with "/" (\`/${route.path}\`)`);
        }
        const key = `${method} ${route.path}`;
        if (seen.has(key)) {
            throw new Error(`${where} is given twice; each method and path is one route`);
        }
        seen.add(key);
        if (!route.handler === !route.httpBackend) {
            throw new Error(`${where} needs exactly one of \`handler\` or \`httpBackend\``);
        }
    }
}
/** `{ args?, existing? }`: which one the user chose, refusing both at once. */
export function ownedOrExisting<A, E>(component: string, name: string, field: string, choice: { args?: A; existing?: E } | undefined): { args?: A; existing?: E } {
    if (choice?.args !== undefined && choice.existing !== undefined) {
        throw new Error(`${component} "${name}": \`${field}\` takes either \`args\` (create one) or \`existing\` (bring your own), not both`);
    }
    return choice ?? {};
}

/** "GET /orders/{id}" → "get-orders-id": a stable, readable suffix for child resource names. */
export function routeSlug(method: string, path: string): string {
    const slug = `${method} ${path}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return slug || "root";
}

/** The execute-api ARN suffix that scopes a Lambda permission to one route: any stage, this method, this path. */
export function routeArnSuffix(method: string, path: string): string {
    const verb = method.toUpperCase() === "ANY" ? "*" : method.toUpperCase();
    return `/*/${verb}${path.startsWith("/") ? path : `/${path}`}`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type ComponentName = "SecureRestApi" | "SecureHttpApi" | "SecureWebSocketApi";

export interface DocumentedDefault {
    /** The argument that overrides it. */
    argument: string;
    components: readonly ComponentName[];
    /** The default, in words or as its value. */
    value: string;
    /** Rules the default satisfies (and that an override weakening it trips). */
    rules: readonly string[];
}

const ALL: readonly ComponentName[] = ["SecureRestApi", "SecureHttpApi", "SecureWebSocketApi"];
const BOTH: readonly ComponentName[] = ["SecureRestApi", "SecureHttpApi"];
const REST: readonly ComponentName[] = ["SecureRestApi"];
const WEBSOCKET: readonly ComponentName[] = ["SecureWebSocketApi"];

/** The components' security defaults and the rules they satisfy: the README's table is generated from this. */
export const DOCUMENTED_DEFAULTS: readonly DocumentedDefault[] = [
    { argument: "routes[].authorization", components: REST, value: "the API's authorizer (Cognito or Lambda), else AWS_IAM; `\"none\"` is a visible opt-out", rules: ["rest-method-authorization"] },
    { argument: "routes[].authorization", components: ["SecureHttpApi"], value: "the API's authorizer (JWT or Lambda), else AWS_IAM; `\"none\"` is a visible opt-out", rules: ["v2-route-authorization"] },
    { argument: "connect.authorization", components: WEBSOCKET, value: "the API's Lambda REQUEST authorizer, else AWS_IAM; `$connect` always exists; `\"none\"` is a visible opt-out", rules: ["v2-route-authorization"] },
    { argument: "authorizer.lambda.resultTtlSeconds", components: BOTH, value: String(baseline.authorizerResultTtlSeconds), rules: ["authorizer-cache-ttl"] },
    { argument: "requestValidation", components: REST, value: "body and parameters validated on every method", rules: ["rest-request-validation"] },
    { argument: "endpointType", components: REST, value: baseline.endpointType, rules: ["endpoint-type-allowed"] },
    { argument: "accessLogs", components: ALL, value: `a log group created for the stage, JSON format, ${baseline.logRetentionDays} days (\`kmsKey\` optional)`, rules: ["stage-access-logging", "access-log-group"] },
    { argument: "logging", components: REST, value: `\`*/*\` MethodSettings: ${baseline.methodSettings.loggingLevel} logs, metrics on, data trace off`, rules: ["rest-execution-logging", "data-trace-disabled"] },
    { argument: "logging", components: WEBSOCKET, value: `default route settings: ${baseline.websocketRouteLogging.loggingLevel} logs, detailed metrics on, data trace off`, rules: ["websocket-execution-logging", "data-trace-disabled"] },
    { argument: "tracingEnabled", components: REST, value: String(baseline.tracingEnabled), rules: ["rest-stage-xray"] },
    { argument: "throttling", components: ALL, value: `burst ${baseline.throttling.burstLimit}, rate ${baseline.throttling.rateLimit} (both always set)`, rules: ["stage-throttling"] },
    { argument: "caching", components: REST, value: "off; when on, encrypted", rules: ["cache-encryption"] },
    { argument: "webAcl", components: REST, value: `a web ACL with ${baseline.waf.managedRuleGroups.join(", ")} and a per-address rate limit of ${baseline.waf.rateLimit}, logged`, rules: ["rest-stage-waf", "waf-web-acl-rules", "waf-rate-based-rule", "waf-logging"] },
    { argument: "domain.args.securityPolicy", components: ALL, value: baseline.securityPolicy, rules: ["custom-domain-tls"] },
    { argument: "domain.args.certificate", components: ALL, value: "`{ args: {} }` requests a certificate for the exact name, transparency logging on", rules: ["acm-certificate"] },
    { argument: "disableExecuteApiEndpoint", components: ALL, value: "true whenever a domain is mapped", rules: ["execute-api-endpoint-disabled"] },
    { argument: "cors", components: BOTH, value: "none; when given, explicit origins (REST: OPTIONS answered by MOCK integrations)", rules: ["cors-allowed-origins"] },
    { argument: "usagePlans", components: REST, value: `throttle ${baseline.usagePlan.throttle.burstLimit}/${baseline.usagePlan.throttle.rateLimit}, quota ${baseline.usagePlan.quota.limit} per ${baseline.usagePlan.quota.period.toLowerCase()}; key values generated and secret`, rules: ["usage-plan-limits", "api-key-not-hardcoded"] },
    { argument: "alarms", components: ALL, value: "alarms on 5XX, 4XX and latency (WebSocket: execution, integration and client errors)", rules: ["stage-alarms"] },
    { argument: "routes[].handler", components: ALL, value: "one Lambda permission per route, scoped to its method and path (WebSocket: its route key)", rules: ["lambda-permission-scoped"] },
    { argument: "routes[].httpBackend", components: REST, value: "the stage presents a client certificate to HTTP backends", rules: ["stage-client-certificate"] },
];
