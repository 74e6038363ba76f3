/**
 * Issue 16's verdicts in Terraform's shape: the precision fixture scanned as HCL and as the plan
 * Terraform makes of it. Resource names say whether each passes; the findings are asserted as an
 * exact set over the rules the fixture is about.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { scanConfiguration } from "../../policies/scan/config";
import { ScanFinding, scanPaths, ScanOutcome } from "../../policies/scan/scan";
import { offlineTerraform } from "../helpers/terraform";

const FIXTURE = path.resolve(__dirname, "../../../test/fixtures/terraform-precision");
const DEFAULTS = scanConfiguration(catalog, undefined, "defaults");
const RULES = new Set(["waf-web-acl-rules", "stage-access-logging", "rest-stage-waf"]);

function status(finding: ScanFinding): string {
    return finding.waived ? "waived" : finding.kind === "unverifiable" ? "unverifiable" : finding.level === "mandatory" ? "failing" : "advisory";
}

function lines(outcome: ScanOutcome): string[] {
    return outcome.findings.filter((finding) => RULES.has(finding.ruleId))
        .map((finding) => `${status(finding)} ${finding.ruleId} ${finding.resource?.id ?? "-"}: ${finding.message}`).sort();
}

const EXPECTED = [
    "failing rest-stage-waf aws_api_gateway_stage.classic_waf_fails: this stage of a public REST API is associated only with a WAF Classic web ACL, which is not accepted: WAF Classic reached its end of support on 30 September 2025, and the managed rule groups, rate-based rules and logging the other WAF rules check exist only in AWS WAF (WAFv2)",
    "failing rest-stage-waf aws_api_gateway_stage.format_word_fails: no AWS WAF web ACL is associated with this stage of a public REST API",
    "failing stage-access-logging aws_api_gateway_stage.format_word_fails: the access log format \"JSON\" is not a template: it uses no $context variables, so log lines record nothing about the request",
    "failing waf-web-acl-rules aws_wafv2_web_acl.this[\"all_count_fails\"]: the managed rule group AWSManagedRulesCommonRuleSet blocks nothing: every rule AWS documents for it is overridden to count or allow, or excluded (rule common)",
    "failing waf-web-acl-rules aws_wafv2_web_acl.this[\"log4j_count_fails\"]: the managed rule group AWSManagedRulesKnownBadInputsRuleSet does not block Log4Shell exploit attempts: Log4JRCE_HEADER overridden to count, Log4JRCE_BODY overridden to count (rule bad-inputs)",
];

describe("issue 16 verdicts in Terraform", () => {
    test("HCL: exactly the expected findings", async () => {
        const outcome = await scanPaths([FIXTURE], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputErrors, []);
        assert.deepEqual(lines(outcome), EXPECTED);
    });

    const terraform = offlineTerraform();
    test("plan: the same findings from the plan Terraform makes", { skip: typeof terraform === "string" ? terraform : false }, async () => {
        if (typeof terraform === "string") {
            return;
        }
        const plan = terraform.plan(terraform.init(FIXTURE));
        const outcome = await scanPaths([plan], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputErrors, []);
        assert.deepEqual(lines(outcome), EXPECTED);
    });
});
