import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, test } from "node:test";
import { RESOURCE_DISPATCHER, STACK_DISPATCHER } from "../../policies/pulumi/pack";
import { restDomain } from "../fixtures/stacks";
import { MODES, summarise, usePack } from "../helpers/pack";

const INSECURE = path.resolve(__dirname, "../../examples/insecure/index.js");
/** Packs built for these tests; GATEHOUSE_FIXTURE_PACKS points at copies installed next to other Pulumi versions. */
const FIXTURES = process.env["GATEHOUSE_FIXTURE_PACKS"] ?? path.resolve(__dirname, "../../../test/fixtures/packs");

describe("a rule that throws", () => {
    const faulty = usePack(path.join(FIXTURES, "faulty"));
    const reference = usePack();
    for (const mode of MODES) {
        test(`yields a diagnostic naming the rule and resource, and every other finding still arrives (${mode})`, async () => {
            const expected = summarise((await reference.run(INSECURE, mode)).diagnostics);
            const run = await faulty.run(INSECURE, mode);
            const faults = run.diagnostics.filter((d) => d.policyName.startsWith("faulty-"));
            assert.deepEqual(summarise(faults), [
                "advisory faulty-resource-rule legacy-prod",
                "advisory faulty-stack-rule legacy-prod",
            ]);
            assert.deepEqual(summarise(run.diagnostics.filter((d) => !d.policyName.startsWith("faulty-"))), expected);
            for (const fault of faults) {
                assert.match(fault.message, /rule failed to evaluate this resource \(TypeError at /);
                // The exception quoted the resource's properties; the diagnostic does not.
                assert.ok(!fault.message.includes("stageName"), fault.message);
            }
        });
    }
});

describe("without access to the engine's requests (an unsupported @pulumi/policy layout)", () => {
    const pack = usePack(path.join(FIXTURES, "unbridged"));

    test("evaluates through SDK dispatcher policies, which it lists", async () => {
        const names = (await pack.engine.analyzerInfo()).policies.map((policy) => policy.name);
        assert.ok(names.includes(RESOURCE_DISPATCHER) && names.includes(STACK_DISPATCHER), names.join(", "));
    });

    test("says so on stderr, still reports findings, and hides every value", async () => {
        const run = await pack.run(() => restDomain("legacy", "TLS_1_0"), "up");
        assert.match(pack.process.stderr, /could not observe the policy engine's requests/);
        assert.deepEqual(summarise(run.diagnostics), ["mandatory custom-domain-tls legacy"]);
        assert.ok(!run.diagnostics[0].message.includes("TLS_1_0"), run.diagnostics[0].message);
        assert.match(run.diagnostics[0].message, /\[value hidden\]/);
    });
});
