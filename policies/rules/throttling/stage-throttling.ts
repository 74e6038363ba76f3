import { ALL_METHODS_PATH, stageWideSettings } from "../../engine/links";
import { lit, msg } from "../../engine/message";
import { defineRule, RuleContext } from "../../engine/rule";
import type { Resource } from "../../engine/resource";
import { T } from "../../engine/types";
import { asNumber, known } from "../../engine/values";

interface ThrottlingConfig {
    minRateLimit: number;
    maxRateLimit: number;
    minBurstLimit: number;
    maxBurstLimit: number;
}

function checkLimits(ctx: RuleContext<ThrottlingConfig>, holder: Resource, prefix: string): void {
    const limits = [
        { key: "throttlingBurstLimit", label: "burst limit", min: ctx.config.minBurstLimit, max: ctx.config.maxBurstLimit },
        { key: "throttlingRateLimit", label: "rate limit", min: ctx.config.minRateLimit, max: ctx.config.maxRateLimit },
    ];
    for (const limit of limits) {
        const path = `${prefix}.${limit.key}`;
        const value = asNumber(known(holder.props, path));
        if (value === undefined || value < 0) {
            // -1 is the provider's "not set": the stage falls back to the account-wide limit.
            ctx.report({ resource: holder, path, message: `the stage sets no ${limit.label}` });
        } else if (value === 0) {
            ctx.report({ resource: holder, path, message: msg`the ${lit(limit.label)} is 0: every request is rejected with 429` });
        } else if (value < limit.min || value > limit.max) {
            ctx.report({
                resource: holder,
                path,
                message: msg`the ${lit(limit.label)} ${value} is outside the configured range ${lit(limit.min)}–${lit(limit.max)}`,
            });
        }
    }
}

export default defineRule<ThrottlingConfig>({
    id: "stage-throttling",
    title: "API stages set default throttling",
    description: "REST stages must set burst and rate limits in a `*/*` MethodSettings; HTTP and WebSocket stages must "
        + "set both `throttlingBurstLimit` and `throttlingRateLimit` in `defaultRouteSettings`.",
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
            checkLimits(ctx, stage, "defaultRouteSettings");
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
