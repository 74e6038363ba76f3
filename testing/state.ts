/**
 * A `pulumi stack export` document as the engine holds it for `pulumi policy analyze`: each
 * custom resource's inputs and outputs in wire form, plaintext secrets as secrets, and secrets it
 * cannot decrypt replaced by the string "[secret]" whatever their type, as the CLI does.
 */
import { secretsToWire } from "../policies/pulumi/state";
import { REDACTED_SECRET } from "../policies/pulumi/wire";
import type { StackResource } from "./engine";

export function stackResourcesFromExport(document: any): StackResource[] {
    const entries = document?.deployment?.resources;
    if (!Array.isArray(entries)) {
        throw new Error("not a Pulumi stack export: `deployment.resources` is not a list");
    }
    return entries.filter((entry: any) => entry?.custom === true && entry.delete !== true && typeof entry.urn === "string").map((entry: any) => ({
        urn: entry.urn,
        type: entry.type,
        name: entry.urn.slice(entry.urn.lastIndexOf("::") + 2),
        custom: true,
        parent: typeof entry.parent === "string" ? entry.parent : undefined,
        dependencies: Array.isArray(entry.dependencies) ? entry.dependencies : [],
        propertyDependencies: entry.propertyDependencies ?? {},
        inputs: secretsToWire(entry.inputs ?? {}, REDACTED_SECRET) as Record<string, unknown>,
        outputs: secretsToWire(entry.outputs ?? {}, REDACTED_SECRET) as Record<string, unknown>,
    }));
}
