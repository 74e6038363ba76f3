import { makeResource, Resource } from "../../policies/engine/resource";
import { fromWire } from "../../policies/pulumi/wire";
import { compliantStack, KNOBS, Knobs } from "../fixtures/compliant-stack";
import { Mode, runProgram } from "../../testing/program";

/** A Pulumi program run under mocks and read into canonical resources, as the pack reads the wire (outputs, parents, dependencies). */
export async function canonicalProgram(program: () => void, mode: Mode = "up"): Promise<Resource[]> {
    const recorded = await runProgram(program, { mode });
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
            parent: resource.parent,
        });
    });
}

/** The compliant stack with some knobs turned, run as `pulumi up` would and read into canonical resources (as the pack reads the wire). */
export async function canonicalCompliantStack(knobs: Partial<Knobs>): Promise<Resource[]> {
    return canonicalProgram(() => compliantStack({ ...KNOBS, ...knobs }));
}
