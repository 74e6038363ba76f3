import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { UNKNOWN } from "../../policies/engine/values";
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
        {
            name: "Compliance: routeSettings give $default, the API's only route (a proxy), both values",
            resources: (stack: CanonicalStack) => httpApi(stack, "pass-default-route", {
                routes: [{ routeKey: "$default" }],
                stage: { defaultRouteSettings: null, extra: { routeSettings: [{ routeKey: "$default", throttlingBurstLimit: 100, throttlingRateLimit: 50 }] } },
            }),
        },
        {
            name: "Compliance: routeSettings give every route of a WebSocket API both values; the burst limit from the defaults",
            resources: (stack: CanonicalStack) => webSocketApi(stack, "pass-every-route", {
                stage: { defaultRouteSettings: { throttlingBurstLimit: 100, loggingLevel: "ERROR", detailedMetricsEnabled: true, dataTraceEnabled: false },
                    extra: { routeSettings: ["$connect", "$default", "$disconnect", "sendMessage"].map((routeKey) => ({ routeKey, throttlingRateLimit: 50 })) } },
            }),
        },
    ],
    invalid: [
        {
            name: "Noncompliance 1: REST MethodSettings without throttling",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-rest", { settings: { throttlingBurstLimit: undefined, throttlingRateLimit: undefined } }),
            errors: [{ resource: "fail-rest-all", path: "settings", message: "the stage sets no burst limit and no rate limit" }],
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
            errors: [{ resource: "fail-unset-stage", path: "defaultRouteSettings", message: "the stage sets no burst limit and no rate limit" }],
        },
        {
            name: "Noncompliance 6: quick create's stage is unthrottled",
            resources: [quickCreate("quick")],
            errors: [{ resource: "quick", path: "target", message: "quick-create stage $default: the stage sets no burst limit and no rate limit" }],
        },
        {
            name: "Noncompliance 7: routeSettings throttle some routes; a route without limits is still unthrottled",
            resources: (stack: CanonicalStack) => httpApi(stack, "fail-some-routes", {
                routes: [{ routeKey: "GET /items" }, { routeKey: "POST /items" }, { routeKey: "DELETE /items/{id}" }],
                stage: { defaultRouteSettings: null, extra: { routeSettings: [{ routeKey: "GET /items", throttlingBurstLimit: 100, throttlingRateLimit: 50 }, { routeKey: "POST /items", throttlingBurstLimit: 10 }] } },
            }),
            errors: [{
                resource: "fail-some-routes-stage", path: "defaultRouteSettings",
                message: "the stage's default route settings set no burst limit and no rate limit, and routeSettings give routes DELETE /items/{id} and POST /items none: they are not throttled",
            }],
        },
        {
            name: "Noncompliance 8: a route's own limit of 0 rejects its requests",
            resources: (stack: CanonicalStack) => httpApi(stack, "fail-route-zero", {
                routes: [{ routeKey: "$default" }],
                stage: { defaultRouteSettings: null, extra: { routeSettings: [{ routeKey: "$default", throttlingBurstLimit: 100, throttlingRateLimit: 0 }] } },
            }),
            errors: [
                { resource: "fail-route-zero-stage", path: "routeSettings.0.throttlingRateLimit", message: "route $default's rate limit is 0: every request is rejected with 429" },
            ],
        },
        {
            name: "Noncompliance 9: routeSettings on a stage whose API is not in the input cannot be verified",
            resources: [resource(T.V2Stage, "orphan", { apiId: "elsewhere", name: "prod", routeSettings: [{ routeKey: "$default", throttlingBurstLimit: 100, throttlingRateLimit: 50 }] })],
            errors: [{ resource: "orphan", path: "defaultRouteSettings", kind: "unverifiable", message: "cannot be verified: the stage's default route settings set no burst limit and no rate limit, and whether its routeSettings throttle every route depends on the API's routes, which are not in the input" }],
        },
        {
            name: "Noncompliance 10: an API in the input with no routes: only the defaults would throttle the routes it gets",
            resources: [
                resource(T.V2Api, "bare", { protocolType: "HTTP", name: "bare" }),
                resource(T.V2Stage, "bare-stage", { apiId: "bare", name: "prod", routeSettings: [{ routeKey: "GET /items", throttlingBurstLimit: 100, throttlingRateLimit: 50 }] }, { refs: { apiId: ["bare"] } }),
            ],
            errors: [{ resource: "bare-stage", path: "defaultRouteSettings", message: "the stage's default route settings set no burst limit and no rate limit, and the API has no routes for routeSettings to throttle: every route it gets is not throttled" }],
        },
        {
            name: "Noncompliance 11: routes defined by an OpenAPI body unknown during preview: cannot be verified until apply",
            resources: [
                resource(T.V2Api, "from-outputs", { protocolType: "HTTP", name: "from-outputs", body: UNKNOWN }),
                resource(T.V2Stage, "from-outputs-stage", { apiId: "from-outputs", name: "prod", routeSettings: [{ routeKey: "GET /items", throttlingBurstLimit: 100, throttlingRateLimit: 50 }] }, { refs: { apiId: ["from-outputs"] } }),
            ],
            errors: [{ resource: "from-outputs-stage", path: "defaultRouteSettings", kind: "unverifiable", message: "cannot be verified until apply: the stage's default route settings set no burst limit and no rate limit, and whether its routeSettings throttle every route depends on the routes of the API's OpenAPI body, which is not known during preview" }],
        },
    ],
});
