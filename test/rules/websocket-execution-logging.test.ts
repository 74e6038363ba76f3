import { httpApi, webSocketApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "websocket-execution-logging";
const settings = (overrides: Record<string, unknown>) => ({ defaultRouteSettings: { throttlingBurstLimit: 10, throttlingRateLimit: 5, loggingLevel: "INFO", detailedMetricsEnabled: true, ...overrides } });

ruleSuite(RULE, [
    { name: "Compliance: ERROR or INFO with metrics; HTTP API stages are not WebSocket stages", program: () => { webSocketApi("pass-socket"); httpApi("pass-http"); }, expect: [] },
    { name: "Noncompliance 1: logging off", program: () => webSocketApi("fail-off", { stage: settings({ loggingLevel: "OFF" }) }), expect: [`mandatory ${RULE} fail-off-stage`] },
    { name: "Noncompliance 2: no detailed metrics", program: () => webSocketApi("fail-metrics", { stage: settings({ detailedMetricsEnabled: false }) }), expect: [`mandatory ${RULE} fail-metrics-stage`] },
]);
