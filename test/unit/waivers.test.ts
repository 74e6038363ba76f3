import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { makeResource } from "../../policies/engine/resource";
import { parseWaiverTagValue, readWaiverEntries, Waivers } from "../../policies/engine/waivers";
import { render } from "../../policies/engine/message";

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
