import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { httpApi, restApi } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "stale-stages")!;

ruleTester(rule, {
    valid: [{ name: "Compliance: stages that serve a deployment", resources: (stack: CanonicalStack) => { restApi(stack, "pass-rest"); httpApi(stack, "pass-http"); } }],
    invalid: [
        {
            name: "Noncompliance 1: a deprecated stage name",
            resources: (stack: CanonicalStack) => {
                const { api, stage } = restApi(stack, "base");
                stack.add(T.Stage, "fail-legacy", { restApi: api.out("id"), deployment: stage.out("deployment"), stageName: "legacy" });
            },
            errors: [{ resource: "fail-legacy", path: "stageName", message: "stage name legacy is on the deprecated list", level: "advisory" }],
        },
        {
            name: "Noncompliance 2: a v2 stage that deploys nothing",
            resources: (stack: CanonicalStack) => {
                const api = stack.add(T.V2Api, "api", { protocolType: "HTTP" });
                stack.add(T.V2Stage, "fail-empty", { apiId: api.out("id"), name: "v2" });
            },
            errors: [{ resource: "fail-empty", path: "deploymentId", message: "the stage serves no deployment", level: "advisory" }],
        },
    ],
});
