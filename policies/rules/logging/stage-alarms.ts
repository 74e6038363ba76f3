import type { Graph } from "../../engine/graph";
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

/** Per graph: API Gateway alarms by the stage they name (by reference or by dimension), built once. */
const alarmIndexes = new WeakMap<Graph, Map<string, Resource[]>>();
/** Per graph: alarms whose namespace, metric or stage dimension is not known yet; any of them may watch a stage. */
const undecidedAlarms = new WeakMap<Graph, Resource[]>();

function isUndecided(alarm: Resource): boolean {
    const namespace = peek(alarm.props, "namespace");
    if (namespace !== "AWS/ApiGateway" && !isUnknown(namespace)) {
        return false;
    }
    const dimensions = peek(alarm.props, "dimensions");
    return isUnknown(namespace) || isUnknown(peek(alarm.props, "metricName")) || isUnknown(dimensions)
        || (isPlainObject(dimensions) && isUnknown(dimensions["Stage"]));
}

/** The undecided alarms that may watch this stage: those referencing it, and those naming no stage that is known. */
function undecidedFor(graph: Graph, stage: Resource): Resource[] {
    let list = undecidedAlarms.get(graph);
    if (!list) {
        list = graph.ofType(T.MetricAlarm).filter(isUndecided);
        undecidedAlarms.set(graph, list);
    }
    return list.filter((alarm) => {
        const dimensions = peek(alarm.props, "dimensions");
        return (alarm.refs["dimensions"] ?? []).includes(stage.id) || !isPlainObject(dimensions) || typeof dimensions["Stage"] !== "string" || isUnknown(dimensions["Stage"]);
    });
}

function alarmsNaming(graph: Graph, key: string): readonly Resource[] {
    let index = alarmIndexes.get(graph);
    if (!index) {
        index = new Map();
        for (const alarm of graph.ofType(T.MetricAlarm)) {
            if (peek(alarm.props, "namespace") !== "AWS/ApiGateway") {
                continue;
            }
            const dimensions = peek(alarm.props, "dimensions");
            const keys = [...(alarm.refs["dimensions"] ?? [])];
            if (isPlainObject(dimensions) && typeof dimensions["Stage"] === "string") {
                keys.push(`stage:${dimensions["Stage"]}`);
            }
            for (const name of keys) {
                index.set(name, [...(index.get(name) ?? []), alarm]);
            }
        }
        alarmIndexes.set(graph, index);
    }
    return index.get(key) ?? [];
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
        const stageName = peek(stage.props, stage.type === T.Stage ? "stageName" : "name");
        const candidates = new Set([
            ...alarmsNaming(ctx.graph, stage.id),
            ...(typeof stageName === "string" ? alarmsNaming(ctx.graph, `stage:${stageName}`) : []),
        ]);
        for (const alarm of candidates) {
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
        const undecided = undecidedFor(ctx.graph, stage);
        if (undecided.length > 0) {
            ctx.unverifiable({
                resource: undecided[0],
                message: msg`alarm ${undecided[0].name} has a namespace, metric or stage not known during preview; it may be the stage's alarm on ${lit(missing.join(", "))}`,
            });
        } else if (websocket) {
            ctx.report({ message: msg`the stage has no alarm on ${lit(missing.join(", "))} (an HTTP API's metrics) nor on ${lit(websocket.join(", "))} (a WebSocket API's); its API is not in the input` });
        } else {
            ctx.report({ message: msg`the stage has no alarm on ${lit(missing.join(", "))}` });
        }
    },
});
