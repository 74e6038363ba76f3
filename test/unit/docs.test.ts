import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { catalog } from "../../policies/catalog";
import { renderRulesDoc } from "../../scripts/rules-doc";

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
