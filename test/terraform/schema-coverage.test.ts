/**
 * Every property a rule reads must come from some Terraform attribute or block through the schema
 * map, or the rule is blind on Terraform inputs (as it was to `aws_api_gateway_base_path_mapping.api_id`
 * before the map named it `restApi`). The reads are recorded while every rule runs over the
 * compliant stack and its failing mutations; the attributes are the provider's real schema.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { settingsFor } from "../../policies/engine/config";
import { Evaluator, NO_WAIVERS } from "../../policies/engine/evaluate";
import { Graph } from "../../policies/engine/graph";
import { makeResource, Resource } from "../../policies/engine/resource";
import type { Rule } from "../../policies/engine/rule";
import { canonicalName } from "../../policies/terraform/convert";
import { TERRAFORM_TYPES } from "../../policies/terraform/types";
import { MUTATIONS } from "../fixtures/mutations";
import { canonicalCompliantStack } from "../helpers/canonical-stack";
import { offlineTerraform } from "../helpers/terraform";

/** Properties Pulumi adds that no Terraform resource has: not a gap. */
const PULUMI_ONLY = new Set(["urn"]);

async function propertiesRulesRead(): Promise<Map<string, Set<string>>> {
    const reads = new Map<string, Set<string>>();
    const compliant = await canonicalCompliantStack({});
    for (const rule of catalog) {
        const mutation = MUTATIONS[rule.id];
        const configured = mutation.config?.[rule.id];
        const settings = { ...settingsFor(rule as Rule, typeof configured === "object" ? { properties: configured as Record<string, unknown> } : undefined), level: "mandatory" as const };
        for (const stack of [compliant, await canonicalCompliantStack(mutation.knobs ?? {})]) {
            // Properties and references (a link is read by the property that holds it) alike.
            const recordingReads = <T extends object>(type: string, target: T): T => new Proxy(target, {
                get(inner, key) {
                    if (typeof key === "string" && key in inner) {
                        const set = reads.get(type) ?? new Set<string>();
                        set.add(key);
                        reads.set(type, set);
                    }
                    return (inner as Record<string, unknown>)[key as string];
                },
            });
            const recorded = stack.map((resource: Resource) => makeResource({
                type: resource.type, name: resource.name, id: resource.id, origin: resource.origin, declared: resource.declared,
                refs: recordingReads(resource.type, { ...resource.refs } as Record<string, string[]>),
                props: recordingReads(resource.type, resource.props as Record<string, unknown>),
            }));
            new Evaluator([rule]).evaluateGraph(new Graph(recorded), { settings: () => settings, waivers: NO_WAIVERS });
        }
    }
    return reads;
}

describe("the schema map covers what the rules read", () => {
    const terraform = offlineTerraform();
    test("every top-level property a rule reads maps from an attribute or block of each Terraform type", { skip: typeof terraform === "string" ? terraform : false }, async () => {
        if (typeof terraform === "string") {
            return;
        }
        const schema = terraform.schema(terraform.init(require("node:path").resolve(__dirname, "../../../examples/terraform/secure-rest"))) as any;
        const resources = schema.provider_schemas["registry.terraform.io/hashicorp/aws"].resource_schemas;
        const reads = await propertiesRulesRead();
        const gaps: string[] = [];
        let checked = 0;
        for (const [terraformType, canonical] of Object.entries(TERRAFORM_TYPES)) {
            const block = resources[terraformType]?.block;
            assert.ok(block, `${terraformType} is in the provider's schema`);
            const mapped = new Set([...Object.keys(block.attributes ?? {}), ...Object.keys(block.block_types ?? {})].map((name) => canonicalName(terraformType, name)));
            for (const property of reads.get(canonical) ?? []) {
                checked++;
                if (!mapped.has(property) && !PULUMI_ONLY.has(property)) {
                    gaps.push(`${terraformType}: no attribute maps to ${property}`);
                }
            }
        }
        assert.ok(checked > 50, `${checked} properties checked`);
        assert.deepEqual(gaps, []);
    });
});
