/**
 * Each rule's declared `reads` covers what its check actually reads through the graph, so the
 * robustness fuzzing (which builds stacks of a rule's subjects and reads) reaches every branch,
 * and the docs list what a rule depends on. The check runs every rule over real stacks — the
 * compliant stack, each of its single-rule mutations, and the OpenAPI and surface fixtures — with
 * a graph that records every type a rule asks for.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { settingsFor } from "../../policies/engine/config";
import { Evaluator, NO_WAIVERS } from "../../policies/engine/evaluate";
import { Graph } from "../../policies/engine/graph";
import type { Resource } from "../../policies/engine/resource";
import type { Rule } from "../../policies/engine/rule";
import type { Knobs } from "../fixtures/compliant-stack";
import { canonicalCompliantStack } from "../helpers/canonical-stack";
import { openApiHttp, openApiRest, quickCreate } from "../canonical/fixtures";

/** A graph that records the types rules ask it for. */
class RecordingGraph extends Graph {
    // Not a field initializer: the base constructor already asks for types while deriving the surface.
    declare asked: Set<string>;

    private record(type: string): void {
        (this.asked ??= new Set()).add(type);
    }

    override ofType(type: string): readonly Resource[] {
        this.record(type);
        return super.ofType(type);
    }

    override refs(resource: Resource, prop: string, types: readonly string[]): Resource[] {
        types.forEach((type) => this.record(type));
        return super.refs(resource, prop, types);
    }

    override referrers(target: Resource, fromType: string, prop: string): readonly Resource[] {
        this.record(fromType);
        return super.referrers(target, fromType, prop);
    }
}


/** The knobs that break something: every one of them, turned to a failing value, one at a time. */
const BREAKING: Partial<Knobs>[] = [
    {}, { getAuthorization: "NONE" }, { httpRouteAuthorization: "NONE" }, { restXray: false }, { restAccessLogs: false },
    { restLoggingLevel: "OFF" }, { restCacheCluster: true }, { wafLogging: false }, { userPoolMfa: "OFF" }, { restClientCertificate: false },
];

describe("each rule's declared reads", () => {
    test("cover every type the rule asks the graph for", async () => {
        const stacks: Resource[][] = [];
        for (const knobs of BREAKING) {
            stacks.push(await canonicalCompliantStack(knobs));
        }
        stacks.push([openApiRest("rest", "openapi3", false), openApiHttp("http", "openapi3", false), quickCreate("quick")]);
        const undeclared: string[] = [];
        for (const rule of catalog) {
            const declared = new Set([...rule.subjects, ...(rule.reads ?? [])]);
            const asked = new Set<string>();
            for (const resources of stacks) {
                const graph = new RecordingGraph(resources);
                graph.asked?.clear(); // what deriving the surface asked for is not the rule's
                const settings = { ...settingsFor(rule as Rule, undefined), level: "mandatory" as const };
                new Evaluator([rule]).evaluateGraph(graph, { settings: () => settings, waivers: NO_WAIVERS });
                graph.asked?.forEach((type) => asked.add(type));
            }
            for (const type of asked) {
                if (!declared.has(type)) {
                    undeclared.push(`${rule.id} reads ${type}`);
                }
            }
        }
        assert.deepEqual(undeclared, [], `undeclared reads:\n${undeclared.join("\n")}`);
    });
});
