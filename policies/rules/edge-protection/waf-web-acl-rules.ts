import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { rulesOfProtectingAcl } from "../../engine/waf";

export default defineRule<{ requiredManagedRuleGroups: string[] }>({
    id: "waf-web-acl-rules",
    title: "Web ACLs protecting APIs block with the AWS managed rule groups",
    description: "A WAFv2 web ACL associated with an API stage must have rules, including the configured AWS managed "
        + "rule groups (default: the common rule set and known bad inputs), and none of them in count-only mode.",
    rationale: "An empty web ACL, or one whose managed groups only count, inspects everything and blocks nothing; the "
        + "known-bad-inputs group stops exploits such as Log4Shell before they reach a backend.",
    remediation: "Add `managedRuleGroupStatement` rules for AWSManagedRulesCommonRuleSet and "
        + "AWSManagedRulesKnownBadInputsRuleSet with `overrideAction: { none: {} }`.",
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
            }
        }
    },
});
