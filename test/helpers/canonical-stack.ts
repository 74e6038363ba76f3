import { makeResource, Resource } from "../../policies/engine/resource";
import { fromWire } from "../../policies/pulumi/wire";
import { compliantStack, KNOBS, Knobs } from "../fixtures/compliant-stack";
import { runProgram } from "../../testing/program";

/** The compliant stack with some knobs turned, run as `pulumi up` would and read into canonical resources (as the pack reads the wire). */
export async function canonicalCompliantStack(knobs: Partial<Knobs>): Promise<Resource[]> {
    const recorded = await runProgram(() => compliantStack({ ...KNOBS, ...knobs }), { mode: "up" });
    return recorded.filter((resource) => resource.custom).map((resource) => {
        const secrets = new Set<string>();
        return makeResource({
            type: resource.type,
            name: resource.name,
            id: resource.urn,
            props: fromWire(structuredClone(resource.outputs), secrets) as Record<string, unknown>,
            refs: resource.propertyDependencies,
            origin: { frontEnd: "pulumi" },
            secrets,
        });
    });
}
