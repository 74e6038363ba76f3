import { catalog } from "../../policies/catalog";
import { ruleTester } from "../helpers/rule-tester";
import { httpApi, webSocketApi } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "websocket-execution-logging")!;
const settings = (overrides: Record<string, unknown>) => ({ defaultRouteSettings: { throttlingBurstLimit: 10, throttlingRateLimit: 5, loggingLevel: "INFO", detailedMetricsEnabled: true, ...overrides } });

ruleTester(rule, {
    valid: [{ name: "Compliance: ERROR or INFO with metrics; HTTP API stages are not WebSocket stages", resources: (stack: CanonicalStack) => { webSocketApi(stack, "pass-socket"); httpApi(stack, "pass-http"); } }],
    invalid: [
        { name: "Noncompliance 1: logging off", resources: (stack: CanonicalStack) => webSocketApi(stack, "fail-off", { stage: settings({ loggingLevel: "OFF" }) }), errors: [{ resource: "fail-off-stage", path: "defaultRouteSettings.loggingLevel", message: "execution logging level is OFF; expected one of ERROR, INFO" }] },
        { name: "Noncompliance 2: no detailed metrics", resources: (stack: CanonicalStack) => webSocketApi(stack, "fail-metrics", { stage: settings({ detailedMetricsEnabled: false }) }), errors: [{ resource: "fail-metrics-stage", path: "defaultRouteSettings.detailedMetricsEnabled", message: "detailed CloudWatch metrics are off for the stage" }] },
    ],
});
