import { after, before } from "node:test";
import * as path from "node:path";
import { Diagnostic, EmulatedEngine, EngineRun } from "../../testing/engine";
import { PackProcess, SpawnOptions } from "../../testing/pack-process";
import { Mode, runProgram } from "../../testing/program";

export const MODES: readonly Mode[] = ["up", "preview"];

/**
 * The policy pack users point `--policy-pack` at: the repository root, or the packed package
 * installed next to other Pulumi versions (GATEHOUSE_PACK_DIR, the newest-Pulumi job of .ci/run).
 */
export const PACK_DIR = process.env["GATEHOUSE_PACK_DIR"] ?? path.resolve(__dirname, "../../..");

export interface PackFixture {
    readonly engine: EmulatedEngine;
    readonly process: PackProcess;
    /** Runs a program under mocks and sends what it registered through the pack. */
    run(program: string | (() => unknown), mode: Mode, config?: Record<string, unknown>): Promise<EngineRun>;
}

/**
 * Starts one pack process for the test file (as `pulumi preview --policy-pack` would) and stops
 * it afterwards. The returned object is usable inside tests.
 */
export function usePack(dir: string = PACK_DIR, options: SpawnOptions = {}): PackFixture {
    let pack: PackProcess | undefined;
    let engine: EmulatedEngine | undefined;
    before(async () => {
        pack = await PackProcess.start(dir, options);
        engine = new EmulatedEngine(pack);
    });
    after(async () => {
        await pack?.stop();
    });
    return {
        get engine() {
            if (!engine) {
                throw new Error("the pack is not started yet");
            }
            return engine;
        },
        get process() {
            if (!pack) {
                throw new Error("the pack is not started yet");
            }
            return pack;
        },
        async run(program, mode, config) {
            const resources = await runProgram(program, { mode });
            return this.engine.run(resources, { dryRun: mode === "preview", config });
        },
    };
}

export function resourceName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** `<level> <policy> <resource name>` for each diagnostic, sorted: what tests compare exactly. */
export function summarise(diagnostics: readonly Diagnostic[]): string[] {
    return diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName} ${resourceName(d.urn)}`).sort();
}

// "cannot be verified until apply: …" and, for what the input does not hold, "cannot be verified: …".
const UNVERIFIABLE = "cannot be verified";

/** Diagnostics split into violations, "cannot be verified" notices and waived findings, each summarised. */
export function classify(diagnostics: readonly Diagnostic[]): { violations: string[]; unverifiable: string[]; waived: string[] } {
    const detail = (d: Diagnostic) => d.message.slice(d.message.indexOf("\n") + 1);
    const waived = diagnostics.filter((d) => detail(d).startsWith("waived ("));
    const unverifiable = diagnostics.filter((d) => !waived.includes(d) && detail(d).startsWith(UNVERIFIABLE));
    const violations = diagnostics.filter((d) => !waived.includes(d) && !unverifiable.includes(d));
    return { violations: summarise(violations), unverifiable: summarise(unverifiable), waived: summarise(waived) };
}
