import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { rulesOfProtectingAcl } from "../../engine/waf";

export default defineRule<{ maxLimit: number }>({
    id: "waf-rate-based-rule",
    title: "Web ACLs protecting APIs have a rate-based rule",
    description: "A WAFv2 web ACL associated with an API stage must include a blocking rate-based rule (requests per "
        + "source address per window), with a limit no higher than configured.",
    rationale: "Stage throttling is shared by every client; a rate-based rule stops one address from using it all — "
        + "credential stuffing, scraping and floods are per-source patterns.",
    remediation: "Add a rule with `statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: \"IP\" } }` and "
        + "`action: { block: {} }`.",
    area: "edge-protection",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.WebAcl],
    reads: [T.WebAclAssociation, T.Stage],
    config: {
        maxLimit: { type: "integer", description: "Highest acceptable rate limit (requests per 5-minute window per key).", minimum: 10, default: 20000 },
    },
    references: {
        controls: ["nobody:rate-based-waf-rule"],
        owasp: ["API4:2023", "API6:2023"],
        docs: ["https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html"],
    },
    check(acl, ctx) {
        const rules = rulesOfProtectingAcl(ctx, acl);
        if (rules === undefined) {
            return;
        }
        const blocking = rules.filter((rule) => typeof rule.rateLimit === "number" && rule.countOnly === false);
        if (blocking.some((rule) => (rule.rateLimit as number) <= ctx.config.maxLimit)) {
            return;
        }
        // A rule whose statement, limit or action is not known yet may be the blocking rate rule.
        if (rules.some((rule) => !rule.statementKnown || rule.rateLimit === "unknown" || (rule.rateLimit !== undefined && rule.countOnly === undefined))) {
            ctx.unverifiable({ path: "rules", message: msg`whether the web ACL has a blocking rate-based rule of at most ${lit(ctx.config.maxLimit)} requests is not known during preview` });
        } else if (blocking.length === 0) {
            ctx.report({ path: "rules", message: "the web ACL protecting this API has no blocking rate-based rule" });
        } else {
            ctx.report({
                path: "rules",
                message: msg`the web ACL's rate-based rules allow more than ${lit(ctx.config.maxLimit)} requests per window`,
            });
        }
    },
});
