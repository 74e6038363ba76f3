import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { catalog } from "../../policies/catalog";
import { runProgram } from "../../testing/program";
import { serverlessTemplate } from "../fixtures/component-libraries";
import { stackExport } from "../harness/stack-export";
import { CliRun, runGatehouse } from "../helpers/cli";

const ROOT = path.resolve(__dirname, "../../..");
// Relative to the working directory (the repository), as users type them in CI.
const INSECURE_REST = path.join("examples", "terraform", "insecure-rest");
const SECURE_REST = path.join("examples", "terraform", "secure-rest");
const scratch = mkdtempSync(path.join(os.tmpdir(), "gatehouse-cli-"));

function gatehouse(...args: string[]): CliRun {
    return runGatehouse(args, {}, { NO_COLOR: "" });
}

function file(name: string, content: string): string {
    const target = path.join(scratch, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    return target;
}

describe("gatehouse scan: exit codes and errors", () => {
    test("0 when no mandatory violation, 1 when there is one", () => {
        assert.equal(gatehouse("scan", SECURE_REST).code, 0);
        const insecure = gatehouse("scan", INSECURE_REST);
        assert.equal(insecure.code, 1);
        assert.match(insecure.stdout, /^failed: 11 mandatory findings, 4 advisory, 0 not verifiable yet, 0 rule errors, 0 waived; 12 resources in 1 input \(fail on: mandatory\)$/m);
        assert.doesNotMatch(insecure.stdout, /\x1b\[/, "no colours when the output is not a terminal");
    });

    test("--fail-on advisory fails on an advisory violation; --fail-on none never fails", () => {
        const config = file("advisory-only.json", JSON.stringify({ all: "advisory" }));
        assert.equal(gatehouse("scan", INSECURE_REST, "--config", config).code, 0, "all rules advisory: nothing mandatory");
        assert.equal(gatehouse("scan", INSECURE_REST, "--config", config, "--fail-on", "advisory").code, 1);
        assert.equal(gatehouse("scan", INSECURE_REST, "--fail-on", "none").code, 0);
    });

    const errors: [string, () => string[], RegExp][] = [
        ["malformed JSON", () => [file("broken.json", "{ \"resource_changes\": [ nope ] }")], /broken\.json: not valid JSON at line 1, column 25 \(unexpected character\)\n$/],
        ["a truncated plan", () => [file("truncated.json", "{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"aws_api")], /truncated\.json: the JSON ends early .*truncated/],
        ["an unknown format", () => [file("other.json", "{\"hello\": \"world\"}")], /other\.json: unknown format: expected a Terraform plan/],
        ["an empty file", () => [file("empty.json", "  \n")], /empty\.json: the file is empty/],
        ["an empty folder", () => { const dir = path.join(scratch, "empty-folder"); mkdirSync(dir, { recursive: true }); return [dir]; }, /empty-folder: nothing to scan in this folder/],
        ["a missing path", () => [path.join(scratch, "nowhere")], /nowhere: no such file or folder/],
        ["invalid HCL", () => [file("bad-hcl/main.tf", "resource \"aws_api_gateway_rest_api\" \"x\" {\n  name = \n")], /main\.tf: not valid HCL: line 2/],
        ["a plan resource whose values are not an object", () => [file("odd-plan.json", JSON.stringify({ resource_changes: [
            { address: "aws_api_gateway_stage.s", mode: "managed", type: "aws_api_gateway_stage", name: "s", change: { actions: ["create"], after: "oops" } }] }))],
        /odd-plan\.json: resource_changes\[0\]\.change\.after: not an object \(resource aws_api_gateway_stage\.s\)\n$/],
        ["a malformed configuration", () => [SECURE_REST, "--config", file("bad-config.json", "{ \"all\": ")], /bad-config\.json: not valid JSON/],
        ["a configuration the engine would refuse", () => [SECURE_REST, "--config", file("invalid-config.json", JSON.stringify({ "stage-throttling": { enforcementLevel: "loud" } }))],
            /invalid-config\.json: "stage-throttling\.enforcementLevel": "loud" is not a valid enforcement level/],
        ["a rule setting of the wrong type", () => [SECURE_REST, "--config", file("typed-config.json", JSON.stringify({ "required-tags": { requiredTags: "owner" } }))],
            /typed-config\.json: invalid configuration:\n {2}required-tags\.requiredTags: must be an array, not string/],
    ];
    for (const [name, args, expected] of errors) {
        test(`2 and a message naming the file for ${name}, never a stack trace`, () => {
            const result = gatehouse("scan", ...args());
            assert.equal(result.code, 2, result.stderr);
            assert.match(result.stderr, expected);
            assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
            assert.equal(result.stdout, "");
        });
    }

    test("2 and one line saying what is wrong for bad usage (the usage itself only when no command is given)", () => {
        for (const args of [["scan"], ["scan", SECURE_REST, "--format", "yaml"], ["scan", SECURE_REST, "--fail-on", "sometimes"], ["scan", "--bogus", SECURE_REST], ["frobnicate"]]) {
            const result = gatehouse(...args);
            assert.equal(result.code, 2, args.join(" "));
            assert.match(result.stderr, /^gatehouse: [^\n]+; gatehouse --help shows the usage\n$/);
        }
        const bare = gatehouse();
        assert.equal(bare.code, 2);
        assert.match(bare.stderr, /^Usage: gatehouse scan/);
    });

    test("--output writes the whole report, and nothing when the scan cannot run", () => {
        const out = path.join(scratch, "reports/report.json");
        mkdirSync(path.dirname(out), { recursive: true });
        assert.equal(gatehouse("scan", INSECURE_REST, "--format", "json", "--output", out).code, 1);
        assert.equal(JSON.parse(readFileSync(out, "utf8")).summary.failing, 11);
        const missing = path.join(scratch, "reports/never.json");
        assert.equal(gatehouse("scan", path.join(scratch, "nowhere"), "--output", missing).code, 2);
        assert.equal(existsSync(missing), false);
        assert.deepEqual(readdirSync(path.dirname(out)), ["report.json"], "no temporary file left behind");
    });
});

describe("gatehouse scan: configuration and waivers, from the pack's config file", () => {
    test("enforcement levels, rule settings and configured waivers apply; a waiver without a reason waives nothing and fails", () => {
        const config = file("team.json", JSON.stringify({
            "rest-stage-xray": "disabled",
            "required-tags": { requiredTags: ["owner"] },
            "stage-throttling": "advisory",
            "gatehouse-waivers": {
                waivers: [
                    { rule: "rest-stage-waf", resource: "aws_api_gateway_stage.*", reason: "CloudFront in front carries the WAF (SEC-101)" },
                    { rule: "usage-plan-limits", resource: "aws_api_gateway_usage_plan.partners", reason: "" },
                ],
            },
        }));
        const result = gatehouse("scan", INSECURE_REST, "--config", config, "--format", "json");
        assert.equal(result.code, 1);
        const report = JSON.parse(result.stdout);
        const rows = report.findings.map((f: any) => `${f.status} ${f.ruleId} ${f.resource?.address ?? "-"}`);
        assert.ok(!rows.some((row: string) => row.includes("rest-stage-xray")), "disabled rule reports nothing");
        assert.ok(rows.includes("advisory stage-throttling aws_api_gateway_stage.prod"));
        assert.ok(rows.includes("waived rest-stage-waf aws_api_gateway_stage.prod"));
        assert.ok(rows.includes("failing usage-plan-limits aws_api_gateway_usage_plan.partners"), "the reasonless waiver waives nothing");
        assert.ok(rows.includes("failing gatehouse-waivers -"), "and is itself a finding");
        const waived = report.findings.find((f: any) => f.status === "waived");
        assert.deepEqual(waived.waiver, { source: "config", reason: "CloudFront in front carries the WAF (SEC-101)" });
        assert.ok(rows.includes("advisory required-tags aws_api_gateway_rest_api.legacy"));
    });

    test("a waiver tag on the resource, as in the pack", () => {
        const folder = path.join(scratch, "tagged");
        mkdirSync(folder, { recursive: true });
        writeFileSync(path.join(folder, "main.tf"), readFileSync(path.join(ROOT, INSECURE_REST, "main.tf"), "utf8").replace(
            "  stage_name    = \"prod\"\n",
            "  stage_name    = \"prod\"\n  tags = { \"gatehouse:waive:rest-stage-xray\" = \"tracing is sampled by the service mesh instead\" }\n"));
        const report = JSON.parse(gatehouse("scan", folder, "--format", "json").stdout);
        const xray = report.findings.find((f: any) => f.ruleId === "rest-stage-xray");
        assert.equal(xray.status, "waived");
        assert.deepEqual(xray.waiver, { source: "tag", reason: "tracing is sampled by the service mesh instead" });
    });

    test("a waiver that accepts nothing in any input is reported once; one another input needs is not", () => {
        const config = file("stale.json", JSON.stringify({ "gatehouse-waivers": { waivers: [
            { rule: "rest-stage-xray", resource: "aws_api_gateway_stage.prod", reason: "tracing is sampled by the service mesh" },
            { rule: "rest-stage-xray", resource: "aws_api_gateway_stage.legacy", reason: "tracing is sampled by the service mesh" },
        ] } }));
        // The secure input comes first and needs neither; the insecure one needs the first waiver.
        const report = JSON.parse(gatehouse("scan", SECURE_REST, INSECURE_REST, "--config", config, "--format", "json").stdout);
        const waiverFindings = report.findings.filter((f: any) => f.ruleId === "gatehouse-waivers").map((f: any) => `${f.status} ${f.path}: ${f.message}`);
        assert.deepEqual(waiverFindings, [
            "advisory waivers.1: waivers[1] waives rest-stage-xray on aws_api_gateway_stage.legacy, which matches no resource: the waiver can be removed, or its pattern is mistyped",
        ]);
        assert.ok(report.findings.some((f: any) => f.ruleId === "rest-stage-xray" && f.status === "waived"));
        const text = gatehouse("scan", SECURE_REST, "--config", config);
        assert.equal(text.code, 0, "an unused waiver never fails the scan");
        assert.match(text.stdout, /waivers\[0\] waives rest-stage-xray on aws_api_gateway_stage\.prod, but rest-stage-xray reports nothing on the resources it matches/u);
        assert.match(text.stdout, /waivers\[1\] waives rest-stage-xray on aws_api_gateway_stage\.legacy, which matches no resource/u);
    });

    test("an unknown policy name is a warning, as the engine ignores it", () => {
        const result = gatehouse("scan", SECURE_REST, "--config", file("typo.json", JSON.stringify({ "stage-throtling": "advisory" })));
        assert.equal(result.code, 0);
        assert.match(result.stderr, /typo\.json: "stage-throtling" is not a Gatehouse policy/);
    });
});

describe("gatehouse scan: output formats", () => {
    test("a Pulumi state of a component library's children: each format carries the fix in the library's terms, and JSON and SARIF still validate", async () => {
        const state = file("serverless-state.json", JSON.stringify(stackExport(await runProgram(serverlessTemplate, { mode: "up" }))));
        const fix = "@pulumi/aws-apigateway RestAPI has no argument for the Stage's `xrayTracingEnabled`: set it with a `transforms` resource option on the component (matching `aws:apigateway/stage:Stage`), or waive rest-stage-xray with a reason";
        const text = gatehouse("scan", state).stdout;
        assert.ok(text.includes(`rest-stage-xray (xrayTracingEnabled): X-Ray tracing is off for the stage\n          fix: ${fix}\n`), text);
        const schema = JSON.parse(readFileSync(path.join(ROOT, "docs/scan-report.schema.json"), "utf8"));
        const inventorySchema = JSON.parse(readFileSync(path.join(ROOT, "docs/inventory.schema.json"), "utf8"));
        const report: any = JSON.parse(gatehouse("scan", state, "--format", "json").stdout);
        assert.equal(report.findings.find((f: any) => f.ruleId === "rest-stage-xray").fix, fix);
        // Every violation on the library's children says how to fix it there; notices do not.
        for (const finding of report.findings) {
            assert.equal(typeof finding.fix === "string", finding.kind === "violation", JSON.stringify(finding));
        }
        const validate = new Ajv({ allErrors: true, strict: false }).addSchema(inventorySchema).compile(schema);
        assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
        const sarif = JSON.parse(gatehouse("scan", state, "--format", "sarif").stdout);
        const xray = sarif.runs[0].results.find((r: any) => r.ruleId === "rest-stage-xray");
        assert.equal(xray.message.text, `X-Ray tracing is off for the stage (xrayTracingEnabled) Fix: ${fix}`);
        const sarifSchema = path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json");
        const validateSarif = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(JSON.parse(readFileSync(sarifSchema, "utf8")));
        assert.ok(validateSarif(sarif), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2));
    });

    test("JSON validates against the documented schema (docs/scan-report.schema.json)", () => {
        const schema = JSON.parse(readFileSync(path.join(ROOT, "docs/scan-report.schema.json"), "utf8"));
        const inventorySchema = JSON.parse(readFileSync(path.join(ROOT, "docs/inventory.schema.json"), "utf8"));
        const validate = new Ajv({ allErrors: true, strict: false }).addSchema(inventorySchema).compile(schema);
        for (const target of [INSECURE_REST, SECURE_REST]) {
            for (const extra of [[], ["--endpoints"]]) {
                const report = JSON.parse(gatehouse("scan", target, "--format", "json", ...extra).stdout);
                assert.equal(Array.isArray(report.endpoints), extra.length > 0);
                assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
            }
        }
        const report = JSON.parse(gatehouse("scan", INSECURE_REST, "--format", "json").stdout);
        const finding = report.findings.find((f: any) => f.ruleId === "api-key-not-hardcoded");
        assert.equal(finding.resource.file, path.join(INSECURE_REST, "main.tf"));
        assert.ok(finding.resource.line > 1);
        assert.doesNotMatch(JSON.stringify(report), /pk_live_0123456789abcdef0123/, "the key's value never appears");
    });

    test("SARIF validates against the SARIF 2.1.0 schema, with rules, locations and waived findings as suppressions", () => {
        const schemaFile = path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json");
        // The official schema's patterns are written for ECMAScript regular expressions without the `u` flag.
        const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(JSON.parse(readFileSync(schemaFile, "utf8")));
        const config = file("waive.json", JSON.stringify({ "gatehouse-waivers": { waivers: [{ rule: "rest-stage-waf", resource: "*", reason: "CloudFront in front carries the WAF" }] } }));
        // A permission whose source ARN is a variable without a value: not verifiable before plan.
        const unknownArn = path.join(scratch, "unknown-arn");
        mkdirSync(unknownArn, { recursive: true });
        writeFileSync(path.join(unknownArn, "main.tf"), 'variable "invoker_arn" {}\n\nresource "aws_lambda_permission" "invoke" {\n'
            + '  action        = "lambda:InvokeFunction"\n  function_name = "orders"\n  principal     = "apigateway.amazonaws.com"\n  source_arn    = var.invoker_arn\n}\n');
        const result = gatehouse("scan", INSECURE_REST, path.join("examples", "terraform", "insecure-http"), unknownArn, "--format", "sarif", "--config", config);
        assert.equal(result.code, 1);
        assert.ok(validate(JSON.parse(result.stdout)), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
        const sarif = JSON.parse(result.stdout);
        const run = sarif.runs[0];
        assert.equal(run.tool.driver.rules.length, catalog.length + 1, "every rule, and the waivers policy");
        for (const rule of run.tool.driver.rules) {
            assert.ok(rule.help.text.length > 0 && rule.shortDescription.text.length > 0, rule.id);
        }
        const xray = run.results.find((r: any) => r.ruleId === "rest-stage-xray");
        assert.equal(xray.level, "error");
        assert.equal(run.tool.driver.rules[xray.ruleIndex].id, "rest-stage-xray");
        assert.equal(xray.locations[0].physicalLocation.artifactLocation.uri, "examples/terraform/insecure-rest/main.tf");
        assert.ok(xray.locations[0].physicalLocation.region.startLine > 1);
        assert.equal(xray.locations[0].logicalLocations[0].fullyQualifiedName, "aws_api_gateway_stage.prod");
        const waf = run.results.find((r: any) => r.ruleId === "rest-stage-waf");
        assert.deepEqual(waf.suppressions, [{ kind: "external", status: "accepted", justification: "CloudFront in front carries the WAF" }]);
        const unknown = run.results.find((r: any) => r.ruleId === "lambda-permission-scoped" && r.kind !== "fail");
        assert.deepEqual([unknown.kind, unknown.level], ["open", "none"]);
        assert.equal(run.results.find((r: any) => r.ruleId === "stage-alarms").level, "warning");
    });

    test("JUnit parses as XML with one test case per rule and resource", () => {
        const result = gatehouse("scan", INSECURE_REST, SECURE_REST, "--format", "junit");
        assert.equal(XMLValidator.validate(result.stdout), true);
        const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase", "failure"].includes(name) }).parse(result.stdout);
        const suites: any[] = xml.testsuites.testsuite;
        const cases = suites.flatMap((suite) => (suite.testcase ?? []).map((testcase: any) => ({ ...testcase, suite: suite.name })));
        // Both inputs have an aws_api_gateway_stage.prod: a resource is its input's file and address.
        const keys = cases.map((testcase) => `${testcase.classname} ${testcase.file} ${testcase.name}`);
        assert.equal(new Set(keys).size, keys.length, "one test case per rule and resource");
        assert.ok(keys.includes(`rest-stage-xray ${path.join(INSECURE_REST, "main.tf")} aws_api_gateway_stage.prod`));
        const secureStage = cases.filter((testcase) => testcase.name === "aws_api_gateway_stage.prod" && testcase.file.includes("secure-rest") && !testcase.file.includes("insecure"));
        assert.ok(secureStage.length >= 8, "each rule that checked the secure stage is a passing test case");
        assert.ok(secureStage.every((testcase) => testcase.failure === undefined));
        const failed = cases.find((testcase) => testcase.classname === "rest-stage-xray" && testcase.file.includes("insecure-rest"));
        assert.equal(failed.failure[0].type, "mandatory");
        assert.equal(Number(xml.testsuites.tests), cases.length);
        assert.equal(Number(xml.testsuites.failures), cases.filter((testcase) => testcase.failure).length);
    });

    test("text groups findings by resource with file and line, and colours only when asked or on a terminal", () => {
        const plain = gatehouse("scan", INSECURE_REST).stdout;
        assert.match(plain, /^aws_api_gateway_stage\.prod {2}examples\/terraform\/insecure-rest\/main\.tf:\d+\n( {2}(FAIL|WARN) .*\n)+/m);
        const coloured = gatehouse("scan", INSECURE_REST, "--color").stdout;
        assert.match(coloured, /\x1b\[31mFAIL/);
    });
});
