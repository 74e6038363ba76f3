/**
 * Terraform as users write it: the evaluated-HCL fixture (variables and terraform.tfvars, locals,
 * count and for_each, dynamic blocks, aws_iam_policy_document, provider default_tags, a local
 * module, an execution ARN with `/*\/*`), scanned as HCL and as the plan Terraform makes of it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { scanConfiguration } from "../../policies/scan/config";
import { renderSarif } from "../../policies/scan/formats/sarif";
import { ScanFinding, scanPaths, ScanOutcome } from "../../policies/scan/scan";
import { runGatehouse } from "../helpers/cli";
import { offlineTerraform } from "../helpers/terraform";

const FIXTURE = path.resolve(__dirname, "../../../test/fixtures/terraform-evaluated");
const DEFAULTS = scanConfiguration(catalog, undefined, "defaults");

function status(finding: ScanFinding): string {
    return finding.waived ? "waived" : finding.kind === "unverifiable" ? "unverifiable" : finding.level === "mandatory" ? "failing" : "advisory";
}

function lines(outcome: ScanOutcome): string[] {
    return outcome.findings.map((finding) => `${status(finding)} ${finding.ruleId} ${finding.resource?.id ?? "-"} ${finding.path ?? ""}`.trim()).sort();
}

/** Every finding of the fixture, by rule, resource and path. */
const EXPECTED = [
    "advisory replacement-availability aws_api_gateway_deployment.current",
    "advisory replacement-availability aws_api_gateway_rest_api.tagged_by_default_tags",
    "advisory stage-alarms aws_api_gateway_stage.per_environment[\"dev\"]",
    "advisory stage-alarms aws_api_gateway_stage.per_environment[\"prod\"]",
    "advisory stage-alarms module.events_stage.aws_apigatewayv2_stage.default",
    "failing api-gateway-role-least-privilege aws_iam_role.integration_wildcard_fails inlinePolicies.0.policy",
    "failing api-gateway-role-least-privilege aws_iam_role.integration_wildcard_fails inlinePolicies.0.policy",
    "failing custom-domain-tls aws_api_gateway_domain_name.tls_from_tfvars_fails securityPolicy",
    // The base path mapping's api_id is the REST API (Pulumi's restApi): the mapping links them.
    "failing execute-api-endpoint-disabled aws_api_gateway_rest_api.tagged_by_default_tags disableExecuteApiEndpoint",
    "failing lambda-permission-scoped aws_lambda_permission.whole_api_fails sourceArn",
    "failing rest-execution-logging aws_api_gateway_stage.per_environment[\"dev\"]",
    "failing rest-execution-logging aws_api_gateway_stage.per_environment[\"prod\"]",
    "failing rest-stage-waf aws_api_gateway_stage.per_environment[\"dev\"]",
    "failing rest-stage-waf aws_api_gateway_stage.per_environment[\"prod\"]",
    "failing rest-stage-xray aws_api_gateway_stage.per_environment[\"dev\"] xrayTracingEnabled",
    "failing stage-throttling aws_api_gateway_stage.per_environment[\"dev\"]",
    "failing stage-throttling aws_api_gateway_stage.per_environment[\"prod\"]",
];

describe("HCL evaluated as Terraform evaluates it", () => {
    test("Noncompliance: exactly the fixture's findings, named by Terraform address", async () => {
        const outcome = await scanPaths([FIXTURE], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputErrors, []);
        assert.deepEqual(lines(outcome), EXPECTED);
    });

    test("each construct decides what it should (these failed before the evaluator)", async () => {
        const outcome = await scanPaths([FIXTURE], catalog, DEFAULTS, "mandatory");
        const ids = new Set(outcome.inputs[0].resources.map((resource) => resource.id));
        // count = 0 (a false flag, a null default): no instance, so no finding.
        assert.ok(!ids.has("aws_api_gateway_stage.legacy_absent") && !ids.has("aws_api_gateway_stage.canary_absent"));
        assert.ok(![...ids].some((id) => id.includes("absent")));
        // for_each instances, addressed as a plan addresses them.
        assert.ok(ids.has("aws_api_gateway_stage.per_environment[\"dev\"]") && ids.has("aws_api_gateway_stage.per_environment[\"prod\"]"));
        // A dynamic access_log_settings over a literal list sets access logging.
        assert.ok(!outcome.findings.some((finding) => finding.ruleId === "stage-access-logging"));
        // default_tags tag every resource: required-tags passes.
        assert.ok(!outcome.findings.some((finding) => finding.ruleId === "required-tags"));
        // terraform.tfvars overrides the variable's default.
        const tls = outcome.findings.find((finding) => finding.ruleId === "custom-domain-tls")!;
        assert.equal(tls.message, "security policy TLS_1_0 accepts TLS 1.0; TLS 1.2 or later is required");
        // An API key from a (sensitive) variable is not written in the program; its value never prints.
        assert.ok(!outcome.findings.some((finding) => finding.ruleId === "api-key-not-hardcoded"));
        // The known suffix of a template on the execution ARN decides the scope; a path-scoped one passes.
        const permission = outcome.findings.find((finding) => finding.ruleId === "lambda-permission-scoped")!;
        assert.equal(permission.resource?.id, "aws_lambda_permission.whole_api_fails");
        assert.match(permission.message, /\/\*\/\* allows every stage, method and path of the API$/u);
        // The data source's document is rendered: the role's wildcard is seen.
        assert.ok(outcome.findings.some((finding) => finding.ruleId === "api-gateway-role-least-privilege" && /grants every action \(\*\)/u.test(finding.message)));
        // The local module's stage is read with its inputs (auto_deploy, log group, throttling from a default).
        const moduleStage = outcome.inputs[0].resources.find((resource) => resource.id === "module.events_stage.aws_apigatewayv2_stage.default")!;
        assert.deepEqual([moduleStage.props["autoDeploy"], (moduleStage.props["defaultRouteSettings"] as any).throttlingBurstLimit], [true, 200]);
        assert.equal(moduleStage.origin.file, path.join(FIXTURE, "modules", "stage", "main.tf"));
    });

    test("--var and --var-file come after terraform.tfvars, as in terraform plan", async () => {
        const varFile = path.join(mkdtempSync(path.join(os.tmpdir(), "gatehouse-vars-")), "prod.tfvars");
        writeFileSync(varFile, "tls_policy = \"TLS_1_2\"\n");
        const fixed = await scanPaths([FIXTURE], catalog, DEFAULTS, "mandatory", { variables: { varFiles: [varFile] } });
        assert.ok(!fixed.findings.some((finding) => finding.ruleId === "custom-domain-tls"));
        const legacy = await scanPaths([FIXTURE], catalog, DEFAULTS, "mandatory", { variables: { varFiles: [varFile], vars: ["enable_legacy=true"] } });
        assert.ok(legacy.inputs[0].resources.some((resource) => resource.id === "aws_api_gateway_stage.legacy_absent[0]"));
    });

    test("a remote module is named as not scanned, with what to do instead", async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-remote-module-"));
        writeFileSync(path.join(folder, "main.tf"), 'module "api" {\n  source  = "terraform-aws-modules/apigateway-v2/aws"\n  version = "5.0.0"\n}\n');
        const outcome = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputs[0].notices, [
            "module.api (main.tf:1) was not scanned: its source \"terraform-aws-modules/apigateway-v2/aws\" is not a local folder and `terraform init` has not installed it "
            + "(.terraform/modules); run `terraform init` (it needs no cloud credentials) or scan the plan (`terraform show -json`) to include it",
        ]);
        // Every report says so; the text one does not call a scan of nothing a pass.
        const text = runGatehouse(["scan", folder]);
        assert.equal(text.code, 0);
        assert.match(text.stdout, /NOTE {4}.*module\.api \(main\.tf:1\) was not scanned/u);
        assert.match(text.stdout, /^nothing scanned: 0 mandatory findings/mu);
        const json = JSON.parse(runGatehouse(["scan", folder, "--format", "json"]).stdout);
        assert.equal(json.inputs[0].notices.length, 1);
        const sarif = JSON.parse(runGatehouse(["scan", folder, "--format", "sarif"]).stdout);
        assert.deepEqual(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.level), ["warning"]);
    });

    test("a module folder is read as Terraform reads it: an editor's lock link is not a source file", async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-module-lock-"));
        mkdirSync(path.join(folder, "api"));
        writeFileSync(path.join(folder, "main.tf"), 'module "api" {\n  source = "./api"\n}\n');
        writeFileSync(path.join(folder, "api", "main.tf"), 'resource "aws_api_gateway_rest_api" "api" {\n  name = "api"\n}\n');
        symlinkSync("user@host.1234:1700000000", path.join(folder, "api", ".#main.tf"));
        const outcome = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputErrors, []);
        assert.deepEqual(outcome.inputs[0].resources.map((resource) => resource.id), ["module.api.aws_api_gateway_rest_api.api"]);
    });

    test("a resource block declared twice is an input error naming both lines", async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-duplicate-"));
        writeFileSync(path.join(folder, "main.tf"), 'resource "aws_api_gateway_rest_api" "api" {\n  name = "a"\n}\n\nresource "aws_api_gateway_rest_api" "api" {\n  name = "b"\n}\n');
        const outcome = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputErrors.map((error) => error.message), [
            `${path.join(folder, "main.tf")}: resource aws_api_gateway_rest_api.api is declared 2 times (lines 1 and 5); Terraform refuses a duplicate resource block`,
        ]);
        const split = mkdtempSync(path.join(os.tmpdir(), "gatehouse-duplicate-"));
        mkdirSync(split, { recursive: true });
        writeFileSync(path.join(split, "a.tf"), 'resource "aws_api_gateway_rest_api" "api" {\n  name = "a"\n}\n');
        writeFileSync(path.join(split, "b.tf"), '\nresource "aws_api_gateway_rest_api" "api" {\n  name = "b"\n}\n');
        const across = await scanPaths([split], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(across.inputErrors.map((error) => error.message), [
            `${path.join(split, "b.tf")}: resource aws_api_gateway_rest_api.api (line 2) is also declared in a.tf line 1; Terraform refuses a duplicate resource block`,
        ]);
    });
});

describe("inline waivers: `# gatehouse:waive <rule-id> <reason>` comments", () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-inline-"));
    const stage = (name: string, inside = "") => `resource "aws_api_gateway_stage" "${name}" {${inside}\n  rest_api_id   = aws_api_gateway_rest_api.api.id\n`
        + `  deployment_id = aws_api_gateway_deployment.d.id\n  stage_name    = "${name}"\n}\n`;
    writeFileSync(path.join(folder, "main.tf"), [
        'resource "aws_api_gateway_rest_api" "api" {\n  name = "api"\n}\n',
        'resource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n}\n',
        "# The mesh traces every request.\n# gatehouse:waive rest-stage-xray tracing is sampled by the service mesh\n" + stage("above"),
        stage("inside", "\n  // gatehouse:waive rest-stage-xray tracing is sampled by the service mesh"),
        stage("short", " # gatehouse:waive rest-stage-xray legacy"),
        "# gatehouse:waive rest-stage-xrays a long enough reason for it\n" + stage("typo"),
        "# gatehouse:waive custom-domain-tls no domain here, a stale comment\n" + stage("stale"),
    ].join("\n"));

    test("Noncompliance: waived findings say so with the reason; short reasons and unknown rules are violations; stale ones are named", async () => {
        const outcome = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        const xray = outcome.findings.filter((finding) => finding.ruleId === "rest-stage-xray").map((finding) => `${status(finding)} ${finding.resource!.id}`).sort();
        assert.deepEqual(xray, [
            "failing aws_api_gateway_stage.short",
            "failing aws_api_gateway_stage.stale",
            "failing aws_api_gateway_stage.typo",
            "waived aws_api_gateway_stage.above",
            "waived aws_api_gateway_stage.inside",
        ]);
        const above = outcome.findings.find((finding) => finding.ruleId === "rest-stage-xray" && finding.resource!.id === "aws_api_gateway_stage.above")!;
        assert.deepEqual(above.waived, { source: "comment", reason: "tracing is sampled by the service mesh" });
        const problems = outcome.findings.filter((finding) => finding.ruleId === "gatehouse-waivers").map((finding) => `${finding.level} ${finding.resource!.id}: ${finding.message}`).sort();
        assert.deepEqual(problems, [
            "advisory aws_api_gateway_stage.stale: comment on line 37 waives custom-domain-tls, which reports nothing on this resource: the waiver can be removed",
            "mandatory aws_api_gateway_stage.short: comment on line 24 waives rest-stage-xray without a reason of at least 10 characters, so it waives nothing",
            "mandatory aws_api_gateway_stage.typo: comment on line 30 names rest-stage-xrays, which is not a Gatehouse rule, so it waives nothing",
        ]);
        const sarif = JSON.parse(renderSarif(outcome, "test", () => "error"));
        const suppressed = sarif.runs[0].results.find((result: any) => result.ruleId === "rest-stage-xray" && result.suppressions);
        assert.equal(suppressed.suppressions[0].kind, "inSource");
    });
});

describe("the same fixture as Terraform plans it", () => {
    const terraform = offlineTerraform();
    const skip = typeof terraform === "string" ? terraform : false;

    test("the plan scan and the HCL scan agree on every finding", { skip }, async () => {
        if (typeof terraform === "string") {
            return;
        }
        const plan = terraform.plan(terraform.init(FIXTURE));
        const planned = await scanPaths([plan], catalog, DEFAULTS, "mandatory");
        const hcl = await scanPaths([FIXTURE], catalog, DEFAULTS, "mandatory");
        // No exception: nothing here depends on a value only apply knows.
        assert.deepEqual(lines(planned), lines(hcl));
        assert.deepEqual(lines(planned), EXPECTED);
    });

    test("SARIF of the plan scan, with --source, carries file and line for every result, through the module", { skip }, async () => {
        if (typeof terraform === "string") {
            return;
        }
        const workdir = terraform.init(FIXTURE);
        const plan = terraform.plan(workdir);
        const elsewhere = path.join(mkdtempSync(path.join(os.tmpdir(), "gatehouse-plan-")), "plan.json");
        cpSync(plan, elsewhere);
        const outcome = await scanPaths([elsewhere], catalog, DEFAULTS, "mandatory", { source: workdir });
        const sarif = JSON.parse(renderSarif(outcome, "test", () => "error"));
        const results = sarif.runs[0].results as any[];
        assert.equal(results.length, EXPECTED.length);
        for (const result of results) {
            const location = result.locations[0].physicalLocation;
            assert.match(location.artifactLocation.uri, /(^|\/)(main\.tf|modules\/stage\/main\.tf)$/u, JSON.stringify(result.locations));
            assert.ok(location.region.startLine > 1, JSON.stringify(result.locations));
        }
        const moduleResult = results.find((result) => result.locations[0].logicalLocations[0].fullyQualifiedName === "module.events_stage.aws_apigatewayv2_stage.default");
        assert.match(moduleResult.locations[0].physicalLocation.artifactLocation.uri, /modules\/stage\/main\.tf$/u);
        assert.equal(moduleResult.locations[0].physicalLocation.region.startLine, 21);
        // Without the source, the plan alone names only itself.
        const alone = await scanPaths([elsewhere], catalog, DEFAULTS, "mandatory");
        assert.ok(alone.findings.every((finding) => finding.resource === undefined || finding.resource.origin.line === undefined));
    });
});

const PLANNER = offlineTerraform();
const WITHOUT_TERRAFORM = typeof PLANNER === "string" ? PLANNER : false;

/**
 * The plan Terraform makes of a fixture has exactly the expected findings, and the HCL scan's
 * findings and resources; the HCL scanned is the fixture's, or that of the folder Terraform initialised.
 */
async function planAgrees(fixture: string, expected: readonly string[], { scanInitialised = false } = {}): Promise<void> {
    if (typeof PLANNER === "string") {
        return;
    }
    const workdir = PLANNER.init(fixture);
    const planned = await scanPaths([PLANNER.plan(workdir)], catalog, DEFAULTS, "mandatory");
    const hcl = await scanPaths([scanInitialised ? workdir : fixture], catalog, DEFAULTS, "mandatory");
    assert.deepEqual(hcl.inputs[0].notices ?? [], []);
    assert.deepEqual(lines(planned), expected);
    assert.deepEqual(lines(hcl), lines(planned));
    const ids = (outcome: ScanOutcome) => outcome.inputs[0].resources.map((resource) => resource.id).sort();
    assert.deepEqual(ids(hcl), ids(planned));
}

describe("resource chaining: count, for_each and dynamic blocks over other resources", () => {
    const CHAINED = path.resolve(__dirname, "../../../test/fixtures/terraform-chained");
    const CHAINED_EXPECTED = [
        "advisory stage-alarms aws_api_gateway_stage.logged",
        "advisory stage-client-certificate aws_api_gateway_stage.logged clientCertificateId",
        "failing execute-api-endpoint-disabled aws_api_gateway_rest_api.mapped_domain_fails disableExecuteApiEndpoint",
        "failing rest-stage-waf aws_api_gateway_stage.logged",
    ];

    test("Noncompliance: exactly the fixture's findings (before: a custom domain nobody declared, and access logs that could not be verified)", async () => {
        const outcome = await scanPaths([CHAINED], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputErrors, []);
        assert.deepEqual(lines(outcome), CHAINED_EXPECTED);
        const ids = outcome.inputs[0].resources.map((resource) => resource.id).sort();
        // No domain, so no mapping over it; one log group, so one method settings instance, addressed as the plan addresses it.
        assert.deepEqual(ids, [
            "aws_api_gateway_base_path_mapping.partners[\"partners.example.com\"]", "aws_api_gateway_deployment.current",
            "aws_api_gateway_domain_name.partners[\"partners.example.com\"]", "aws_api_gateway_method_settings.everything[0]",
            "aws_api_gateway_rest_api.mapped_domain_fails", "aws_api_gateway_rest_api.without_domain_passes", "aws_api_gateway_stage.logged",
            "aws_cloudwatch_log_group.access[0]",
        ]);
        const resources = new Map(outcome.inputs[0].resources.map((resource) => [resource.id, resource]));
        // Values the configuration sets are known through the reference; computed ones are not, and the reference is kept.
        const mapping = resources.get("aws_api_gateway_base_path_mapping.partners[\"partners.example.com\"]")!;
        assert.equal(mapping.props["domainName"], "partners.example.com");
        const settings = resources.get("aws_api_gateway_method_settings.everything[0]")!;
        assert.equal(settings.props["stageName"], "live");
        const stage = resources.get("aws_api_gateway_stage.logged")!;
        const logs = stage.props["accessLogSettings"] as { destinationArn: string; format: string };
        assert.match(logs.format, /\$context\.identity\.caller/u);
        assert.deepEqual([...stage.refs["accessLogSettings"]].sort(), ["aws_cloudwatch_log_group.access[0]", "var.access_log_format"]);
    });

    test("Compliance: with no log group wanted, the stage has no access logs and no method settings", async () => {
        const outcome = await scanPaths([CHAINED], catalog, DEFAULTS, "mandatory", { variables: { vars: ["log_access=false"] } });
        const ids = outcome.inputs[0].resources.map((resource) => resource.id);
        assert.ok(!ids.some((id) => id.startsWith("aws_cloudwatch_log_group.") || id.startsWith("aws_api_gateway_method_settings.")));
        assert.ok(outcome.findings.some((finding) => finding.ruleId === "stage-access-logging" && finding.resource?.id === "aws_api_gateway_stage.logged"
            && finding.kind === "violation"));
    });

    test("a reference cycle, which Terraform refuses, reads as unknown rather than looping", async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-cycle-"));
        writeFileSync(path.join(folder, "main.tf"), [
            'resource "aws_api_gateway_rest_api" "a" {\n  name        = "a"\n  description = aws_api_gateway_rest_api.b.description\n}\n',
            'resource "aws_api_gateway_rest_api" "b" {\n  name        = "b"\n  description = aws_api_gateway_rest_api.a.name\n}\n',
        ].join("\n"));
        const outcome = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputErrors, []);
        const descriptions = Object.fromEntries(outcome.inputs[0].resources.map((resource) => [resource.id, resource.props["description"]]));
        assert.deepEqual(descriptions, { "aws_api_gateway_rest_api.a": "a", "aws_api_gateway_rest_api.b": "a" });
    });

    test("the plan Terraform makes of it gives the same findings and resources", { skip: WITHOUT_TERRAFORM }, () => planAgrees(CHAINED, CHAINED_EXPECTED));
});

describe("typed module inputs: what a caller leaves out of an object is null or its optional() default", () => {
    const TYPED = path.resolve(__dirname, "../../../test/fixtures/terraform-typed");
    const TYPED_EXPECTED = [
        "advisory stage-alarms module.orders_api.aws_apigatewayv2_stage.default",
        "failing v2-route-authorization module.orders_api.aws_apigatewayv2_route.this[\"GET /open_fails\"] authorizationType",
    ];

    test("Noncompliance: exactly the fixture's findings (before: the open route, the integrations' TLS, throttling and log retention could not be verified; a null for a `nullable = false` variable is its default)", async () => {
        const outcome = await scanPaths([TYPED], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputErrors, []);
        assert.deepEqual(lines(outcome), TYPED_EXPECTED);
        const resources = new Map(outcome.inputs[0].resources.map((resource) => [resource.id, resource]));
        const stage = resources.get("module.orders_api.aws_apigatewayv2_stage.default")!;
        assert.deepEqual(stage.props["defaultRouteSettings"], { throttlingBurstLimit: 200, throttlingRateLimit: 100, detailedMetricsEnabled: true });
        assert.equal(resources.get("module.orders_api.aws_cloudwatch_log_group.access")!.props["retentionInDays"], 365);
        const open = resources.get("module.orders_api.aws_apigatewayv2_integration.this[\"GET /open_fails\"]")!;
        assert.equal(open.props["integrationMethod"], "GET");
        assert.equal(open.props["integrationType"], "HTTP_PROXY");
        assert.equal(open.props["connectionType"], undefined);
    });

    test("a folder named by a relative path reads files as Terraform does, from the root module's folder through path.module (before: an input error)", async () => {
        const OPENAPI = path.resolve(__dirname, "../../../test/fixtures/terraform-openapi/passing");
        for (const fixture of [TYPED, OPENAPI]) {
            const relative = path.relative(process.cwd(), fixture);
            assert.ok(!path.isAbsolute(relative) && relative !== "");
            const [byRelative, byAbsolute] = [await scanPaths([relative], catalog, DEFAULTS, "mandatory"), await scanPaths([fixture], catalog, DEFAULTS, "mandatory")];
            assert.deepEqual(byRelative.inputErrors, []);
            assert.deepEqual(lines(byRelative), lines(byAbsolute));
        }
        const typed = await scanPaths([path.relative(process.cwd(), TYPED)], catalog, DEFAULTS, "mandatory");
        const stage = typed.inputs[0].resources.find((resource) => resource.id === "module.orders_api.aws_apigatewayv2_stage.default")!;
        assert.match((stage.props["accessLogSettings"] as { format: string }).format, /^\{"requestId":"\$context\.requestId","caller"/u);
    });

    test("an override of a default is what decides: a short retention fails", async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-typed-"));
        cpSync(TYPED, folder, { recursive: true });
        const main = path.join(folder, "main.tf");
        writeFileSync(main, readFileSync(main, "utf8").replace("# access_logs = {}", "access_logs = { retention_in_days = 14 }"));
        const outcome = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(lines(outcome), [...TYPED_EXPECTED, "failing access-log-group module.orders_api.aws_cloudwatch_log_group.access retentionInDays"].sort());
    });

    test("x[0] of a resource whose count is known only after plan is the instance standing for it (before: no method settings applied to the stage)", async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-standin-"));
        writeFileSync(path.join(folder, "main.tf"), `
variable "enabled" {
  type = bool
}

resource "aws_api_gateway_rest_api" "this" {
  count = var.enabled ? 1 : 0
  name  = "orders"
  body  = jsonencode({ openapi = "3.0.1", paths = {} })
  tags  = { owner = "orders", environment = "prod" }
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "this" {
  count                = var.enabled ? 1 : 0
  rest_api_id          = aws_api_gateway_rest_api.this[0].id
  deployment_id        = "d"
  stage_name           = "live"
  xray_tracing_enabled = true
}

resource "aws_api_gateway_method_settings" "all" {
  count       = var.enabled ? 1 : 0
  rest_api_id = aws_api_gateway_rest_api.this[0].id
  stage_name  = aws_api_gateway_stage.this[0].stage_name
  method_path = "*/*"
  settings {
    metrics_enabled        = true
    logging_level          = "INFO"
    throttling_rate_limit  = 100
    throttling_burst_limit = 50
  }
}
`);
        const outcome = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputErrors, []);
        const stage = outcome.inputs[0].resources.find((resource) => resource.id === "aws_api_gateway_stage.this")!;
        assert.deepEqual([...stage.refs["restApi"]], ["aws_api_gateway_rest_api.this"]);
        // Execution logging, metrics and throttling come from the */* method settings; what fails is what the stage lacks.
        assert.deepEqual(lines(outcome).filter((line) => !line.startsWith("advisory")), [
            "failing rest-stage-waf aws_api_gateway_stage.this",
            "failing stage-access-logging aws_api_gateway_stage.this accessLogSettings",
        ]);
    });

    test("the plan Terraform makes of it gives the same findings and values", { skip: WITHOUT_TERRAFORM }, () => planAgrees(TYPED, TYPED_EXPECTED));

    /** The typed fixture with its module called from `source` and no local copy of it: what a registry module looks like before `terraform init`. */
    function withRemoteModule(source: string): { folder: string; moduleFolder: string } {
        const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-installed-"));
        cpSync(TYPED, folder, { recursive: true });
        const moduleFolder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-module-"));
        cpSync(path.join(folder, "modules", "http-api"), moduleFolder, { recursive: true });
        rmSync(path.join(folder, "modules"), { recursive: true });
        const main = path.join(folder, "main.tf");
        writeFileSync(main, readFileSync(main, "utf8").replace('source = "./modules/http-api"', `source = ${JSON.stringify(source)}`));
        return { folder, moduleFolder };
    }

    /** Installs the module as `terraform init` does: its files under .terraform/modules/<key>, and the manifest. */
    function installAs(folder: string, moduleFolder: string, manifestSource: string): void {
        cpSync(moduleFolder, path.join(folder, ".terraform", "modules", "orders_api"), { recursive: true });
        writeFileSync(path.join(folder, ".terraform", "modules", "modules.json"), JSON.stringify({ Modules: [
            { Key: "", Source: "", Dir: "." },
            { Key: "orders_api", Source: manifestSource, Version: "1.4.0", Dir: ".terraform/modules/orders_api" },
        ] }));
    }

    test("a registry module `terraform init` installed is read from .terraform/modules, as Terraform reads it (before: not scanned)", async () => {
        const { folder, moduleFolder } = withRemoteModule("acme/http-api/aws");
        const before = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(before.inputs[0].resources, []);
        assert.match(before.inputs[0].notices?.[0] ?? "", /^module\.orders_api \(main\.tf:\d+\) was not scanned: its source "acme\/http-api\/aws" is not a local folder and `terraform init` has not installed it/u);

        installAs(folder, moduleFolder, "registry.terraform.io/acme/http-api/aws");
        const after = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(after.inputErrors, []);
        assert.deepEqual(after.inputs[0].notices, []);
        assert.deepEqual(lines(after), TYPED_EXPECTED);
        const route = after.findings.find((finding) => finding.ruleId === "v2-route-authorization")!;
        assert.equal(route.resource?.origin?.file, path.join(folder, ".terraform", "modules", "orders_api", "main.tf"));
    });

    test("an installed module whose call now names another source is not read: the report says to run terraform init again", async () => {
        const { folder, moduleFolder } = withRemoteModule("acme/http-api/aws");
        installAs(folder, moduleFolder, "registry.terraform.io/acme/older-http-api/aws");
        const outcome = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputs[0].resources, []);
        assert.match(outcome.inputs[0].notices?.[0] ?? "", /was not scanned: `terraform init` installed it from "registry\.terraform\.io\/acme\/older-http-api\/aws", not from its source "acme\/http-api\/aws"; run `terraform init` again/u);
    });

    test("a module manifest that is not one is an input error naming the file", async () => {
        const { folder } = withRemoteModule("acme/http-api/aws");
        mkdirSync(path.join(folder, ".terraform", "modules"), { recursive: true });
        const manifest = path.join(folder, ".terraform", "modules", "modules.json");
        writeFileSync(manifest, JSON.stringify({ Modules: [{ Key: "orders_api", Dir: 3 }] }));
        const outcome = await scanPaths([folder], catalog, DEFAULTS, "mandatory");
        assert.deepEqual(outcome.inputErrors.map((error) => error.message),
            [`${manifest}: Modules[0] is not a module record (Key, Source and Dir strings); run \`terraform init\` again`]);
    });

    const git = spawnSync("git", ["--version"]).status === 0 ? undefined : "git is not installed: the real terraform init of a git module is skipped";

    test("the real terraform init of a git module: the HCL scan of the initialised folder equals the plan", { skip: WITHOUT_TERRAFORM || git || false }, async () => {
        if (typeof PLANNER === "string") {
            return;
        }
        const repository = mkdtempSync(path.join(os.tmpdir(), "gatehouse-git-module-"));
        cpSync(path.join(TYPED, "modules", "http-api"), repository, { recursive: true });
        const gitIn = (...args: string[]) => assert.equal(spawnSync("git", args, { cwd: repository }).status, 0, `git ${args.join(" ")}`);
        gitIn("init", "-q");
        gitIn("add", "-A");
        gitIn("-c", "user.name=gatehouse", "-c", "user.email=tests@gatehouse.invalid", "commit", "-q", "-m", "module");
        const { folder } = withRemoteModule(`git::file://${repository}`);
        await planAgrees(folder, TYPED_EXPECTED, { scanInitialised: true });
    });

});
