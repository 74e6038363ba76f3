import { httpApi, restApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "rest-stage-waf";

ruleSuite(RULE, [
    {
        name: "Compliance: a REGIONAL stage with a web ACL; a PRIVATE API without one; HTTP APIs are never checked",
        program: () => {
            restApi("pass-waf");
            restApi("pass-private", { endpointType: "PRIVATE", waf: false });
            httpApi("pass-http");
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: a REGIONAL stage without a web ACL",
        program: () => restApi("fail-regional", { waf: false }),
        expect: [`mandatory ${RULE} fail-regional-stage`],
    },
    {
        name: "Noncompliance 2: an EDGE stage without a web ACL",
        program: () => restApi("fail-edge", { endpointType: "EDGE", waf: false }),
        expect: [`mandatory ${RULE} fail-edge-stage`],
    },
]);
