import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { compliantStack } from "../fixtures/compliant-stack";
import { MUTATIONS } from "../fixtures/mutations";
import { MODES, summarise, usePack } from "../helpers/pack";

describe("the full catalog over a compliant stack", () => {
    const pack = usePack();

    test("every rule of the catalog has a single-mutation case", () => {
        assert.deepEqual(Object.keys(MUTATIONS).sort(), catalog.map((rule) => rule.id).sort());
    });

    for (const mode of MODES) {
        test(`Compliance: the stack covering every type the catalog reads yields no diagnostic (${mode})`, async () => {
            const run = await pack.run(() => compliantStack(), mode);
            assert.deepEqual(summarise(run.diagnostics), []);
        });
    }

    for (const rule of catalog) {
        const mutation = MUTATIONS[rule.id];
        for (const mode of MODES) {
            test(`Noncompliance: one mutation fires exactly ${rule.id} (${mode})`, async () => {
                const run = await pack.run(() => compliantStack(mutation.knobs), mode, mutation.config);
                const configured = mutation.config?.[rule.id];
                const level = typeof configured === "string" ? configured : rule.enforcementLevel;
                assert.deepEqual(summarise(run.diagnostics), mutation.resources.map((name) => `${level} ${rule.id} ${name}`).sort());
            });
        }
    }
});
