import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    asBoolean, asList, asNumber, containsUnknown, isUnknown, known, peek, UNKNOWN_BOOLEAN, UNKNOWN_STRING, UnknownValueError,
} from "../../policies/engine/values";

describe("value access", () => {
    test("peek reads nested values and never throws on missing steps or wrong types", () => {
        const props = { a: { b: [{ c: 1 }, { c: 2 }] }, s: "text", n: null };
        assert.equal(peek(props, "a.b.1.c"), 2);
        assert.equal(peek(props, "a.x.y"), undefined);
        assert.equal(peek(props, "s.length"), undefined);
        assert.equal(peek(props, "n.anything"), undefined);
        assert.equal(peek(undefined, "a"), undefined);
        assert.equal(peek(props, ["a", "b", 0, "c"]), 1);
    });

    test("peek looks through a one-item list standing for a block, not through longer lists", () => {
        assert.equal(peek({ settings: [{ loggingLevel: "INFO" }] }, "settings.loggingLevel"), "INFO");
        assert.equal(peek({ settings: [{ a: 1 }, { a: 2 }] }, "settings.a"), undefined);
    });

    test("a one-segment path reads as the same path given as a list", () => {
        const roots: unknown[] = [
            { name: "n", 0: "zero", toString: "own" }, [{ name: "in a block" }], [{ name: 1 }, { name: 2 }], ["first"], "text", null, undefined,
            UNKNOWN_STRING, {}, Object.create({ name: "inherited" }),
        ];
        for (const root of roots) {
            for (const [path, parts] of [["name", ["name"]], ["0", [0]], ["toString", ["toString"]], ["constructor", ["constructor"]], ["", []]] as const) {
                assert.equal(peek(root, path), peek(root, parts), `${JSON.stringify(root)} at "${path}"`);
            }
        }
        assert.equal(peek([{ name: "in a block" }], "name"), "in a block");
        assert.equal(peek(["first"], "0"), "first");
        assert.equal(peek({ toString: "own" }, "toString"), "own");
        assert.equal(peek({}, "toString"), undefined);
        assert.equal(peek(UNKNOWN_STRING, "name"), UNKNOWN_STRING);
    });

    test("an unknown on the way is returned by peek and thrown by known", () => {
        const props = { accessLogSettings: UNKNOWN_STRING, flag: UNKNOWN_BOOLEAN };
        assert.equal(peek(props, "accessLogSettings.format"), UNKNOWN_STRING);
        assert.throws(() => known(props, "accessLogSettings.format"), (error: unknown) =>
            error instanceof UnknownValueError && error.path === "accessLogSettings.format");
        assert.throws(() => known(props, "flag"), UnknownValueError);
        assert.equal(known(props, "missing"), undefined);
    });

    test("unknown sentinels are recognised anywhere, and only them", () => {
        assert.ok(isUnknown(UNKNOWN_STRING));
        assert.ok(!isUnknown("04da6b54-80e4-46f7-96ec-b56ff0331ba8"));
        assert.ok(containsUnknown({ a: [{ b: UNKNOWN_STRING }] }));
        assert.ok(!containsUnknown({ a: [{ b: "x" }] }));
    });

    test("coercions accept what front ends send and reject the rest", () => {
        assert.equal(asNumber("42"), 42);
        assert.equal(asNumber(" "), undefined);
        assert.equal(asNumber(Number.NaN), undefined);
        assert.equal(asBoolean("true"), true);
        assert.equal(asBoolean("yes"), undefined);
        assert.deepEqual(asList("x"), ["x"]);
        assert.deepEqual(asList(undefined), []);
    });
});
