import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { CanonicalStack, Later } from "./stack";
import { MANAGED_GROUP_RULES } from "../../policies/engine/waf";
import { GOOD, group, override, protectedBy, rate, visibility, withOverrides } from "./waf";

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
    }, {
        name: "Compliance: a noisy rule of a group tuned to count, and a plan's unchosen action blocks (empty lists), still block",
        resources: (stack: CanonicalStack) => {
            protectedBy(stack, "pass-tuned", { rules: [
                withOverrides(group("AWSManagedRulesCommonRuleSet", 1), [override("SizeRestrictions_BODY", "count")]),
                withOverrides(group("AWSManagedRulesKnownBadInputsRuleSet", 2), [override("Host_localhost_HEADER", "count")]),
                rate(2000),
            ] });
            protectedBy(stack, "pass-plan-shape", { rules: [
                { ...group("AWSManagedRulesCommonRuleSet", 1), overrideAction: [{ count: [], none: [{}] }] },
                { ...withOverrides(group("AWSManagedRulesKnownBadInputsRuleSet", 2), [{ name: "Log4JRCE_BODY", actionToUse: [{ allow: [], block: [{}], captcha: [], challenge: [], count: [] }] }]), overrideAction: [{ count: [], none: [{}] }] },
                rate(2000),
            ] });
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
        {
            name: "Noncompliance 4: the Log4Shell rules overridden to count (provider blocks) or excluded (WAF API JSON)",
            resources: (stack: CanonicalStack) => {
                protectedBy(stack, "fail-log4j-count", { rules: [
                    group("AWSManagedRulesCommonRuleSet", 1),
                    withOverrides(group("AWSManagedRulesKnownBadInputsRuleSet", 2), [override("Log4JRCE_HEADER", "count"), override("Log4JRCE_BODY", "allow"), override("PROPFIND_METHOD", "count")]),
                    rate(2000),
                ] });
                protectedBy(stack, "fail-log4j-excluded", { ruleJson: JSON.stringify([
                    { Name: "common", Priority: 1, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet" } }, VisibilityConfig: {} },
                    { Name: "bad", Priority: 2, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesKnownBadInputsRuleSet", ExcludedRules: [{ Name: "Log4JRCE_QUERYSTRING" }] } }, VisibilityConfig: {} },
                ]) });
            },
            errors: [
                { resource: "fail-log4j-count", path: "rules", message: "the managed rule group AWSManagedRulesKnownBadInputsRuleSet does not block Log4Shell exploit attempts: Log4JRCE_HEADER overridden to count, Log4JRCE_BODY overridden to allow (rule AWSManagedRulesKnownBadInputsRuleSet)" },
                { resource: "fail-log4j-excluded", path: "rules", message: "the managed rule group AWSManagedRulesKnownBadInputsRuleSet does not block Log4Shell exploit attempts: Log4JRCE_QUERYSTRING excluded (rule bad)" },
            ],
        },
        {
            name: "Noncompliance 5: every rule of a required group overridden to count blocks nothing",
            resources: (stack: CanonicalStack) => protectedBy(stack, "fail-all-count", { rules: [
                withOverrides(group("AWSManagedRulesCommonRuleSet", 1), MANAGED_GROUP_RULES["AWSManagedRulesCommonRuleSet"]!.map((name) => override(name, "count"))),
                group("AWSManagedRulesKnownBadInputsRuleSet", 2),
            ] }),
            errors: [{ resource: "fail-all-count", path: "rules", message: "the managed rule group AWSManagedRulesCommonRuleSet blocks nothing: every rule AWS documents for it is overridden to count or allow, or excluded (rule AWSManagedRulesCommonRuleSet)" }],
        },
        {
            name: "Noncompliance 6: the known-bad-inputs group used though not required still must block Log4Shell",
            resources: (stack: CanonicalStack) => protectedBy(stack, "fail-optional-group", { rules: [
                group("AWSManagedRulesCommonRuleSet", 1),
                withOverrides(group("AWSManagedRulesKnownBadInputsRuleSet", 2), [override("Log4JRCE_URIPATH", "count")]),
            ] }),
            config: { requiredManagedRuleGroups: ["AWSManagedRulesCommonRuleSet"] },
            errors: [{ resource: "fail-optional-group", path: "rules", message: "the managed rule group AWSManagedRulesKnownBadInputsRuleSet does not block Log4Shell exploit attempts: Log4JRCE_URIPATH overridden to count (rule AWSManagedRulesKnownBadInputsRuleSet)" }],
        },
        {
            name: "Noncompliance 7: overrides not known during preview cannot be verified until they are",
            resources: (stack: CanonicalStack) => protectedBy(stack, "unknown-overrides", { rules: [
                group("AWSManagedRulesCommonRuleSet", 1),
                withOverrides(group("AWSManagedRulesKnownBadInputsRuleSet", 2), [{ name: new Later("Log4JRCE_BODY"), actionToUse: { count: {} } }]),
            ] }),
            errors: {
                up: [{ resource: "unknown-overrides", path: "rules", message: "the managed rule group AWSManagedRulesKnownBadInputsRuleSet does not block Log4Shell exploit attempts: Log4JRCE_BODY overridden to count (rule AWSManagedRulesKnownBadInputsRuleSet)" }],
                preview: [{ resource: "unknown-overrides", path: "rules", kind: "unverifiable", message: "cannot be verified until apply: which rules of the managed rule group AWSManagedRulesKnownBadInputsRuleSet are overridden is not known during preview (rule AWSManagedRulesKnownBadInputsRuleSet)" }],
            },
        },
    ],
});
