import { msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asNumber, known } from "../../engine/values";

export default defineRule<Record<string, never>>({
    id: "usage-plan-limits",
    title: "Usage plans set a throttle and a quota",
    description: "Every usage plan must set throttling (burst and rate limits above 0) and a quota (a limit above 0 per "
        + "period).",
    rationale: "A usage plan without limits meters nothing: each API key can consume the stage's whole capacity, and one "
        + "leaked key is enough to exhaust it.",
    remediation: "Set `throttleSettings: { burstLimit, rateLimit }` and `quotaSettings: { limit, period }` on the plan.",
    area: "throttling",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.UsagePlan],
    config: {},
    references: {
        controls: ["C16", "nobody:usage-plan-limits"],
        owasp: ["API4:2023"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html"],
    },
    check(plan, ctx) {
        for (const key of ["burstLimit", "rateLimit"]) {
            const value = asNumber(known(plan.props, `throttleSettings.${key}`));
            if (value === undefined || value <= 0) {
                ctx.report({ path: `throttleSettings.${key}`, message: value === undefined ? msg`the plan sets no throttle ${key}` : msg`the plan's throttle ${key} is ${value}` });
            }
        }
        const limit = asNumber(known(plan.props, "quotaSettings.limit"));
        const period = known(plan.props, "quotaSettings.period");
        if (limit === undefined || limit <= 0 || typeof period !== "string" || period === "") {
            ctx.report({ path: "quotaSettings", message: "the plan sets no quota" });
        }
    },
});
