/**
 * `gatehouse-apigw/testing` as a consumer uses it: the packed package installed into a fresh
 * project, and the README's jest example (test/fixtures/jest-consumer) run by jest with ts-jest.
 * The secure stack passes; the plain stage fails with a message naming the rule and the resource.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { packTarball, unpackInto } from "../helpers/packaging";

const ROOT = path.resolve(__dirname, "../../..");
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).name as string;
const JEST = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
/** What the consumer's own install brings (Pulumi, jest, ts-jest, TypeScript), linked from this repository. */
const LINKED = ["@pulumi", "@grpc", "google-protobuf", "typescript", "ts-node", "jest", "ts-jest", "@jest", "@types", "yaml", "@cdktf", "cdktf", "constructs"];

describe("the testing kit in a consumer's jest project", () => {
    test("the README's example: the secure stack passes, the plain stage fails naming rule and resource", () => {
        const project = mkdtempSync(path.join(os.tmpdir(), "gatehouse-jest-"));
        const modules = path.join(project, "node_modules");
        mkdirSync(modules);
        unpackInto(modules, PACKAGE, packTarball(project).tarball);
        for (const linked of LINKED) {
            symlinkSync(path.join(ROOT, "node_modules", linked), path.join(modules, linked));
        }
        cpSync(path.join(ROOT, "test", "fixtures", "jest-consumer"), project, { recursive: true });
        writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "orders-infra", version: "1.0.0", private: true }));
        writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({
            compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node", esModuleInterop: true, types: ["jest", "node"] },
        }));
        const run = spawnSync(process.execPath, [JEST, "--ci", "--colors=false"], { cwd: project, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" }, timeout: 600_000 });
        const output = run.stdout + run.stderr;
        assert.equal(run.status, 1, output);
        assert.match(output, /✓ built with the hardened component, it passes the pack in a preview/);
        assert.match(output, /✓ the violation can be asserted by rule and resource/);
        assert.match(output, /✕ a plain stage is caught/);
        assert.match(output, /expected the stack to pass Gatehouse \(up\), but \d+ findings are mandatory:/);
        assert.match(output, /mandatory rest-stage-xray on legacy-prod: X-Ray tracing is off for the stage/);
        assert.match(output, /Tests: {7}1 failed, 2 passed, 3 total/);
    });
});
