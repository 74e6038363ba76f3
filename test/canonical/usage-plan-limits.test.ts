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
            errors: [{ resource: "fail-throttle", path: "throttleSettings.burstLimit", message: "the plan sets no throttle burstLimit" }, { resource: "fail-throttle", path: "throttleSettings.rateLimit", message: "the plan sets no throttle rateLimit" }],
        },
        {
            name: "Noncompliance 2: a rate of 0",
            resources: (stack: CanonicalStack) => plan(stack, "fail-zero", { throttleSettings: { burstLimit: 10, rateLimit: 0 }, quotaSettings: { limit: 1000, period: "DAY" } }),
            errors: [{ resource: "fail-zero", path: "throttleSettings.rateLimit", message: "the plan's throttle rateLimit is 0" }],
        },
        { name: "Noncompliance 3: no quota", resources: (stack: CanonicalStack) => plan(stack, "fail-quota", { throttleSettings: { burstLimit: 10, rateLimit: 5 } }), errors: [{ resource: "fail-quota", path: "quotaSettings", message: "the plan sets no quota" }] },
    ],
});
