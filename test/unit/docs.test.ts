import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { catalog } from "../../policies/catalog";
import { renderRulesDoc } from "../../scripts/rules-doc";
import { withDefaultsTable } from "../../scripts/components-doc";
import { DOCUMENTED_DEFAULTS } from "../../components/defaults";

test("docs/rules.md is generated from the current catalog (run `npm run docs` after changing a rule)", () => {
    const committed = readFileSync(path.resolve(__dirname, "../../../docs/rules.md"), "utf8");
    assert.equal(committed, renderRulesDoc(catalog));
});

test("docs/rules.md documents every rule", () => {
    const rendered = renderRulesDoc(catalog);
    for (const rule of catalog) {
        assert.ok(rendered.includes(`<a id="${rule.id}"></a>`), rule.id);
    }
});

test("README's component defaults table is generated from DOCUMENTED_DEFAULTS (run `npm run docs`)", () => {
    const committed = readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8");
    assert.equal(committed, withDefaultsTable(committed));
});

test("every documented component default names rules of the catalog", () => {
    const ids = new Set(catalog.map((rule) => rule.id));
    for (const entry of DOCUMENTED_DEFAULTS) {
        for (const rule of entry.rules) {
            assert.ok(ids.has(rule), `${entry.argument}: ${rule}`);
        }
    }
});
