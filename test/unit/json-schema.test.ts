import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { compileSchema, errorText, goNumber, SchemaCompileError, validateDocument } from "../../testing/json-schema";

/** The harness's reproduction of gojsonschema, the engine's JSON Schema library: its checks and messages. */
describe("the engine's JSON Schema rules, as the harness reproduces them", () => {
    const compileError = (schema: unknown) => {
        try {
            compileSchema(schema);
            return undefined;
        } catch (error) {
            assert.ok(error instanceof SchemaCompileError, String(error));
            return error.message;
        }
    };

    test("Compliance: the keywords policy schemas use compile", () => {
        assert.equal(compileError({
            type: "object",
            properties: {
                limit: { type: "integer", minimum: 0, maximum: 10, default: 1, description: "d" },
                list: { type: "array", items: { type: "string", enum: ["A", "B"] }, uniqueItems: true },
                item: { type: "object", properties: { a: { type: "string", pattern: "^[a-z]+$" } }, required: ["a"], additionalProperties: false },
                either: { type: ["string", "null"] },
                anything: true,
            },
        }), undefined);
    });

    test("Noncompliance: malformed schemas fail with gojsonschema's messages", () => {
        assert.equal(compileError({ type: "text" }),
            "has a primitive type that is NOT VALID -- given: /text/ Expected valid values are:[array boolean integer number null object string]");
        assert.equal(compileError({ type: ["string", "string"] }), "string type is duplicated");
        assert.equal(compileError({ type: 3 }), "Invalid type. Expected: string/array of strings, given: type");
        assert.equal(compileError({ description: 3 }), "Invalid type. Expected: string, given: description");
        assert.equal(compileError({ minimum: "1" }), "minimum must be of a number");
        assert.equal(compileError({ minLength: 1.5 }), "minLength must be of an integer");
        assert.equal(compileError({ minLength: 3, maxLength: 2 }), "minLength cannot be greater than maxLength");
        assert.equal(compileError({ enum: ["a", "a"] }), "enum items must be unique");
        assert.equal(compileError({ enum: "a" }), "enum must be of an array");
        assert.equal(compileError({ required: "a" }), "required must be of an array");
        assert.equal(compileError({ required: ["a", "a"] }), "required items must be unique");
        assert.equal(compileError({ properties: [] }), "properties must be of type object");
        assert.equal(compileError({ properties: { a: "string" } }), "Expected: valid schema, given: Invalid JSON");
        assert.equal(compileError({ exclusiveMinimum: true }), "exclusiveMinimum cannot be used without minimum");
        // Valid in JavaScript, not in Go's RE2.
        assert.equal(compileError({ pattern: "^(?!admin).*$" }), "pattern must be a valid regex");
        assert.equal(compileError({ pattern: "(a)\\1" }), "pattern must be a valid regex");
        assert.equal(compileError({ pattern: "[(?!]" }), undefined);
    });

    test("Noncompliance: documents get gojsonschema's errors, fields and order", () => {
        const schema = compileSchema({
            type: "object",
            properties: {
                rate: { type: "number", minimum: 0 },
                burst: { type: "integer", maximum: 5000000 },
                tls: { type: "string", enum: ["1.2", "1.3"] },
                waivers: {
                    type: "array",
                    items: { type: "object", properties: { rule: { type: "string" }, reason: { type: "string" } }, required: ["rule", "reason"], additionalProperties: false },
                },
            },
            required: ["tls"],
        });
        const errors = validateDocument(schema, {
            rate: "fast", burst: 6000000.5, tls: "1.1",
            waivers: [{ rule: "x", extra: 1 }],
        });
        assert.deepEqual(errors.map(errorText), [
            "rate: Invalid type. Expected: number, given: string",
            "burst: Invalid type. Expected: integer, given: number",
            "tls: tls must be one of the following: \"1.2\", \"1.3\"",
            "waivers.0: reason is required",
            "waivers.0: Additional property extra is not allowed",
        ]);
        assert.deepEqual(validateDocument(schema, {}).map(errorText), ["tls is required"]);
        assert.deepEqual(validateDocument(schema, { tls: "1.2", burst: 6000000 }).map(errorText), ["burst: Must be less than or equal to 5e+06"]);
        assert.deepEqual(validateDocument(schema, { tls: "1.2", rate: -1 }).map(errorText), ["rate: Must be greater than or equal to 0"]);
        // An integer is a number; 2.0 arrives as 2 and is an integer.
        assert.deepEqual(validateDocument(schema, { tls: "1.2", rate: 3, burst: 2.0 }), []);
    });

    test("numbers print as Go prints a big.Float", () => {
        assert.deepEqual([0, 1, 365, 10000, 999999, 1000000, 1500000, 0.5, 0.0001, 0.00001].map(goNumber),
            ["0", "1", "365", "10000", "999999", "1e+06", "1.5e+06", "0.5", "0.0001", "1e-05"]);
    });
});
