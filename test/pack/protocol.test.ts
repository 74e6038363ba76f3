import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { configDefaults } from "../../policies/engine/config";
import { WAIVERS_POLICY } from "../../policies/engine/waivers";
import { ConfigValidationError } from "../../testing/engine";
import { runProgram } from "../../testing/program";
import { summarise, usePack } from "../helpers/pack";

const INSECURE = path.resolve(__dirname, "../../examples/insecure/index.js");
const SEVERITY = { low: 1, medium: 2, high: 3, critical: 4 } as const;

describe("the pack over the Analyzer protocol", () => {
    const pack = usePack();

    test("answers Handshake UNIMPLEMENTED, as the engine expects of Node packs", async () => {
        assert.equal(await pack.engine.handshake(), "unimplemented");
    });

    test("GetAnalyzerInfo lists exactly the rules of the catalog and the waivers policy, with their metadata", async () => {
        const info = await pack.engine.analyzerInfo();
        const version = require("../../../package.json").version;
        assert.equal(info.name, "gatehouse");
        assert.equal(info.version, version);
        assert.deepEqual(info.policies.map((p) => p.name).sort(), [...catalog.map((r) => r.id), WAIVERS_POLICY].sort());
        for (const rule of catalog) {
            const policy = info.policies.find((p) => p.name === rule.id)!;
            assert.equal(policy.description, rule.description, rule.id);
            assert.equal(policy.displayName, rule.title, rule.id);
            assert.equal(policy.enforcementLevel, rule.enforcementLevel, rule.id);
            assert.equal(policy.severity, SEVERITY[rule.severity], rule.id);
            assert.equal(policy.remediationSteps, rule.remediation, rule.id);
            assert.ok(policy.tags.includes(rule.area), `${rule.id} is tagged with its area`);
            for (const control of rule.references.controls) {
                assert.ok(policy.tags.includes(control), `${rule.id} is tagged with ${control}`);
            }
            assert.equal(policy.framework?.version, "2023", rule.id);
            assert.equal(policy.framework?.reference, rule.references.owasp.join(", "), rule.id);
            const defaults = Object.fromEntries(Object.entries(policy.configSchema?.properties ?? {}).map(([k, v]) => [k, (v as any).default]));
            assert.deepEqual(defaults, configDefaults(rule), `${rule.id} publishes its config schema with defaults`);
        }
    });

    test("the engine rejects configuration that does not match a rule's schema", async () => {
        await assert.rejects(
            pack.engine.reconcile({ "custom-domain-tls": { minimumTlsVersion: "1.1" }, "stage-throttling": { maxRateLimit: "lots" } }),
            (error: unknown) => {
                assert.ok(error instanceof ConfigValidationError);
                assert.equal(error.errors.length, 2, error.message);
                return true;
            },
        );
    });

    test("`all` sets every rule's level, and a rule's own entry wins over it", async () => {
        const run = await pack.run(INSECURE, "up", { all: "advisory", "custom-domain-tls": "mandatory" });
        const levels = new Map(run.diagnostics.map((d) => [d.policyName, d.enforcementLevel]));
        assert.equal(levels.get("custom-domain-tls"), "mandatory");
        assert.equal(levels.get("rest-method-authorization"), "advisory");
        assert.equal(levels.get("rest-stage-waf"), "advisory");
    });

    test("findings are the same when the engine sends Analyze calls concurrently", async () => {
        const resources = await runProgram(INSECURE, { mode: "preview" });
        const sequential = await pack.engine.run(resources, { dryRun: true });
        const concurrent = await pack.engine.run(resources, { dryRun: true, concurrent: true });
        assert.deepEqual(summarise(concurrent.diagnostics), summarise(sequential.diagnostics));
        assert.ok(sequential.diagnostics.length >= 10);
    });

    test("each finding names its rule, pack, resource and carries the rule's description", async () => {
        const run = await pack.run(INSECURE, "up");
        for (const diagnostic of run.diagnostics) {
            const rule = catalog.find((r) => r.id === diagnostic.policyName);
            assert.ok(rule, `${diagnostic.policyName} is a catalog rule`);
            assert.equal(diagnostic.policyPackName, "gatehouse");
            assert.equal(diagnostic.description, rule.description);
            assert.ok(diagnostic.message.startsWith(`${rule.description}\n`), diagnostic.message);
            assert.match(diagnostic.urn, /^urn:pulumi:dev::harness::/);
        }
    });
});
