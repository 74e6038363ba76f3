/** Web ACLs protecting API stages, for the WAF rules' cases. */
import { T } from "../../policies/engine/types";
import { restApi } from "./builders";
import { CanonicalStack } from "./stack";

export const visibility = (name: string) => ({ cloudwatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true });
export const group = (name: string, priority: number, count = false) => ({
    name, priority, overrideAction: count ? { count: {} } : { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name } }, visibilityConfig: visibility(name),
});
export const rate = (limit: number, count = false) => ({
    name: "rate", priority: 9, action: count ? { count: {} } : { block: {} },
    statement: { rateBasedStatement: { limit, aggregateKeyType: "IP" } }, visibilityConfig: visibility("rate"),
});
/** A rule action override inside a managed group (the provider's `ruleActionOverrides`). */
export const override = (name: string, action: "count" | "allow" | "block") => ({ name, actionToUse: { [action]: {} } });
export const withOverrides = (rule: ReturnType<typeof group>, overrides: readonly unknown[]) => ({
    ...rule, statement: { managedRuleGroupStatement: { ...rule.statement.managedRuleGroupStatement, ruleActionOverrides: overrides } },
});
export const GOOD = [group("AWSManagedRulesCommonRuleSet", 1), group("AWSManagedRulesKnownBadInputsRuleSet", 2), rate(2000)];

/** A REST API whose stage the web ACL protects, with a logging configuration unless told otherwise. */
export function protectedBy(stack: CanonicalStack, name: string, acl: Record<string, unknown>, logging = true) {
    const { stage } = restApi(stack, `${name}-api`, { waf: false });
    const webAcl = stack.add(T.WebAcl, name, { name, scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: visibility(name), ...acl });
    stack.add(T.WebAclAssociation, `${name}-association`, { resourceArn: stage.out("arn"), webAclArn: webAcl.out("arn") });
    if (logging) {
        stack.add(T.WebAclLoggingConfiguration, `${name}-logging`, { resourceArn: webAcl.out("arn"), logDestinationConfigs: ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-x"] });
    }
}
