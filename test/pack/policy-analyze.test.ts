/**
 * `pulumi policy analyze`, as the CLI runs a pack over an existing stack: Remediate asked for but
 * not applied, Analyze with the state's inputs, AnalyzeStack with its outputs — over a
 * `pulumi stack export` file whose undecryptable secrets arrive as the string "[secret]".
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import * as aws from "@pulumi/aws";
import { catalog } from "../../policies/catalog";
import { SECRET_SIG, SIG_KEY } from "../../policies/pulumi/wire";
import { scanConfiguration } from "../../policies/scan/config";
import { scanPaths } from "../../policies/scan/scan";
import { runProgram } from "../../testing/program";
import { stackResourcesFromExport } from "../../testing/state";
import { stackExport } from "../harness/stack-export";
import { resourceName, usePack } from "../helpers/pack";

const INSECURE = path.resolve(__dirname, "../../examples/insecure/index.js");

/** The export with the named outputs of the named resources held as secrets the CLI cannot decrypt. */
function withEncrypted(document: any, encrypt: Record<string, string[]>): any {
    const copy = structuredClone(document);
    for (const resource of copy.deployment.resources) {
        const name = resource.urn.slice(resource.urn.lastIndexOf("::") + 2);
        for (const key of encrypt[name] ?? []) {
            for (const side of ["inputs", "outputs"]) {
                if (resource[side]?.[key] !== undefined) {
                    resource[side][key] = { [SIG_KEY]: SECRET_SIG, ciphertext: "v1:AAAAencrypted" };
                }
            }
        }
    }
    return copy;
}

describe("pulumi policy analyze over a stack export", () => {
    const pack = usePack();
    const scratch = mkdtempSync(path.join(os.tmpdir(), "gatehouse-analyze-"));
    const violations = (diagnostics: readonly { policyName: string; urn: string; message: string }[]) => diagnostics
        .filter((d) => !/\ncannot be verified|\nwaived \(/.test(d.message)).map((d) => `${d.policyName} ${resourceName(d.urn)}`).sort();

    test("the pack gives the same violations over a state export as gatehouse scan of the same file", async () => {
        const exported = stackExport(await runProgram(INSECURE, { mode: "up" }));
        const file = path.join(scratch, "insecure.json");
        writeFileSync(file, JSON.stringify(exported));
        const run = await pack.engine.analyzeExisting(stackResourcesFromExport(exported), {});
        const scanned = await scanPaths([file], catalog, scanConfiguration(catalog, undefined, "defaults"), "mandatory");
        const fromScan = scanned.findings.filter((finding) => finding.kind === "violation" || finding.kind === "waiver")
            .map((finding) => `${finding.ruleId} ${finding.resource?.name ?? ""}`).sort();
        assert.ok(fromScan.length > 10);
        assert.deepEqual(violations(run.diagnostics), fromScan);
        assert.deepEqual([...run.analyzedInputs.keys()].sort(), stackResourcesFromExport(exported).map((resource) => resource.urn).sort(), "every resource analyzed with its inputs");
    });

    test("Noncompliance: \"[secret]\" where a boolean or number should be is cannot be verified, never a violation and never a crash", async () => {
        const program = () => {
            const api = new aws.apigateway.RestApi("orders", {});
            const deployment = new aws.apigateway.Deployment("orders", { restApi: api.id });
            const stage = new aws.apigateway.Stage("orders-prod", { restApi: api.id, deployment: deployment.id, stageName: "prod", xrayTracingEnabled: true });
            new aws.apigateway.MethodSettings("orders-all", {
                restApi: api.id, stageName: stage.stageName, methodPath: "*/*",
                settings: { throttlingRateLimit: 50, throttlingBurstLimit: 100, loggingLevel: "INFO", metricsEnabled: true },
            });
        };
        const exported = withEncrypted(stackExport(await runProgram(program, { mode: "up" })), {
            "orders-prod": ["xrayTracingEnabled"],
            "orders-all": ["settings"],
        });
        const resources = stackResourcesFromExport(exported);
        assert.equal(resources.find((resource) => resource.name === "orders-prod")!.outputs["xrayTracingEnabled"], "[secret]");
        const run = await pack.engine.analyzeExisting(resources, {});
        assert.deepEqual(run.diagnostics.filter((d) => d.policyName.startsWith("gatehouse-")), [], "no request failed");
        const about = (rule: string, resource: string) => run.diagnostics.filter((d) => d.policyName === rule && resourceName(d.urn) === resource);
        const xray = about("rest-stage-xray", "orders-prod");
        assert.equal(xray.length, 1);
        assert.equal(xray[0].enforcementLevel, "advisory");
        assert.match(xray[0].message, /\ncannot be verified/);
        const throttling = about("stage-throttling", "orders-prod");
        assert.ok(throttling.every((d) => d.enforcementLevel === "advisory" && /\ncannot be verified/.test(d.message)), JSON.stringify(throttling));
        assert.ok(violations(run.diagnostics).every((entry) => !entry.endsWith(" orders-prod") || !["rest-stage-xray", "stage-throttling", "rest-execution-logging"].includes(entry.split(" ")[0])));
    });
});
