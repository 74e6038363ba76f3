import { catalog } from "../../policies/catalog";
import { ruleTester } from "../helpers/rule-tester";
import { CanonicalStack } from "./stack";
import { GOOD, protectedBy } from "./waf";

const rule = catalog.find((candidate) => candidate.id === "waf-logging")!;

ruleTester(rule, {
    valid: [{ name: "Compliance: a logging configuration", resources: (stack: CanonicalStack) => protectedBy(stack, "pass", { rules: GOOD }) }],
    invalid: [{ name: "Noncompliance 1: no logging configuration", resources: (stack: CanonicalStack) => protectedBy(stack, "fail-unlogged", { rules: GOOD }, false), errors: [{ resource: "fail-unlogged", message: "the web ACL protecting this API has no logging configuration" }] }],
});
