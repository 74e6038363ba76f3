import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, known } from "../../engine/values";

export default defineRule<Record<string, never>>({
    id: "stage-caching",
    title: "REST stages cache responses (off by default)",
    description: "REST stages must enable a cache cluster. Disabled unless you turn it on: caching is a cost and "
        + "performance choice, not a security control, and Gatehouse never forces it.",
    rationale: "A cache absorbs repeated reads and shields the backend from bursts; where load and latency matter more "
        + "than the cluster's cost, an organisation may require it.",
    remediation: "Set `cacheClusterEnabled: true` and a `cacheClusterSize` on the stage (and encrypt the cache: see "
        + "cache-encryption).",
    area: "throttling",
    severity: "low",
    enforcementLevel: "disabled",
    scope: "resource",
    subjects: [T.Stage],
    config: {},
    references: {
        controls: ["C7"],
        owasp: ["API4:2023"],
        pulumi: ["apigateway-stage-cached"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html"],
    },
    check(stage, ctx) {
        if (asBoolean(known(stage.props, "cacheClusterEnabled")) !== true) {
            ctx.report({ path: "cacheClusterEnabled", message: "the stage has no cache cluster" });
        }
    },
});
