import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { CanonicalStack } from "./stack";
import { GOOD, group, protectedBy, rate, visibility } from "./waf";

const rule = catalog.find((candidate) => candidate.id === "waf-web-acl-rules")!;

ruleTester(rule, {
    valid: [{
        name: "Compliance: the managed groups in provider blocks or in ruleJson; ACLs protecting no API are not checked",
        resources: (stack: CanonicalStack) => {
            protectedBy(stack, "pass-blocks", { rules: GOOD });
            protectedBy(stack, "pass-json", { ruleJson: JSON.stringify([
                { Name: "common", Priority: 1, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet" } }, VisibilityConfig: {} },
                { Name: "bad", Priority: 2, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesKnownBadInputsRuleSet" } }, VisibilityConfig: {} },
                { Name: "rate", Priority: 3, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: "IP" } }, VisibilityConfig: {} },
            ]) });
            stack.add(T.WebAcl, "pass-unattached", { scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: visibility("x") });
        },
    }],
    invalid: [
        { name: "Noncompliance 1: no rules", resources: (stack: CanonicalStack) => protectedBy(stack, "fail-empty", {}), errors: [{ resource: "fail-empty", path: "rules", message: "the web ACL protecting this API has no rules" }] },
        {
            name: "Noncompliance 2: a required group only counts",
            resources: (stack: CanonicalStack) => protectedBy(stack, "fail-count", { rules: [group("AWSManagedRulesCommonRuleSet", 1), group("AWSManagedRulesKnownBadInputsRuleSet", 2, true), rate(2000)] }),
            errors: [{ resource: "fail-count", path: "rules", message: "the managed rule group AWSManagedRulesKnownBadInputsRuleSet only counts (rule AWSManagedRulesKnownBadInputsRuleSet)" }],
        },
        {
            name: "Noncompliance 3: a group configuration requires is missing",
            resources: (stack: CanonicalStack) => protectedBy(stack, "fail-sqli", { rules: GOOD }),
            config: { requiredManagedRuleGroups: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet"] },
            errors: [{ resource: "fail-sqli", path: "rules", message: "the web ACL does not use the managed rule group AWSManagedRulesSQLiRuleSet" }],
        },
    ],
});
