import { ALL_METHODS_PATH, stageWideSettings, v2ApiOf } from "../../engine/links";
import { joinMessages, listingOf, lit, Message, msg } from "../../engine/message";
import { defineRule, RuleContext } from "../../engine/rule";
import type { Resource } from "../../engine/resource";
import { T } from "../../engine/types";
import { asList, asNumber, known } from "../../engine/values";

interface ThrottlingConfig {
    minRateLimit: number;
    maxRateLimit: number;
    minBurstLimit: number;
    maxBurstLimit: number;
}

const LIMITS = [
    { key: "throttlingBurstLimit", label: "burst limit" },
    { key: "throttlingRateLimit", label: "rate limit" },
] as const;

/** A limit that is absent, or -1 (the provider's "not set": the account-wide limit applies). */
function isUnset(holder: Resource, path: string): boolean {
    const value = asNumber(known(holder.props, path));
    return value === undefined || value < 0;
}

/** The limits `prefix` leaves unset on `holder`. */
function unsetLimits(holder: Resource, prefix: string): (typeof LIMITS)[number][] {
    return LIMITS.filter((limit) => isUnset(holder, `${prefix}.${limit.key}`));
}

/** One finding for the unset limits together; the path names the one, or their block when both. */
function unsetPath(prefix: string, unset: readonly (typeof LIMITS)[number][]): string {
    return unset.length === 1 ? `${prefix}.${unset[0]!.key}` : prefix;
}

function unsetWords(unset: readonly (typeof LIMITS)[number][]): string {
    return unset.map((limit) => `no ${limit.label}`).join(" and ");
}

/** The limits that are set: 0 rejects everything, and each must sit in the configured range. */
function checkSetLimits(ctx: RuleContext<ThrottlingConfig>, holder: Resource, prefix: string, subject: Message | string = "the"): void {
    const ranges = { throttlingBurstLimit: [ctx.config.minBurstLimit, ctx.config.maxBurstLimit], throttlingRateLimit: [ctx.config.minRateLimit, ctx.config.maxRateLimit] } as const;
    for (const limit of LIMITS) {
        const path = `${prefix}.${limit.key}`;
        const value = asNumber(known(holder.props, path));
        const [min, max] = ranges[limit.key];
        if (value === undefined || value < 0) {
            continue;
        }
        if (value === 0) {
            ctx.report({ resource: holder, path, message: joinMessages(subject, msg` ${lit(limit.label)} is 0: every request is rejected with 429`) });
        } else if (value < min || value > max) {
            ctx.report({ resource: holder, path, message: joinMessages(subject, msg` ${lit(limit.label)} ${value} is outside the configured range ${lit(min)}–${lit(max)}`) });
        }
    }
}

function checkLimits(ctx: RuleContext<ThrottlingConfig>, holder: Resource, prefix: string): void {
    const unset = unsetLimits(holder, prefix);
    if (unset.length > 0) {
        ctx.report({ resource: holder, path: unsetPath(prefix, unset), message: `the stage sets ${unsetWords(unset)}` });
    }
    checkSetLimits(ctx, holder, prefix);
}

/**
 * An HTTP or WebSocket stage: `defaultRouteSettings` throttle every route; where they leave a
 * limit unset, `routeSettings` may still throttle each route of the API by its route key.
 */
function checkV2Stage(ctx: RuleContext<ThrottlingConfig>, stage: Resource): void {
    const unset = unsetLimits(stage, "defaultRouteSettings");
    const perRoute = asList(known(stage.props, "routeSettings"));
    if (unset.length === 0 || perRoute.length === 0) {
        checkLimits(ctx, stage, "defaultRouteSettings");
        return;
    }
    checkSetLimits(ctx, stage, "defaultRouteSettings");
    const throttled = new Set<string>();
    perRoute.forEach((entry, index) => {
        const routeKey = known(entry, "routeKey");
        if (typeof routeKey !== "string") {
            return;
        }
        checkSetLimits(ctx, stage, `routeSettings.${index}`, msg`route ${routeKey}'s`);
        if (unset.every((limit) => !isUnset(stage, `routeSettings.${index}.${limit.key}`))) {
            throttled.add(routeKey);
        }
    });
    const api = v2ApiOf(ctx.graph, stage);
    const routes = api ? ctx.graph.referrers(api, T.V2Route, "apiId") : [];
    const defaults = `the stage's default route settings set ${unsetWords(unset)}`;
    if (!api) {
        ctx.unverifiable({ path: unsetPath("defaultRouteSettings", unset), outsideInput: true, message: `${defaults}, and whether its routeSettings throttle every route depends on the API's routes, which are not in the input` });
        return;
    }
    // A body that cannot be read stands in for its routes (surface.ts): they decide, unseen. `api` is
    // the API with what its body adds; the stand-ins belong to the declared one.
    const opaque = ctx.graph.surfaceOf(api.derived?.host ?? api).find((derived) => derived.type === T.V2Route && derived.derived?.opaque)?.derived?.opaque;
    if (opaque) {
        ctx.unverifiable({
            path: unsetPath("defaultRouteSettings", unset),
            outsideInput: !opaque.untilApply,
            message: `${defaults}, and whether its routeSettings throttle every route depends on the routes of the API's OpenAPI body, which ${opaque.untilApply ? "is not known during preview" : "cannot be read"}`,
        });
        return;
    }
    if (routes.length === 0) {
        // Only the defaults would throttle a route the API gets later.
        ctx.report({ path: unsetPath("defaultRouteSettings", unset), message: `${defaults}, and the API has no routes for routeSettings to throttle: every route it gets is not throttled` });
        return;
    }
    const unthrottled: string[] = [];
    for (const route of routes) {
        const routeKey = known(route.props, "routeKey");
        if (typeof routeKey === "string" && !throttled.has(routeKey)) {
            unthrottled.push(routeKey);
        }
    }
    if (unthrottled.length > 0) {
        const named = [...new Set(unthrottled)].sort();
        ctx.report({
            path: unsetPath("defaultRouteSettings", unset),
            message: joinMessages(`${defaults}, and routeSettings give ${named.length === 1 ? "route" : "routes"} `, listingOf(named),
                ` none: ${named.length === 1 ? "it is" : "they are"} not throttled`),
        });
    }
}

export default defineRule<ThrottlingConfig>({
    id: "stage-throttling",
    title: "API stages set default throttling",
    description: "REST stages must set burst and rate limits in a `*/*` MethodSettings; HTTP and WebSocket stages must "
        + "set both `throttlingBurstLimit` and `throttlingRateLimit` in `defaultRouteSettings`, or give every route of the "
        + "API both in `routeSettings`.",
    rationale: "Without stage limits one client or a runaway integration can use the whole account's request quota "
        + "and run up backend cost (OWASP API4). On HTTP/WebSocket stages, setting one value without the other makes "
        + "the provider default the missing one to 0, which rejects every request.",
    remediation: "REST: `settings: { throttlingBurstLimit: 500, throttlingRateLimit: 1000 }` in the stage's `*/*` "
        + "MethodSettings. HTTP/WebSocket: `defaultRouteSettings: { throttlingBurstLimit: 500, throttlingRateLimit: 1000 }`.",
    area: "throttling",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.Stage, T.V2Stage],
    reads: [T.MethodSettings, T.RestApi],
    config: {
        minRateLimit: { type: "number", description: "Lowest acceptable steady-state rate limit (requests/second).", minimum: 0, default: 1 },
        maxRateLimit: { type: "number", description: "Highest acceptable rate limit (the default account quota is 10,000).", minimum: 0, default: 10000 },
        minBurstLimit: { type: "integer", description: "Lowest acceptable burst limit.", minimum: 0, default: 1 },
        maxBurstLimit: { type: "integer", description: "Highest acceptable burst limit (the default account quota is 5,000).", minimum: 0, default: 5000 },
    },
    references: {
        controls: ["C16"],
        owasp: ["API4:2023"],
        cdkNag: ["Serverless-APIGWDefaultThrottling"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html"],
    },
    check(stage, ctx) {
        if (stage.type === T.V2Stage) {
            checkV2Stage(ctx, stage);
            return;
        }
        const { settings, undecided, pathUnknown } = stageWideSettings(ctx.graph, stage);
        if (settings) {
            checkLimits(ctx, settings, "settings");
        } else if (pathUnknown) {
            ctx.unverifiable({ resource: pathUnknown, path: "methodPath", message: "the methodPath of MethodSettings of this stage is not known during preview; it may be the stage-wide */*" });
        } else if (undecided) {
            ctx.unverifiable({ path: "stageName", message: "MethodSettings of this API name their stage with a value known only after apply" });
        } else {
            ctx.report({ message: msg`no MethodSettings with methodPath ${lit(ALL_METHODS_PATH)} applies to this stage, so it sets no throttling` });
        }
    },
});
