import { joinMessages, lit, msg } from "../../engine/message";
import { defineRule, RuleContext } from "../../engine/rule";
import { T } from "../../engine/types";
import { MANAGED_GROUP_RULES, rulesOfProtectingAcl, WafRule, WeakenedRule } from "../../engine/waf";

const KNOWN_BAD_INPUTS = "AWSManagedRulesKnownBadInputsRuleSet";

const HOW: Record<WeakenedRule["how"], string> = { count: "overridden to count", allow: "overridden to allow", excluded: "excluded" };

/** A group that blocks may still block nothing that matters: every rule it has, or its Log4Shell rules, overridden. */
function checkOverrides(ctx: RuleContext<{ requiredManagedRuleGroups: string[] }>, rule: WafRule, groupName: string): void {
    const weakened = rule.managedGroup?.weakened;
    if (weakened === undefined) {
        ctx.unverifiable({ path: "rules", message: msg`which rules of the managed rule group ${lit(groupName)} are overridden is not known during preview (rule ${rule.name})` });
        return;
    }
    const documented = MANAGED_GROUP_RULES[groupName];
    const names = new Set(weakened.map((entry) => entry.name));
    if (documented && documented.every((name) => names.has(name))) {
        ctx.report({ path: "rules", message: msg`the managed rule group ${lit(groupName)} blocks nothing: every rule AWS documents for it is overridden to count or allow, or excluded (rule ${rule.name})` });
        return;
    }
    const log4j = weakened.filter((entry) => entry.name.startsWith("Log4JRCE"));
    if (groupName === KNOWN_BAD_INPUTS && log4j.length > 0) {
        const listed = joinMessages(...log4j.flatMap((entry, index) => [index === 0 ? "" : ", ", msg`${entry.name} ${lit(HOW[entry.how])}`]));
        ctx.report({ path: "rules", message: joinMessages(msg`the managed rule group ${lit(groupName)} does not block Log4Shell exploit attempts: `, listed, msg` (rule ${rule.name})`) });
    }
}

export default defineRule<{ requiredManagedRuleGroups: string[] }>({
    id: "waf-web-acl-rules",
    title: "Web ACLs protecting APIs block with the AWS managed rule groups",
    description: "A WAFv2 web ACL associated with an API stage must have rules, including the configured AWS managed "
        + "rule groups (default: the common rule set and known bad inputs), and none of them in count-only mode: not the "
        + "whole group, not every rule of it through rule action overrides or exclusions, and not the known-bad-inputs "
        + "group's Log4Shell (Log4JRCE) rules.",
    rationale: "An empty web ACL, or one whose managed groups only count, inspects everything and blocks nothing; the "
        + "known-bad-inputs group stops exploits such as Log4Shell before they reach a backend.",
    remediation: "Add `managedRuleGroupStatement` rules for AWSManagedRulesCommonRuleSet and "
        + "AWSManagedRulesKnownBadInputsRuleSet with `overrideAction: { none: {} }`, and leave their rules blocking: tune a noisy rule "
        + "with a scope-down statement rather than overriding the Log4JRCE rules or every rule of a group to count.",
    area: "edge-protection",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.WebAcl],
    reads: [T.WebAclAssociation, T.Stage],
    config: {
        requiredManagedRuleGroups: {
            type: "array",
            description: "AWS managed rule groups every web ACL protecting an API must include.",
            items: { type: "string" },
            default: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"],
        },
    },
    references: {
        controls: ["C13"],
        owasp: ["API8:2023", "API10:2023"],
        checkov: ["CKV_AWS_175", "CKV_AWS_192", "CKV_AWS_342", "CKV2_AWS_77"],
        docs: ["https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html"],
    },
    check(acl, ctx) {
        const rules = rulesOfProtectingAcl(ctx, acl);
        if (rules === undefined) {
            return;
        }
        if (rules.length === 0) {
            ctx.report({ path: "rules", message: "the web ACL protecting this API has no rules" });
            return;
        }
        // A rule whose statement or group name is not known yet may be the group asked for.
        const undecided = rules.some((candidate) => !candidate.statementKnown || candidate.managedGroup?.known === false);
        for (const required of ctx.config.requiredManagedRuleGroups) {
            const rule = rules.find((candidate) => candidate.managedGroup?.vendor === "AWS" && candidate.managedGroup.name === required);
            if (!rule) {
                if (undecided) {
                    ctx.unverifiable({ path: "rules", message: msg`whether the web ACL uses the managed rule group ${lit(required)} is not known during preview` });
                } else {
                    ctx.report({ path: "rules", message: msg`the web ACL does not use the managed rule group ${lit(required)}` });
                }
            } else if (rule.countOnly === undefined) {
                ctx.unverifiable({ path: "rules", message: msg`whether the managed rule group ${lit(required)} blocks or only counts is not known during preview (rule ${rule.name})` });
            } else if (rule.countOnly) {
                ctx.report({ path: "rules", message: msg`the managed rule group ${lit(required)} only counts (rule ${rule.name})` });
            } else {
                checkOverrides(ctx, rule, required);
            }
        }
        // Log4Shell protection is judged wherever the known-bad-inputs group is used, required or not.
        if (!ctx.config.requiredManagedRuleGroups.includes(KNOWN_BAD_INPUTS)) {
            for (const rule of rules) {
                if (rule.managedGroup?.vendor === "AWS" && rule.managedGroup.name === KNOWN_BAD_INPUTS && rule.countOnly === false) {
                    checkOverrides(ctx, rule, KNOWN_BAD_INPUTS);
                }
            }
        }
    },
});
