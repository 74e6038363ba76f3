import type { Graph } from "./graph";
import { addToGroup } from "./groups";
import type { Resource } from "./resource";
import { T } from "./types";
import { isPlainObject, isUnknown, peek, UNKNOWN } from "./values";

/**
 * Cross-resource links the rules share. Each answers from explicit references first (valid
 * during a preview) and from known identifiers second.
 */

export function restApiOf(graph: Graph, resource: Resource, prop = "restApi"): Resource | undefined {
    return graph.refs(resource, prop, [T.RestApi])[0];
}

export function v2ApiOf(graph: Graph, resource: Resource): Resource | undefined {
    return graph.refs(resource, "apiId", [T.V2Api])[0];
}

/** The API a stage (v1 or v2) belongs to. */
export function apiOfStage(graph: Graph, stage: Resource): Resource | undefined {
    return stage.type === T.V2Stage ? v2ApiOf(graph, stage) : restApiOf(graph, stage);
}

/** HTTP, WEBSOCKET, or undefined when the API is outside the stack; UNKNOWN during a preview. */
export function protocolOf(api: Resource | undefined): string | undefined {
    const protocol = api ? peek(api.props, "protocolType") : undefined;
    if (isUnknown(protocol)) {
        return protocol as string;
    }
    return typeof protocol === "string" ? protocol.toUpperCase() : undefined;
}

/** REST for a REST API; HTTP or WEBSOCKET for a v2 API that says so; undefined otherwise (unset, or not known yet). */
export function apiKindOf(api: Resource): "REST" | "HTTP" | "WEBSOCKET" | undefined {
    if (api.type === T.RestApi) {
        return "REST";
    }
    const protocol = peek(api.props, "protocolType");
    return protocol === "HTTP" || protocol === "WEBSOCKET" ? protocol : undefined;
}

export interface StageLinks {
    /** MethodSettings that apply to the stage. */
    readonly linked: readonly Resource[];
    /** MethodSettings of the same API whose stage cannot be decided until apply. */
    readonly undecided: readonly Resource[];
}

/**
 * The MethodSettings of a REST stage. A MethodSettings names its stage by `stageName`; it
 * belongs to the stage when it references the stage itself, or when both reference the same
 * REST API and the stage names are equal.
 */
export function methodSettingsOfStage(graph: Graph, stage: Resource): StageLinks {
    // Several rules ask about every stage; a graph does not change while it is evaluated.
    let byStage = stageLinksByGraph.get(graph);
    if (!byStage) {
        byStage = new WeakMap();
        stageLinksByGraph.set(graph, byStage);
    }
    let links = byStage.get(stage);
    if (!links) {
        links = findMethodSettingsOfStage(graph, stage);
        byStage.set(stage, links);
    }
    return links;
}

const stageLinksByGraph = new WeakMap<Graph, WeakMap<Resource, StageLinks>>();

function findMethodSettingsOfStage(graph: Graph, stage: Resource): StageLinks {
    const linked: Resource[] = [...graph.referrers(stage, T.MethodSettings, "stageName")];
    const undecided: Resource[] = [];
    const api = restApiOf(graph, stage);
    const candidates = api
        ? graph.referrers(api, T.MethodSettings, "restApi")
        : sameRawRestApi(graph, stage);
    const stageName = peek(stage.props, "stageName");
    for (const settings of candidates) {
        if (linked.includes(settings)) {
            continue;
        }
        // A MethodSettings that explicitly references another stage is not ours.
        if ((settings.refs["stageName"] ?? []).some((id) => graph.get(id)?.type === T.Stage)) {
            continue;
        }
        const name = peek(settings.props, "stageName");
        if (isUnknown(name) || isUnknown(stageName)) {
            undecided.push(settings);
        } else if (typeof name === "string" && name === stageName) {
            linked.push(settings);
        }
    }
    return { linked, undecided };
}

/**
 * Whether a MethodSettings applies (or may apply, its stage undecided) to a stage of the graph;
 * false when its stage is not in the input, so no stage's check will ever look at it.
 */
export function methodSettingsHasStage(graph: Graph, settings: Resource): boolean {
    let claimed = claimedSettingsByGraph.get(graph);
    if (!claimed) {
        claimed = new Set();
        for (const stage of graph.ofType(T.Stage)) {
            const { linked, undecided } = methodSettingsOfStage(graph, stage);
            linked.forEach((each) => claimed!.add(each));
            undecided.forEach((each) => claimed!.add(each));
        }
        claimedSettingsByGraph.set(graph, claimed);
    }
    return claimed.has(settings);
}

const claimedSettingsByGraph = new WeakMap<Graph, Set<Resource>>();

/** Per graph: MethodSettings by their literal `restApi`, built once. */
const settingsByLiteralApi = new WeakMap<Graph, Map<string, Resource[]>>();

/** MethodSettings whose literal `restApi` equals the stage's, for APIs defined outside the stack. */
function sameRawRestApi(graph: Graph, stage: Resource): readonly Resource[] {
    const apiId = peek(stage.props, "restApi");
    if (typeof apiId !== "string" || isUnknown(apiId)) {
        return [];
    }
    let index = settingsByLiteralApi.get(graph);
    if (!index) {
        index = new Map();
        for (const settings of graph.ofType(T.MethodSettings)) {
            const literal = peek(settings.props, "restApi");
            if (typeof literal === "string" && !isUnknown(literal)) {
                addToGroup(index, literal, settings);
            }
        }
        settingsByLiteralApi.set(graph, index);
    }
    return index.get(apiId) ?? [];
}

/** The stage-wide method path (every resource, every method); any other path overrides one method. */
export const ALL_METHODS_PATH = "*/*";

/**
 * The stage-wide MethodSettings of a REST stage, or why there is none: `undecided` when settings
 * of the API name their stage with a value not known yet, `pathUnknown` when settings of this
 * stage have a `methodPath` not known yet (either may be the stage-wide one).
 */
export function stageWideSettings(graph: Graph, stage: Resource): { settings?: Resource; undecided: boolean; pathUnknown?: Resource } {
    const { linked, undecided } = methodSettingsOfStage(graph, stage);
    const settings = linked.find((candidate) => peek(candidate.props, "methodPath") === ALL_METHODS_PATH);
    const pathUnknown = settings ? undefined : linked.find((candidate) => isUnknown(peek(candidate.props, "methodPath")));
    return { settings, undecided: !settings && undecided.length > 0, pathUnknown };
}

/**
 * The path of a REST API resource ("/orders/{id}"), from its `path` output when known, else by
 * following `parentId` up to the API root through `pathPart`s (the only way during a preview).
 * UNKNOWN when a step cannot be known; undefined when the chain leaves the stack.
 */
export function restResourcePath(graph: Graph, resource: Resource, depth = 0): string | undefined {
    if (resource.type === T.RestApi) {
        return "/";
    }
    const known = peek(resource.props, "path");
    if (typeof known === "string" && !isUnknown(known)) {
        return known;
    }
    const part = peek(resource.props, "pathPart");
    if (isUnknown(part) || typeof part !== "string" || depth > 64) {
        return isUnknown(part) ? UNKNOWN : undefined;
    }
    const parent = graph.refs(resource, "parentId", [T.Resource, T.RestApi])[0];
    const parentPath = parent ? restResourcePath(graph, parent, depth + 1) : undefined;
    if (parentPath === undefined || isUnknown(parentPath)) {
        return parentPath;
    }
    return parentPath === "/" ? `/${part}` : `${parentPath}/${part}`;
}

/** The path of the resource a REST method is attached to. */
export function methodPath(graph: Graph, method: Resource): string | undefined {
    const target = graph.refs(method, "resourceId", [T.Resource, T.RestApi])[0];
    return target ? restResourcePath(graph, target) : undefined;
}

/** The integration of a REST method: same API, same resource, same HTTP method. */
export function integrationOfMethod(graph: Graph, method: Resource): Resource | undefined {
    const api = restApiOf(graph, method);
    const httpMethod = peek(method.props, "httpMethod");
    const resourceIds = method.refs["resourceId"] ?? [];
    const resourceId = peek(method.props, "resourceId");
    const candidates = api ? graph.referrers(api, T.Integration, "restApi") : graph.ofType(T.Integration);
    return candidates.find((integration) => {
        if (peek(integration.props, "httpMethod") !== httpMethod && !(integration.refs["httpMethod"] ?? []).includes(method.id)) {
            return false;
        }
        const targets = integration.refs["resourceId"] ?? [];
        if (targets.length > 0 && resourceIds.length > 0) {
            return targets.some((id) => resourceIds.includes(id));
        }
        const value = peek(integration.props, "resourceId");
        return typeof value === "string" && !isUnknown(value) && value === resourceId;
    });
}

/** The stages a web ACL protects, through WebAclAssociations. */
export function stagesProtectedBy(graph: Graph, acl: Resource): Resource[] {
    const stages: Resource[] = [];
    for (const association of graph.referrers(acl, T.WebAclAssociation, "webAclArn")) {
        for (const stage of graph.refs(association, "resourceArn", [T.Stage])) {
            if (!stages.includes(stage)) {
                stages.push(stage);
            }
        }
    }
    return stages;
}

/** The custom domains an API is mapped to (BasePathMapping for REST, ApiMapping for v2). */
export function domainMappingsOf(graph: Graph, api: Resource): Resource[] {
    return api.type === T.RestApi
        ? [...graph.referrers(api, T.BasePathMapping, "restApi")]
        : [...graph.referrers(api, T.V2ApiMapping, "apiId")];
}

/** The authorizers that use a Cognito user pool (REST provider ARNs, v2 JWT issuers). */
export function authorizersUsingUserPool(graph: Graph, pool: Resource): Resource[] {
    const users = [...graph.referrers(pool, T.Authorizer, "providerArns"), ...graph.referrers(pool, T.V2Authorizer, "jwtConfiguration")];
    const endpoint = peek(pool.props, "endpoint");
    if (typeof endpoint === "string" && !isUnknown(endpoint)) {
        for (const authorizer of graph.ofType(T.V2Authorizer)) {
            if (!users.includes(authorizer) && peek(authorizer.props, "jwtConfiguration.issuer") === `https://${endpoint}`) {
                users.push(authorizer);
            }
        }
    }
    return users;
}

/** Tags as a plain record (absent or unknown tags are empty). */
export function tagsOf(resource: Resource): Record<string, unknown> {
    const tags = peek(resource.props, "tags");
    return isPlainObject(tags) ? tags : {};
}

