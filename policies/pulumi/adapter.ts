import type { Resource } from "../engine/resource";
import { NO_REFS } from "../engine/resource";
import { isPlainObject } from "../engine/values";
import { currentRequest } from "./sdk-bridge";

/** Wire signature of a Pulumi secret: `{ [SIG_KEY]: SECRET_SIG, value }`. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** @pulumi/policy's accessor for the object behind its unknown-checking proxy. */
const PROXY_TARGET = "__getSpecialProxyTarget";

function isSecretWire(value: unknown): value is { value: unknown } {
    return isPlainObject(value) && value[SIG_KEY] === SECRET_SIG;
}

function addLeaves(value: unknown, out: Set<string>, depth: number): void {
    if (depth > 32 || value === null || value === undefined) {
        return;
    }
    if (typeof value === "string") {
        if (value !== "") {
            out.add(value);
        }
        const trimmed = value.trim();
        // Secret policy documents: their statements are secret too.
        if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && trimmed.length < 1_000_000) {
            try {
                addLeaves(JSON.parse(trimmed), out, depth + 1);
            } catch {
                // Not JSON: the whole string is already recorded.
            }
        }
    } else if (typeof value === "number" || typeof value === "boolean") {
        out.add(String(value));
    } else if (Array.isArray(value)) {
        for (const item of value) {
            addLeaves(item, out, depth + 1);
        }
    } else if (isPlainObject(value)) {
        for (const item of Object.values(isSecretWire(value) ? { value: value.value } : value)) {
            addLeaves(item, out, depth + 1);
        }
    }
}

/** Every leaf value inside a secret, from wire-format properties. */
export function secretLeaves(wire: unknown, depth = 0): Set<string> {
    const out = new Set<string>();
    const visit = (value: unknown, level: number): void => {
        if (level > 32) {
            return;
        }
        if (isSecretWire(value)) {
            addLeaves(value.value, out, level + 1);
        } else if (Array.isArray(value)) {
            for (const item of value) {
                visit(item, level + 1);
            }
        } else if (isPlainObject(value)) {
            for (const item of Object.values(value)) {
                visit(item, level + 1);
            }
        }
    };
    visit(wire, depth);
    return out;
}

/** The plain properties behind @pulumi/policy's proxy (unknown sentinels kept as values). */
export function unwrapProps(props: unknown): Record<string, unknown> {
    const target = (props as Record<string, unknown> | undefined)?.[PROXY_TARGET];
    if (isPlainObject(target)) {
        return target;
    }
    return isPlainObject(props) ? props : {};
}

type WireLookup = () => unknown | undefined;

/** The raw wire properties of the resource `urn` in the request being served. */
function wireLookup(urn: string): WireLookup | undefined {
    const engineRequest = currentRequest();
    if (!engineRequest) {
        return undefined;
    }
    return () => {
        const { kind, request, memo } = engineRequest;
        if (kind !== "analyzeStack") {
            return request.getUrn() === urn ? request.getProperties()?.toJavaScript() : undefined;
        }
        let index = memo.get("urns") as Map<string, any> | undefined;
        if (!index) {
            index = new Map();
            for (const resource of request.getResourcesList()) {
                index.set(resource.getUrn(), resource);
            }
            memo.set("urns", index);
        }
        return index.get(urn)?.getProperties()?.toJavaScript();
    };
}

/** A Pulumi resource in canonical form; secrecy is derived from the wire only when a message needs it. */
class PulumiResource implements Resource {
    private secrets?: ReadonlySet<string> | null;

    constructor(
        readonly type: string,
        readonly name: string,
        readonly id: string,
        readonly props: Readonly<Record<string, unknown>>,
        readonly refs: Readonly<Record<string, readonly string[]>>,
        readonly parent: string | undefined,
        private readonly wire: WireLookup | undefined,
    ) {}

    get origin() {
        return { frontEnd: "pulumi" as const };
    }

    secretValues(): ReadonlySet<string> | undefined {
        if (this.secrets === undefined) {
            const raw = this.wire?.();
            this.secrets = raw === undefined ? null : secretLeaves(raw);
        }
        return this.secrets ?? undefined;
    }
}

export interface AnalyzeArgsLike {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
}

export interface StackResourceLike extends AnalyzeArgsLike {
    parent?: { urn: string };
    propertyDependencies: Record<string, { urn: string }[]>;
}

export function fromAnalyzeArgs(args: AnalyzeArgsLike): Resource {
    return new PulumiResource(args.type, args.name, args.urn, unwrapProps(args.props), NO_REFS, undefined, wireLookup(args.urn));
}

export function fromStackResource(resource: StackResourceLike): Resource {
    let refs: Record<string, string[]> | undefined;
    for (const [prop, dependencies] of Object.entries(resource.propertyDependencies ?? {})) {
        if (dependencies.length > 0) {
            refs = refs ?? {};
            refs[prop] = dependencies.map((dependency) => dependency.urn);
        }
    }
    return new PulumiResource(resource.type, resource.name, resource.urn, unwrapProps(resource.props), refs ?? NO_REFS,
        resource.parent?.urn, wireLookup(resource.urn));
}
