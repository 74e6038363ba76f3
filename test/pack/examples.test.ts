import assert from "node:assert/strict";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { assertGatehouseViolation, assertPassesGatehouse, GatehousePolicyTester } from "../../testing";
import { classify, MODES, PACK_DIR, summarise, usePack } from "../helpers/pack";

const EXAMPLES = path.resolve(__dirname, "../../examples");

const INSECURE_BOTH_MODES = [
    "advisory endpoint-type-allowed legacy",
    "advisory endpoint-type-allowed legacy",
    "advisory required-tags legacy",
    "advisory required-tags public",
    "advisory stage-alarms legacy-prod",
    "advisory stage-alarms public-default",
    "mandatory api-gateway-role-least-privilege integration-role",
    "mandatory api-key-not-hardcoded partner-b",
    "mandatory cors-allowed-origins partner-portal",
    "mandatory custom-domain-tls legacy",
    "mandatory rest-execution-logging legacy-prod",
    "mandatory rest-method-authorization get-items",
    "mandatory rest-stage-waf legacy-prod",
    "mandatory rest-stage-xray legacy-prod",
    "mandatory stage-access-logging legacy-prod",
    "mandatory stage-access-logging public-default",
    "mandatory stage-throttling legacy-prod",
    "mandatory stage-throttling public-default",
    "mandatory usage-plan-limits partners",
    "mandatory v2-route-authorization public-items",
];

// The permission's source ARN is built from the API's executionArn: known after apply only.
const INSECURE: Record<string, string[]> = {
    up: [...INSECURE_BOTH_MODES, "mandatory lambda-permission-scoped handler-invoke"].sort(),
    preview: [...INSECURE_BOTH_MODES, "advisory lambda-permission-scoped handler-invoke"].sort(),
};

describe("bundled examples through the pack", () => {
    const pack = usePack();
    for (const mode of MODES) {
        test(`the compliant example yields no diagnostic (${mode})`, async () => {
            const run = await pack.run(path.join(EXAMPLES, "compliant/index.js"), mode);
            assert.deepEqual(summarise(run.diagnostics), []);
            assert.ok(run.analyzedInputs.size > 30, "the example registers its whole stack");
        });
        test(`the SecureRestApi example (Cognito, CORS, domain, usage plan, KMS) yields no violation (${mode})`, async () => {
            const run = await pack.run(path.join(EXAMPLES, "secure-rest-api/index.js"), mode);
            const { violations, unverifiable, waived } = classify(run.diagnostics);
            assert.deepEqual([violations, waived], [[], []]);
            // Only a new API's execution ARN is unknown before apply: `pulumi up` verifies these permissions.
            assert.deepEqual(unverifiable, mode === "up" ? [] : [
                "advisory lambda-permission-scoped orders-get-orders",
                "advisory lambda-permission-scoped orders-get-orders-id",
                "advisory lambda-permission-scoped orders-post-orders",
            ]);
            assert.ok(run.analyzedInputs.size > 40, "the component registers the whole API");
        });
        test(`the SecureHttpApi example (JWT, CORS, domain) yields no violation (${mode})`, async () => {
            const run = await pack.run(path.join(EXAMPLES, "secure-http-api/index.js"), mode);
            const { violations, unverifiable, waived } = classify(run.diagnostics);
            assert.deepEqual([violations, waived], [[], []]);
            assert.deepEqual(unverifiable, mode === "up" ? [] : [
                "advisory lambda-permission-scoped catalog-get-items",
                "advisory lambda-permission-scoped catalog-get-items-id",
                "advisory lambda-permission-scoped catalog-post-items",
            ]);
        });
        test(`the SecureWebSocketApi example (a Lambda authorizer on $connect) yields no violation (${mode})`, async () => {
            const run = await pack.run(path.join(EXAMPLES, "secure-websocket-api/index.js"), mode);
            const { violations, unverifiable, waived } = classify(run.diagnostics);
            assert.deepEqual([violations, waived], [[], []]);
            assert.deepEqual(unverifiable, mode === "up" ? [] : [
                "advisory lambda-permission-scoped chat-authorizer",
                "advisory lambda-permission-scoped chat-disconnect",
                "advisory lambda-permission-scoped chat-sendmessage",
            ]);
        });
        test(`the insecure example trips the rules it is written to trip (${mode})`, async () => {
            const run = await pack.run(path.join(EXAMPLES, "insecure/index.js"), mode);
            assert.deepEqual(summarise(run.diagnostics), INSECURE[mode]);
        });
    }
});

/** The same examples through the shipped testing kit's public API, as a user's test would check them. */
describe("bundled examples through gatehouse-apigw/testing", () => {
    let tester: GatehousePolicyTester;
    before(async () => {
        tester = await GatehousePolicyTester.start({ packDir: PACK_DIR });
    });
    after(async () => {
        await tester.stop();
    });
    for (const mode of MODES) {
        test(`Compliance: the compliant and secure examples pass, strictly for the compliant one (${mode})`, async () => {
            assertPassesGatehouse(await tester.check(path.join(EXAMPLES, "compliant/index.js"), { mode }), { strict: true });
            assertPassesGatehouse(await tester.check(path.join(EXAMPLES, "secure-rest-api/index.js"), { mode }));
            assertPassesGatehouse(await tester.check(path.join(EXAMPLES, "secure-http-api/index.js"), { mode }));
            assertPassesGatehouse(await tester.check(path.join(EXAMPLES, "secure-websocket-api/index.js"), { mode }));
        });
        test(`Noncompliance: the insecure example fails, naming rule and resource (${mode})`, async () => {
            const report = await tester.check(path.join(EXAMPLES, "insecure/index.js"), { mode });
            assert.equal(report.passed, false);
            assertGatehouseViolation(report, "rest-stage-xray", { resource: "legacy-prod", level: "mandatory" });
            assert.throws(() => assertPassesGatehouse(report), /mandatory rest-stage-xray on legacy-prod: X-Ray tracing is off for the stage/);
            assert.throws(() => assertGatehouseViolation(report, "rest-stage-xray", { resource: "public-default" }), /expected a rest-stage-xray violation on public-default/);
        });
    }
});
