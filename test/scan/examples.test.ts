import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { status } from "../../policies/scan/formats/common";
import { scanConfiguration } from "../../policies/scan/config";
import { ScanOutcome, scanPaths } from "../../policies/scan/scan";
import { generateSchemaMap, SCHEMA_MAP_FILE } from "../../scripts/gen-terraform-mapping";
import { synth } from "../../examples/cdktf-insecure/main";
import { usePack } from "../helpers/pack";
import { offlineTerraform, PROVIDER_VERSION } from "../helpers/terraform";
import { readFileSync } from "node:fs";

/** Compiled Pulumi programs (.build/examples), and the Terraform sources (examples/terraform). */
const COMPILED_EXAMPLES = path.resolve(__dirname, "../../examples");
const TERRAFORM_EXAMPLES = path.resolve(__dirname, "../../../examples/terraform");
const DEFAULTS = scanConfiguration(catalog, undefined, "defaults");

async function scan(...paths: string[]): Promise<ScanOutcome> {
    return scanPaths(paths, catalog, DEFAULTS, "mandatory");
}

/** `<status> <rule> <address>` per finding, sorted: what the tests compare exactly. */
function lines(outcome: ScanOutcome): string[] {
    return outcome.findings.map((finding) => `${status(finding, outcome)} ${finding.ruleId} ${finding.resource?.id ?? "-"}`).sort();
}

const INSECURE_TERRAFORM = [
    "advisory endpoint-type-allowed aws_api_gateway_domain_name.legacy",
    "advisory endpoint-type-allowed aws_api_gateway_rest_api.legacy",
    "advisory required-tags aws_api_gateway_rest_api.legacy",
    "advisory required-tags aws_apigatewayv2_api.public",
    "advisory stage-alarms aws_api_gateway_stage.prod",
    "advisory stage-alarms aws_apigatewayv2_stage.public_default",
    "failing api-gateway-role-least-privilege aws_iam_role.integration",
    "failing api-key-not-hardcoded aws_api_gateway_api_key.partner_b",
    "failing cors-allowed-origins aws_apigatewayv2_api.partner_portal",
    "failing custom-domain-tls aws_api_gateway_domain_name.legacy",
    // Its source ARN is the API's execution ARN with `/*/*`: every stage, method and path, whatever the API's ID.
    "failing lambda-permission-scoped aws_lambda_permission.handler_invoke",
    "failing rest-execution-logging aws_api_gateway_stage.prod",
    "failing rest-method-authorization aws_api_gateway_method.get_items",
    "failing rest-stage-waf aws_api_gateway_stage.prod",
    "failing rest-stage-xray aws_api_gateway_stage.prod",
    "failing stage-access-logging aws_api_gateway_stage.prod",
    "failing stage-access-logging aws_apigatewayv2_stage.public_default",
    "failing stage-throttling aws_api_gateway_stage.prod",
    "failing stage-throttling aws_apigatewayv2_stage.public_default",
    "failing usage-plan-limits aws_api_gateway_usage_plan.partners",
    "failing v2-route-authorization aws_apigatewayv2_route.public_items",
];

describe("Terraform examples scanned as HCL", () => {
    test("Compliance: the secure REST and HTTP examples yield no finding at all", async () => {
        const outcome = await scan(path.join(TERRAFORM_EXAMPLES, "secure-rest"), path.join(TERRAFORM_EXAMPLES, "secure-http"));
        assert.deepEqual(lines(outcome), []);
        assert.deepEqual(outcome.inputs.map((input) => [input.format, input.resources.length]), [["terraform-hcl", 29], ["terraform-hcl", 14]]);
    });

    test("Noncompliance: the insecure REST and HTTP examples yield exactly the expected findings, each with its file and line", async () => {
        const outcome = await scan(path.join(TERRAFORM_EXAMPLES, "insecure-rest"), path.join(TERRAFORM_EXAMPLES, "insecure-http"));
        assert.deepEqual(lines(outcome), INSECURE_TERRAFORM);
        const stage = outcome.findings.find((finding) => finding.ruleId === "rest-stage-xray")!;
        const source = readFileSync(stage.resource!.origin.file!, "utf8").split("\n");
        assert.match(source[stage.resource!.origin.line! - 1], /^resource "aws_api_gateway_stage" "prod"/);
    });
});

describe("the same insecure stack, Pulumi and Terraform", () => {
    const pack = usePack();
    test("examples/insecure through the pack and examples/terraform/insecure-* through scan report the same rule ids", async () => {
        const run = await pack.run(path.join(COMPILED_EXAMPLES, "insecure/index.js"), "preview");
        const pulumiRules = [...new Set(run.diagnostics.map((diagnostic) => diagnostic.policyName))].sort();
        const terraform = await scan(path.join(TERRAFORM_EXAMPLES, "insecure-rest"), path.join(TERRAFORM_EXAMPLES, "insecure-http"));
        const terraformRules = [...new Set(terraform.findings.map((finding) => finding.ruleId))].sort();
        assert.deepEqual(terraformRules, pulumiRules);
        assert.ok(pulumiRules.length >= 15, pulumiRules.join(", "));
    });
});

describe("a CDKTF app synthesized and scanned", () => {
    test("Noncompliance: both stacks of cdktf.out are read, and yield the findings of the Terraform examples they mirror", async () => {
        const outdir = path.join(mkdtempSync(path.join(os.tmpdir(), "gatehouse-cdktf-")), "cdktf.out");
        synth(outdir);
        const outcome = await scan(path.dirname(outdir));
        assert.deepEqual(outcome.inputs.map((input) => [path.relative(outdir, input.path), input.format]),
            [["stacks/legacy-rest/cdk.tf.json", "cdktf"], ["stacks/public-http/cdk.tf.json", "cdktf"]]);
        const byRule = (list: string[]) => list.map((line) => line.split(" ").slice(0, 2).join(" ")).sort();
        assert.deepEqual(byRule(lines(outcome)), byRule(INSECURE_TERRAFORM));
        assert.ok(outcome.findings.every((finding) => finding.resource === undefined || finding.resource.origin.frontEnd === "cdktf"));
    });
});

describe("Terraform examples planned offline and scanned as plan JSON", () => {
    const terraform = offlineTerraform();
    const skip = typeof terraform === "string" ? terraform : false;
    const workdirs = new Map<string, string>();
    const initialized = (example: string) => {
        if (typeof terraform === "string") {
            throw new Error(terraform);
        }
        if (!workdirs.has(example)) {
            workdirs.set(example, terraform.init(path.join(TERRAFORM_EXAMPLES, example)));
        }
        return workdirs.get(example)!;
    };

    for (const example of ["secure-rest", "secure-http", "insecure-rest", "insecure-http"]) {
        test(`${example}: the plan yields the same findings as the HCL`, { skip }, async () => {
            if (typeof terraform === "string") {
                return;
            }
            const plan = terraform.plan(initialized(example));
            const fromPlan = await scan(plan);
            const fromHcl = await scan(path.join(TERRAFORM_EXAMPLES, example));
            assert.equal(fromPlan.inputs[0].format, "terraform-plan");
            assert.equal(fromPlan.inputs[0].resources.length, fromHcl.inputs[0].resources.length);
            assert.deepEqual(lines(fromPlan), lines(fromHcl));
        });
    }

    test(`the generated Terraform→Pulumi schema map matches hashicorp/aws ${PROVIDER_VERSION}'s real schema`, { skip }, () => {
        if (typeof terraform === "string") {
            return;
        }
        const schema = terraform.schema(initialized("secure-rest"));
        assert.equal(generateSchemaMap(schema, PROVIDER_VERSION), readFileSync(SCHEMA_MAP_FILE, "utf8"),
            "regenerate it: terraform providers schema -json > schema.json && node .build/scripts/gen-terraform-mapping.js schema.json " + PROVIDER_VERSION);
    });
});
