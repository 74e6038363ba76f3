import { listing, lit, msg } from "../../engine/message";
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
        // One finding per plan, naming every missing setting; a limit set to 0 or below is its own problem.
        const problems: { path: string; words: string }[] = [];
        for (const [key, label] of [["burstLimit", "burst limit"], ["rateLimit", "rate limit"]] as const) {
            const value = asNumber(known(plan.props, `throttleSettings.${key}`));
            if (value === undefined) {
                problems.push({ path: `throttleSettings.${key}`, words: `no throttle ${label}` });
            } else if (value <= 0) {
                ctx.report({ path: `throttleSettings.${key}`, message: msg`the plan's throttle ${lit(label)} is ${value}, which meters nothing` });
            }
        }
        const limit = asNumber(known(plan.props, "quotaSettings.limit"));
        const period = known(plan.props, "quotaSettings.period");
        if (limit === undefined || limit <= 0 || typeof period !== "string" || period === "") {
            problems.push({ path: "quotaSettings", words: "no quota" });
        }
        if (problems.length > 0) {
            const throttleOnly = problems.every((problem) => problem.path.startsWith("throttleSettings."));
            const path = problems.length === 1 ? problems[0]!.path : throttleOnly ? "throttleSettings" : undefined;
            ctx.report({ ...(path ? { path } : {}), message: `the plan sets ${listing(problems.map((problem) => problem.words))}` });
        }
    },
});
