import type { Graph } from "./graph";
import type { Resource } from "./resource";
import { T } from "./types";
import { isUnknown, peek } from "./values";

/**
 * Cross-resource links the rules share. Each answers from explicit references first (valid
 * during a preview) and from known identifiers second.
 */

export function restApiOf(graph: Graph, resource: Resource): Resource | undefined {
    return graph.refs(resource, "restApi", [T.RestApi])[0];
}

export function v2ApiOf(graph: Graph, resource: Resource): Resource | undefined {
    return graph.refs(resource, "apiId", [T.V2Api])[0];
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
                index.set(literal, [...(index.get(literal) ?? []), settings]);
            }
        }
        settingsByLiteralApi.set(graph, index);
    }
    return index.get(apiId) ?? [];
}

/** The stage-wide method path (every resource, every method); any other path overrides one method. */
export const ALL_METHODS_PATH = "*/*";
