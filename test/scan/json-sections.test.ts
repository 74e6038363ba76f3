import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { InputError } from "../../policies/engine/input-error";
import { topLevelSpans } from "../../policies/scan/json-sections";
import { loadInputs } from "../../policies/scan/inputs";
import { resourcesFromPlan } from "../../policies/terraform/plan";

/** Every span parses to exactly what JSON.parse gives for that key. */
function assertSpansMatch(text: string): void {
    const spans = topLevelSpans(text);
    assert.ok(spans, `no spans for ${text.slice(0, 80)}`);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    assert.deepEqual([...spans.keys()].sort(), Object.keys(parsed).sort());
    for (const [key, [start, end]] of spans) {
        assert.deepEqual(JSON.parse(text.slice(start, end)), parsed[key], `section ${key}`);
    }
}

/** A deterministic generator of awkward JSON: quotes, backslashes, brackets inside strings, unicode. */
function awkwardValue(seed: { n: number }, depth: number): unknown {
    const next = () => (seed.n = (seed.n * 1103515245 + 12345) % 2147483648);
    const pieces = ["{", "}", "[", "]", "\"", "\\", "\\\"", ",", ":", "é", "✓", "\n", "resource_changes", " "];
    const text = () => Array.from({ length: next() % 6 }, () => pieces[next() % pieces.length]).join("");
    switch (depth > 3 ? next() % 4 : next() % 6) {
        case 0: return text();
        case 1: return next() % 1000 - 500;
        case 2: return next() % 2 === 0 ? null : true;
        case 3: return next() / 7;
        case 4: return Array.from({ length: next() % 4 }, () => awkwardValue(seed, depth + 1));
        default: return Object.fromEntries(Array.from({ length: next() % 4 }, () => [text(), awkwardValue(seed, depth + 1)]));
    }
}

describe("top-level spans of a JSON object", () => {
    test("Compliance: strings holding brackets, quotes and escaped backslashes; whitespace; scalars", () => {
        assertSpansMatch(`{"a":"}]\\"{[","b" : [ "\\\\", {"c":"\\\\\\""} ] ,\n  "c":-1.5e3,"d":true,"e":null,"f":{}}`);
        assertSpansMatch(`\n {\n  "\\u0072esource_changes": [ ] ,\n  "x": "\\u00e9"\n }\n`);
        assertSpansMatch("{}");
    });

    test("Compliance: 200 generated objects with awkward keys and values", () => {
        const seed = { n: 42 };
        for (let i = 0; i < 200; i++) {
            const document = Object.fromEntries(Array.from({ length: 1 + (i % 5) }, (_, k) => [`k${k}${String(awkwardValue(seed, 3))}`, awkwardValue(seed, 0)]));
            assertSpansMatch(JSON.stringify(document, null, i % 2 === 0 ? undefined : 2));
        }
    });

    test("Noncompliance: what is not a whole object gives no spans (the caller lets JSON.parse word the error)", () => {
        for (const text of ["[1,2]", "{\"a\":\"open", "{\"a\":[1,2}", "{\"a\":1", "{\"a\":1} trailing", "{\"a\" 1}", "{a:1}", "{\"a\":}", ""]) {
            assert.equal(topLevelSpans(text), undefined, text);
        }
    });
});

describe("reading a plan by its sections", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-sections-"));
    const plan = {
        format_version: "1.2",
        terraform_version: "1.11.4",
        planned_values: { root_module: { resources: [{ address: "x", values: { description: "\"resource_changes\": [] }" } }] } },
        resource_changes: [
            { address: "aws_api_gateway_rest_api.api", mode: "managed", type: "aws_api_gateway_rest_api", name: "api",
                change: { actions: ["create"], before: null, after: { name: "café ✓", description: "{\"x\": [\"}\"]}" },
                    after_unknown: { id: true }, after_sensitive: {} } },
            { address: "aws_api_gateway_stage.prod", mode: "managed", type: "aws_api_gateway_stage", name: "prod",
                change: { actions: ["update"], before: {}, after: { stage_name: "prod" }, after_unknown: { rest_api_id: true }, after_sensitive: {} } },
        ],
        prior_state: { values: { root_module: { resources: [{ address: "aws_api_gateway_stage.prod", values: { stage_name: "\\\"" } }] } } },
        configuration: { root_module: { resources: [{ address: "aws_api_gateway_stage.prod",
            expressions: { rest_api_id: { references: ["aws_api_gateway_rest_api.api.id", "aws_api_gateway_rest_api.api"] } } }] } },
    };

    test("Compliance: the sections read alone give the resources a whole parse gives, ASCII or not, compact or indented", async () => {
        for (const [name, text] of [["compact.json", JSON.stringify(plan)], ["indented.json", JSON.stringify(plan, null, 2)],
            ["ascii.json", JSON.stringify(plan).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)]] as const) {
            const file = path.join(dir, name);
            writeFileSync(file, text);
            const [input] = await loadInputs(file);
            assert.equal(input.format, "terraform-plan");
            const expected = resourcesFromPlan(JSON.parse(text), file);
            assert.deepEqual(input.resources.map((r) => [r.id, r.props, r.refs]), expected.map((r) => [r.id, r.props, r.refs]), name);
            assert.equal(input.resources[0].props["name"], "café ✓");
            assert.deepEqual(input.resources[1].refs, { restApi: ["aws_api_gateway_rest_api.api"] });
        }
    });

    test("Noncompliance 1: a syntax error inside a section is reported at its place in the file", async () => {
        const text = JSON.stringify(plan).replace("\"after_sensitive\":{}}}]", "\"after_sensitive\":{},}}]");
        const file = path.join(dir, "broken.json");
        writeFileSync(file, text);
        const column = text.indexOf(",}}]") + 2;
        await assert.rejects(loadInputs(file), (error: unknown) => error instanceof InputError
            && error.message === `${file}: not valid JSON at line 1, column ${column} (expected double-quoted property name)`);
    });
});
