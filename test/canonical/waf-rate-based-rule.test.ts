import { catalog } from "../../policies/catalog";
import { ruleTester } from "../helpers/rule-tester";
import { CanonicalStack } from "./stack";
import { GOOD, protectedBy, rate } from "./waf";

const rule = catalog.find((candidate) => candidate.id === "waf-rate-based-rule")!;

ruleTester(rule, {
    valid: [{ name: "Compliance: a blocking rate-based rule", resources: (stack: CanonicalStack) => protectedBy(stack, "pass", { rules: GOOD }) }],
    invalid: [
        { name: "Noncompliance 1: no rate-based rule", resources: (stack: CanonicalStack) => protectedBy(stack, "fail-none", { rules: GOOD.slice(0, 2) }), errors: [{ resource: "fail-none", path: "rules", message: "the web ACL protecting this API has no blocking rate-based rule" }] },
        { name: "Noncompliance 2: a rate-based rule that only counts", resources: (stack: CanonicalStack) => protectedBy(stack, "fail-count", { rules: [...GOOD.slice(0, 2), rate(2000, true)] }), errors: [{ resource: "fail-count", path: "rules", message: "the web ACL protecting this API has no blocking rate-based rule" }] },
        { name: "Noncompliance 3: a limit above the configured maximum", resources: (stack: CanonicalStack) => protectedBy(stack, "fail-high", { rules: GOOD }), config: { maxLimit: 500 }, errors: [{ resource: "fail-high", path: "rules", message: "the web ACL's rate-based rules allow more than 500 requests per window" }] },
    ],
});
