import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { httpApi, restApi } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "data-trace-disabled")!;

ruleTester(rule, {
    valid: [{ name: "Compliance: data trace off on REST and v2 stages", resources: (stack: CanonicalStack) => { restApi(stack, "pass-rest"); httpApi(stack, "pass-http"); } }],
    invalid: [
        { name: "Noncompliance 1: on for a whole REST stage", resources: (stack: CanonicalStack) => restApi(stack, "fail-stage", { settings: { dataTraceEnabled: true } }), errors: [{ resource: "fail-stage-all", path: "settings.dataTraceEnabled", message: "data trace is on for */*: full requests and responses are written to the logs" }] },
        {
            name: "Noncompliance 2: on for one REST method",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-method", { methodOverrides: [{ methodPath: "items/GET", settings: { loggingLevel: "INFO", dataTraceEnabled: true } }] }),
            errors: [{ resource: "fail-method-override-1", path: "settings.dataTraceEnabled", message: "data trace is on for items/GET: full requests and responses are written to the logs" }],
        },
        {
            name: "Noncompliance 3: on in a WebSocket stage's default and per-route settings",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.V2Api, "socket", { protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" });
                stack.add(T.V2Stage, "fail-socket", {
                    apiId: api.out("id"), name: "prod", autoDeploy: true,
                    defaultRouteSettings: { throttlingBurstLimit: 10, throttlingRateLimit: 5, dataTraceEnabled: true, loggingLevel: "INFO" },
                    routeSettings: [{ routeKey: "sendMessage", dataTraceEnabled: true, loggingLevel: "INFO" }],
                });
            },
            errors: [{ resource: "fail-socket", path: "defaultRouteSettings.dataTraceEnabled", message: "data trace is on for every route of the stage" }, { resource: "fail-socket", path: "routeSettings.0.dataTraceEnabled", message: "data trace is on for route sendMessage" }],
        },
    ],
});
