import type { Graph } from "../../engine/graph";
import { addToGroup, inGroups } from "../../engine/groups";
import { apiOfStage, protocolOf } from "../../engine/links";
import { lit, msg } from "../../engine/message";
import type { Resource } from "../../engine/resource";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { isPlainObject, isUnknown, peek } from "../../engine/values";

interface Config {
    restMetrics: string[];
    httpMetrics: string[];
    websocketMetrics: string[];
}

/** Per graph: API Gateway alarms by the keys they are found by (alarmKeys), built once. */
const alarmIndexes = new WeakMap<Graph, Map<string, Resource[]>>();

/** Alarms whose namespace, metric or stage dimension is not known yet: any of them may watch a stage. */
interface UndecidedAlarms {
    readonly list: readonly Resource[];
    /** The position of the first that may watch any stage (its stage dimension is not known), or -1. */
    readonly firstForAnyStage: number;
    /** Positions, in order, of those whose dimensions reference a resource, by its id. */
    readonly byReference: ReadonlyMap<string, readonly number[]>;
}

const undecidedAlarms = new WeakMap<Graph, UndecidedAlarms>();

function isUndecided(alarm: Resource): boolean {
    const namespace = peek(alarm.props, "namespace");
    if (namespace !== "AWS/ApiGateway" && !isUnknown(namespace)) {
        return false;
    }
    const dimensions = peek(alarm.props, "dimensions");
    return isUnknown(namespace) || isUnknown(peek(alarm.props, "metricName")) || isUnknown(dimensions)
        || (isPlainObject(dimensions) && isUnknown(dimensions["Stage"]));
}

/** The first undecided alarm that may watch this stage: one referencing it, or one naming no stage that is known. */
function firstUndecidedFor(graph: Graph, stage: Resource): Resource | undefined {
    let undecided = undecidedAlarms.get(graph);
    if (!undecided) {
        const list = graph.ofType(T.MetricAlarm).filter(isUndecided);
        const byReference = new Map<string, number[]>();
        let firstForAnyStage = -1;
        list.forEach((alarm, position) => {
            for (const id of new Set(alarm.refs["dimensions"] ?? [])) {
                addToGroup(byReference, id, position);
            }
            const dimensions = peek(alarm.props, "dimensions");
            if (firstForAnyStage < 0 && (!isPlainObject(dimensions) || typeof dimensions["Stage"] !== "string" || isUnknown(dimensions["Stage"]))) {
                firstForAnyStage = position;
            }
        });
        undecided = { list, firstForAnyStage, byReference };
        undecidedAlarms.set(graph, undecided);
    }
    const referencing = undecided.byReference.get(stage.id)?.[0] ?? -1;
    const first = referencing < 0 ? undecided.firstForAnyStage : undecided.firstForAnyStage < 0 ? referencing : Math.min(referencing, undecided.firstForAnyStage);
    return first < 0 ? undefined : undecided.list[first];
}

/**
 * The keys an alarm is found by: what its dimensions reference, and its stage dimension alone and
 * with its API's name, its API's id or no id. Keyed by stage name alone, a stack whose APIs all
 * have a `prod` stage would check every alarm against every stage.
 */
function alarmKeys(alarm: Resource): string[] {
    const keys = [...new Set(alarm.refs["dimensions"] ?? [])];
    const dimensions = peek(alarm.props, "dimensions");
    if (isPlainObject(dimensions) && typeof dimensions["Stage"] === "string") {
        const stage = dimensions["Stage"];
        keys.push(`stage:${stage}`, typeof dimensions["ApiId"] === "string" ? `stage:${stage}|id:${dimensions["ApiId"]}` : `stage:${stage}|no-id`);
        if (typeof dimensions["ApiName"] === "string") {
            keys.push(`stage:${stage}|name:${dimensions["ApiName"]}`);
        }
    }
    return keys;
}

/** The keys under which the alarms that may watch this stage are found: every alarm watchesStage accepts is under one of them. */
function stageKeys(stage: Resource, api: Resource | undefined): string[] {
    const keys = [stage.id];
    const stageName = peek(stage.props, stage.type === T.Stage ? "stageName" : "name");
    if (typeof stageName !== "string") {
        return keys;
    }
    if (api) {
        keys.push(api.id);
        const name = peek(api.props, "name");
        const id = peek(api.props, "id");
        if (typeof name === "string") {
            keys.push(`stage:${stageName}|name:${name}`);
        }
        if (typeof id === "string") {
            keys.push(`stage:${stageName}|id:${id}`);
        }
        return keys;
    }
    // The API is not in the input: alarms naming no API id, or the stage's own; any alarm of the stage name when the stage names no API.
    const apiId = peek(stage.props, stage.type === T.Stage ? "restApi" : "apiId");
    keys.push(...(typeof apiId === "string" ? [`stage:${stageName}|no-id`, `stage:${stageName}|id:${apiId}`] : [`stage:${stageName}`]));
    return keys;
}

function alarmsUnder(graph: Graph, keys: readonly string[]): Set<Resource> {
    let index = alarmIndexes.get(graph);
    if (!index) {
        index = new Map();
        for (const alarm of graph.ofType(T.MetricAlarm)) {
            if (peek(alarm.props, "namespace") === "AWS/ApiGateway") {
                for (const key of alarmKeys(alarm)) {
                    addToGroup(index, key, alarm);
                }
            }
        }
        alarmIndexes.set(graph, index);
    }
    return inGroups(index, keys);
}

/** True when the alarm watches this stage: it references the stage, or its dimensions name it. */
function watchesStage(alarm: Resource, stage: Resource, api: Resource | undefined): boolean {
    if ((alarm.refs["dimensions"] ?? []).includes(stage.id)) {
        return true;
    }
    const dimensions = peek(alarm.props, "dimensions");
    if (!isPlainObject(dimensions)) {
        return false;
    }
    const stageName = peek(stage.props, stage.type === T.Stage ? "stageName" : "name");
    if (dimensions["Stage"] !== stageName || isUnknown(stageName)) {
        return false;
    }
    if (!api) {
        // The API is not in the input: an alarm naming another API's id is not this stage's.
        const apiId = peek(stage.props, stage.type === T.Stage ? "restApi" : "apiId");
        return typeof dimensions["ApiId"] !== "string" || typeof apiId !== "string" || dimensions["ApiId"] === apiId;
    }
    if ((alarm.refs["dimensions"] ?? []).includes(api.id)) {
        return true;
    }
    return (typeof dimensions["ApiName"] === "string" && dimensions["ApiName"] === peek(api.props, "name"))
        || (typeof dimensions["ApiId"] === "string" && dimensions["ApiId"] === peek(api.props, "id"));
}

export default defineRule<Config>({
    id: "stage-alarms",
    title: "Each stage has alarms on errors and latency",
    description: "Every API stage must have CloudWatch alarms on its error and latency metrics (REST: 5XXError, "
        + "4XXError, Latency; HTTP: 5xx, 4xx, Latency; WebSocket: ExecutionError, IntegrationError, ClientError).",
    rationale: "A spike of 4XX is often the first visible sign of credential stuffing or scraping; 5XX and latency show "
        + "an attack or an outage. Alarms get someone to look while it happens.",
    remediation: "Create an `aws.cloudwatch.MetricAlarm` per metric with `namespace: \"AWS/ApiGateway\"` and the stage's "
        + "dimensions (REST: `ApiName`, `Stage`; v2: `ApiId`, `Stage`).",
    area: "logging",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "stack",
    subjects: [T.Stage, T.V2Stage],
    reads: [T.MetricAlarm, T.RestApi, T.V2Api],
    config: {
        restMetrics: { type: "array", description: "Metrics every REST stage needs an alarm on.", items: { type: "string" }, default: ["5XXError", "4XXError", "Latency"] },
        httpMetrics: { type: "array", description: "Metrics every HTTP API stage needs an alarm on.", items: { type: "string" }, default: ["5xx", "4xx", "Latency"] },
        websocketMetrics: { type: "array", description: "Metrics every WebSocket stage needs an alarm on.", items: { type: "string" }, default: ["ExecutionError", "IntegrationError", "ClientError"] },
    },
    references: {
        controls: ["nobody:stage-alarms"],
        owasp: ["API8:2023", "API4:2023"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/monitoring-cloudwatch.html"],
    },
    check(stage, ctx) {
        const api = apiOfStage(ctx.graph, stage);
        const protocol = stage.type === T.Stage ? "REST" : protocolOf(api);
        if (protocol !== undefined && isUnknown(protocol)) {
            ctx.unverifiable({ resource: api, path: "protocolType", message: "the API's protocol type is not known during preview" });
            return;
        }
        const required = protocol === "REST" ? ctx.config.restMetrics : protocol === "WEBSOCKET" ? ctx.config.websocketMetrics : ctx.config.httpMetrics;
        const watched = new Set<string>();
        for (const alarm of alarmsUnder(ctx.graph, stageKeys(stage, api))) {
            const metric = peek(alarm.props, "metricName");
            if (typeof metric === "string" && watchesStage(alarm, stage, api)) {
                watched.add(metric);
            }
        }
        const missing = required.filter((metric) => !watched.has(metric));
        // A v2 stage whose API is not in the input owes an HTTP API's alarms or a WebSocket API's: which, the input cannot tell.
        const websocket = stage.type === T.V2Stage && !api ? ctx.config.websocketMetrics.filter((metric) => !watched.has(metric)) : undefined;
        if (websocket) {
            if (missing.length === 0 || websocket.length === 0) {
                if (missing.length + websocket.length > 0) {
                    const [kind, owed] = missing.length > 0 ? ["an HTTP", missing] : ["a WebSocket", websocket];
                    ctx.unverifiable({
                        outsideInput: true,
                        message: msg`the stage's API is not in the input; if it is ${lit(kind)} API, the stage has no alarm on ${lit(owed.join(", "))}`,
                    });
                }
                return;
            }
        }
        if (missing.length === 0) {
            return;
        }
        const undecided = firstUndecidedFor(ctx.graph, stage);
        if (undecided) {
            ctx.unverifiable({
                resource: undecided,
                message: msg`alarm ${undecided.name} has a namespace, metric or stage not known during preview; it may be the stage's alarm on ${lit(missing.join(", "))}`,
            });
        } else if (websocket) {
            ctx.report({ message: msg`the stage has no alarm on ${lit(missing.join(", "))} (an HTTP API's metrics) nor on ${lit(websocket.join(", "))} (a WebSocket API's); its API is not in the input` });
        } else {
            ctx.report({ message: msg`the stage has no alarm on ${lit(missing.join(", "))}` });
        }
    },
});
