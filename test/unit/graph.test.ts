import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Graph } from "../../policies/engine/graph";
import { endpointInventory } from "../../policies/engine/inventory";
import { methodSettingsOfStage } from "../../policies/engine/links";
import { makeResource, Resource } from "../../policies/engine/resource";
import { T } from "../../policies/engine/types";
import { UNKNOWN_STRING } from "../../policies/engine/values";

function resource(type: string, name: string, props: Record<string, unknown>, refs?: Record<string, string[]>): Resource {
    return makeResource({ type, name, id: `id:${name}`, props, refs, origin: { frontEnd: "pulumi" } });
}

describe("the resource graph", () => {
    const api = resource(T.RestApi, "api", { id: "a1b2", arn: "arn:aws:apigateway:us-east-1::/restapis/a1b2" });
    const other = resource(T.RestApi, "other", { id: "c3d4" });
    const stage = resource(T.Stage, "stage", { restApi: UNKNOWN_STRING, stageName: "prod", arn: "arn:stage" }, { restApi: ["id:api"] });
    const byId = resource(T.Stage, "by-id", { restApi: "c3d4", stageName: "prod" });
    const logGroup = resource(T.LogGroup, "logs", { arn: "arn:aws:logs:us-east-1:1:log-group:access", name: "access" });
    const withLogs = resource(T.Stage, "with-logs", { accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:1:log-group:access:*" } });
    const graph = new Graph([api, other, stage, byId, logGroup, withLogs]);

    test("links through explicit references first, even when the value is unknown", () => {
        assert.deepEqual(graph.refs(stage, "restApi", [T.RestApi]), [api]);
        assert.ok(!graph.isUnresolvable(stage, "restApi"));
    });

    test("links through known IDs and ARNs when there is no explicit reference", () => {
        assert.deepEqual(graph.refs(byId, "restApi", [T.RestApi]), [other]);
        assert.deepEqual(graph.refs(withLogs, "accessLogSettings", [T.LogGroup]), [logGroup], "the :* suffix names the same log group");
    });

    test("filters by type and answers who refers to a resource", () => {
        assert.deepEqual(graph.refs(stage, "restApi", [T.V2Api]), []);
        assert.deepEqual(graph.referrers(api, T.Stage, "restApi"), [stage]);
        assert.deepEqual(graph.referrers(other, T.Stage, "restApi"), [byId]);
    });

    test("an unknown value without a reference cannot be resolved", () => {
        const lone = resource(T.Stage, "lone", { restApi: UNKNOWN_STRING });
        assert.ok(new Graph([lone]).isUnresolvable(lone, "restApi"));
    });

    test("MethodSettings belong to a stage by reference, or by REST API and stage name; undecidable when a name is unknown", () => {
        const byReference = resource(T.MethodSettings, "by-reference", { restApi: UNKNOWN_STRING, stageName: "prod" }, { restApi: ["id:api"], stageName: ["id:stage"] });
        const byName = resource(T.MethodSettings, "by-name", { restApi: UNKNOWN_STRING, stageName: "prod" }, { restApi: ["id:api"] });
        const otherStage = resource(T.MethodSettings, "other-stage", { restApi: UNKNOWN_STRING, stageName: "test" }, { restApi: ["id:api"] });
        const undecided = resource(T.MethodSettings, "undecided", { restApi: UNKNOWN_STRING, stageName: UNKNOWN_STRING }, { restApi: ["id:api"] });
        const links = methodSettingsOfStage(new Graph([api, stage, byReference, byName, otherStage, undecided]), stage);
        assert.deepEqual(links.linked.map((r) => r.name).sort(), ["by-name", "by-reference"]);
        assert.deepEqual(links.undecided.map((r) => r.name), ["undecided"]);
    });
});

describe("MethodSettings of a REST API outside the stack", () => {
    test("belong to the stage with the same literal REST API ID and stage name", () => {
        const stage = resource(T.Stage, "external-stage", { restApi: "ext123", stageName: "prod" });
        const same = resource(T.MethodSettings, "same", { restApi: "ext123", stageName: "prod", methodPath: "*/*" });
        const otherApi = resource(T.MethodSettings, "other-api", { restApi: "zzz999", stageName: "prod", methodPath: "*/*" });
        const links = methodSettingsOfStage(new Graph([stage, same, otherApi]), stage);
        assert.deepEqual(links.linked.map((r) => r.name), ["same"]);
    });
});

describe("the endpoint inventory's usage plans", () => {
    const method = (name: string, api: string) => resource(T.Method, name, { restApi: UNKNOWN_STRING, httpMethod: "GET", authorization: "AWS_IAM" }, { restApi: [`id:${api}`] });
    const plan = (name: string, apiStages: unknown[], refs?: Record<string, string[]>) =>
        resource(T.UsagePlan, name, { name, apiStages, throttleSettings: { burstLimit: 10, rateLimit: 5 } }, refs);
    const resources = [
        resource(T.RestApi, "metered", { id: "m1" }), resource(T.RestApi, "unmetered", { id: "u1" }), method("get-metered", "metered"), method("get-unmetered", "unmetered"),
        plan("by-id", [{ apiId: "m1", stage: "prod" }]),
        plan("elsewhere", [{ apiId: "x9", stage: "prod" }]),
        plan("by-reference", [{ apiId: UNKNOWN_STRING, stage: "prod" }], { apiStages: ["id:metered"] }),
        plan("by-both", [{ apiId: "m1", stage: "prod" }], { apiStages: ["id:metered"] }),
    ];

    test("are those that name the API by reference or by ID, each once, in the input's order", () => {
        const rows = endpointInventory(new Graph(resources));
        const throttlingOf = (api: string) => rows.filter((row) => row.api.id === `id:${api}`).map((row) => row.throttling);
        assert.deepEqual(throttlingOf("metered"), [["usage plan by-id: 10 burst, 5/s", "usage plan by-reference: 10 burst, 5/s", "usage plan by-both: 10 burst, 5/s"]]);
        assert.deepEqual(throttlingOf("unmetered"), [[]]);
    });
});
