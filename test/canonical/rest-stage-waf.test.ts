import { catalog } from "../../policies/catalog";
import { ruleTester } from "../helpers/rule-tester";
import { httpApi, restApi } from "./builders";
import { implicitStage } from "./fixtures";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "rest-stage-waf")!;

ruleTester(rule, {
    valid: [{
        name: "Compliance: a REGIONAL stage with a web ACL; a PRIVATE API without one; HTTP APIs are never checked",
        resources: (stack: CanonicalStack) => {
            restApi(stack, "pass-waf");
            restApi(stack, "pass-private", { endpointType: "PRIVATE", waf: false });
            httpApi(stack, "pass-http");
        },
    }],
    invalid: [
        { name: "Noncompliance 1: a REGIONAL stage without a web ACL", resources: (stack: CanonicalStack) => restApi(stack, "fail-regional", { waf: false }), errors: [{ resource: "fail-regional-stage", message: "no AWS WAF web ACL is associated with this stage of a public REST API" }] },
        { name: "Noncompliance 2: an EDGE stage without a web ACL", resources: (stack: CanonicalStack) => restApi(stack, "fail-edge", { endpointType: "EDGE", waf: false }), errors: [{ resource: "fail-edge-stage", message: "no AWS WAF web ACL is associated with this stage of a public REST API" }] },
        {
            name: "Noncompliance 3: an implicit stage of a public REST API has no web ACL",
            resources: implicitStage("prod"),
            errors: [{ resource: "deploy", path: "stageName", message: "implicit stage prod: no AWS WAF web ACL is associated with this stage of a public REST API" }],
        },
    ],
});
