import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { CONTROLS } from "../../policies/controls";
import { compliantStack } from "../fixtures/compliant-stack";
import { runProgram } from "../../testing/program";

describe("coverage of the rule landscape", () => {
    test("every control C1–C24 and every item nobody checks maps to at least one rule", () => {
        const covered = new Set(catalog.flatMap((rule) => rule.references.controls));
        const gaps = CONTROLS.filter((control) => !covered.has(control.id)).map((control) => control.id);
        assert.deepEqual(gaps, []);
    });

    test("rules reference only controls of the landscape", () => {
        const known = new Set(CONTROLS.map((control) => control.id));
        for (const rule of catalog) {
            for (const control of rule.references.controls) {
                assert.ok(known.has(control), `${rule.id} references unknown control ${control}`);
            }
        }
    });

    test("the landscape lists C1 to C24 without gaps", () => {
        const numbered = CONTROLS.map((control) => control.id).filter((id) => /^C\d+$/.test(id));
        assert.deepEqual(numbered, Array.from({ length: 24 }, (_, i) => `C${i + 1}`));
    });

    test("the compliant stack registers every resource type the catalog reads", async () => {
        const registered = new Set((await runProgram(() => compliantStack(), { mode: "up" })).map((resource) => resource.type));
        const read = new Set(catalog.flatMap((rule) => [...rule.subjects, ...(rule.reads ?? [])]));
        const missing = [...read].filter((type) => !registered.has(type)).sort();
        assert.deepEqual(missing, []);
    });
});
