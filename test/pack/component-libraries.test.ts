/**
 * The smallest Pulumi serverless template through the real pack over gRPC: every violation on a
 * child of @pulumi/aws-apigateway's RestAPI carries, on its own line, a fix in the library's terms
 * (8 mandatory violations in an up; in a preview the body is built from outputs, so its two
 * operations are notices instead).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { serverlessTemplate } from "../fixtures/component-libraries";
import { classify, MODES, resourceName, usePack } from "../helpers/pack";

describe("component-library children through the pack", () => {
    const pack = usePack();
    for (const mode of MODES) {
        test(`the serverless template: each violation says how to fix it with the RestAPI (${mode})`, async () => {
            const run = await pack.run(serverlessTemplate, mode);
            const { violations } = classify(run.diagnostics);
            const violating = run.diagnostics.filter((d) => violations.includes(`${d.enforcementLevel} ${d.policyName} ${resourceName(d.urn)}`));
            assert.equal(violating.filter((d) => d.enforcementLevel === "mandatory").length, mode === "up" ? 8 : 6);
            for (const diagnostic of violating) {
                const lines = diagnostic.message.split("\n");
                assert.equal(lines.length, 3, diagnostic.message);
                assert.match(lines[2], /^fix: .*@pulumi\/aws-apigateway RestAPI\b/, diagnostic.message);
            }
            const xray = violating.find((d) => d.policyName === "rest-stage-xray")!;
            assert.equal(xray.message.split("\n").slice(1).join("\n"), "X-Ray tracing is off for the stage\n"
                + "fix: @pulumi/aws-apigateway RestAPI has no argument for the Stage's `xrayTracingEnabled`: set it with a `transforms` resource option on the component (matching `aws:apigateway/stage:Stage`), or waive rest-stage-xray with a reason");
        });
    }
});
