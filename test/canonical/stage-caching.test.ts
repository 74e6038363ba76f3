import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { restApi } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "stage-caching")!;

ruleTester(rule, {
    valid: [{ name: "Compliance: off by default, caching is never forced", resources: (stack: CanonicalStack) => restApi(stack, "uncached") }],
    invalid: [
        {
            name: "Noncompliance 1: a stage without cache when an organisation turns the rule on",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-uncached"),
            config: { enforcementLevel: "advisory" },
            errors: [{ resource: "fail-uncached-stage", path: "cacheClusterEnabled", message: "the stage has no cache cluster", level: "advisory" }],
        },
        {
            name: "Noncompliance 2: with the rule on, only the stage without a cache is reported",
            resources: (stack: CanonicalStack) => {
                const { api, stage } = restApi(stack, "base", { settings: null });
                stack.add(T.Stage, "pass-cached", { restApi: api.out("id"), deployment: stage.out("deployment"), stageName: "cached", cacheClusterEnabled: true, cacheClusterSize: "0.5" });
            },
            config: { enforcementLevel: "advisory" },
            errors: [{ resource: "base-stage", path: "cacheClusterEnabled", message: "the stage has no cache cluster", level: "advisory" }],
        },
    ],
});
