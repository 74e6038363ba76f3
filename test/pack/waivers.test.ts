import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { WAIVERS_POLICY } from "../../policies/engine/waivers";
import { compliantStack } from "../fixtures/compliant-stack";
import { MODES, resourceName, summarise, usePack } from "../helpers/pack";

const NO_WAF = { wafAssociation: false };

describe("waivers through the pack", () => {
    const pack = usePack();
    for (const mode of MODES) {
        test(`a gatehouse:waive tag with a reason waives the finding, which is reported as waived (${mode})`, async () => {
            const run = await pack.run(() => compliantStack({ ...NO_WAF, restStageTags: { "gatehouse:waive": "rest-stage-waf: fronted by CloudFront with its own web ACL" } }), mode);
            assert.deepEqual(summarise(run.diagnostics), ["advisory rest-stage-waf orders-prod"]);
            assert.match(run.diagnostics[0].message, /waived \(tag: fronted by CloudFront with its own web ACL\): no AWS WAF web ACL/);
        });

        test(`one tag per rule, and several rules in one tag value, both work (${mode})`, async () => {
            const perRule = await pack.run(() => compliantStack({ ...NO_WAF, restXray: false, restStageTags: {
                "gatehouse:waive:rest-stage-waf": "fronted by CloudFront with its own web ACL",
                "gatehouse:waive:rest-stage-xray": "traced by the service mesh sidecar instead",
            } }), mode);
            assert.deepEqual(summarise(perRule.diagnostics), ["advisory rest-stage-waf orders-prod", "advisory rest-stage-xray orders-prod"]);
            const listed = await pack.run(() => compliantStack({ ...NO_WAF, restXray: false, restStageTags: {
                "gatehouse:waive": "rest-stage-waf: fronted by CloudFront WAF rest-stage-xray: traced by the mesh sidecar",
            } }), mode);
            assert.deepEqual(summarise(listed.diagnostics), ["advisory rest-stage-waf orders-prod", "advisory rest-stage-xray orders-prod"]);
            assert.ok(listed.diagnostics.some((d) => d.message.includes("waived (tag: fronted by CloudFront WAF)")));
            assert.ok(listed.diagnostics.some((d) => d.message.includes("waived (tag: traced by the mesh sidecar)")));
        });

        test(`a configured waiver matches by name or URN pattern (${mode})`, async () => {
            const byName = await pack.run(() => compliantStack({ getAuthorization: "NONE" }), mode, {
                [WAIVERS_POLICY]: { waivers: [{ rule: "rest-method-authorization", resource: "get-*", reason: "read-only public catalogue, see SEC-142" }] },
            });
            assert.deepEqual(summarise(byName.diagnostics), ["advisory rest-method-authorization get-orders"]);
            assert.match(byName.diagnostics[0].message, /waived \(config: read-only public catalogue, see SEC-142\)/);
            const byUrn = await pack.run(() => compliantStack({ getAuthorization: "NONE" }), mode, {
                [WAIVERS_POLICY]: { waivers: [{ rule: "rest-method-authorization", resource: "urn:pulumi:dev::harness::*Method::get-orders", reason: "read-only public catalogue, see SEC-142" }] },
            });
            assert.deepEqual(summarise(byUrn.diagnostics), ["advisory rest-method-authorization get-orders"]);
        });

        test(`a waiver without a reason waives nothing and is itself a violation (${mode})`, async () => {
            const run = await pack.run(() => compliantStack({ ...NO_WAF, restStageTags: { "gatehouse:waive": "rest-stage-waf: legacy" } }), mode);
            assert.deepEqual(summarise(run.diagnostics), [`mandatory ${WAIVERS_POLICY} orders-prod`, "mandatory rest-stage-waf orders-prod"]);
            const problem = run.diagnostics.find((d) => d.policyName === WAIVERS_POLICY)!;
            assert.match(problem.message, /waives rest-stage-waf without a reason of at least 10 characters/);
        });

        test(`a waiver naming a rule that does not exist is a violation (${mode})`, async () => {
            const run = await pack.run(() => compliantStack({ restStageTags: { "gatehouse:waive": "rest-stage-wafs: fronted by CloudFront with its own web ACL" } }), mode);
            assert.deepEqual(summarise(run.diagnostics), [`mandatory ${WAIVERS_POLICY} orders-prod`]);
            assert.match(run.diagnostics[0].message, /names rest-stage-wafs, which is not a Gatehouse rule/);
        });

        test(`configured waivers are checked too, and the waivers policy has its own level (${mode})`, async () => {
            const run = await pack.run(() => compliantStack({ getAuthorization: "NONE" }), mode, {
                [WAIVERS_POLICY]: { enforcementLevel: "advisory", waivers: [
                    { rule: "rest-method-authorization", resource: "get-orders", reason: "temp" },
                    { rule: "no-such-rule", resource: "*", reason: "a perfectly long reason" },
                ] },
            });
            assert.deepEqual(summarise(run.diagnostics), [
                `advisory ${WAIVERS_POLICY} `,
                `advisory ${WAIVERS_POLICY} `,
                "mandatory rest-method-authorization get-orders",
            ]);
            const messages = run.diagnostics.filter((d) => d.policyName === WAIVERS_POLICY).map((d) => d.message).join("\n");
            assert.match(messages, /waivers\[0\] waives rest-method-authorization without a reason/);
            assert.match(messages, /waivers\[1\] names no-such-rule, which is not a Gatehouse rule/);
            assert.ok(run.diagnostics.filter((d) => d.policyName === WAIVERS_POLICY).every((d) => resourceName(d.urn) === ""));
        });

        test(`a waiver that accepts nothing in the operation is reported once, as an advisory (${mode})`, async () => {
            // The stage has a WAF: its rest-stage-waf tag waives nothing. Its rest-stage-xray tag waives
            // a finding made in the stage's Analyze call, which the pack remembers until AnalyzeStack.
            const run = await pack.run(() => compliantStack({
                restXray: false,
                restStageTags: {
                    "gatehouse:waive:rest-stage-waf": "fronted by CloudFront with its own web ACL",
                    "gatehouse:waive:rest-stage-xray": "traced by the service mesh sidecar",
                },
            }), mode, {
                [WAIVERS_POLICY]: { waivers: [
                    { rule: "rest-method-authorization", resource: "get-*", reason: "read-only public catalogue, see SEC-142" },
                    { rule: "rest-stage-xray", resource: "legacy-*", reason: "traced by the service mesh sidecar" },
                ] },
            });
            assert.deepEqual(summarise(run.diagnostics), [
                `advisory ${WAIVERS_POLICY} `,
                `advisory ${WAIVERS_POLICY} `,
                `advisory ${WAIVERS_POLICY} orders-prod`,
                "advisory rest-stage-xray orders-prod",
            ]);
            const unused = run.diagnostics.filter((d) => d.policyName === WAIVERS_POLICY).map((d) => d.message.split("\n")[1]).sort();
            assert.deepEqual(unused, [
                "tag gatehouse:waive:rest-stage-waf waives rest-stage-waf, which reports nothing on this resource: the waiver can be removed",
                "waivers[0] waives rest-method-authorization on get-*, but rest-method-authorization reports nothing on the resources it matches: the waiver can be removed",
                "waivers[1] waives rest-stage-xray on legacy-*, which matches no resource: the waiver can be removed, or its pattern is mistyped",
            ]);
            assert.ok(run.diagnostics.filter((d) => d.policyName === WAIVERS_POLICY).every((d) => d.phase === "analyzeStack"));
        });
    }

    test("a waiver used in one operation is not remembered in the next", async () => {
        const tags = { "gatehouse:waive:rest-stage-waf": "fronted by CloudFront with its own web ACL" };
        const used = await pack.run(() => compliantStack({ ...NO_WAF, restStageTags: tags }), "up");
        assert.deepEqual(summarise(used.diagnostics), ["advisory rest-stage-waf orders-prod"]);
        const next = await pack.run(() => compliantStack({ restStageTags: tags }), "up");
        assert.deepEqual(summarise(next.diagnostics), [`advisory ${WAIVERS_POLICY} orders-prod`]);
    });
});
