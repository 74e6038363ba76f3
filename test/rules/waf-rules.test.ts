import { describe } from "node:test";
import * as aws from "@pulumi/aws";
import { restApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const visibility = (name: string) => ({ cloudwatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true });
const group = (name: string, priority: number, count = false) => ({
    name, priority, overrideAction: count ? { count: {} } : { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name } }, visibilityConfig: visibility(name),
});
const rate = (limit: number, count = false) => ({
    name: "rate", priority: 9, action: count ? { count: {} } : { block: {} },
    statement: { rateBasedStatement: { limit, aggregateKeyType: "IP" } }, visibilityConfig: visibility("rate"),
});
const GOOD = [group("AWSManagedRulesCommonRuleSet", 1), group("AWSManagedRulesKnownBadInputsRuleSet", 2), rate(2000)];

/** A REST API whose stage the web ACL protects, with a logging configuration unless told otherwise. */
function protectedBy(name: string, acl: Partial<aws.wafv2.WebAclArgs>, logging = true) {
    const { stage } = restApi(`${name}-api`, { waf: false });
    const webAcl = new aws.wafv2.WebAcl(name, { scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: visibility(name), ...acl });
    new aws.wafv2.WebAclAssociation(`${name}-association`, { resourceArn: stage.arn, webAclArn: webAcl.arn });
    if (logging) {
        new aws.wafv2.WebAclLoggingConfiguration(`${name}-logging`, { resourceArn: webAcl.arn, logDestinationConfigs: ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-x"] });
    }
}

describe("web ACLs protecting API stages", () => {
    ruleSuite("waf-web-acl-rules", [
        {
            name: "Compliance: the managed groups in provider blocks or in ruleJson; ACLs protecting no API are not checked",
            program: () => {
                protectedBy("pass-blocks", { rules: GOOD });
                protectedBy("pass-json", { ruleJson: JSON.stringify([
                    { Name: "common", Priority: 1, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet" } }, VisibilityConfig: {} },
                    { Name: "bad", Priority: 2, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesKnownBadInputsRuleSet" } }, VisibilityConfig: {} },
                    { Name: "rate", Priority: 3, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: "IP" } }, VisibilityConfig: {} },
                ]) });
                new aws.wafv2.WebAcl("pass-unattached", { scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: visibility("x") });
            },
            expect: [],
        },
        { name: "Noncompliance 1: no rules", program: () => protectedBy("fail-empty", {}), expect: ["mandatory waf-web-acl-rules fail-empty"] },
        {
            name: "Noncompliance 2: a required group only counts",
            program: () => protectedBy("fail-count", { rules: [group("AWSManagedRulesCommonRuleSet", 1), group("AWSManagedRulesKnownBadInputsRuleSet", 2, true), rate(2000)] }),
            expect: ["mandatory waf-web-acl-rules fail-count"],
        },
        {
            name: "Noncompliance 3: a group configuration requires is missing",
            program: () => protectedBy("fail-sqli", { rules: GOOD }),
            config: { "waf-web-acl-rules": { requiredManagedRuleGroups: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet"] } },
            expect: ["mandatory waf-web-acl-rules fail-sqli"],
        },
    ]);
    ruleSuite("waf-rate-based-rule", [
        { name: "Compliance: a blocking rate-based rule", program: () => protectedBy("pass", { rules: GOOD }), expect: [] },
        { name: "Noncompliance 1: no rate-based rule", program: () => protectedBy("fail-none", { rules: GOOD.slice(0, 2) }), expect: ["mandatory waf-rate-based-rule fail-none"] },
        { name: "Noncompliance 2: a rate-based rule that only counts", program: () => protectedBy("fail-count", { rules: [...GOOD.slice(0, 2), rate(2000, true)] }), expect: ["mandatory waf-rate-based-rule fail-count"] },
        { name: "Noncompliance 3: a limit above the configured maximum", program: () => protectedBy("fail-high", { rules: GOOD }), config: { "waf-rate-based-rule": { maxLimit: 500 } }, expect: ["mandatory waf-rate-based-rule fail-high"] },
    ]);
    ruleSuite("waf-logging", [
        { name: "Compliance: a logging configuration", program: () => protectedBy("pass", { rules: GOOD }), expect: [] },
        { name: "Noncompliance 1: no logging configuration", program: () => protectedBy("fail-unlogged", { rules: GOOD }, false), expect: ["mandatory waf-logging fail-unlogged"] },
    ]);
});
