import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { InputError } from "../../policies/engine/input-error";
import type { Resource } from "../../policies/engine/resource";
import { byteLayout, ByteLayout, keyedValueStarts, trailingSpan } from "../../policies/scan/json-sections";
import { loadInputs } from "../../policies/scan/inputs";
import { resourcesFromPlan } from "../../policies/terraform/plan";

/** The layout of `text`'s bytes, read `chunk` bytes at a time (a file read returns what it has). */
function layoutOf(text: string, elementsOf = "resource_changes", chunk = 1 << 20): ByteLayout | undefined {
    const bytes = Buffer.from(text, "utf8");
    return byteLayout((buffer, position) => bytes.copy(buffer, 0, position, Math.min(bytes.length, position + chunk)), elementsOf);
}

/**
 * Every span parses to exactly what JSON.parse gives for that key, and the elements of the array
 * under `elementsOf` to its elements, however the reads split the bytes.
 */
function assertSpansMatch(text: string, elementsOf = "resource_changes"): void {
    const bytes = Buffer.from(text, "utf8");
    const parsed = JSON.parse(text.replace(/^\ufeff/, "")) as Record<string, unknown>;
    for (const chunk of [1, 3, 7, 64, 1 << 20]) {
        const layout = layoutOf(text, elementsOf, chunk);
        assert.ok(layout, `no layout for ${text.slice(0, 80)} read ${chunk} bytes at a time`);
        assert.deepEqual([...layout.sections.keys()].sort(), Object.keys(parsed).sort());
        for (const [key, [start, end]] of layout.sections) {
            assert.deepEqual(JSON.parse(bytes.toString("utf8", start, end)), parsed[key], `section ${key}`);
        }
        const elements: unknown[] = [];
        for (let i = 0; i < layout.elements.length; i += 2) {
            elements.push(JSON.parse(bytes.toString("utf8", layout.elements[i], layout.elements[i + 1])));
        }
        assert.deepEqual(elements, Array.isArray(parsed[elementsOf]) ? parsed[elementsOf] : [], `elements of ${elementsOf}`);
        // Found from the end, every section is where the forward walk puts it (a repeated key: its last value, as JSON.parse keeps).
        const read = (buffer: Buffer, position: number) => bytes.copy(buffer, 0, position, Math.min(bytes.length, position + chunk));
        for (const [key, span] of layout.sections) {
            assert.deepEqual(trailingSpan(read, bytes.length, key, new Set(), chunk), span, `${key} from the end, ${chunk}-byte chunks`);
        }
        assert.equal(trailingSpan(read, bytes.length, "\u0000absent", new Set(), chunk), undefined);
        // From a position the key search gives, a span that parses is the key's own (a nested key's span holds closing brackets).
        for (const [key, span] of layout.sections) {
            for (const start of keyedValueStarts(read, bytes.length, key, chunk)) {
                const keyed = trailingSpan(read, bytes.length, key, new Set(), chunk, start);
                if (keyed && parses(bytes.toString("utf8", ...keyed))) {
                    assert.deepEqual(keyed, span, `${key} from the search at ${start}, ${chunk}-byte chunks`);
                }
            }
        }
    }
}

function parses(text: string): boolean {
    try {
        JSON.parse(text);
        return true;
    } catch {
        return false;
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

describe("the byte layout of a JSON object file", () => {
    test("Compliance: strings holding brackets, quotes and escaped backslashes; whitespace; scalars", () => {
        assertSpansMatch(`{"a":"}]\\"{[","b" : [ "\\\\", {"c":"\\\\\\""} ] ,\n  "c":-1.5e3,"d":true,"e":null,"f":{}}`);
        assertSpansMatch(`\n {\n  "\\u0072esource_changes": [ ] ,\n  "x": "\\u00e9"\n }\n`);
        assertSpansMatch("{}");
        assertSpansMatch(`\ufeff{"a":1,"b":2.5e-3 ,"c":false}`);
        assertSpansMatch(`{"resource_changes":[{"a":"]"} , {"b":[{"c":"}"}]},{}],"z":null}`);
        // Whitespace inside a key is part of it: this object has no "resource_changes".
        assertSpansMatch(`{"a b":1, " resource_changes":[{}], "resource_changes ":[{}] ,"c":"d"}`);
    });

    test("Compliance: 200 generated objects with awkward keys and values", () => {
        const seed = { n: 42 };
        for (let i = 0; i < 200; i++) {
            const document = Object.fromEntries(Array.from({ length: 1 + (i % 5) }, (_, k) => [`k${k}${String(awkwardValue(seed, 3))}`, awkwardValue(seed, 0)]));
            assertSpansMatch(JSON.stringify(document, null, i % 2 === 0 ? undefined : 2));
            const list = Array.from({ length: i % 4 }, () => Object.fromEntries([[String(awkwardValue(seed, 3)), awkwardValue(seed, 1)]]));
            assertSpansMatch(JSON.stringify({ ...document, resource_changes: list }, null, i % 3 === 0 ? 1 : undefined));
        }
    });

    test("Compliance: from the end, a search stops at the keys it is told come first", () => {
        // Quotes after runs of backslashes, split across the 2- and 3-byte reads: `"\\"` ends a string, `\"` does not.
        const text = String.raw`{"a":{"b":"\\\\"},"stop":[1,"]"],"configuration":{"x":"\\","y":"\"}"} ,"z" : 1.5 }`;
        const bytes = Buffer.from(text);
        const read = (buffer: Buffer, position: number) => bytes.copy(buffer, 0, position, Math.min(bytes.length, position + 2));
        assert.deepEqual(JSON.parse(text.slice(...trailingSpan(read, bytes.length, "configuration", new Set(["stop"]), 2)!)), { x: "\\", y: "\"}" });
        assert.deepEqual(JSON.parse(text.slice(...trailingSpan(read, bytes.length, "a", new Set(), 3)!)), { b: "\\\\" });
        assert.equal(trailingSpan(read, bytes.length, "a", new Set(["stop"]), 3), undefined);
        assert.equal(trailingSpan(read, 2, "a", new Set()), undefined);
    });

    test("Compliance: the key search finds every key of that name, nested or not, last first, across chunk edges; not escaped ones or values", () => {
        const inner = { configuration: [{ x: "\"configuration\": 1" }], y: { configuration: { z: "\\" } } };
        const document = {
            planned_values: { configuration: "configuration" }, "a\\": "x\\",
            configuration: { root_module: { resources: Array.from({ length: 40 }, (_, i) => ({ address: `r${i}`, expressions: inner })) } },
            relevant_attributes: [{ resource: "r1", attribute: ["configuration"] }], checks: [], timestamp: "2026-12-03T00:00:00Z", errored: false,
        };
        for (const text of [JSON.stringify(document), JSON.stringify(document, null, 3)]) {
            const bytes = Buffer.from(text);
            const read = (buffer: Buffer, position: number) => bytes.copy(buffer, 0, position, Math.min(bytes.length, position + 5));
            // Independently: each "configuration" key (a quote not escaped, then a colon) and where its value starts.
            const expected = [...text.matchAll(/(?<!\\)"configuration"\s*:\s*/g)].map((match) => match.index! + match[0].length).reverse();
            assert.equal(expected.length, 1 + 40 * 2 + 1);
            for (const chunk of [1, 150, 1000, 1 << 20]) {
                assert.deepEqual([...keyedValueStarts(read, bytes.length, "configuration", chunk)], expected, `${chunk}-byte chunks`);
            }
            // The last object-valued member is the configuration: the first position that parses gives its span, as the forward walk does.
            const span = layoutOf(text)!.sections.get("configuration")!;
            const tried = [...keyedValueStarts(read, bytes.length, "configuration")].map((start) => trailingSpan(read, bytes.length, "configuration", new Set(), 64, start));
            const first = tried.findIndex((keyed) => keyed !== undefined && parses(text.slice(...keyed)));
            assert.deepEqual(tried[first], span);
            assert.equal(first, 80, "the 80 nested keys after the top-level one are tried first, and do not parse");
        }
    });

    test("Noncompliance: what is not a whole object gives no spans (the caller lets JSON.parse word the error)", () => {
        for (const text of ["[1,2]", "{\"a\":\"open", "{\"a\":[1,2}", "{\"a\":1", "{\"a\":1} trailing", "{\"a\" 1}", "{a:1}", "{\"a\":}", "",
            "{\"a\":1\"x\"}", "{\"a\":\"tab\tinside\"}", "{\"a\":[nul\u0000]}", "{\"a\":[1,2]]}", "{\"a\":1,}",
            // the array whose elements are wanted must be an array of objects
            "{\"resource_changes\":{}}", "{\"resource_changes\":[{},1]}", "{\"resource_changes\":[\"x\"]}", "{\"resource_changes\":[[]]}"]) {
            for (const chunk of [1, 5, 1 << 20]) {
                assert.equal(layoutOf(text, "resource_changes", chunk), undefined, JSON.stringify(text));
            }
        }
    });
});

describe("reading a plan change by change", () => {
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
            // Types no rule reads, between and after the others: never parsed, still referred to.
            { address: "aws_lambda_function.handler[\"a\"]", mode: "managed", type: "aws_lambda_function", name: "handler", index: "a",
                provider_name: "registry.terraform.io/hashicorp/aws", change: { actions: ["create"], after: { function_name: "h\"}]" }, after_unknown: { arn: true } } },
            // Only deleted: not a target of the references to its siblings.
            { address: "aws_lambda_function.handler[\"b\"]", mode: "managed", type: "aws_lambda_function", name: "handler", index: "b",
                change: { actions: ["delete"], before: { function_name: "b" }, after: null } },
            { address: "aws_lambda_permission.invoke", mode: "managed", type: "aws_lambda_permission", name: "invoke",
                change: { actions: ["create"], before: null, after: { action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com" },
                    after_unknown: { function_name: true, source_arn: true }, after_sensitive: {} } },
            { address: "module.edge.aws_s3_bucket.logs[0]", module_address: "module.edge", mode: "managed", type: "aws_s3_bucket", name: "logs", index: 0,
                change: { actions: ["create"], after: { bucket: "é" } } },
        ],
        prior_state: { values: { root_module: { resources: [{ address: "aws_api_gateway_stage.prod", values: { stage_name: "\\\"" } }] } } },
        configuration: { root_module: { resources: [{ address: "aws_api_gateway_stage.prod",
            expressions: { rest_api_id: { references: ["aws_api_gateway_rest_api.api.id", "aws_api_gateway_rest_api.api"] } } },
        { address: "aws_lambda_permission.invoke", expressions: { function_name: { references: ["aws_lambda_function.handler", "aws_lambda_function.handler"] },
            source_arn: { references: ["aws_api_gateway_rest_api.api.execution_arn", "aws_api_gateway_rest_api.api"] } } }] } },
    };

    test("Compliance: the sections read alone give the resources a whole parse gives, ASCII or not, compact or indented", async () => {
        for (const [name, text] of [["compact.json", JSON.stringify(plan)], ["indented.json", JSON.stringify(plan, null, 2)],
            ["ascii.json", JSON.stringify(plan).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)]] as const) {
            const file = path.join(dir, name);
            writeFileSync(file, text);
            const [input] = await loadInputs(file);
            assert.equal(input.format, "terraform-plan");
            const expected = resourcesFromPlan(JSON.parse(text), file);
            const facts = (r: Resource) => [r.id, r.type, r.name, r.props, r.refs, r.options, [...(r.declared ?? [])], [...(r.secretValues() ?? [])]];
            assert.deepEqual(input.resources.map(facts), expected.map(facts), name);
            assert.equal(input.resources[0].props["name"], "café ✓");
            assert.deepEqual(input.resources[1].refs, { restApi: ["aws_api_gateway_rest_api.api"] });
            assert.deepEqual(input.resources.map((r) => r.id), ["aws_api_gateway_rest_api.api", "aws_api_gateway_stage.prod", "aws_lambda_permission.invoke"]);
            assert.deepEqual(input.resources[2].refs, { function: ["aws_lambda_function.handler[\"a\"]"], sourceArn: ["aws_api_gateway_rest_api.api"] });
        }
    });

    test("Compliance: a change whose type no rule reads is not parsed", async () => {
        const file = path.join(dir, "counted.json");
        writeFileSync(file, JSON.stringify(plan));
        const parse = JSON.parse;
        const parsed: unknown[] = [];
        JSON.parse = ((text: string, reviver?: any) => {
            const value = parse(text, reviver);
            parsed.push(value);
            return value;
        }) as typeof JSON.parse;
        try {
            await loadInputs(file);
        } finally {
            JSON.parse = parse;
        }
        const changes = parsed.filter((value: any) => value?.change !== undefined).map((value: any) => value.address);
        assert.deepEqual(changes, ["aws_api_gateway_rest_api.api", "aws_api_gateway_stage.prod", "aws_lambda_permission.invoke"]);
    });

    test("Compliance: a plan that is not well-formed is read whole, with the same resources or the same error", async () => {
        const cases: [string, string, string?][] = [
            // JSON.parse accepts it, the byte walk does not take it (an element that is not an object): the whole parse words the error.
            ["not-an-object.json", JSON.stringify({ ...plan, resource_changes: [...plan.resource_changes, 7] })],
            ["nul.json", JSON.stringify(plan).replace("\"café", "\"caf\u0000"), "the file holds NUL bytes: it is binary, or UTF-16/UTF-32 text without a byte-order mark; save it as UTF-8"],
            ["bom.json", `\ufeff${JSON.stringify(plan, null, 1)}`],
            // A repeated key: the last value counts, as in JSON.parse, so this stage is not taken for a bucket.
            ["repeated-type.json", JSON.stringify(plan).replace("\"type\":\"aws_api_gateway_stage\"", "\"type\":\"aws_s3_bucket\",\"type\":\"aws_api_gateway_stage\"")],
        ];
        for (const [name, text, error] of cases) {
            const file = path.join(dir, name);
            writeFileSync(file, text);
            let expected: unknown = error === undefined ? undefined : `${file}: ${error}`;
            try {
                expected ??= resourcesFromPlan(JSON.parse(text.replace(/^\ufeff/, "")), file).map((r) => [r.id, r.props]);
            } catch (error) {
                expected = (error as Error).message;
            }
            let actual: unknown;
            try {
                actual = (await loadInputs(file))[0].resources.map((r) => [r.id, r.props]);
            } catch (error) {
                actual = (error as Error).message;
            }
            assert.deepEqual(actual, expected, name);
        }
    });

    test("Noncompliance 1: a syntax error inside a section is reported at its place in the file", async () => {
        const text = JSON.stringify(plan).replace("\"rest_api_id\":true},\"after_sensitive\":{}}}", "\"rest_api_id\":true},\"after_sensitive\":{},}}");
        const file = path.join(dir, "broken.json");
        writeFileSync(file, text);
        const column = text.indexOf(",}}") + 2;
        await assert.rejects(loadInputs(file), (error: unknown) => error instanceof InputError
            && error.message === `${file}: not valid JSON at line 1, column ${column} (expected double-quoted property name)`);
    });
});
