import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { makeResource } from "../../policies/engine/resource";
import { ConfigWaiver, parseWaiverTagValue, readWaiverEntries, Waivers, WaiverUsage } from "../../policies/engine/waivers";
import { msg, render } from "../../policies/engine/message";
import { EvaluationContext, Evaluator, Result } from "../../policies/engine/evaluate";
import { Graph } from "../../policies/engine/graph";
import { defineRule, EnforcementLevel } from "../../policies/engine/rule";

const RULES = new Set(["rest-stage-waf", "rest-stage-xray"]);

function tagged(tags: Record<string, unknown>, name = "stage") {
    return makeResource({ type: "aws:apigateway/stage:Stage", name, id: `urn:pulumi:dev::p::aws:apigateway/stage:Stage::${name}`, props: { tags }, origin: { frontEnd: "pulumi" } });
}

describe("waivers", () => {
    test("a tag value lists rule-id: reason pairs, with any AWS-valid separator", () => {
        assert.deepEqual(parseWaiverTagValue("rest-stage-waf: fronted by CloudFront WAF rest-stage-xray: traced by the mesh"), [
            { rule: "rest-stage-waf", reason: "fronted by CloudFront WAF" },
            { rule: "rest-stage-xray", reason: "traced by the mesh" },
        ]);
        assert.deepEqual(parseWaiverTagValue("rest-stage-waf: see SEC-12: approved / rest-stage-xray: mesh"), [
            { rule: "rest-stage-waf", reason: "see SEC-12: approved" },
            { rule: "rest-stage-xray", reason: "mesh" },
        ]);
        assert.deepEqual(parseWaiverTagValue("no rule here"), []);
    });

    test("valid tag waivers apply to their rule only; per-rule tags work too", () => {
        const waivers = new Waivers(RULES, { level: "mandatory", entries: [] });
        const resource = tagged({ "gatehouse:waive": "rest-stage-waf: fronted by CloudFront WAF", "gatehouse:waive:rest-stage-xray": "traced by the service mesh" });
        assert.deepEqual(waivers.find("rest-stage-waf", [resource]), { source: "tag", reason: "fronted by CloudFront WAF" });
        assert.deepEqual(waivers.find("rest-stage-xray", [resource]), { source: "tag", reason: "traced by the service mesh" });
        assert.equal(waivers.find("stage-throttling", [resource]), undefined);
        assert.deepEqual(waivers.tagProblems(resource), []);
    });

    test("short reasons and unknown rules waive nothing and are problems", () => {
        const waivers = new Waivers(RULES, { level: "mandatory", entries: [] });
        const resource = tagged({ "gatehouse:waive": "rest-stage-waf: legacy rest-stage-wafx: a long enough reason", "gatehouse:waive:": "empty rule name here" });
        assert.equal(waivers.find("rest-stage-waf", [resource]), undefined);
        const problems = waivers.tagProblems(resource).map((problem) => render(problem.message, new Set()));
        assert.equal(problems.length, 3);
        assert.match(problems.join("\n"), /waives rest-stage-waf without a reason of at least 10 characters/);
        assert.match(problems.join("\n"), /names rest-stage-wafx, which is not a Gatehouse rule/);
    });

    test("configured waivers match the URN, the name, or a * pattern of either", () => {
        const entries = readWaiverEntries([
            { rule: "rest-stage-waf", resource: "legacy-*", reason: "being migrated this quarter" },
            { rule: "rest-stage-xray", resource: "urn:pulumi:dev::p::*::api-stage", reason: "traced by the service mesh" },
            "not an object",
        ]);
        const waivers = new Waivers(RULES, { level: "mandatory", entries });
        assert.equal(entries.length, 2);
        assert.deepEqual(waivers.find("rest-stage-waf", [tagged({}, "legacy-prod")]), { source: "config", reason: "being migrated this quarter" });
        assert.equal(waivers.find("rest-stage-waf", [tagged({}, "prod")]), undefined);
        assert.deepEqual(waivers.find("rest-stage-xray", [tagged({}, "api-stage")]), { source: "config", reason: "traced by the service mesh" });
        assert.deepEqual(waivers.configProblems(), []);
    });
});

describe("waivers that accept nothing", () => {
    const TYPE = "test:index/thing:Thing";
    const rule = defineRule<Record<string, never>>({
        id: "rest-stage-waf", title: "t", description: "d", rationale: "r", remediation: "f", area: "exposure", severity: "low",
        enforcementLevel: "mandatory", scope: "resource", subjects: [TYPE], config: {}, references: { controls: [], owasp: [] },
        check(thing, ctx) {
            if (thing.props["bad"] === true) {
                ctx.report({ path: "bad", message: msg`bad is true` });
            }
        },
    });
    const evaluator = new Evaluator([rule]);
    const thing = (name: string, bad: boolean, tags: Record<string, string> = {}) =>
        makeResource({ type: TYPE, name, id: `address.${name}`, props: { bad, tags }, origin: { frontEnd: "terraform-plan" } });
    const context = (entries: ConfigWaiver[] = [], levels: { rule?: EnforcementLevel; waivers?: EnforcementLevel } = {}): EvaluationContext => ({
        settings: () => ({ level: levels.rule ?? "mandatory", config: {} }),
        waivers: { level: levels.waivers ?? "mandatory", entries },
    });
    const summary = (results: readonly Result[]) => results.map((result) => `${result.level} ${result.ruleId} ${result.resource?.name ?? "(stack)"} ${result.path ?? ""}: ${result.message}`);
    const REASON = "fronted by CloudFront with its own web ACL";

    test("Compliance: waivers that accept a finding are not reported", () => {
        const results = evaluator.evaluateGraph(new Graph([thing("legacy", true), thing("tagged", true, { "gatehouse:waive:rest-stage-waf": REASON })]),
            context([{ rule: "rest-stage-waf", resource: "legacy", reason: REASON }]));
        assert.deepEqual(summary(results), [
            "advisory rest-stage-waf legacy bad: bad is true",
            "advisory rest-stage-waf tagged bad: bad is true",
        ]);
    });

    test("Noncompliance 1: a tag waiver on a passing resource, as an advisory on the resource and tag", () => {
        const results = evaluator.evaluateGraph(new Graph([thing("fine", false, { "gatehouse:waive": `rest-stage-waf: ${REASON}` })]), context());
        assert.deepEqual(summary(results), [
            "advisory gatehouse-waivers fine tags.gatehouse:waive: tag gatehouse:waive waives rest-stage-waf, which reports nothing on this resource: the waiver can be removed",
        ]);
    });

    test("Noncompliance 2: configured waivers matching no resource, or only passing ones", () => {
        const results = evaluator.evaluateGraph(new Graph([thing("fine", false)]), context([
            { rule: "rest-stage-waf", resource: "fine", reason: REASON },
            { rule: "rest-stage-waf", resource: "legacy-*", reason: REASON },
        ]));
        assert.deepEqual(summary(results), [
            "advisory gatehouse-waivers (stack) waivers.0: waivers[0] waives rest-stage-waf on fine, but rest-stage-waf reports nothing on the resources it matches: the waiver can be removed",
            "advisory gatehouse-waivers (stack) waivers.1: waivers[1] waives rest-stage-waf on legacy-*, which matches no resource: the waiver can be removed, or its pattern is mistyped",
        ]);
    });

    test("invalid waivers are reported as invalid only; waivers of a disabled rule, or with the waivers policy disabled, are not reported", () => {
        const short = evaluator.evaluateGraph(new Graph([thing("fine", false, { "gatehouse:waive:rest-stage-waf": "legacy" })]), context());
        assert.deepEqual(summary(short).map((line) => line.replace(/:.*$/u, "")), ["mandatory gatehouse-waivers fine tags.gatehouse"]);
        assert.match(short[0].message, /without a reason of at least 10 characters/u);
        const graph = new Graph([thing("fine", false, { "gatehouse:waive:rest-stage-waf": REASON })]);
        assert.deepEqual(evaluator.evaluateGraph(graph, context([], { rule: "disabled" })), []);
        assert.deepEqual(evaluator.evaluateGraph(graph, context([], { waivers: "disabled" })), []);
    });

    test("one usage across graphs: a configured waiver another graph needs is not reported", () => {
        const shared = { ...context([{ rule: "rest-stage-waf", resource: "legacy", reason: REASON }]), waiverUsage: new WaiverUsage() };
        const first = new Graph([thing("fine", false)]);
        const second = new Graph([thing("legacy", true)]);
        assert.deepEqual(summary([...evaluator.evaluateGraph(first, shared), ...evaluator.unusedTagWaivers(first, shared)]), []);
        assert.deepEqual(summary(evaluator.evaluateGraph(second, shared)), ["advisory rest-stage-waf legacy bad: bad is true"]);
        assert.deepEqual(evaluator.unusedConfigWaivers(shared), []);
        const alone = { ...context([{ rule: "rest-stage-waf", resource: "legacy", reason: REASON }]), waiverUsage: new WaiverUsage() };
        evaluator.evaluateGraph(first, alone);
        evaluator.unusedTagWaivers(first, alone);
        assert.equal(evaluator.unusedConfigWaivers(alone).length, 1);
    });
});
