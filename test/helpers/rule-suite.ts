import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Mode } from "../harness/program";
import { MODES, summarise, usePack } from "./pack";

export interface RuleCase {
    /** "Compliance …" or "Noncompliance N: …". */
    name: string;
    program: () => unknown;
    /** Expected diagnostics as `<level> <policy> <resource name>`; per mode where they differ. */
    expect: string[] | Record<Mode, string[]>;
    /** The user's --policy-pack-config. */
    config?: Record<string, unknown>;
    modes?: readonly Mode[];
    /** Compare the diagnostics of every rule, not only the suite's (default: only the suite's rule). */
    allRules?: boolean;
}

/**
 * One rule's cases, each run in `pulumi up` and `pulumi preview` mode through the real pack
 * over gRPC. A case passes only when exactly the expected findings of the rule arrive (of every
 * rule with `allRules`); that a single mutation fires only its rule is shown over the full
 * compliant stack in test/catalog/mutations.test.ts.
 */
export function ruleSuite(ruleId: string, cases: readonly RuleCase[]): void {
    describe(ruleId, () => {
        const pack = usePack();
        for (const ruleCase of cases) {
            for (const mode of ruleCase.modes ?? MODES) {
                test(`${ruleCase.name} (${mode})`, async () => {
                    const run = await pack.run(ruleCase.program, mode, ruleCase.config);
                    const expected = Array.isArray(ruleCase.expect) ? ruleCase.expect : ruleCase.expect[mode];
                    const diagnostics = ruleCase.allRules ? run.diagnostics : run.diagnostics.filter((d) => d.policyName === ruleId);
                    assert.deepEqual(summarise(diagnostics), [...expected].sort());
                });
            }
        }
    });
}
