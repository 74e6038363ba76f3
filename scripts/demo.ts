/**
 * `npm run demo`: runs the example programs in examples/ under Pulumi mocks, sends what they
 * register through the real Gatehouse pack over gRPC (as `pulumi preview --policy-pack .` does)
 * and prints the policy results the way the Pulumi CLI groups them.
 */
import * as path from "node:path";
import { Diagnostic, EmulatedEngine } from "../test/harness/engine";
import { PackProcess } from "../test/harness/pack-process";
import { runProgram } from "../test/harness/program";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLES = ["secure-rest-api", "secure-http-api", "compliant", "insecure"];
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
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
