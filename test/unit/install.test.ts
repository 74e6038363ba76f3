/**
 * `npm install` of the packed tarball into fresh projects, from the npm registry, as users install
 * it: a Terraform-only user gets neither Pulumi nor gRPC, and a CDKTF app next to TypeScript 7
 * installs without `--legacy-peer-deps` (the Pulumi peers, whose TypeScript range ends below 7,
 * are optional). Install sizes are reported as test diagnostics.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import { packTarball } from "../helpers/packaging";

const ROOT = path.resolve(__dirname, "../../..");

function sizeOf(target: string): number {
    const stats = statSync(target, { throwIfNoEntry: false });
    if (!stats || stats.isSymbolicLink()) {
        return 0;
    }
    return stats.isDirectory() ? readdirSync(target).reduce((total, entry) => total + sizeOf(path.join(target, entry)), 0) : stats.size;
}

function install(dir: string, specs: string[]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: path.basename(dir), version: "1.0.0", private: true }));
    return spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...specs], { cwd: dir, encoding: "utf8", timeout: 300_000 });
}

describe("installing the packed package", () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "gatehouse-install-"));
    let tarball = "";
    before(() => {
        tarball = packTarball(scratch).tarball;
    });

    test("a Terraform-only user: plain npm install brings neither Pulumi nor gRPC, and the scanner runs", (t) => {
        const dir = path.join(scratch, "terraform-only");
        const installed = install(dir, [tarball]);
        assert.equal(installed.status, 0, installed.stderr);
        const modules = path.join(dir, "node_modules");
        assert.equal(existsSync(path.join(modules, "@pulumi")), false, "no @pulumi packages");
        assert.equal(existsSync(path.join(modules, "@grpc")), false, "no gRPC");
        const version = spawnSync(path.join(modules, ".bin", "gatehouse"), ["--version"], { cwd: dir, encoding: "utf8" });
        assert.equal(version.status, 0, version.stderr);
        const scan = spawnSync(path.join(modules, ".bin", "gatehouse"), ["scan", path.join(ROOT, "examples", "terraform", "secure-rest")], { cwd: dir, encoding: "utf8" });
        assert.equal(scan.status, 0, scan.stdout + scan.stderr);
        const packages = readdirSync(modules).flatMap((entry) => (entry.startsWith("@") ? readdirSync(path.join(modules, entry)) : entry.startsWith(".") ? [] : [entry]));
        t.diagnostic(`Terraform-only install: ${packages.length} packages, ${(sizeOf(modules) / 1e6).toFixed(1)} MB`);
    });

    test("a CDKTF app with TypeScript 7: plain npm install succeeds, and the aspect loads with the app's cdktf", (t) => {
        const dir = path.join(scratch, "cdktf-typescript-7");
        const installed = install(dir, ["typescript@7", "cdktf@0.21", "constructs@10", tarball]);
        assert.equal(installed.status, 0, installed.stderr);
        assert.equal(existsSync(path.join(dir, "node_modules", "@pulumi")), false, "no @pulumi packages");
        const loaded = spawnSync(process.execPath, ["-e", "const { GatehouseAspect } = require('gatehouse-apigw/cdktf'); console.log(typeof GatehouseAspect)"], { cwd: dir, encoding: "utf8" });
        assert.equal(loaded.stdout.trim(), "function", loaded.stderr);
        t.diagnostic(`CDKTF + TypeScript 7 install: ${(sizeOf(path.join(dir, "node_modules")) / 1e6).toFixed(1)} MB`);
    });
});
