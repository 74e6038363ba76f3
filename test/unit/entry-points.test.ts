import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, test } from "node:test";
import { baseline } from "../../components/baseline";
import { minimumTlsVersion } from "../../policies/rules/encryption/custom-domain-tls";
import throttling from "../../policies/rules/throttling/stage-throttling";
import { configDefaults } from "../../policies/engine/config";

const ROOT = path.resolve(__dirname, "../../..");

function requireInChild(specifier: string) {
    return spawnSync(process.execPath, ["-e", `require(${JSON.stringify(specifier)}); setTimeout(() => {}, 50)`], {
        cwd: ROOT, encoding: "utf8", timeout: 20_000,
    });
}

describe("package entry points", () => {
    for (const specifier of ["gatehouse-apigw", "gatehouse-apigw/components"]) {
        test(`importing ${specifier} never starts the analyzer server`, () => {
            const child = requireInChild(specifier);
            assert.equal(child.status, 0, child.stderr);
            assert.equal(child.stdout, "", "nothing printed: no port, no server keeping the process alive");
        });
    }

    test("the library exports the catalog and the engine", () => {
        const library = require("gatehouse-apigw");
        assert.ok(Array.isArray(library.catalog) && library.catalog.length >= 8);
        assert.equal(typeof library.Evaluator, "function");
    });

    test("package.json main is the compiled pack entry the CLI requires", () => {
        const pkg = require(path.join(ROOT, "package.json"));
        assert.equal(pkg.main, "dist/policies/index.js");
        assert.equal(require.resolve(ROOT), path.join(ROOT, "dist/policies/index.js"));
    });

    test("the hardening baseline satisfies the rules' defaults", () => {
        assert.ok(minimumTlsVersion(baseline.securityPolicy)! >= 1.2);
        const limits = configDefaults(throttling) as Record<string, number>;
        assert.ok(baseline.throttling.rateLimit >= limits.minRateLimit && baseline.throttling.rateLimit <= limits.maxRateLimit);
        assert.ok(baseline.throttling.burstLimit >= limits.minBurstLimit && baseline.throttling.burstLimit <= limits.maxBurstLimit);
        assert.equal(baseline.methodSettings.dataTraceEnabled, false);
    });
});
