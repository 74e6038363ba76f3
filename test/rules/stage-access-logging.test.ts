import { httpApi, restApi, webSocketApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "stage-access-logging";

ruleSuite(RULE, [
    {
        name: "Compliance: REST, HTTP and WebSocket stages with a destination and a JSON format",
        program: () => {
            restApi("pass-rest");
            httpApi("pass-http");
            webSocketApi("pass-socket");
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: a REST stage without access logs",
        program: () => restApi("fail-rest", { accessLogs: false }),
        expect: [`mandatory ${RULE} fail-rest-stage`],
    },
    {
        name: "Noncompliance 2: an HTTP stage without access logs",
        program: () => httpApi("fail-http", { stage: { accessLogs: false } }),
        expect: [`mandatory ${RULE} fail-http-stage`],
    },
    {
        name: "Noncompliance 3: a destination without a format",
        program: () => restApi("fail-format", { accessLogs: { format: "" } }),
        expect: [`mandatory ${RULE} fail-format-stage`],
    },
    {
        name: "Noncompliance 4: a non-JSON format when configuration requires JSON",
        program: () => {
            restApi("fail-clf", { accessLogs: { format: "$context.identity.sourceIp $context.requestId $context.status" } });
            restApi("pass-json");
        },
        config: { [RULE]: { requireJsonFormat: true } },
        expect: [`mandatory ${RULE} fail-clf-stage`],
    },
]);
