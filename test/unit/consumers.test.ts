/**
 * The packed package imported the ways users import it: small consumer projects compiled with
 * each module resolution (node10, node16, nodenext, bundler), from CommonJS and from ESM, with
 * the tsconfig files Pulumi's TypeScript template and `cdktf init` write, then run (the cdktf one
 * under ts-node, as `cdktf synth` runs it).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import { packTarball, unpackInto } from "../helpers/packaging";

const ROOT = path.resolve(__dirname, "../../..");
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).name as string;
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const TS_NODE = path.join(ROOT, "node_modules", "ts-node", "dist", "bin.js");
/** What the consumers' own installs bring: linked from this repository's node_modules. */
const PEERS = ["@pulumi", "@grpc", "cdktf", "constructs", "@cdktf", "yaml", "@types", "google-protobuf", "typescript"];

const SOURCE = `import { catalog } from "${PACKAGE}";
import { SecureRestApi } from "${PACKAGE}/components";
import { GatehouseAspect } from "${PACKAGE}/cdktf";
const rules: number = catalog.length;
console.log(JSON.stringify({ rules, components: typeof SecureRestApi, aspect: typeof GatehouseAspect }));
`;

interface Consumer {
    readonly name: string;
    readonly type?: "module";
    readonly compilerOptions: Record<string, unknown>;
    /** How the compiled (or, for ts-node, the source) program is run. */
    readonly run: "compiled" | "ts-node";
}

/** Pulumi's TypeScript template: CommonJS, `moduleResolution: node`, strict, no skipLibCheck. */
const PULUMI_TEMPLATE = {
    strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true,
    experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true,
};
/** `cdktf init --template=typescript`: CommonJS with no moduleResolution (node10), ES2018, run by ts-node. */
const CDKTF_INIT = {
    alwaysStrict: true, declaration: true, experimentalDecorators: true, inlineSourceMap: true, inlineSources: true, lib: ["es2018"],
    module: "CommonJS", noEmitOnError: true, noFallthroughCasesInSwitch: true, noImplicitAny: true, noImplicitReturns: true,
    noImplicitThis: true, noUnusedLocals: true, noUnusedParameters: true, resolveJsonModule: true, strict: true, strictNullChecks: true,
    strictPropertyInitialization: true, stripInternal: true, target: "ES2018", incremental: true, skipLibCheck: true,
};

const CONSUMERS: Consumer[] = [
    { name: "pulumi-template", compilerOptions: PULUMI_TEMPLATE, run: "compiled" },
    { name: "cdktf-init", compilerOptions: CDKTF_INIT, run: "ts-node" },
    { name: "node10-commonjs", compilerOptions: { module: "commonjs", moduleResolution: "node10", strict: true, outDir: "out", target: "es2022" }, run: "compiled" },
    { name: "node16-commonjs", compilerOptions: { module: "node16", moduleResolution: "node16", strict: true, outDir: "out", target: "es2022" }, run: "compiled" },
    { name: "node16-esm", type: "module", compilerOptions: { module: "node16", moduleResolution: "node16", strict: true, outDir: "out", target: "es2022" }, run: "compiled" },
    { name: "nodenext-commonjs", compilerOptions: { module: "nodenext", moduleResolution: "nodenext", strict: true, outDir: "out", target: "es2022" }, run: "compiled" },
    { name: "nodenext-esm", type: "module", compilerOptions: { module: "nodenext", moduleResolution: "nodenext", strict: true, outDir: "out", target: "es2022" }, run: "compiled" },
    { name: "bundler-esm", type: "module", compilerOptions: { module: "esnext", moduleResolution: "bundler", strict: true, outDir: "out", target: "es2022" }, run: "compiled" },
];

describe("the packed package in consumer projects", () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "gatehouse-consumers-"));
    const modules = path.join(scratch, "node_modules");

    before(() => {
        mkdirSync(modules);
        unpackInto(modules, PACKAGE, packTarball(scratch).tarball);
        for (const peer of PEERS) {
            symlinkSync(path.join(ROOT, "node_modules", peer), path.join(modules, peer));
        }
    });

    for (const consumer of CONSUMERS) {
        test(`${consumer.name}: compiles with types and runs`, () => {
            const dir = path.join(scratch, consumer.name);
            mkdirSync(dir);
            writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: consumer.name, version: "1.0.0", private: true, ...(consumer.type ? { type: consumer.type } : {}) }));
            writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: consumer.compilerOptions, files: ["index.ts"] }, null, 2));
            writeFileSync(path.join(dir, "index.ts"), SOURCE);
            const compiled = spawnSync(process.execPath, [TSC, "-p", dir, ...(consumer.run === "ts-node" ? ["--noEmit", "--incremental", "false"] : [])], { cwd: dir, encoding: "utf8" });
            assert.equal(compiled.status, 0, `tsc: ${compiled.stdout}${compiled.stderr}`);
            const outDir = String(consumer.compilerOptions["outDir"] ?? ".");
            const ran = consumer.run === "ts-node"
                ? spawnSync(process.execPath, [TS_NODE, "index.ts"], { cwd: dir, encoding: "utf8" })
                : spawnSync(process.execPath, [path.join(dir, outDir, "index.js")], { cwd: dir, encoding: "utf8" });
            assert.equal(ran.status, 0, ran.stderr);
            const printed = JSON.parse(ran.stdout.trim().split("\n").pop()!);
            assert.ok(printed.rules >= 40, ran.stdout);
            assert.deepEqual({ components: printed.components, aspect: printed.aspect }, { components: "function", aspect: "function" });
        });
    }
});
