import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, test } from "node:test";

const ROOT = path.resolve(__dirname, "../../..");

/** Runs a script in a fresh Node process in the repository root and returns what it printed on stderr, as JSON. */
function inFreshProcess(script: string): any {
    const result = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stderr.trim().split("\n").pop()!);
}

describe("deferring @pulumi/pulumi's index in the pack process", () => {
    test("the pack, started as the CLI starts it, prints its port without loading @pulumi/pulumi's index (its automation API)", () => {
        const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [ROOT] });
        const observed = inFreshProcess(`
            process.argv = [process.argv[0], ${JSON.stringify(runPolicyPack)}, "127.0.0.1:0", "."];
            process.stdout.write = (text) => {
                const loaded = Object.keys(require.cache);
                process.stderr.write(JSON.stringify({
                    port: /^\\d+\\n$/.test(String(text)),
                    automation: loaded.some((file) => file.includes("/@pulumi/pulumi/automation/")),
                }) + "\\n");
                process.exit(0);
            };
            require(${JSON.stringify(runPolicyPack)});`);
        assert.deepEqual(observed, { port: true, automation: false });
    });

    test("the deferred exports are the real module's: first use loads it, and later requires get it", () => {
        const observed = inFreshProcess(`
            const { deferPulumiSdkIndex } = require("./dist/policies/pulumi/deferred-sdk");
            const deferred = deferPulumiSdkIndex();
            const early = require("@pulumi/pulumi");
            const before = Object.keys(require.cache).some((file) => file.includes("/@pulumi/pulumi/automation/"));
            const asset = new early.asset.FileAsset("x");
            const real = require("@pulumi/pulumi");
            process.stderr.write(JSON.stringify({
                deferred, before,
                after: Object.keys(require.cache).some((file) => file.includes("/@pulumi/pulumi/automation/")),
                sameClass: asset instanceof real.asset.FileAsset && early.asset === real.asset,
                realLater: real !== early && typeof real.Output.isInstance === "function",
                keys: Object.keys(early).includes("Output") && "asset" in early,
                again: deferPulumiSdkIndex(),
            }) + "\\n");`);
        assert.deepEqual(observed, { deferred: true, before: false, after: true, sameClass: true, realLater: true, keys: true, again: false });
    });
});
