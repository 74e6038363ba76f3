/**
 * What `pulumi stack export --show-secrets` writes for the resources a program registered: the
 * Pulumi state front end's input, produced from a mocks run so tests and the demo can scan
 * Pulumi programs' state without a deployment.
 */
import type { StackResource } from "../../testing/engine";
import { SECRET_SIG, SIG_KEY } from "../../policies/pulumi/wire";

/** Wire secrets (`{sig, value}`) → the export's form (`{sig, plaintext}`, the value as JSON). */
function toExport(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(toExport);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) {
        return { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(record["value"]) };
    }
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, toExport(item)]));
}

export function stackExport(resources: readonly StackResource[]): unknown {
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-12-01T00:00:00Z", magic: "gatehouse-test", version: "v3.248.0" },
            resources: resources.map((resource) => ({
                urn: resource.urn,
                custom: resource.custom,
                id: typeof resource.outputs["id"] === "string" ? resource.outputs["id"] : undefined,
                type: resource.type,
                inputs: toExport(resource.inputs),
                outputs: toExport(resource.outputs),
                parent: resource.parent,
                dependencies: resource.dependencies,
                propertyDependencies: resource.propertyDependencies,
            })),
        },
    };
}
