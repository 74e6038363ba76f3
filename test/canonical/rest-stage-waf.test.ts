import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
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
        {
            name: "Noncompliance 4: a WAF Classic association is named, and said why it is not accepted",
            resources: (stack: CanonicalStack) => {
                const { stage } = restApi(stack, "fail-classic", { waf: false });
                stack.add(T.WafClassicAssociation, "fail-classic-association", { resourceArn: stage.out("arn"), webAclId: "0a1b2c3d-classic" });
            },
            errors: [{
                resource: "fail-classic-stage",
                message: "this stage of a public REST API is associated only with a WAF Classic web ACL, which is not accepted: WAF Classic reached its end of support on 30 September 2025, and the managed rule groups, rate-based rules and logging the other WAF rules check exist only in AWS WAF (WAFv2)",
            }],
        },
        {
            name: "Noncompliance 5: a stage whose REST API is not in the input cannot be verified (not \"until apply\")",
            resources: [resource(T.Stage, "orphan-stage", { restApi: "a1b2c3", stageName: "prod", deployment: "d1" })],
            errors: [{ resource: "orphan-stage", path: "restApi", kind: "unverifiable", message: "cannot be verified: the stage's REST API is not in the input, so whether it is PRIVATE (exempt) cannot be told" }],
        },
    ],
});
