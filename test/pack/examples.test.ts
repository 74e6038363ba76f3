import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, test } from "node:test";
import { MODES, summarise, usePack } from "../helpers/pack";

const EXAMPLES = path.resolve(__dirname, "../../examples");

const INSECURE = [
    "mandatory api-gateway-role-least-privilege integration-role",
    "mandatory custom-domain-tls legacy",
    "mandatory rest-execution-logging legacy-prod",
    "mandatory rest-method-authorization get-items",
    "mandatory rest-stage-waf legacy-prod",
    "mandatory stage-access-logging legacy-prod",
    "mandatory stage-access-logging public-default",
    "mandatory stage-throttling legacy-prod",
    "mandatory stage-throttling public-default",
    "mandatory v2-route-authorization public-items",
];

describe("bundled examples through the pack", () => {
    const pack = usePack();
    for (const mode of MODES) {
        test(`the compliant example yields no diagnostic (${mode})`, async () => {
            const run = await pack.run(path.join(EXAMPLES, "compliant/index.js"), mode);
            assert.deepEqual(summarise(run.diagnostics), []);
            assert.ok(run.analyzedInputs.size > 30, "the example registers its whole stack");
        });
        test(`the insecure example trips every foundation rule (${mode})`, async () => {
            const run = await pack.run(path.join(EXAMPLES, "insecure/index.js"), mode);
            assert.deepEqual(summarise(run.diagnostics), INSECURE);
        });
    }
});
