/** Where users tripped on the CLI: each fix, run through the bin as users run it. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, test } from "node:test";
import { XMLParser } from "fast-xml-parser";
import { catalog } from "../../policies/catalog";
import { BIN, runGatehouse } from "../helpers/cli";

const INSECURE_REST = path.join("examples", "terraform", "insecure-rest");

const gatehouse = (...args: string[]) => runGatehouse(args);

describe("gatehouse CLI: the places users tripped", () => {
    test("Noncompliance 1: --fail-on none changes the exit code only, never the levels shown", () => {
        for (const format of ["text", "json", "sarif", "junit"]) {
            const normal = gatehouse("scan", INSECURE_REST, "--format", format);
            const none = gatehouse("scan", INSECURE_REST, "--format", format, "--fail-on", "none");
            assert.equal(normal.code, 1);
            assert.equal(none.code, 0);
            const strip = (text: string) => text.replace(/"failOn":"[a-z]+"|fail on: [a-z]+|"passed":(true|false)|^(passed|failed):/gm, "");
            assert.equal(strip(none.stdout), strip(normal.stdout), `${format}: only the threshold and the verdict differ`);
        }
        assert.match(gatehouse("scan", INSECURE_REST, "--fail-on", "none").stdout, /^passed: 11 mandatory findings, 4 advisory/m);
    });

    test("Noncompliance 2: JUnit reports only failing findings as <failure>; advisories go to system-out", () => {
        const xml = gatehouse("scan", INSECURE_REST, "--format", "junit").stdout;
        const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml);
        const suites = [parsed.testsuites.testsuite].flat();
        const failures = suites.flatMap((suite: any) => [suite.testcase ?? []].flat()).flatMap((testcase: any) => [testcase.failure ?? []].flat());
        assert.equal(failures.length, 11, "the eleven mandatory findings");
        assert.ok(failures.every((failure: any) => failure["@_type"] === "mandatory"));
        assert.equal(Number(parsed.testsuites["@_failures"]), 11);
        assert.match(xml, /<system-out>advisory: /);
    });

    test("Noncompliance 3: gatehouse rules | head ends quietly", () => {
        const result = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" rules 2>&1 | head -1; echo "exit \${PIPESTATUS[0]}"`], { encoding: "utf8" });
        assert.match(result.stdout, /^api-key-not-hardcoded +mandatory/);
        assert.match(result.stdout, /\nexit 0\n$/);
        assert.doesNotMatch(result.stdout, /EPIPE|Error/);
    });

    test("Noncompliance 4: gatehouse rules <id> prints one rule's documentation; --format json the catalog", () => {
        const one = gatehouse("rules", "rest-stage-xray");
        assert.equal(one.code, 0);
        assert.match(one.stdout, /^rest-stage-xray: REST stages trace requests with X-Ray\nlevel mandatory, severity low, area logging; checks aws:apigateway\/stage:Stage\n\nREST API stages must enable AWS X-Ray tracing\.\n\nWhy: .+\n\nFix: Set `xrayTracingEnabled: true` on the stage\./);
        const withSettings = gatehouse("rules", "access-log-group").stdout;
        assert.match(withSettings, /Settings:\n {2}minimumRetentionDays \(default 365\): Shortest acceptable retention, in days\./);
        const json = JSON.parse(gatehouse("rules", "--format", "json").stdout);
        assert.deepEqual(json.map((rule: any) => rule.id), catalog.map((rule) => rule.id));
        assert.equal(json.find((rule: any) => rule.id === "access-log-group").config.minimumRetentionDays.default, 365);
        const typo = gatehouse("rules", "rest-stage-xra");
        assert.equal(typo.code, 2);
        assert.equal(typo.stderr, "gatehouse: no rule rest-stage-xra (did you mean rest-stage-xray?); gatehouse rules lists them\n");
    });

    test("Noncompliance 5: an unknown flag or command gets \"did you mean\" in one line, not the whole usage", () => {
        const cases: [string[], string][] = [
            [["scan", INSECURE_REST, "--fromat", "json"], "gatehouse: unknown option --fromat (did you mean --format?); gatehouse --help shows the usage\n"],
            [["scan", INSECURE_REST, "--out", "x.json"], "gatehouse: unknown option --out (did you mean --output?); gatehouse --help shows the usage\n"],
            [["scan", INSECURE_REST, "--fail-on=strict"], "gatehouse: --fail-on must be one of mandatory, advisory, none, not \"strict\"; gatehouse --help shows the usage\n"],
            [["sacn", INSECURE_REST], "gatehouse: unknown command \"sacn\" (did you mean scan?); gatehouse --help shows the usage\n"],
        ];
        for (const [args, stderr] of cases) {
            const run = gatehouse(...args);
            assert.equal(run.code, 2, args.join(" "));
            assert.equal(run.stderr, stderr);
        }
    });
});
