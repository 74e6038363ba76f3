import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { restApi } from "./builders";
import { implicitStage } from "./fixtures";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "rest-stage-xray")!;

ruleTester(rule, {
    valid: [
        { name: "Compliance: tracing on", resources: (stack: CanonicalStack) => restApi(stack, "pass") },
        { name: "Compliance: no implicit stage", resources: implicitStage() },
    ],
    invalid: [
        {
            name: "Noncompliance 1: tracing off",
            resources: (stack: CanonicalStack) => {
                const { api, stage } = restApi(stack, "base");
                stack.add(T.Stage, "fail-untraced", { restApi: api.out("id"), deployment: stage.out("deployment"), stageName: "untraced" });
            },
            errors: [{ resource: "fail-untraced", path: "xrayTracingEnabled", message: "X-Ray tracing is off for the stage" }],
        },
        { name: "Noncompliance 2: an implicit stage has tracing off", resources: implicitStage("prod"), errors: [{ resource: "deploy", path: "stageName", message: "implicit stage prod: X-Ray tracing is off for the stage" }] },
        {
            name: "Noncompliance 3: deployments of several APIs name the same stage; only a stage of the deployment's own API (by reference or by ID) declares it",
            resources: () => [
                ...["pass-ref", "fail-ref"].map((api) => resource(T.RestApi, api, { name: api, endpointConfiguration: { types: ["REGIONAL"] } })),
                resource(T.Deployment, "pass-ref-deploy", { restApi: "pass-ref", stageName: "prod" }, { refs: { restApi: ["pass-ref"] } }),
                resource(T.Stage, "pass-ref-stage", { restApi: "pass-ref", stageName: "prod", xrayTracingEnabled: true }, { refs: { restApi: ["pass-ref"] } }),
                resource(T.Deployment, "fail-ref-deploy", { restApi: "fail-ref", stageName: "prod" }, { refs: { restApi: ["fail-ref"] } }),
                // APIs outside the input, named by ID.
                resource(T.Deployment, "pass-id-deploy", { restApi: "a1b2c3", stageName: "prod" }),
                resource(T.Stage, "pass-id-stage", { restApi: "a1b2c3", stageName: "prod", xrayTracingEnabled: true }),
                resource(T.Deployment, "fail-id-deploy", { restApi: "d4e5f6", stageName: "prod" }),
            ],
            errors: [
                { resource: "fail-id-deploy", path: "stageName", message: "implicit stage prod: X-Ray tracing is off for the stage" },
                { resource: "fail-ref-deploy", path: "stageName", message: "implicit stage prod: X-Ray tracing is off for the stage" },
            ],
        },
    ],
});
