import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import Ajv from "ajv";
import { catalog } from "../../policies/catalog";
import { configDefaults } from "../../policies/engine/config";
import { AREAS, ConfigProperty } from "../../policies/engine/rule";
import { T } from "../../policies/engine/types";

const RULES_DIR = path.resolve(__dirname, "../../../policies/rules");
const CANONICAL_DIR = path.resolve(__dirname, "../../../test/canonical");
const KNOWN_TYPES = new Set<string>(Object.values(T));

describe("the rule catalog", () => {
    test("holds exactly one rule per file under policies/rules/<area>/, named by its id", () => {
        const files: string[] = [];
        for (const area of readdirSync(RULES_DIR)) {
            assert.ok((AREAS as readonly string[]).includes(area), `${area} is a known area`);
            for (const file of readdirSync(path.join(RULES_DIR, area))) {
                files.push(`${area}/${file.replace(/\.ts$/, "")}`);
            }
        }
        assert.deepEqual(catalog.map((rule) => `${rule.area}/${rule.id}`).sort(), files.sort());
    });

    test("every rule has its canonical suite, test/canonical/<rule id>.test.ts, and no suite names a rule that does not exist", () => {
        const suites = readdirSync(CANONICAL_DIR).filter((file) => file.endsWith(".test.ts")).map((file) => file.replace(/\.test\.ts$/, ""));
        assert.deepEqual(suites.sort(), catalog.map((rule) => rule.id).sort());
    });

    test("every rule belongs to one of the seven areas", () => {
        for (const rule of catalog) {
            assert.ok((AREAS as readonly string[]).includes(rule.area), `${rule.id}: ${rule.area}`);
        }
    });

    for (const rule of catalog) {
        test(`${rule.id}: metadata is complete and its configuration defaults satisfy its schema`, () => {
            for (const field of ["title", "description", "rationale", "remediation"] as const) {
                assert.ok(rule[field].length > 10, `${field} is written`);
            }
            assert.ok(rule.references.controls.length > 0, "maps to a control of the landscape");
            assert.ok(rule.references.owasp.length > 0, "maps to an OWASP API Security Top 10 (2023) category");
            for (const category of rule.references.owasp) {
                assert.match(category, /^API(10|[1-9]):2023$/);
            }
            for (const type of rule.subjects) {
                assert.ok(KNOWN_TYPES.has(type), `${type} is a canonical type`);
            }
            for (const [key, property] of Object.entries(rule.config as Record<string, ConfigProperty>)) {
                assert.ok(property.description.length > 10, `config ${key} is described`);
            }
            const schema = { type: "object", properties: rule.config, additionalProperties: false };
            const validate = new Ajv({ strict: false }).compile(schema);
            assert.ok(validate(configDefaults(rule)), JSON.stringify(validate.errors));
        });
    }

    test("ids are unique", () => {
        assert.equal(new Set(catalog.map((rule) => rule.id)).size, catalog.length);
    });
});
