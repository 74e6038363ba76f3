import { restApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "rest-execution-logging";

ruleSuite(RULE, [
    {
        name: "Compliance: INFO and ERROR logging linked by reference and by REST API plus stage name",
        program: () => {
            restApi("pass-info");
            restApi("pass-error", { settings: { loggingLevel: "ERROR" } });
            restApi("pass-literal", { literalStageName: true });
            restApi("pass-override", { methodOverrides: [{ methodPath: "items/GET", settings: { loggingLevel: "ERROR", dataTraceEnabled: false } }] });
            restApi("pass-trace-elsewhere", { settings: { dataTraceEnabled: true } });
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: execution logging OFF",
        program: () => restApi("fail-off", { settings: { loggingLevel: "OFF" } }),
        expect: [`mandatory ${RULE} fail-off-all`],
    },
    {
        name: "Noncompliance 2: metrics off",
        program: () => restApi("fail-metrics", { settings: { metricsEnabled: false } }),
        expect: [`mandatory ${RULE} fail-metrics-all`],
    },
    {
        name: "Noncompliance 3: no MethodSettings at all",
        program: () => restApi("fail-none", { settings: null }),
        expect: [`mandatory ${RULE} fail-none-stage`],
    },
]);
