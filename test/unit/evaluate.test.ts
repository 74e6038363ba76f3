import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RuleSettings } from "../../policies/engine/config";
import { EvaluationContext, Evaluator, NO_WAIVERS } from "../../policies/engine/evaluate";
import { msg } from "../../policies/engine/message";
import { makeResource } from "../../policies/engine/resource";
import { defineRule, Rule } from "../../policies/engine/rule";
import { known, UNKNOWN_STRING } from "../../policies/engine/values";

const TYPE = "test:index/thing:Thing";

const valueRule = defineRule<{ forbidden: string }>({
    id: "value-rule",
    title: "t",
    description: "d",
    rationale: "r",
    remediation: "f",
    area: "exposure",
    severity: "low",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [TYPE],
    config: { forbidden: { type: "string", description: "x", default: "bad" } },
    references: { controls: [], owasp: [] },
    check(thing, ctx) {
        const value = known(thing.props, "value");
        if (value === ctx.config.forbidden) {
            ctx.report({ path: "value", message: msg`value is ${value}` });
        }
    },
});
const throwingRule = defineRule<Record<string, never>>({ ...valueRule, id: "throwing-rule", config: {}, remediate: undefined, check() { throw new Error("secret-in-error"); } });

const settings = (levels: Record<string, RuleSettings["level"]> = {}): EvaluationContext => ({
    settings: (rule: Rule): RuleSettings => ({ level: levels[rule.id] ?? rule.enforcementLevel, config: { forbidden: "bad" } }),
    waivers: NO_WAIVERS,
});

function thing(value: unknown, secrets: string[] = []) {
    return makeResource({ type: TYPE, name: "thing", props: { value }, origin: { frontEnd: "terraform-plan" }, secrets: new Set(secrets) });
}

describe("the evaluator", () => {
    const evaluator = new Evaluator([valueRule, throwingRule]);

    test("reports violations at the configured level; remediate reports as mandatory; disabled reports nothing", () => {
        const levelOf = (levels: Record<string, RuleSettings["level"]>) =>
            evaluator.evaluateResource(thing("bad"), settings({ "throwing-rule": "disabled", ...levels })).map((r) => r.level);
        assert.deepEqual(levelOf({}), ["mandatory"]);
        assert.deepEqual(levelOf({ "value-rule": "advisory" }), ["advisory"]);
        assert.deepEqual(levelOf({ "value-rule": "remediate" }), ["mandatory"]);
        assert.deepEqual(levelOf({ "value-rule": "disabled" }), []);
    });

    test("an unknown deciding value is an advisory unverifiable result", () => {
        const [result] = evaluator.evaluateResource(thing(UNKNOWN_STRING), settings({ "throwing-rule": "disabled" }));
        assert.equal(result.kind, "unverifiable");
        assert.equal(result.level, "advisory");
        assert.match(result.message, /cannot be verified until apply: value is not known during preview/);
    });

    test("a rule that throws yields an advisory error result without the exception's text; others still run", () => {
        const results = evaluator.evaluateResource(thing("bad"), settings());
        assert.deepEqual(results.map((r) => [r.ruleId, r.kind]), [["value-rule", "violation"], ["throwing-rule", "error"]]);
        assert.ok(!results[1].message.includes("secret-in-error"));
        assert.match(results[1].message, /Error at /);
    });

    test("secret values of the resource are redacted from messages", () => {
        const [result] = evaluator.evaluateResource(thing("bad", ["bad"]), settings({ "throwing-rule": "disabled" }));
        assert.equal(result.message, "value is [secret]");
    });

    test("resources of other types cost nothing and report nothing", () => {
        const other = makeResource({ type: "test:index/other:Other", name: "o", props: { value: "bad" }, origin: { frontEnd: "pulumi" } });
        assert.ok(!evaluator.hasResourceRulesFor(other.type));
        assert.deepEqual(evaluator.evaluateAll([other], settings()), []);
    });

    test("a rule declaration is checked when it is defined", () => {
        assert.throws(() => defineRule({ ...valueRule, id: "Not_Kebab" }), /kebab-case/);
        assert.throws(() => defineRule({ ...valueRule, id: "no-default", config: { x: { type: "string", description: "x" } } as any }), /no default/);
        assert.throws(() => defineRule({ ...valueRule, id: "no-subjects", subjects: [] }), /no subject/);
    });
});
