/**
 * The endpoint inventory: every endpoint of every API in a graph (REST method + path, HTTP route
 * key, WebSocket route key), declared or derived from a body or quick create, with what protects
 * it — authorization, API key, throttling, WAF, logging, exposure — and the rules failing on it.
 */
import type { Result } from "./evaluate";
import type { Graph } from "./graph";
import { addToGroup, inGroups } from "./groups";
import { apiKindOf, integrationOfMethod, methodPath, methodSettingsOfStage, restApiOf, v2ApiOf } from "./links";
import type { Resource } from "./resource";
import { T } from "./types";
import { asBoolean, asList, asNumber, isPlainObject, isUnknown, peek } from "./values";

export type ApiKind = "REST" | "HTTP" | "WEBSOCKET" | "unknown";

export interface InventoryEndpoint {
    /** The API's identity (URN or Terraform address), name, type and where it is written. */
    readonly api: { readonly id: string; readonly name: string; readonly type: string; readonly file: string | null; readonly line: number | null };
    readonly kind: ApiKind;
    /** `POST /orders`, `$default`, `$connect`. */
    readonly endpoint: string;
    /** declared: a Method or Route resource; openapi: the API's body; quick-create: the API's target. */
    readonly source: "declared" | "openapi" | "quick-create";
    readonly stages: readonly string[];
    /** NONE, AWS_IAM, COGNITO_USER_POOLS, CUSTOM, JWT, or "unknown until apply". */
    readonly authorization: string;
    readonly authorizer: string | null;
    /** An `OPTIONS` method answered by a MOCK integration: browsers' CORS preflight, unauthenticated by design. */
    readonly corsPreflight: boolean;
    readonly apiKeyRequired: boolean | null;
    /** Effective throttling per stage and usage plan, e.g. `prod: 100 burst, 50/s (stage)`. */
    readonly throttling: readonly string[];
    /** The web ACLs protecting its stages; null where WAF cannot apply (HTTP and WebSocket APIs). */
    readonly waf: readonly string[] | null;
    /** The stages that write access logs, of `stages`. */
    readonly accessLogging: readonly string[];
    readonly exposure: "public" | "private";
    /** Rule ids with an unwaived violation on this endpoint. */
    readonly failingRules: readonly string[];
    /** Rule ids that cannot verify this endpoint until more is known. */
    readonly unverifiedRules: readonly string[];
}

const UNKNOWN_TEXT = "unknown until apply";

function text(value: unknown): string | null {
    if (isUnknown(value)) {
        return UNKNOWN_TEXT;
    }
    return typeof value === "string" && value !== "" ? value : null;
}

function kindOf(api: Resource | undefined): ApiKind {
    return (api && apiKindOf(api)) ?? "unknown";
}

function stagesOf(graph: Graph, api: Resource): Resource[] {
    return api.type === T.RestApi ? [...graph.referrers(api, T.Stage, "restApi")] : [...graph.referrers(api, T.V2Stage, "apiId")];
}

function stageName(stage: Resource): string {
    return text(peek(stage.props, stage.type === T.Stage ? "stageName" : "name")) ?? stage.name;
}

/** Stage and route settings say `throttlingBurstLimit`; usage plans' `throttleSettings` say `burstLimit`. */
function limits(settings: unknown): string | null {
    const burst = asNumber(peek(settings, "throttlingBurstLimit")) ?? asNumber(peek(settings, "burstLimit"));
    const rate = asNumber(peek(settings, "throttlingRateLimit")) ?? asNumber(peek(settings, "rateLimit"));
    if (burst === undefined && rate === undefined) {
        return null;
    }
    return `${burst ?? "no"} burst, ${rate ?? "no"}/s`;
}

/** `orders/GET` style method paths of REST MethodSettings: the path without its leading slash, then the method. */
function restMethodPath(path: string, method: string): string {
    return `${path.replace(/^\//, "")}/${method}`;
}

function throttlingOf(graph: Graph, stages: readonly Resource[], usagePlans: readonly string[], endpoint: { method?: string; path?: string; routeKey?: string }): string[] {
    const out: string[] = [];
    for (const stage of stages) {
        const name = stageName(stage);
        if (stage.type === T.Stage) {
            const { linked } = methodSettingsOfStage(graph, stage);
            const own = endpoint.path && endpoint.method
                ? linked.find((settings) => peek(settings.props, "methodPath") === restMethodPath(endpoint.path!, endpoint.method!))
                : undefined;
            const wide = linked.find((settings) => peek(settings.props, "methodPath") === "*/*");
            const chosen = own ?? wide;
            const value = chosen ? limits(peek(chosen.props, "settings")) : null;
            out.push(`${name}: ${value ?? "none"}${value ? (own ? " (method)" : " (stage)") : ""}`);
        } else {
            const routes = asList(peek(stage.props, "routeSettings"));
            const route = routes.find((settings) => isPlainObject(settings) && settings["routeKey"] === endpoint.routeKey);
            const routeLimits = route ? limits(route) : null;
            const stageLimits = limits(peek(stage.props, "defaultRouteSettings"));
            out.push(`${name}: ${routeLimits ? `${routeLimits} (route)` : stageLimits ? `${stageLimits} (stage)` : "none"}`);
        }
    }
    out.push(...usagePlans);
    return out;
}

/** Per graph: the positions of the usage plans among the graph's, by the API they meter (its identity, or `id:` and its ID). */
const usagePlanIndexes = new WeakMap<Graph, Map<string, number[]>>();

/** The usage plans that meter an API, as `usage plan <name>: <limits>`, in the graph's order; indexed once, not searched per API. */
function usagePlansOf(graph: Graph, api: Resource): string[] {
    if (api.type !== T.RestApi) {
        return [];
    }
    const plans = graph.ofType(T.UsagePlan);
    let index = usagePlanIndexes.get(graph);
    if (!index) {
        index = new Map();
        plans.forEach((plan, position) => {
            const keys = new Set(graph.refs(plan, "apiStages", [T.RestApi]).map((target) => target.id));
            for (const item of asList(peek(plan.props, "apiStages"))) {
                const apiId = peek(item, "apiId");
                if (typeof apiId === "string") {
                    keys.add(`id:${apiId}`);
                }
            }
            keys.forEach((key) => addToGroup(index!, key, position));
        });
        usagePlanIndexes.set(graph, index);
    }
    const id = peek(api.props, "id");
    const positions = inGroups(index, typeof id === "string" ? [api.id, `id:${id}`] : [api.id]);
    return [...positions].sort((a, b) => a - b).map((position) => {
        const plan = plans[position];
        return `usage plan ${text(peek(plan.props, "name")) ?? plan.name}: ${limits(peek(plan.props, "throttleSettings")) ?? "none"}`;
    });
}

function wafOf(graph: Graph, api: Resource, stages: readonly Resource[]): string[] | null {
    if (api.type !== T.RestApi) {
        return null;
    }
    const acls = new Set<string>();
    for (const stage of stages) {
        for (const association of graph.referrers(stage, T.WebAclAssociation, "resourceArn")) {
            for (const acl of graph.refs(association, "webAclArn", [T.WebAcl])) {
                acls.add(text(peek(acl.props, "name")) ?? acl.name);
            }
        }
    }
    return [...acls];
}

function loggedStages(stages: readonly Resource[]): string[] {
    return stages.filter((stage) => {
        const destination = peek(stage.props, "accessLogSettings.destinationArn");
        return isUnknown(destination) || (typeof destination === "string" && destination !== "");
    }).map(stageName);
}

function exposureOf(api: Resource): "public" | "private" {
    const types = asList(peek(api.props, "endpointConfiguration.types"));
    return types.some((type) => typeof type === "string" && type.toUpperCase() === "PRIVATE") ? "private" : "public";
}

function authorizerName(graph: Graph, subject: Resource, types: readonly string[]): string | null {
    if (subject.props["authorizerId"] === undefined && subject.refs["authorizerId"] === undefined) {
        return null;
    }
    const authorizer = graph.refs(subject, "authorizerId", types)[0];
    if (authorizer) {
        return text(peek(authorizer.props, "name")) ?? authorizer.name;
    }
    return text(peek(subject.props, "authorizerId"));
}

const ENDPOINT_TYPES: ReadonlySet<string> = new Set([T.Method, T.V2Route, T.V2Api]);

/** Findings by the canonical resource they judged, and by host and endpoint. */
function indexResults(results: readonly Result[]): (subject: Resource, host: Resource, endpoint: string) => { readonly failing: readonly string[]; readonly unverified: readonly string[] } {
    const byResource = new Map<Resource, Result[]>();
    for (const result of results) {
        const about = result.about ?? result.resource;
        // Only findings about an endpoint count: methods, routes, and an API's own (WebSocket `$connect`, OpenAPI operations).
        if (about && (ENDPOINT_TYPES.has(about.type) || result.endpoint !== undefined)) {
            const list = byResource.get(about);
            if (list) {
                list.push(result);
            } else {
                byResource.set(about, [result]);
            }
        }
    }
    const none = { failing: [] as string[], unverified: [] as string[] };
    return (subject, host, endpoint) => {
        const own = byResource.get(subject);
        const onHost = host === subject ? undefined : byResource.get(host);
        if (!own && !onHost) {
            return none;
        }
        const related = [...(own ?? []), ...(onHost ?? []).filter((result) => result.endpoint === endpoint)];
        const failing = new Set<string>();
        const unverified = new Set<string>();
        for (const result of related) {
            if (result.kind === "violation" && !result.waived) {
                failing.add(result.ruleId);
            } else if (result.kind === "unverifiable") {
                unverified.add(result.ruleId);
            }
        }
        return { failing: [...failing].sort(), unverified: [...unverified].sort() };
    };
}

/**
 * Every endpoint of every API in the graph. `results` are the evaluation's findings over the same
 * graph (Evaluator.evaluateAll), which give each endpoint its failing rules.
 */
interface ApiFacts {
    readonly stages: Resource[];
    readonly stageNames: string[];
    readonly waf: string[] | null;
    readonly accessLogging: string[];
    readonly exposure: "public" | "private";
    readonly usagePlans: string[];
}

export function endpointInventory(graph: Graph, results: readonly Result[] = []): InventoryEndpoint[] {
    const findingsOf = indexResults(results);
    const out: InventoryEndpoint[] = [];
    const described = new Map<Resource, InventoryEndpoint["api"]>();
    const describeApi = (api: Resource | undefined, fallback: Resource) => {
        const host = api?.derived?.host ?? api ?? fallback.derived?.host ?? fallback;
        let description = described.get(host);
        if (!description) {
            description = { id: host.id, name: host.name, type: host.type, file: host.origin.file ?? null, line: host.origin.line ?? null };
            described.set(host, description);
        }
        return description;
    };
    // What every endpoint of an API shares is read once per API.
    const factsByApi = new Map<Resource, ApiFacts>();
    const factsOf = (api: Resource | undefined): ApiFacts => {
        if (!api) {
            return { stages: [], stageNames: [], waf: [], accessLogging: [], exposure: "public", usagePlans: [] };
        }
        let facts = factsByApi.get(api);
        if (!facts) {
            const stages = stagesOf(graph, api);
            facts = {
                stages, stageNames: stages.map(stageName), waf: wafOf(graph, api, stages), accessLogging: loggedStages(stages),
                exposure: exposureOf(api), usagePlans: usagePlansOf(graph, api),
            };
            factsByApi.set(api, facts);
        }
        return facts;
    };
    for (const method of graph.ofType(T.Method)) {
        const api = restApiOf(graph, method);
        const httpMethod = text(peek(method.props, "httpMethod")) ?? "?";
        const path = method.derived?.opaque ? null : methodPath(graph, method);
        const endpoint = method.derived?.opaque ? "(operations unknown until apply)" : `${httpMethod} ${path && !isUnknown(path) ? path : "?"}`;
        const facts = factsOf(api);
        const stages = facts.stages;
        const host = method.derived?.host ?? method;
        const { failing, unverified } = findingsOf(method, host, endpoint);
        out.push({
            api: describeApi(api, method),
            kind: "REST",
            endpoint,
            source: method.derived ? "openapi" : "declared",
            stages: facts.stageNames,
            authorization: method.derived?.opaque ? UNKNOWN_TEXT : text(peek(method.props, "authorization")) ?? "NONE",
            authorizer: authorizerName(graph, method, [T.Authorizer]),
            corsPreflight: httpMethod.toUpperCase() === "OPTIONS" && isMockIntegration(graph, method),
            apiKeyRequired: method.derived?.opaque ? null : asBoolean(peek(method.props, "apiKeyRequired")) === true,
            throttling: api ? throttlingOf(graph, stages, facts.usagePlans, { method: httpMethod, path: path ?? undefined }) : [],
            waf: facts.waf,
            accessLogging: facts.accessLogging,
            exposure: facts.exposure,
            failingRules: failing,
            unverifiedRules: unverified,
        });
    }
    for (const route of graph.ofType(T.V2Route)) {
        const api = v2ApiOf(graph, route);
        const routeKey = route.derived?.opaque ? "(routes unknown until apply)" : text(peek(route.props, "routeKey")) ?? "?";
        const facts = factsOf(api);
        const stages = facts.stages;
        const host = route.derived?.host ?? route;
        const { failing, unverified } = findingsOf(route, host, routeKey);
        const kind = kindOf(api);
        let authorization = route.derived?.opaque ? UNKNOWN_TEXT : text(peek(route.props, "authorizationType")) ?? "NONE";
        if (kind === "WEBSOCKET" && routeKey !== "$connect" && api) {
            // Only `$connect` can be authorized; every other route runs inside the connection it admitted.
            const connect = graph.referrers(api, T.V2Route, "apiId").find((candidate) => peek(candidate.props, "routeKey") === "$connect");
            authorization = `${connect ? text(peek(connect.props, "authorizationType")) ?? "NONE" : "NONE"} (via $connect)`;
        }
        out.push({
            api: describeApi(api, route),
            kind: kind === "unknown" && routeKey.includes(" ") ? "HTTP" : kind,
            endpoint: routeKey,
            source: route.derived?.source === "quick-create" ? "quick-create" : route.derived ? "openapi" : "declared",
            stages: facts.stageNames,
            authorization,
            authorizer: authorizerName(graph, route, [T.V2Authorizer]),
            corsPreflight: false,
            apiKeyRequired: route.derived?.opaque ? null : asBoolean(peek(route.props, "apiKeyRequired")) === true,
            throttling: api ? throttlingOf(graph, stages, facts.usagePlans, { routeKey }) : [],
            waf: null,
            accessLogging: facts.accessLogging,
            exposure: "public",
            failingRules: failing,
            unverifiedRules: unverified,
        });
    }
    // A WebSocket API without a `$connect` route still has that endpoint: anyone can connect to it.
    for (const api of graph.ofType(T.V2Api)) {
        if (kindOf(api) === "WEBSOCKET" && !graph.referrers(api, T.V2Route, "apiId").some((route) => peek(route.props, "routeKey") === "$connect")) {
            const stages = stagesOf(graph, api);
            const { failing, unverified } = findingsOf(api, api, "$connect");
            out.push({
                api: describeApi(api, api), kind: "WEBSOCKET", endpoint: "$connect (no route)", source: "declared",
                stages: stages.map(stageName), authorization: "NONE", authorizer: null, corsPreflight: false, apiKeyRequired: false,
                throttling: throttlingOf(graph, stages, [], { routeKey: "$connect" }), waf: null,
                accessLogging: loggedStages(stages), exposure: "public", failingRules: failing, unverifiedRules: unverified,
            });
        }
    }
    return out.sort((a, b) => (a.api.id < b.api.id ? -1 : a.api.id > b.api.id ? 1 : a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
}

function isMockIntegration(graph: Graph, method: Resource): boolean {
    const type = peek(integrationOfMethod(graph, method)?.props, "type");
    return typeof type === "string" && type.toUpperCase() === "MOCK";
}

/** True when the endpoint lets a caller in without proving who they are (an API key is not proof); CORS preflights are not counted. */
export function isUnauthenticated(endpoint: InventoryEndpoint): boolean {
    return /^NONE\b/i.test(endpoint.authorization) && !endpoint.corsPreflight;
}
