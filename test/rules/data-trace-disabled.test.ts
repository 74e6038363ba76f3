import * as aws from "@pulumi/aws";
import { httpApi, restApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "data-trace-disabled";

ruleSuite(RULE, [
    { name: "Compliance: data trace off on REST and v2 stages", program: () => { restApi("pass-rest"); httpApi("pass-http"); }, expect: [] },
    { name: "Noncompliance 1: on for a whole REST stage", program: () => restApi("fail-stage", { settings: { dataTraceEnabled: true } }), expect: [`mandatory ${RULE} fail-stage-all`] },
    {
        name: "Noncompliance 2: on for one REST method",
        program: () => restApi("fail-method", { methodOverrides: [{ methodPath: "items/GET", settings: { loggingLevel: "INFO", dataTraceEnabled: true } }] }),
        expect: [`mandatory ${RULE} fail-method-override-1`],
    },
    {
        name: "Noncompliance 3: on in a WebSocket stage's default and per-route settings",
        program: () => {
            const api = new aws.apigatewayv2.Api("socket", { protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" });
            new aws.apigatewayv2.Stage("fail-socket", {
                apiId: api.id, name: "prod", autoDeploy: true,
                defaultRouteSettings: { throttlingBurstLimit: 10, throttlingRateLimit: 5, dataTraceEnabled: true, loggingLevel: "INFO" },
                routeSettings: [{ routeKey: "sendMessage", dataTraceEnabled: true, loggingLevel: "INFO" }],
            });
        },
        expect: [`mandatory ${RULE} fail-socket`, `mandatory ${RULE} fail-socket`],
    },
]);
