import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { Evaluator, NO_WAIVERS } from "../../policies/engine/evaluate";
import { settingsFor } from "../../policies/engine/config";
import { T } from "../../policies/engine/types";
import { UNKNOWN } from "../../policies/engine/values";
import { resourcesFromConfiguration } from "../../policies/terraform/configuration";
import { InputError } from "../../policies/engine/input-error";
import { resourcesFromPlan } from "../../policies/terraform/plan";

/** The shape `terraform show -json` gives (measured with hashicorp/aws 5.100.0). */
const PLAN = {
    format_version: "1.2",
    resource_changes: [
        {
            address: "aws_api_gateway_rest_api.api", mode: "managed", type: "aws_api_gateway_rest_api", name: "api",
            change: { actions: ["create"], after: { name: "orders", endpoint_configuration: [{ types: ["REGIONAL"], vpc_endpoint_ids: null }], tags: { owner: "a" } },
                after_unknown: { id: true, endpoint_configuration: [{}], execution_arn: true }, after_sensitive: {} },
        },
        {
            address: "module.edge.aws_api_gateway_stage.prod", module_address: "module.edge", mode: "managed", type: "aws_api_gateway_stage", name: "prod",
            change: { actions: ["create"], after: { stage_name: "prod", xray_tracing_enabled: false, access_log_settings: [], variables: { "my_key": "v" } },
                after_unknown: { rest_api_id: true, deployment_id: true, arn: true }, after_sensitive: {} },
        },
        { address: "aws_s3_bucket.unrelated", mode: "managed", type: "aws_s3_bucket", name: "unrelated", change: { actions: ["create"], after: {}, after_unknown: {} } },
        { address: "aws_api_gateway_rest_api.old", mode: "managed", type: "aws_api_gateway_rest_api", name: "old", change: { actions: ["delete"], before: {}, after: null } },
    ],
    configuration: {
        root_module: {
            resources: [{ address: "aws_api_gateway_rest_api.api", expressions: { name: { constant_value: "orders" } } }],
            module_calls: {
                edge: { module: { resources: [{ address: "aws_api_gateway_stage.prod", expressions: {
                    rest_api_id: { references: ["var.api_id"] },
                    stage_name: { constant_value: "prod" },
                    deployment_id: { references: ["aws_api_gateway_deployment.d.id", "aws_api_gateway_deployment.d"] },
                } }] } },
            },
        },
    },
};

describe("Terraform → canonical model", () => {
    test("a plan: type tokens, camelCase, renames, single blocks as objects, unknowns, module addresses; deletions and unread types left out", () => {
        const resources = resourcesFromPlan(PLAN, "plan.json");
        assert.deepEqual(resources.map((r) => [r.type, r.id]), [[T.RestApi, "aws_api_gateway_rest_api.api"], [T.Stage, "module.edge.aws_api_gateway_stage.prod"]]);
        const [api, stage] = resources;
        assert.deepEqual(api.props, { name: "orders", endpointConfiguration: { types: ["REGIONAL"] }, tags: { owner: "a" }, id: UNKNOWN, executionArn: UNKNOWN });
        assert.deepEqual(stage.props, { stageName: "prod", xrayTracingEnabled: false, variables: { my_key: "v" }, restApi: UNKNOWN, deployment: UNKNOWN, arn: UNKNOWN },
            "map keys are kept; empty blocks are absent; rest_api_id is Pulumi's restApi");
        assert.deepEqual(stage.origin, { frontEnd: "terraform-plan", file: "plan.json" });
        assert.deepEqual([...stage.declared!].sort(), ["deployment", "restApi", "stageName"]);
    });

    test("not a plan: a clear error naming the file", () => {
        assert.throws(() => resourcesFromPlan({ resource: {} }, "main.tf.json"), (error: unknown) =>
            error instanceof InputError && /^main\.tf\.json: not a Terraform plan: `resource_changes` is missing/.test(error.message));
    });

    test("a JSON configuration (cdk.tf.json): expressions are unknown and their references become refs; meta-arguments dropped", () => {
        const resources = resourcesFromConfiguration({
            resource: {
                aws_api_gateway_stage: { prod: { "//": { metadata: {} }, rest_api_id: "${aws_api_gateway_rest_api.api.id}", stage_name: "prod",
                    access_log_settings: { destination_arn: "${aws_cloudwatch_log_group.logs.arn}", format: "{}" }, lifecycle: { create_before_destroy: true } } },
            },
        }, { file: "cdk.tf.json", frontEnd: "cdktf" });
        assert.equal(resources.length, 1);
        const [stage] = resources;
        assert.deepEqual(stage.props, { restApi: UNKNOWN, stageName: "prod", accessLogSettings: { destinationArn: UNKNOWN, format: "{}" } });
        assert.deepEqual(stage.refs, { restApi: ["aws_api_gateway_rest_api.api"], accessLogSettings: ["aws_cloudwatch_log_group.logs"] });
        assert.equal(stage.options?.deleteBeforeReplace, false);
    });

    test("the same rules run over converted resources", () => {
        const resources = resourcesFromPlan(PLAN, "plan.json");
        const results = new Evaluator(catalog).evaluateAll(resources, { settings: (rule) => settingsFor(rule, undefined), waivers: NO_WAIVERS });
        const fired = new Set(results.filter((r) => r.kind === "violation").map((r) => `${r.ruleId} ${r.resource?.id}`));
        assert.ok(fired.has("rest-stage-xray module.edge.aws_api_gateway_stage.prod"), [...fired].join("\n"));
        assert.ok(fired.has("stage-access-logging module.edge.aws_api_gateway_stage.prod"), [...fired].join("\n"));
    });
});
