import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { schemaProblems } from "../../policies/engine/config-schema";
import type { ConfigProperty } from "../../policies/engine/rule";
import { ConfigParseError, ConfigValidationError } from "../../testing/engine";
import { compileSchema, validateDocument } from "../../testing/json-schema";
import { usePack } from "../helpers/pack";

const README = path.resolve(__dirname, "../../../README.md");

/** The JSON blocks of the README that are configuration files (they set levels or rule options). */
function documentedConfigs(): Record<string, unknown>[] {
    const blocks = [...readFileSync(README, "utf8").matchAll(/```json\n([\s\S]*?)```/gu)].map((match) => JSON.parse(match[1]) as Record<string, unknown>);
    return blocks.filter((block) => "all" in block || "gatehouse-waivers" in block);
}

/** Values of every JSON type, boundaries and near-misses: what a user might write for any option. */
function probes(schema: Record<string, any>): unknown[] {
    const values: unknown[] = [null, true, false, 0, -1, 1, 1.5, 7, 365, 100000, "", "x", "REGIONAL", [], ["x"], [1], [null], {}, { a: 1 }];
    for (const bound of [schema.minimum, schema.maximum]) {
        if (typeof bound === "number") {
            values.push(bound, bound - 1, bound + 1, bound - 0.5, bound + 0.5);
        }
    }
    for (const member of schema.enum ?? []) {
        values.push(member, `${member}x`);
    }
    const items = schema.items as Record<string, any> | undefined;
    for (const member of items?.enum ?? []) {
        values.push([member], [member, "NOPE"]);
    }
    if (items?.type === "object") {
        const complete = Object.fromEntries(Object.keys(items.properties ?? {}).map((key) => [key, "some value here"]));
        values.push([complete], [{ ...complete, extra: "y" }], [{ ...complete, [Object.keys(complete)[0]]: 3 }]);
        for (const key of items.required ?? []) {
            const { [key]: _left, ...missing } = complete;
            values.push([missing]);
        }
    }
    if ("default" in schema) {
        values.push(schema.default);
    }
    return values;
}

describe("the pack's configuration against `pulumi policy validate-config` and the engine's validation", () => {
    const pack = usePack();

    test("Compliance: every policy's schema compiles under the engine's JSON Schema rules", async () => {
        const info = await pack.engine.analyzerInfo();
        const withSchemas = info.policies.filter((policy) => policy.configSchema);
        assert.ok(withSchemas.length >= 20, `only ${withSchemas.length} policies publish a schema`);
        for (const policy of withSchemas) {
            assert.doesNotThrow(() => compileSchema({ type: "object", properties: policy.configSchema!.properties, required: policy.configSchema!.required }), policy.name);
        }
    });

    test("Compliance: the schema defaults the engine fills in pass the engine's validation, so a preview without configuration starts", async () => {
        const reconciled = await pack.engine.reconcile(undefined);
        const info = await pack.engine.analyzerInfo();
        for (const policy of info.policies.filter((item) => item.configSchema)) {
            const defaults = reconciled.get(policy.name)?.properties ?? {};
            assert.deepEqual(Object.keys(defaults).sort(), Object.keys(policy.configSchema!.properties).sort(), `${policy.name} has a default for every option`);
        }
    });

    test("Compliance: an empty file and every configuration the README shows pass validate-config", async () => {
        assert.deepEqual(await pack.engine.validateConfig({}), { valid: true, message: "Policy Pack configuration is valid.", errors: [] });
        const configs = documentedConfigs();
        assert.ok(configs.length >= 1, "the README shows a configuration file");
        for (const config of configs) {
            const verdict = await pack.engine.validateConfig(config);
            assert.deepEqual(verdict.errors, [], JSON.stringify(config));
            await pack.engine.reconcile(config);
        }
    });

    test("Noncompliance 1: wrong types and out-of-range values get the CLI's message", async () => {
        const verdict = await pack.engine.validateConfig({ "stage-throttling": { maxRateLimit: "lots", minBurstLimit: 1.5 } });
        assert.equal(verdict.valid, false);
        assert.equal(verdict.message, "policy pack configuration is invalid: Invalid type. Expected: number, given: string, Invalid type. Expected: integer, given: number");
        assert.deepEqual(verdict.errors.map((error) => `${error.policy} ${error.field}`), ["stage-throttling maxRateLimit", "stage-throttling minBurstLimit"]);
        const range = await pack.engine.validateConfig({ "access-log-group": { minimumRetentionDays: 0 } });
        assert.equal(range.message, "policy pack configuration is invalid: Must be greater than or equal to 1");
    });

    test("Noncompliance 2: an enum value, a level given as a string and a waiver missing its reason", async () => {
        const verdict = await pack.engine.validateConfig({
            "custom-domain-tls": { minimumTlsVersion: "1.1", enforcementLevel: "remediate" },
            "endpoint-type-allowed": "advisory",
            "gatehouse-waivers": { waivers: [{ rule: "rest-stage-waf", resource: "legacy-*" }] },
        });
        assert.deepEqual(verdict.errors.map((error) => `${error.policy} ${error.field}: ${error.description}`), [
            "custom-domain-tls minimumTlsVersion: minimumTlsVersion must be one of the following: \"1.2\", \"1.3\"",
            "gatehouse-waivers waivers.0: reason is required",
        ]);
    });

    test("Noncompliance 3: a file the engine cannot read is refused before any schema", async () => {
        await assert.rejects(pack.engine.validateConfig({ "stage-throttling": "strict" }),
            new ConfigParseError("parsing enforcement level for \"stage-throttling\": \"strict\" is not a valid enforcement level"));
        await assert.rejects(pack.engine.validateConfig({ "stage-throttling": 3 }),
            new ConfigParseError("parsing \"stage-throttling\": 3 is not a valid value; must be a string or object"));
        await assert.rejects(pack.engine.reconcile({ "stage-throttling": { enforcementLevel: true } }),
            new ConfigParseError("parsing enforcement level for \"stage-throttling\": true is not a valid enforcement level; must be a string"));
    });

    test("Noncompliance 4: a preview with an invalid option fails as the engine fails it, naming the policy and field", async () => {
        await assert.rejects(pack.engine.reconcile({ "custom-domain-tls": { minimumTlsVersion: "1.1" } }), (error: unknown) => {
            assert.ok(error instanceof ConfigValidationError);
            assert.deepEqual(error.errors, ["custom-domain-tls: minimumTlsVersion: minimumTlsVersion must be one of the following: \"1.2\", \"1.3\""]);
            return true;
        });
    });

    test("`gatehouse scan --config` accepts exactly the option values the engine accepts", async () => {
        const info = await pack.engine.analyzerInfo();
        const disagreements: string[] = [];
        let compared = 0;
        for (const policy of info.policies.filter((item) => item.configSchema)) {
            for (const [key, schema] of Object.entries(policy.configSchema!.properties)) {
                const compiled = compileSchema({ type: "object", properties: { [key]: schema } });
                for (const value of probes(schema as Record<string, any>)) {
                    const engine = validateDocument(compiled, { [key]: value }).length === 0;
                    const scanner = schemaProblems(schema as unknown as ConfigProperty, value, key).length === 0;
                    compared++;
                    if (engine !== scanner) {
                        disagreements.push(`${policy.name}.${key} = ${JSON.stringify(value)}: engine ${engine ? "accepts" : "refuses"}, scanner ${scanner ? "accepts" : "refuses"}`);
                    }
                }
            }
        }
        assert.ok(compared > 500, `${compared} comparisons`);
        assert.deepEqual(disagreements, []);
    });
});
