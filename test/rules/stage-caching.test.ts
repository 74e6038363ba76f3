import * as aws from "@pulumi/aws";
import { restApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "stage-caching";

ruleSuite(RULE, [
    { name: "Compliance: off by default, caching is never forced", program: () => restApi("uncached"), expect: [] },
    { name: "Noncompliance 1: a stage without cache when an organisation turns the rule on", program: () => restApi("fail-uncached"), config: { [RULE]: "advisory" }, expect: [`advisory ${RULE} fail-uncached-stage`] },
    {
        name: "Compliance: a cached stage when the rule is on",
        program: () => {
            const { api, stage } = restApi("base", { settings: null });
            new aws.apigateway.Stage("pass-cached", { restApi: api.id, deployment: stage.deployment, stageName: "cached", cacheClusterEnabled: true, cacheClusterSize: "0.5" });
        },
        config: { [RULE]: "advisory" },
        expect: ["advisory stage-caching base-stage"],
    },
]);
