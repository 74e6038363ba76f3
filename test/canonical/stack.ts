/**
 * Canonical stacks for rule cases: resources in the engine's own model, linked the way every
 * front end links them (an explicit reference per property, and the value it resolves to). In
 * `preview` mode a computed output (an ID, an ARN) is unknown, as it is before a resource exists;
 * an output that echoes an input is known in both modes, as in Pulumi.
 */
import { makeResource, Resource } from "../../policies/engine/resource";
import { T } from "../../policies/engine/types";
import { UNKNOWN } from "../../policies/engine/values";

export type Mode = "up" | "preview";
export const MODES: readonly Mode[] = ["up", "preview"];

/** An output of a resource: its value once the stack is built, and a reference for the graph. */
export class Output {
    constructor(readonly resource: Handle, readonly attribute: string) {}
}

/** A value only known at apply (Pulumi's `seed.arn.apply(() => value)`): `value` in up, unknown in a preview. */
export class Later {
    constructor(readonly value: unknown, readonly from: readonly Handle[] = [], readonly knownInPreview = false) {}
}

export interface Handle {
    readonly id: string;
    readonly name: string;
    readonly type: string;
    readonly props: Record<string, unknown>;
    out(attribute: string): Output;
}

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** What a provider computes for an output, in `up` mode. */
function computed(handle: Handle, attribute: string): unknown {
    const id = `${handle.name}-id`;
    switch (attribute) {
        case "id":
            return id;
        case "arn":
            if (handle.type === T.Stage) {
                return `arn:aws:apigateway:${REGION}::/restapis/${String(handle.props["restApi"])}/stages/${String(handle.props["stageName"])}`;
            }
            if (handle.type === T.LogGroup) {
                return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${String(handle.props["name"] ?? handle.name)}`;
            }
            if (handle.type === T.IamRole) {
                return `arn:aws:iam::${ACCOUNT}:role/${String(handle.props["name"] ?? handle.name)}`;
            }
            return `arn:aws:test:${REGION}:${ACCOUNT}:${handle.name}`;
        case "executionArn":
            return `arn:aws:execute-api:${REGION}:${ACCOUNT}:${id}`;
        case "rootResourceId":
            return `${handle.name}-root`;
        case "name":
            return handle.name;
        default:
            return `${handle.name}-${attribute}`;
    }
}

export class CanonicalStack {
    readonly resources: Resource[] = [];

    constructor(readonly mode: Mode = "up") {}

    /** Adds a resource; `Output`s and `Later`s anywhere in `props` resolve, and record references. */
    add(type: string, name: string, props: Record<string, unknown>, options: { secrets?: readonly string[]; declared?: readonly string[] } = {}): Handle {
        if (this.resources.some((resource) => resource.id === name)) {
            throw new Error(`a case names two resources "${name}": identities must be unique`);
        }
        const refs: Record<string, string[]> = {};
        const resolved: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(props)) {
            if (value === undefined) {
                continue;
            }
            resolved[key] = this.resolve(value, (id) => {
                refs[key] = [...new Set([...(refs[key] ?? []), id])];
            });
        }
        const handle: Handle = {
            id: name,
            name,
            type,
            props: resolved,
            out: (attribute) => new Output(handle, attribute),
        };
        this.resources.push(makeResource({
            type, name, id: name, props: resolved, refs, origin: { frontEnd: "pulumi" },
            secrets: new Set(options.secrets ?? []),
            declared: options.declared ? new Set(options.declared) : undefined,
        }));
        return handle;
    }

    private resolve(value: unknown, reference: (id: string) => void): unknown {
        if (value instanceof Output) {
            reference(value.resource.id);
            if (value.attribute in value.resource.props) {
                return value.resource.props[value.attribute]; // an output that echoes an input is known
            }
            return this.mode === "preview" ? UNKNOWN : computed(value.resource, value.attribute);
        }
        if (value instanceof Later) {
            value.from.forEach((handle) => reference(handle.id));
            return this.mode === "preview" && !value.knownInPreview ? UNKNOWN : value.value;
        }
        if (Array.isArray(value)) {
            return value.map((item) => this.resolve(item, reference));
        }
        if (value !== null && typeof value === "object") {
            return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)
                .map(([key, item]) => [key, this.resolve(item, reference)]));
        }
        return value;
    }
}

/** `pulumi.interpolate`: a string of parts, some of them outputs; unknown in a preview when any part is. */
export function interpolate(strings: TemplateStringsArray, ...parts: unknown[]): Later {
    const known = parts.every((part) => !(part instanceof Output) || part.attribute in part.resource.props);
    const text = (value: unknown) => (value instanceof Output ? String(value.attribute in value.resource.props ? value.resource.props[value.attribute] : computed(value.resource, value.attribute)) : String(value));
    const joined = strings.reduce((out, piece, index) => out + piece + (index < parts.length ? text(parts[index]) : ""), "");
    const from = parts.filter((part): part is Output => part instanceof Output).map((part) => part.resource);
    return new Later(joined, from, known);
}
