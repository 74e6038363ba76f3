/**
 * `npm run demo`: runs the example programs in examples/ under Pulumi mocks, sends what they
 * register through the real Gatehouse pack over gRPC (as `pulumi preview --policy-pack .` does)
 * and prints the policy results the way the Pulumi CLI groups them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { synth as synthCdktf } from "../examples/cdktf-insecure/main";
import { secureApp } from "../examples/cdktf-secure/main";
import { GatehouseAspect } from "gatehouse-apigw/cdktf";
import { Diagnostic, EmulatedEngine } from "../testing/engine";
import { PackProcess } from "../testing/pack-process";
import { exampleInputs } from "../test/harness/examples";
import { runProgram } from "../testing/program";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLES = ["secure-rest-api", "secure-http-api", "secure-websocket-api", "compliant", "insecure"];
const colour = process.stdout.isTTY;
const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);

function typeAndName(urn: string): string {
    const parts = urn.split("::");
    const type = parts[2]?.split("$").pop() ?? "";
    return `${type}: ${parts[3] ?? ""}`;
}

function printPolicies(pack: { name: string; version: string }, diagnostics: Diagnostic[]): void {
    const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
    const mark = diagnostics.length === 0 ? paint(32, "✅") : mandatory > 0 ? paint(31, "❌") : paint(33, "⚠️");
    console.log("Policies:");
    console.log(`    ${mark} ${pack.name}@v${pack.version} (local: ${path.relative(process.cwd(), ROOT) || "."})`);
    const ordered = [...diagnostics].sort((a, b) => a.policyName.localeCompare(b.policyName) || a.urn.localeCompare(b.urn));
    for (const diagnostic of ordered) {
        const level = diagnostic.enforcementLevel === "mandatory" ? paint(31, "[mandatory]") : paint(33, `[${diagnostic.enforcementLevel}]`);
        console.log(`        - ${level}  ${diagnostic.policyName}  (${typeAndName(diagnostic.urn)})`);
        for (const line of diagnostic.message.split("\n")) {
            console.log(`          ${line}`);
        }
    }
    const unverifiable = diagnostics.filter((d) => d.message.includes("\ncannot be verified until apply")).length;
    const advisory = diagnostics.length - mandatory - unverifiable;
    const pending = unverifiable > 0 ? `; ${unverifiable} to verify at apply (values unknown in a preview)` : "";
    console.log(`\n    ${mandatory} mandatory, ${advisory} advisory violation${advisory === 1 ? "" : "s"}${pending}.`);
}

async function main(): Promise<void> {
    const pack = await PackProcess.start(ROOT, { dryRun: true });
    try {
        const engine = new EmulatedEngine(pack);
        const info = await engine.analyzerInfo();
        for (const example of EXAMPLES) {
            const program = path.join(__dirname, "../examples", example, "index.js");
            const resources = await runProgram(program, { mode: "preview", project: example });
            console.log(paint(1, `\n$ pulumi preview --policy-pack .   # examples/${example}: ${resources.length} resources (emulated engine)`));
            const run = await engine.run(resources, { dryRun: true, project: example });
            printPolicies(info, run.diagnostics);
        }
    } finally {
        await pack.stop();
    }
    scanDemo();
    await inventoryDemo();
}

/** Every endpoint of every example, with what protects it: `gatehouse inventory`. */
async function inventoryDemo(): Promise<void> {
    const bin = path.join(ROOT, "dist/policies/scan/cli.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-demo-inventory-"));
    const inputs = await exampleInputs(dir);
    console.log(paint(1, "\n$ npx --package gatehouse-apigw gatehouse inventory examples/ <each Pulumi example's stack export> <each CDKTF app's cdktf.out>"));
    const result = spawnSync(process.execPath, [bin, "inventory", ...inputs.paths], { cwd: ROOT, encoding: "utf8" });
    process.stdout.write(result.stdout + result.stderr);
    const html = path.join(dir, "inventory.html");
    spawnSync(process.execPath, [bin, "inventory", ...inputs.paths, "--format", "html", "--output", html], { cwd: ROOT });
    console.log(`The same as one self-contained page (sortable, filterable): ${html}`);
}

/** The same rules in CI: `gatehouse scan` (the shipped bin) over the Terraform examples and a synthesized CDKTF app. */
function scanDemo(): void {
    const bin = path.join(ROOT, "dist/policies/scan/cli.js");
    const cdktfOut = path.join(mkdtempSync(path.join(os.tmpdir(), "gatehouse-demo-")), "cdktf.out");
    synthCdktf(cdktfOut);
    const scans: [string, string[]][] = [
        ["examples/terraform/secure-rest examples/terraform/secure-http", ["examples/terraform/secure-rest", "examples/terraform/secure-http"]],
        ["examples/terraform/insecure-rest examples/terraform/insecure-http", ["examples/terraform/insecure-rest", "examples/terraform/insecure-http"]],
        ["cdktf.out   # examples/cdktf-insecure, synthesized", [cdktfOut]],
    ];
    for (const [shown, args] of scans) {
        console.log(paint(1, `\n$ npx --package gatehouse-apigw gatehouse scan ${shown}`));
        const result = spawnSync(process.execPath, [bin, "scan", ...args], { cwd: ROOT, encoding: "utf8" });
        process.stdout.write(result.stdout + result.stderr);
        console.log(`(exit code ${result.status})`);
    }
    cdktfAspectDemo();
}

/** At synth instead: GatehouseAspect on the CDKTF apps, the secure one built from the hardened constructs. */
function cdktfAspectDemo(): void {
    const outdir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-demo-aspect-"));
    console.log(paint(1, "\n$ cdktf synth   # examples/cdktf-secure, with GatehouseAspect on each stack"));
    const secure = new GatehouseAspect();
    secureApp(path.join(outdir, "secure-checked"), secure).synth();
    console.log(`synth passed: ${secure.findings.map((stack) => `${stack.stack} ${stack.results.length} findings`).join(", ")}`);
    console.log(paint(1, "\n$ cdktf synth   # examples/cdktf-insecure, with GatehouseAspect on each stack"));
    try {
        synthCdktf(path.join(outdir, "insecure"), new GatehouseAspect());
        console.log("synth passed (unexpected)");
    } catch (error) {
        console.log(`synth failed: ${(error as Error).message}`);
    }
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
