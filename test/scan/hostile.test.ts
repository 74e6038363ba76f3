/**
 * `gatehouse scan` and `gatehouse inventory` under hostile input, run as users run them (the bin,
 * a child process): secrets in every format, malformed and oddly encoded inputs, several inputs
 * of which some are bad, reports written to devices and pipes, values that try to forge a CI
 * annotation, and a reader that closes the pipe early.
 */
import assert from "node:assert/strict";
import { spawnSync, SpawnSyncOptions } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { offlineTerraform } from "../helpers/terraform";
import { BIN, runGatehouse } from "../helpers/cli";

const ROOT = path.resolve(__dirname, "../../..");
const SECURE_REST = path.join(ROOT, "examples", "terraform", "secure-rest");
const INSECURE_REST = path.join(ROOT, "examples", "terraform", "insecure-rest");
const SECRETS_TF = path.join(ROOT, "test", "fixtures", "terraform-secrets");
const scratch = mkdtempSync(path.join(os.tmpdir(), "gatehouse-hostile-"));
const isRoot = process.getuid?.() === 0;

interface Run { code: number | null; stdout: string; stderr: string }

const gatehouse = (args: readonly string[], options: SpawnSyncOptions = {}): Run => runGatehouse(args, options);

function file(name: string, content: string | Buffer): string {
    const target = path.join(scratch, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    return target;
}

/** The markers the secrets corpus hides in sensitive and secret values. */
const MARKERS = ["zq7secret", "3571", "987651", "AdministratorAccess"];
const SCAN_FORMATS = ["text", "json", "sarif", "junit"];
const INVENTORY_FORMATS = ["text", "json", "markdown", "html"];

function assertNoMarker(run: Run, where: string): void {
    for (const marker of MARKERS) {
        assert.ok(!run.stdout.includes(marker), `${where}: stdout holds ${marker}`);
        assert.ok(!run.stderr.includes(marker), `${where}: stderr holds ${marker}`);
    }
}

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const secret = (value: unknown) => ({ [SIG]: SECRET_SIG, plaintext: JSON.stringify(value) });
const URN = "urn:pulumi:dev::shop::";

/** `pulumi stack export --show-secrets` of the same stack as the sensitive Terraform fixture. */
function secretState(): string {
    const resource = (type: string, name: string, outputs: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}) => ({
        urn: `${URN}${type}::${name}`, custom: true, id: name, type, inputs: outputs, outputs, propertyDependencies,
    });
    const api = `${URN}aws:apigateway/restApi:RestApi::orders`;
    const logs = `${URN}aws:cloudwatch/logGroup:LogGroup::access`;
    const stage = `${URN}aws:apigateway/stage:Stage::prod`;
    const role = `${URN}aws:iam/role:Role::integration`;
    return JSON.stringify({
        version: 3,
        deployment: {
            manifest: { time: "2026-12-01T00:00:00Z", version: "v3.200.0" },
            resources: [
                resource("aws:apigateway/restApi:RestApi", "orders", { name: "orders", id: "a1" }),
                resource("aws:apigateway/authorizer:Authorizer", "token", { restApi: "a1", type: "TOKEN", authorizerResultTtlInSeconds: secret(3571) }, { restApi: [api] }),
                resource("aws:cloudwatch/logGroup:LogGroup", "access", {
                    arn: "arn:aws:logs:eu-west-1:123456789012:log-group:orders-access", retentionInDays: 1,
                    tags: secret({ "gatehouse:waive": "access-log-group: zq7secret-reason kept short for the sandbox account" }),
                }),
                resource("aws:apigateway/stage:Stage", "prod", {
                    restApi: "a1", stageName: "prod", deployment: "d1",
                    accessLogSettings: { destinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:orders-access", format: "$context.requestId" },
                }, { restApi: [api], accessLogSettings: [logs] }),
                resource("aws:apigateway/methodSettings:MethodSettings", "all", {
                    restApi: "a1", stageName: "prod", methodPath: "*/*",
                    settings: secret({ throttlingRateLimit: 987651, throttlingBurstLimit: 100, dataTraceEnabled: true, loggingLevel: "INFO", metricsEnabled: true }),
                }, { restApi: [api], stageName: [stage] }),
                resource("aws:iam/role:Role", "integration", {
                    name: "orders-integration",
                    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
                    managedPolicyArns: secret(["arn:aws:iam::aws:policy/AdministratorAccess"]),
                }),
                resource("aws:iam/rolePolicy:RolePolicy", "integration", {
                    role: "orders-integration",
                    policy: secret(JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "zq7secretSid", Effect: "Allow", Action: "*", Resource: "*" }] })),
                }, { role: [role] }),
            ],
        },
    });
}

describe("secrets never reach any output", () => {
    const terraform = offlineTerraform();
    const inputs: [string, () => string][] = [
        ["Pulumi state exported with --show-secrets", () => file("secret-state.json", secretState())],
        ["HCL with sensitive variables", () => SECRETS_TF],
    ];
    if (typeof terraform !== "string") {
        inputs.unshift(["a real Terraform plan with sensitive variables", () => terraform.plan(terraform.init(SECRETS_TF))]);
    } else {
        test("a real Terraform plan with sensitive variables", { skip: terraform }, () => undefined);
    }
    for (const [name, make] of inputs) {
        test(`${name}: no marker in any byte of scan (every format) or inventory (every format)`, () => {
            const input = make();
            const json = JSON.parse(gatehouse(["scan", input, "--format", "json"]).stdout);
            const fired = new Set<string>(json.findings.map((finding: any) => `${finding.status} ${finding.ruleId}`));
            // The corpus fires the rules that print the secret values, so hiding them is what is tested.
            if (name !== "HCL with sensitive variables") {
                for (const expected of ["failing authorizer-cache-ttl", "failing stage-throttling", "failing api-gateway-role-least-privilege", "waived access-log-group"]) {
                    assert.ok(fired.has(expected), `${expected} in ${[...fired].join(", ")}`);
                }
            }
            for (const format of SCAN_FORMATS) {
                assertNoMarker(gatehouse(["scan", input, "--format", format]), `scan --format ${format}`);
            }
            assertNoMarker(gatehouse(["scan", input, "--format", "json", "--endpoints"]), "scan --endpoints");
            for (const format of INVENTORY_FORMATS) {
                assertNoMarker(gatehouse(["inventory", input, "--format", format]), `inventory --format ${format}`);
            }
        });
    }

    test("a JSON syntax error is placed by line and column, never by the text around it", () => {
        const broken = file("broken-secret.json", `{\n  "resource_changes": [\n    { "password": zq7secret-password }\n  ]\n}\n`);
        const run = gatehouse(["scan", broken]);
        assert.equal(run.code, 2);
        assert.equal(run.stderr, `gatehouse: ${broken}: not valid JSON at line 3, column 19 (unexpected character)\n`);
        assertNoMarker(run, "syntax error");
    });
});

describe("values unknown in a plan are never misjudged, in any format", () => {
    const change = (type: string, name: string, after: Record<string, unknown>, afterUnknown: Record<string, unknown> = {}) => ({
        address: `${type}.${name}`, mode: "managed", type, name,
        change: { actions: ["create"], after, after_unknown: afterUnknown, after_sensitive: {} },
    });
    const stageArn = "arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod";
    const everything = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    const plan = () => JSON.stringify({
        format_version: "1.2",
        resource_changes: [
            change("aws_api_gateway_rest_api", "api", { id: "a1", name: "api" }),
            change("aws_api_gateway_stage", "prod", { rest_api_id: "a1", stage_name: "prod", deployment_id: "d1", arn: stageArn, xray_tracing_enabled: true }),
            change("aws_wafv2_web_acl", "acl", {
                arn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/acl/1", name: "acl",
                rule: [
                    { name: "managed", priority: 1, override_action: [{ none: [{}] }], statement: [{ managed_rule_group_statement: [{ vendor_name: "AWS" }] }] },
                    { name: "rate", priority: 2, action: [{ block: [{}] }], statement: [{ rate_based_statement: [{ aggregate_key_type: "IP" }] }] },
                ],
            }, { rule: [{ statement: [{ managed_rule_group_statement: [{ name: true }] }] }, { statement: [{ rate_based_statement: [{ limit: true }] }] }] }),
            change("aws_wafv2_web_acl_association", "acl", { resource_arn: stageArn, web_acl_arn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/acl/1" }),
            change("aws_api_gateway_method_settings", "unknown_path", {
                rest_api_id: "a1", stage_name: "prod",
                settings: [{ throttling_burst_limit: 100, throttling_rate_limit: 50, logging_level: "INFO", metrics_enabled: true }],
            }, { method_path: true }),
            change("aws_iam_role", "unknown_trust", { name: "unknown-trust", inline_policy: [{ name: "everything", policy: everything }] }, { assume_role_policy: true }),
            change("aws_apigatewayv2_api", "unknown_origin", { name: "origin", protocol_type: "HTTP", cors_configuration: [{ allow_credentials: true, allow_origins: [null] }] },
                { cors_configuration: [{ allow_origins: [true] }] }),
        ],
    });
    const RULES = ["waf-web-acl-rules", "waf-rate-based-rule", "stage-throttling", "api-gateway-role-least-privilege", "cors-allowed-origins"];

    test("Noncompliance: each rule says it cannot verify what is unknown, and none fails, in every format", () => {
        const input = file("unknowns/plan.json", plan());
        const report = JSON.parse(gatehouse(["scan", input, "--format", "json"]).stdout);
        const statuses = report.findings.filter((finding: any) => RULES.includes(finding.ruleId)).map((finding: any) => `${finding.status} ${finding.ruleId}`);
        assert.deepEqual([...new Set(statuses)].sort(), RULES.map((rule) => `unverifiable ${rule}`).sort());
        const text = gatehouse(["scan", input, "--format", "text"]).stdout;
        assert.deepEqual(text.split("\n").filter((line) => /^\s+FAIL/.test(line) && RULES.some((rule) => line.includes(` ${rule}`))), []);
        const sarif = JSON.parse(gatehouse(["scan", input, "--format", "sarif"]).stdout);
        assert.deepEqual(sarif.runs[0].results.filter((result: any) => RULES.includes(result.ruleId) && result.level !== "none"), []);
        const junit = gatehouse(["scan", input, "--format", "junit"]).stdout;
        for (const rule of RULES) {
            const suite = new RegExp(`<testsuite name="${rule}"[^>]*failures="(\\d+)"`).exec(junit);
            assert.equal(suite?.[1], "0", rule);
        }
    });
});

describe("inputs are refused cleanly, and every good one is still read", () => {
    const plan = (extra: Record<string, unknown> = {}) => JSON.stringify({
        format_version: "1.2",
        resource_changes: [{
            address: "aws_api_gateway_stage.prod", mode: "managed", type: "aws_api_gateway_stage", name: "prod",
            change: { actions: ["create"], after: { stage_name: "prod", xray_tracing_enabled: false }, after_unknown: {}, after_sensitive: {} },
        }],
        ...extra,
    });

    test("Noncompliance 1: malformed JSON outside the sections the scanner reads is refused (exit 2), by place", () => {
        const text = plan().replace(/}$/, ', "planned_values": {"root_module": {"resources": [nope]}}}');
        const broken = file("outside-sections.json", text);
        const run = gatehouse(["scan", broken]);
        assert.equal(run.code, 2);
        assert.equal(run.stderr, `gatehouse: ${broken}: not valid JSON at line 1, column ${text.indexOf("nope") + 1} (unexpected character)\n`);
    });

    test("Noncompliance 2: a shape Terraform never writes is named by its JSON path, not \"could not be read\"", () => {
        const cases: [string, string, string][] = [
            ["resources-not-a-list.json", plan({ configuration: { root_module: { resources: 5 } } }), "configuration.root_module.resources: not a list"],
            ["change-not-an-object.json", JSON.stringify({ format_version: "1.2", resource_changes: [5] }), "resource_changes[0]: not a resource change"],
            ["no-actions.json", JSON.stringify({ format_version: "1.2", resource_changes: [{ address: "a.b", mode: "managed", type: "a", name: "b", change: { after: {} } }] }), "resource_changes[0].change.actions: not a list of actions"],
            ["after-a-number.json", JSON.stringify({ format_version: "1.2", resource_changes: [{ address: "aws_api_gateway_stage.a", mode: "managed", type: "aws_api_gateway_stage", name: "a", change: { actions: ["create"], after: 5 } }] }),
                "resource_changes[0].change.after: not an object (resource aws_api_gateway_stage.a)"],
            ["types-not-objects.tf.json", JSON.stringify({ resource: { aws_api_gateway_stage: 5 } }), "resource.aws_api_gateway_stage: not an object of resources by name"],
        ];
        for (const [name, content, message] of cases) {
            const target = file(name, content);
            const run = gatehouse(["scan", target]);
            assert.equal(run.code, 2, name);
            assert.equal(run.stderr, `gatehouse: ${target}: ${message}\n`);
        }
    });

    test("Noncompliance 3: a UTF-8 byte-order mark is read on a state export and a .tf.json, as on a plan; UTF-16 with a BOM is read", () => {
        const state = file("bom/state.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(secretState())]));
        assert.equal(gatehouse(["scan", state, "--format", "json"]).code, 1);
        const config = file("bom/main.tf.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ resource: { aws_api_gateway_rest_api: { "é": { name: "é" } } } }))]));
        const configRun = gatehouse(["scan", config, "--format", "json"]);
        assert.equal(configRun.code, 0, configRun.stderr);
        assert.deepEqual(JSON.parse(configRun.stdout).inputs.map((input: any) => [input.format, input.resources]), [["terraform-json", 1]]);
        const utf16 = file("utf16/plan.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plan(), "utf16le")]));
        const run = gatehouse(["scan", utf16, "--format", "json"]);
        assert.equal(run.code, 1, run.stderr);
        assert.deepEqual(JSON.parse(run.stdout).inputs.map((input: any) => input.format), ["terraform-plan"]);
    });

    test("Noncompliance 4: UTF-16 without a byte-order mark is refused by name, with no NUL byte in the message", () => {
        const utf16 = file("utf16-nobom/plan.json", Buffer.from(plan(), "utf16le"));
        const run = gatehouse(["scan", utf16]);
        assert.equal(run.code, 2);
        assert.equal(run.stderr, `gatehouse: ${utf16}: the file holds NUL bytes: it is binary, or UTF-16/UTF-32 text without a byte-order mark; save it as UTF-8\n`);
        assert.ok(!run.stderr.includes("\0"));
    });

    test("Noncompliance 5: a folder scan reads what Terraform reads: no dotfiles, editor lock links or backups", () => {
        const folder = path.join(scratch, "module");
        mkdirSync(folder, { recursive: true });
        writeFileSync(path.join(folder, "main.tf"), 'resource "aws_api_gateway_rest_api" "orders" {\n  name = "orders"\n}\n');
        writeFileSync(path.join(folder, ".hidden.tf"), "this is not HCL {{{");
        writeFileSync(path.join(folder, "main.tf~"), "this is not HCL {{{");
        writeFileSync(path.join(folder, "#main.tf#"), "this is not HCL {{{");
        symlinkSync("root@host.12345:1700000000", path.join(folder, ".#main.tf")); // Emacs's lock: a link to nothing
        const run = gatehouse(["scan", folder, "--format", "json"]);
        assert.notEqual(run.code, 2, run.stderr);
        assert.equal(run.stderr, "");
        assert.deepEqual(JSON.parse(run.stdout).inputs, [{ path: folder, format: "terraform-hcl", resources: 1 }]);
    });

    test("a folder of configurations holding a symlink loop is read once, without recursing forever", () => {
        const folder = path.join(scratch, "configs");
        mkdirSync(path.join(folder, "orders"), { recursive: true });
        writeFileSync(path.join(folder, "orders", "main.tf"), 'resource "aws_api_gateway_rest_api" "orders" {\n  name = "orders"\n}\n');
        symlinkSync(folder, path.join(folder, "orders", "back-to-top"));
        symlinkSync(folder, path.join(folder, "loop"));
        const run = gatehouse(["scan", folder, "--format", "json"], { timeout: 60_000 });
        assert.equal(run.stderr, "");
        assert.deepEqual(JSON.parse(run.stdout).inputs.map((input: any) => input.path), [path.join(folder, "orders")]);
    });

    test("Noncompliance 6: with several inputs, every good one is reported, every bad one named, and the exit code is 2", () => {
        const good = file("several/good.json", plan());
        const malformed = file("several/malformed.json", "{ \"resource_changes\": [ nope ] }");
        const missing = path.join(scratch, "several", "missing.json");
        const run = gatehouse(["scan", malformed, good, missing, "--format", "json"]);
        assert.equal(run.code, 2);
        assert.equal(run.stderr, [
            `gatehouse: ${malformed}: not valid JSON at line 1, column 25 (unexpected character)`,
            `gatehouse: ${missing}: no such file or folder`,
            "",
        ].join("\n"));
        const report = JSON.parse(run.stdout);
        assert.equal(report.passed, false);
        assert.deepEqual(report.inputs.map((input: any) => input.path), [good]);
        assert.deepEqual(report.inputErrors.map((error: any) => error.path), [malformed, missing]);
        assert.ok(report.findings.some((finding: any) => finding.ruleId === "rest-stage-xray"));
        for (const format of ["text", "sarif", "junit"]) {
            const other = gatehouse(["scan", malformed, good, "--format", format]);
            assert.equal(other.code, 2, format);
            assert.ok(other.stdout.includes("malformed.json"), `${format} names the bad input`);
        }
        const sarif = JSON.parse(gatehouse(["scan", malformed, good, "--format", "sarif"]).stdout);
        assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
        assert.equal(gatehouse(["scan", missing]).stdout, "", "nothing read: no report claiming a pass");
    });
});

describe("--output never destroys what it writes to", () => {
    /** The command run as root, and (when this runs as root) as the unprivileged user `nobody`. */
    const users: [string, SpawnSyncOptions][] = [["this user", {}], ...(isRoot ? [["nobody", { uid: 65534, gid: 65534 }] as [string, SpawnSyncOptions]] : [])];

    /** `nobody` cannot run the CLI from a checkout it cannot read (a clone under a 0700 `mktemp -d` folder). */
    const cannotRun = (options: SpawnSyncOptions): string | false => {
        if (options.uid === undefined) return false;
        const probe = spawnSync(process.execPath, ["-e", `require("fs").accessSync(${JSON.stringify(BIN)}, require("fs").constants.R_OK)`], { ...options, cwd: "/" });
        return probe.status === 0 ? false : `uid ${options.uid} cannot read ${BIN} (a parent folder is private), so the CLI cannot run as that user here`;
    };

    for (const [user, options] of users) {
        const skip = cannotRun(options);
        test(`--output /dev/stdout and /dev/fd/1 write to the pipe (${user})`, { skip }, () => {
            for (const target of ["/dev/stdout", "/dev/fd/1"]) {
                const run = gatehouse(["scan", SECURE_REST, "--format", "json", "--output", target], { ...options, cwd: "/" });
                assert.equal(run.code, 0, run.stderr);
                assert.equal(JSON.parse(run.stdout).passed, true, target);
            }
        });

        test(`--output to a process substitution writes through the pipe (${user})`, { skip }, () => {
            const result = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" scan "${SECURE_REST}" --format json --output >(cat)`], { encoding: "utf8", cwd: "/", ...options });
            assert.equal(result.status, 0, String(result.stderr));
            assert.equal(JSON.parse(String(result.stdout)).passed, true);
        });
    }

    test("--output /dev/null leaves the device a device (as root, in a private mount namespace with its own /dev)", { skip: isRoot ? false : "needs root for a private mount namespace" }, () => {
        const script = [
            "set -e",
            "mount -t tmpfs tmpfs /dev",
            "mknod -m 666 /dev/null c 1 3",
            "ln -s /proc/self/fd /dev/fd",
            `"${process.execPath}" "${BIN}" scan "${INSECURE_REST}" --output /dev/null || echo "exit $?"`,
            "stat -c %F /dev/null",
        ].join("\n");
        const result = spawnSync("unshare", ["--mount", "--propagation", "private", "sh", "-c", script], { encoding: "utf8" });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, "exit 1\ncharacter special file\n");
    });

    test("a FIFO is written in place, not replaced by a file", () => {
        const fifo = path.join(scratch, "report.fifo");
        spawnSync("mkfifo", [fifo]);
        const result = spawnSync("bash", ["-c", `cat "${fifo}" & "${process.execPath}" "${BIN}" scan "${SECURE_REST}" --format json --output "${fifo}"; wait`], { encoding: "utf8", timeout: 60_000 });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(JSON.parse(result.stdout).passed, true);
        assert.ok(statSync(fifo).isFIFO());
    });

    test("a regular file behind a symlink is replaced whole; the link stays a link; a failed scan leaves the old report", () => {
        const real = file("reports/real.json", "old report");
        const link = path.join(scratch, "reports", "link.json");
        symlinkSync(real, link);
        assert.equal(gatehouse(["scan", SECURE_REST, "--format", "json", "--output", link]).code, 0);
        assert.ok(statSync(link).isFile() && readFileSync(link, "utf8").startsWith("{"));
        assert.equal(JSON.parse(readFileSync(real, "utf8")).passed, true);
        assert.equal(gatehouse(["scan", path.join(scratch, "nowhere"), "--output", real]).code, 2);
        assert.equal(JSON.parse(readFileSync(real, "utf8")).passed, true, "the report the user had is still there");
    });
});

describe("output hygiene", () => {
    const forged = "GET /a\n::error title=forged::owned\u001b[31m";
    const config = () => file("forge/main.tf.json", JSON.stringify({
        resource: {
            aws_apigatewayv2_api: { chat: { name: "chat", protocol_type: "HTTP" } },
            aws_apigatewayv2_route: { forged: { api_id: "${aws_apigatewayv2_api.chat.id}", route_key: forged, authorization_type: "NONE" } },
        },
    }));

    test("Noncompliance 1: a route key holding a newline, a ::error command and an ANSI escape forges nothing, in any format", () => {
        const input = config();
        for (const format of SCAN_FORMATS) {
            const run = gatehouse(["scan", input, "--format", format]);
            assert.equal(run.code, 1, `${format}: ${run.stderr}`);
            assert.ok(run.stdout.includes("::error title=forged::owned"), `${format} still says what the value is`);
            assert.ok(!/^::error/m.test(run.stdout), `${format}: a line starts with ::error`);
            assert.ok(!run.stdout.includes("\u001b"), `${format}: an escape character reached the output`);
            if (format === "json") {
                const messages = JSON.parse(run.stdout).findings.map((finding: any) => finding.message).join("\n");
                assert.ok(messages.includes("GET /a\\n::error"), "the JSON message holds the escaped newline, not a newline");
            }
        }
        for (const format of INVENTORY_FORMATS) {
            const run = gatehouse(["inventory", input, "--format", format]);
            assert.ok(!/^::error/m.test(run.stdout) && !run.stdout.includes("\u001b"), `inventory ${format}`);
        }
    });

    test("Noncompliance 2: a reader that closes the pipe early (| head -1) ends the scan quietly, with the exit code it earned", () => {
        const stages = Array.from({ length: 2000 }, (_, index) => ({
            address: `aws_api_gateway_stage.s${index}`, mode: "managed", type: "aws_api_gateway_stage", name: `s${index}`,
            change: { actions: ["create"], after: { stage_name: `s${index}` }, after_unknown: {}, after_sensitive: {} },
        }));
        const big = file("big.json", JSON.stringify({ format_version: "1.2", resource_changes: stages }));
        const result = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" scan "${big}" 2>"${big}.stderr" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: "utf8" });
        assert.equal(result.stdout, "1\n");
        assert.equal(readFileSync(`${big}.stderr`, "utf8"), "");
    });
});
