import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
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
    ],
});
