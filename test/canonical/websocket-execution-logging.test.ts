import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { httpApi, webSocketApi } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "websocket-execution-logging")!;
const settings = (overrides: Record<string, unknown>) => ({ defaultRouteSettings: { throttlingBurstLimit: 10, throttlingRateLimit: 5, loggingLevel: "INFO", detailedMetricsEnabled: true, ...overrides } });

ruleTester(rule, {
    valid: [
        { name: "Compliance: ERROR or INFO with metrics; HTTP API stages are not WebSocket stages", resources: (stack: CanonicalStack) => { webSocketApi(stack, "pass-socket"); httpApi(stack, "pass-http"); } },
        // Logged and metered: it passes whatever its API is, so the API being elsewhere decides nothing.
        { name: "Compliance: a logged stage whose API is not in the input", resources: [resource(T.V2Stage, "pass-elsewhere", { apiId: "a1b2c3", name: "prod", ...settings({}) })] },
    ],
    invalid: [
        { name: "Noncompliance 1: logging off", resources: (stack: CanonicalStack) => webSocketApi(stack, "fail-off", { stage: settings({ loggingLevel: "OFF" }) }), errors: [{ resource: "fail-off-stage", path: "defaultRouteSettings.loggingLevel", message: "execution logging level is OFF; expected one of ERROR, INFO" }] },
        {
            name: "Noncompliance 3: an unlogged stage whose API is not in the input may be a WebSocket stage: cannot be verified",
            resources: [resource(T.V2Stage, "elsewhere", { apiId: "a1b2c3", name: "prod", ...settings({ loggingLevel: "OFF" }) })],
            errors: [{
                resource: "elsewhere", path: "defaultRouteSettings.loggingLevel", kind: "unverifiable",
                message: "cannot be verified: the stage's API is not in the input, so whether it is a WebSocket API (which this rule is about) cannot be told; if so: execution logging level is OFF; expected one of ERROR, INFO",
            }],
        },
        { name: "Noncompliance 2: no detailed metrics", resources: (stack: CanonicalStack) => webSocketApi(stack, "fail-metrics", { stage: settings({ detailedMetricsEnabled: false }) }), errors: [{ resource: "fail-metrics-stage", path: "defaultRouteSettings.detailedMetricsEnabled", message: "detailed CloudWatch metrics are off for the stage" }] },
    ],
});
