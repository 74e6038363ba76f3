import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { UNKNOWN } from "../../policies/engine/values";
import { resourcesFromStackExport } from "../../policies/pulumi/state";
import { scanConfiguration } from "../../policies/scan/config";
import { scanInputs } from "../../policies/scan/scan";
import { resourcesFromPlan } from "../../policies/terraform/plan";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const PREFIX = "urn:pulumi:dev::shop::";

/** The shape `pulumi stack export` writes (deployment v3). */
const STACK_EXPORT = {
    version: 3,
    deployment: {
        manifest: { time: "2026-11-01T00:00:00Z", version: "v3.200.0" },
        resources: [
            { urn: `${PREFIX}pulumi:pulumi:Stack::shop-dev`, custom: false, type: "pulumi:pulumi:Stack" },
            { urn: `${PREFIX}aws:apigateway/restApi:RestApi::orders`, custom: true, id: "a1b2c3", type: "aws:apigateway/restApi:RestApi",
                inputs: { name: "orders" }, outputs: { name: "orders", id: "a1b2c3", executionArn: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3" } },
            { urn: `${PREFIX}aws:apigateway/stage:Stage::prod`, custom: true, id: "prod", type: "aws:apigateway/stage:Stage",
                parent: `${PREFIX}pulumi:pulumi:Stack::shop-dev`,
                inputs: { restApi: "a1b2c3", stageName: "prod" }, outputs: { restApi: "a1b2c3", stageName: "prod", xrayTracingEnabled: false },
                propertyDependencies: { restApi: [`${PREFIX}aws:apigateway/restApi:RestApi::orders`] } },
            { urn: `${PREFIX}aws:apigateway/apiKey:ApiKey::exported-with-secrets`, custom: true, id: "k1", type: "aws:apigateway/apiKey:ApiKey",
                inputs: { value: { [SIG]: SECRET, plaintext: "\"pk_live_0123456789abcdef0123\"" } },
                outputs: { value: { [SIG]: SECRET, plaintext: "\"pk_live_0123456789abcdef0123\"" } } },
            { urn: `${PREFIX}aws:apigateway/apiKey:ApiKey::exported-encrypted`, custom: true, id: "k2", type: "aws:apigateway/apiKey:ApiKey",
                inputs: { value: { [SIG]: SECRET, ciphertext: "v1:abc" } }, outputs: { value: { [SIG]: SECRET, ciphertext: "v1:abc" } } },
            { urn: `${PREFIX}aws:apigateway/stage:Stage::old`, custom: true, delete: true, type: "aws:apigateway/stage:Stage", inputs: {}, outputs: {} },
        ],
    },
};

describe("Pulumi state (stack export)", () => {
    test("outputs as properties, inputs as declared, propertyDependencies as refs; components and pending deletions left out", () => {
        const resources = resourcesFromStackExport(STACK_EXPORT, "stack.json");
        assert.deepEqual(resources.map((r) => r.name), ["orders", "prod", "exported-with-secrets", "exported-encrypted"]);
        const stage = resources[1];
        assert.equal(stage.type, T.Stage);
        assert.deepEqual(stage.refs, { restApi: [`${PREFIX}aws:apigateway/restApi:RestApi::orders`] });
        assert.deepEqual([...stage.declared!], ["restApi", "stageName"]);
        assert.equal(stage.props["xrayTracingEnabled"], false);
        assert.deepEqual(stage.origin, { frontEnd: "pulumi-state", file: "stack.json" });
    });

    test("plaintext secrets are secret (never printed); encrypted ones are unknown", () => {
        const resources = resourcesFromStackExport(STACK_EXPORT, "stack.json");
        assert.equal(resources[2].props["value"], "pk_live_0123456789abcdef0123");
        assert.ok(resources[2].secretValues()!.has("pk_live_0123456789abcdef0123"));
        assert.equal(resources[3].props["value"], UNKNOWN);
        const outcome = scanInputs([{ path: "stack.json", format: "pulumi-state", resources }], catalog, scanConfiguration(catalog, undefined, "defaults"), "mandatory");
        const rows = outcome.findings.map((f) => `${f.kind} ${f.ruleId} ${f.resource?.name}`);
        assert.ok(rows.includes("violation api-key-not-hardcoded exported-with-secrets"), rows.join("\n"));
        assert.ok(rows.includes("violation rest-stage-xray prod"));
        assert.doesNotMatch(outcome.findings.map((f) => f.message).join("\n"), /pk_live/);
    });
});

describe("plans: what the provider fills in at apply", () => {
    const plan = (expressions: Record<string, unknown>) => ({
        resource_changes: [{
            address: "aws_api_gateway_rest_api.api", mode: "managed", type: "aws_api_gateway_rest_api", name: "api",
            change: { actions: ["create"], after: { name: "a", endpoint_configuration: [{ types: ["REGIONAL"] }] },
                after_unknown: { id: true, execution_arn: true, policy: true, endpoint_configuration: [{ ip_address_type: true, vpc_endpoint_ids: true }] } },
        }],
        configuration: { root_module: { resources: [{ address: "aws_api_gateway_rest_api.api", expressions }] } },
    });

    test("an optional attribute the configuration leaves unset reads as unset; computed-only ones (id, ARNs) stay unknown", () => {
        const [api] = resourcesFromPlan(plan({ name: { constant_value: "a" }, endpoint_configuration: [{ types: { constant_value: ["REGIONAL"] } }] }), "plan.json");
        assert.deepEqual(api.props, { name: "a", endpointConfiguration: { types: ["REGIONAL"] }, id: UNKNOWN, executionArn: UNKNOWN });
    });

    test("an attribute the configuration sets to a value known only at apply stays unknown", () => {
        const [api] = resourcesFromPlan(plan({ name: { constant_value: "a" }, policy: { references: ["aws_iam_policy_document.p"] } }), "plan.json");
        assert.equal(api.props["policy"], UNKNOWN);
    });
});
