import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { httpApi, restApi, webSocketApi } from "./builders";
import { quickCreate } from "./fixtures";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "stage-throttling")!;

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: REST `*/*` limits and v2 default route limits with both values",
            resources: (stack: CanonicalStack) => { restApi(stack, "pass-rest"); httpApi(stack, "pass-http"); webSocketApi(stack, "pass-socket"); },
        },
        {
            name: "Compliance: a declared $default stage with both throttling values replaces quick create's",
            resources: [quickCreate("quick"), resource(T.V2Stage, "default", { apiId: "quick", name: "$default", defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 } }, { refs: { apiId: ["quick"] } })],
        },
    ],
    invalid: [
        {
            name: "Noncompliance 1: REST MethodSettings without throttling",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-rest", { settings: { throttlingBurstLimit: undefined, throttlingRateLimit: undefined } }),
            errors: [{ resource: "fail-rest-all", path: "settings.throttlingBurstLimit", message: "the stage sets no burst limit" }, { resource: "fail-rest-all", path: "settings.throttlingRateLimit", message: "the stage sets no rate limit" }],
        },
        {
            name: "Noncompliance 2: an HTTP stage setting only the burst limit (the provider defaults the rate to 0)",
            resources: (stack: CanonicalStack) => httpApi(stack, "fail-http", { stage: { defaultRouteSettings: { throttlingBurstLimit: 100 } } }),
            errors: [{ resource: "fail-http-stage", path: "defaultRouteSettings.throttlingRateLimit", message: "the stage sets no rate limit" }],
        },
        {
            name: "Noncompliance 3: a rate limit of 0 rejects every request",
            resources: (stack: CanonicalStack) => webSocketApi(stack, "fail-zero", { stage: { defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 0 } } }),
            errors: [{ resource: "fail-zero-stage", path: "defaultRouteSettings.throttlingRateLimit", message: "the rate limit is 0: every request is rejected with 429" }],
        },
        {
            name: "Noncompliance 4: a limit above the configured ceiling",
            resources: (stack: CanonicalStack) => { restApi(stack, "fail-ceiling", { settings: { throttlingRateLimit: 2000 } }); restApi(stack, "pass-ceiling", { settings: { throttlingRateLimit: 500 } }); },
            config: { maxRateLimit: 1000 },
            errors: [{ resource: "fail-ceiling-all", path: "settings.throttlingRateLimit", message: "the rate limit 2000 is outside the configured range 1\u20131000" }],
        },
        {
            name: "Noncompliance 5: an HTTP stage without default route settings",
            resources: (stack: CanonicalStack) => httpApi(stack, "fail-unset", { stage: { defaultRouteSettings: null } }),
            errors: [{ resource: "fail-unset-stage", path: "defaultRouteSettings.throttlingBurstLimit", message: "the stage sets no burst limit" }, { resource: "fail-unset-stage", path: "defaultRouteSettings.throttlingRateLimit", message: "the stage sets no rate limit" }],
        },
        {
            name: "Noncompliance 6: quick create's stage is unthrottled",
            resources: [quickCreate("quick")],
            errors: [
                { resource: "quick", path: "target", message: "quick-create stage $default: the stage sets no burst limit" },
                { resource: "quick", path: "target", message: "quick-create stage $default: the stage sets no rate limit" },
            ],
        },
    ],
});
