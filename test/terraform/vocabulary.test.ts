/**
 * A Terraform user reads Terraform's words: snake_case attribute paths, Terraform types, "after
 * apply". Every example a Terraform or CDKTF user can scan is checked in every format.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { synth } from "../../examples/cdktf-insecure/main";
import { inTerraformWords, terraformPath } from "../../policies/terraform/vocabulary";
import { runGatehouse } from "../helpers/cli";
import { offlineTerraform } from "../helpers/terraform";

const ROOT = path.resolve(__dirname, "../../..");
const HCL_EXAMPLES = ["insecure-rest", "insecure-http", "secure-rest", "secure-http"].map((name) => path.join(ROOT, "examples", "terraform", name));
const FIXTURES = ["terraform-evaluated", "terraform-openapi/failing"].map((name) => path.join(ROOT, "test", "fixtures", name));

/** Pulumi's words that must not reach a Terraform user: type tokens, "preview", camelCase names outside values. */
function pulumiWords(text: string): string[] {
    return [
        ...text.match(/\baws:[a-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]+/gu) ?? [],
        ...text.match(/\bpreview\b/giu) ?? [],
        ...text.match(/\bpulumi\.[a-z]+/gu) ?? [],
    ];
}

function camelPaths(report: any): string[] {
    return report.findings.map((finding: any) => finding.path).filter((item: unknown): item is string => typeof item === "string")
        .map((item: string) => item.split("#")[0]).filter((item: string) => /[A-Z]/.test(item));
}

function checkReports(paths: readonly string[]): void {
    const json = JSON.parse(runGatehouse(["scan", ...paths, "--format", "json"]).stdout);
    assert.ok(json.findings.length > 0, "the inputs have findings to speak of");
    assert.deepEqual(camelPaths(json), []);
    for (const format of ["text", "json", "sarif", "junit"]) {
        const messages = format === "json" ? json.findings.map((finding: any) => finding.message).join("\n")
            : runGatehouse(["scan", ...paths, "--format", format]).stdout;
        // SARIF and JUnit also carry each rule's documentation, which speaks of both tools; check the findings' text.
        const findingsText = format === "sarif" ? JSON.parse(messages).runs[0].results.map((result: any) => result.message.text).join("\n") : messages;
        assert.deepEqual(pulumiWords(findingsText), [], `${format}: ${paths.join(", ")}`);
    }
}

describe("Terraform's words in reports of Terraform inputs", () => {
    test("paths and messages are converted: blocks, renames, camelCase names, phrases and type names", () => {
        assert.equal(terraformPath("aws_api_gateway_stage.prod", "accessLogSettings.format"), "access_log_settings.format");
        assert.equal(terraformPath("module.api.aws_iam_role.r[0]", "inlinePolicies.0.policy"), "inline_policy.0.policy");
        assert.equal(terraformPath("aws_api_gateway_method.m", "restApi"), "rest_api_id");
        assert.equal(terraformPath("aws_api_gateway_rest_api.a", "body#/paths/~1orders/post/operationId"), "body#/paths/~1orders/post/operationId");
        assert.equal(inTerraformWords("no MethodSettings with methodPath */* applies; the source ARN is not known during preview"),
            "no aws_api_gateway_method_settings with method_path */* applies; the source ARN is known only after apply");
        assert.equal(inTerraformWords("the format lacks $context.requestId"), "the format lacks $context.requestId");
    });

    test("Noncompliance: every HCL example and fixture, in every format", () => {
        checkReports(HCL_EXAMPLES);
        checkReports(FIXTURES);
    });

    test("Noncompliance: the CDKTF example's stacks, in every format", () => {
        const outdir = path.join(mkdtempSync(path.join(os.tmpdir(), "gatehouse-cdktf-words-")), "cdktf.out");
        synth(outdir);
        checkReports([outdir]);
    });

    const terraform = offlineTerraform();
    test("Noncompliance: the plans of the Terraform examples, alone and with their source", { skip: typeof terraform === "string" ? terraform : false }, () => {
        if (typeof terraform === "string") {
            return;
        }
        const plans = HCL_EXAMPLES.slice(0, 2).map((folder) => terraform.plan(terraform.init(folder)));
        checkReports(plans);
        const alone = plans.map((plan, index) => {
            const copy = path.join(mkdtempSync(path.join(os.tmpdir(), `gatehouse-plan-words-${index}-`)), "plan.json");
            cpSync(plan, copy);
            return copy;
        });
        checkReports(alone);
    });
});
