import { httpApi, restApi, webSocketApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "stage-throttling";

ruleSuite(RULE, [
    {
        name: "Compliance: REST `*/*` limits and v2 default route limits with both values",
        program: () => {
            restApi("pass-rest");
            httpApi("pass-http");
            webSocketApi("pass-socket");
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: REST MethodSettings without throttling",
        program: () => restApi("fail-rest", { settings: { throttlingBurstLimit: undefined, throttlingRateLimit: undefined } }),
        expect: [`mandatory ${RULE} fail-rest-all`, `mandatory ${RULE} fail-rest-all`],
    },
    {
        name: "Noncompliance 2: an HTTP stage setting only the burst limit (the provider defaults the rate to 0)",
        program: () => httpApi("fail-http", { stage: { defaultRouteSettings: { throttlingBurstLimit: 100 } } }),
        expect: [`mandatory ${RULE} fail-http-stage`],
    },
    {
        name: "Noncompliance 3: a rate limit of 0 rejects every request",
        program: () => webSocketApi("fail-zero", { stage: { defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 0 } } }),
        expect: [`mandatory ${RULE} fail-zero-stage`],
    },
    {
        name: "Noncompliance 4: a limit above the configured ceiling",
        program: () => {
            restApi("fail-ceiling", { settings: { throttlingRateLimit: 2000 } });
            restApi("pass-ceiling", { settings: { throttlingRateLimit: 500 } });
        },
        config: { [RULE]: { maxRateLimit: 1000 } },
        expect: [`mandatory ${RULE} fail-ceiling-all`],
    },
    {
        name: "Noncompliance 5: an HTTP stage without default route settings",
        program: () => httpApi("fail-unset", { stage: { defaultRouteSettings: null } }),
        expect: [`mandatory ${RULE} fail-unset-stage`, `mandatory ${RULE} fail-unset-stage`],
    },
]);
