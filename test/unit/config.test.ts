import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ConfigError, parsePolicyPackConfig, PolicyInfo, reconcilePolicyPackConfig } from "../../policies/engine/config";

const POLICIES: PolicyInfo[] = [
    { name: "a", enforcementLevel: "mandatory", configSchema: { properties: { limit: { type: "number", default: 10 }, mode: { type: "string" } } } },
    { name: "b", enforcementLevel: "advisory" },
];

describe("policy pack configuration", () => {
    test("reconciles schema defaults, then the pack's initial config, then the user's, like the engine", () => {
        const result = reconcilePolicyPackConfig(POLICIES, { a: { properties: { limit: 20 } } }, { a: { properties: { mode: "strict" } }, b: { enforcementLevel: "disabled" } });
        assert.deepEqual(result.get("a"), { enforcementLevel: "mandatory", properties: { limit: 20, mode: "strict" } });
        assert.deepEqual(result.get("b"), { enforcementLevel: "disabled", properties: undefined });
    });

    test("`all` sets every level before per-policy entries apply", () => {
        const result = reconcilePolicyPackConfig(POLICIES, undefined, { all: { enforcementLevel: "advisory" }, b: { enforcementLevel: "mandatory" } });
        assert.equal(result.get("a")?.enforcementLevel, "advisory");
        assert.equal(result.get("b")?.enforcementLevel, "mandatory");
        assert.deepEqual(result.get("a")?.properties, { limit: 10 });
    });

    test("parses the --policy-pack-config file format", () => {
        const parsed = parsePolicyPackConfig(JSON.stringify({ all: "advisory", a: { enforcementLevel: "mandatory", limit: 5 }, empty: {} }), "policy.json");
        assert.deepEqual(parsed, { all: { enforcementLevel: "advisory" }, a: { enforcementLevel: "mandatory", properties: { limit: 5 } } });
        assert.deepEqual(parsePolicyPackConfig("  ", "policy.json"), {});
    });

    test("bad files get an error naming the file and the key", () => {
        assert.throws(() => parsePolicyPackConfig("{", "policy.json"), (e: unknown) => e instanceof ConfigError && /^policy\.json: not valid JSON/.test(e.message));
        assert.throws(() => parsePolicyPackConfig('{"a": "sometimes"}', "policy.json"), /policy\.json: "a": "sometimes" is not a valid enforcement level/);
        assert.throws(() => parsePolicyPackConfig('{"a": {"enforcementLevel": 3}}', "policy.json"), /policy\.json: "a\.enforcementLevel"/);
        assert.throws(() => parsePolicyPackConfig("[]", "policy.json"), /policy\.json: expected a JSON object/);
    });
});
