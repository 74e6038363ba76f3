import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "usage-plan-limits")!;
const plan = (stack: CanonicalStack, name: string, args: Record<string, unknown>) => stack.add(T.UsagePlan, name, { name, ...args });

ruleTester(rule, {
    valid: [{ name: "Compliance: throttle and quota", resources: (stack: CanonicalStack) => plan(stack, "pass", { throttleSettings: { burstLimit: 10, rateLimit: 5 }, quotaSettings: { limit: 1000, period: "DAY" } }) }],
    invalid: [
        {
            name: "Noncompliance 1: no throttle (burst and rate)",
            resources: (stack: CanonicalStack) => plan(stack, "fail-throttle", { quotaSettings: { limit: 1000, period: "DAY" } }),
            errors: [{ resource: "fail-throttle", path: "throttleSettings", message: "the plan sets no throttle burst limit and no throttle rate limit" }],
        },
        {
            name: "Noncompliance 2: a rate of 0",
            resources: (stack: CanonicalStack) => plan(stack, "fail-zero", { throttleSettings: { burstLimit: 10, rateLimit: 0 }, quotaSettings: { limit: 1000, period: "DAY" } }),
            errors: [{ resource: "fail-zero", path: "throttleSettings.rateLimit", message: "the plan's throttle rate limit is 0, which meters nothing" }],
        },
        { name: "Noncompliance 3: no quota", resources: (stack: CanonicalStack) => plan(stack, "fail-quota", { throttleSettings: { burstLimit: 10, rateLimit: 5 } }), errors: [{ resource: "fail-quota", path: "quotaSettings", message: "the plan sets no quota" }] },
        {
            name: "Noncompliance 4: a plan with no limits at all is one finding naming each missing setting",
            resources: (stack: CanonicalStack) => plan(stack, "fail-bare", {}),
            errors: [{ resource: "fail-bare", message: "the plan sets no throttle burst limit, no throttle rate limit and no quota" }],
        },
        {
            name: "Noncompliance 5: one throttle value missing and the quota missing",
            resources: (stack: CanonicalStack) => plan(stack, "fail-rate-and-quota", { throttleSettings: { burstLimit: 10 } }),
            errors: [{ resource: "fail-rate-and-quota", message: "the plan sets no throttle rate limit and no quota" }],
        },
    ],
});
