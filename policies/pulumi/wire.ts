import type { Resource } from "../engine/resource";
import { NO_REFS } from "../engine/resource";
import { collectSecretLeaves } from "../engine/message";
import { isPlainObject, UNKNOWN } from "../engine/values";

/**
 * Reading resources straight from the engine's requests. Wire values mark secrets
 * (`{ [SIG]: SECRET, value }`), which @pulumi/policy unwraps before a policy sees them; reading
 * the wire keeps that knowledge, so finding messages can hide exactly the secret values.
 */

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const MAX_DEPTH = 64;
/**
 * What `pulumi policy analyze --file` sends for a secret it cannot decrypt, whatever the value's
 * type: the value cannot be read, so it is unknown (a rule then says it cannot verify it, never
 * judges the text "[secret]" as a number or a boolean).
 */
export const REDACTED_SECRET = "[secret]";

/**
 * Converts wire values to canonical values, in place: secrets unwrapped (their leaves recorded
 * in `secrets`), resource references replaced by their ID, unknown sentinels kept as they are.
 * `value` must be a fresh copy the caller owns (as `Struct.toJavaScript()` returns).
 */
export function fromWire(value: unknown, secrets: Set<string>, depth = 0): unknown {
    if (depth > MAX_DEPTH) {
        return undefined;
    }
    if (value === REDACTED_SECRET) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            value[i] = fromWire(value[i], secrets, depth + 1);
        }
        return value;
    }
    if (!isPlainObject(value)) {
        return value;
    }
    const signature = value[SIG_KEY];
    if (signature === SECRET_SIG) {
        const inner = fromWire(value["value"], secrets, depth + 1);
        collectSecretLeaves(inner, secrets);
        return inner;
    }
    if (signature === RESOURCE_REFERENCE_SIG) {
        return typeof value["id"] === "string" && value["id"] !== "" ? value["id"] : value["urn"];
    }
    for (const key in value) {
        const item = value[key];
        if (item !== null && typeof item === "object") {
            value[key] = fromWire(item, secrets, depth + 1);
        } else if (item === REDACTED_SECRET) {
            value[key] = UNKNOWN;
        }
    }
    return value;
}

/**
 * Stack configuration values (value → key), from the PULUMI_CONFIG the engine starts the pack
 * with. A property equal to one was read from configuration rather than written in the program:
 * the Pulumi counterpart of a Terraform reference to a variable.
 */
let stackConfig: Map<string, string> | undefined;

function configValues(): Map<string, string> {
    if (!stackConfig) {
        stackConfig = new Map();
        try {
            const parsed = JSON.parse(process.env["PULUMI_CONFIG"] ?? "{}");
            for (const [key, value] of Object.entries(parsed)) {
                if (typeof value === "string" && value.length >= 4) {
                    stackConfig.set(value, key);
                }
            }
        } catch {
            // No usable configuration: nothing reads from it.
        }
    }
    return stackConfig;
}

/**
 * References to the configuration keys whose values top-level properties hold. `props` is a
 * thunk: without stack configuration, the resource need not be converted at all.
 */
function configRefs(props: () => Readonly<Record<string, unknown>>, refs: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
    const values = configValues();
    if (values.size === 0) {
        return refs;
    }
    for (const [prop, value] of Object.entries(props())) {
        const key = typeof value === "string" ? values.get(value) : undefined;
        if (key !== undefined) {
            refs = refs ?? {};
            refs[prop] = [...(refs[prop] ?? []), `config:${key}`];
        }
    }
    return refs;
}

/** A protobuf message that carries a resource: pulumirpc.AnalyzeRequest or AnalyzerResource. */
interface ResourceMessage {
    getType(): string;
    getOptions?(): { getDeletebeforereplace(): boolean; getDeletebeforereplacedefined(): boolean } | undefined;
    getName(): string;
    getUrn(): string;
    getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
    getParent?(): string;
    getPropertydependenciesMap?(): { forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void };
    /** The lazy reader's (lazy-wire.ts) reading of the same map, without building it. */
    propertyDependencyEntries?(): [string, string[]][];
}

/** The lazy reader's Struct (lazy-wire.ts) answers these without decoding values; the generated one is read as it is. */
interface PropertiesMessage {
    fieldNames?(): string[];
    nestedFieldNames?(name: string): string[] | undefined;
    getFieldsMap?(): { keys(): Iterable<string>; get(key: string): any };
}

/** The names of a request's properties (its inputs, in Analyze). */
export function propertyNames(message: ResourceMessage): string[] {
    const properties = message.getProperties() as PropertiesMessage | undefined;
    return properties?.fieldNames?.() ?? [...(properties?.getFieldsMap?.()?.keys() ?? [])];
}

/**
 * The engine sent properties protobuf cannot decode (a value without a kind, nesting deeper than
 * the stack allows). Read only when a rule reads the resource: the lazy reader decodes on use.
 */
export class UndecodableProperties extends Error {
    constructor(readonly urn: string, cause: unknown) {
        super(`the properties of ${urn} could not be decoded (${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)})`.slice(0, 300));
        this.name = "UndecodableProperties";
    }
}

/**
 * A resource read from an engine request. Its properties are converted on first use: the stack
 * rules touch only the types they read, and a resource no rule reads costs two getter calls.
 */
export class WireResource implements Resource {
    readonly type: string;
    readonly id: string;
    private converted?: { props: Record<string, unknown>; secrets: Set<string> };
    private references?: Readonly<Record<string, readonly string[]>>;

    /** `declared`: the input names the resource was analyzed with, when the pack saw its Analyze call. */
    constructor(private readonly message: ResourceMessage, readonly declared?: ReadonlySet<string>) {
        this.type = message.getType();
        this.id = message.getUrn();
    }

    get name(): string {
        return this.message.getName();
    }

    get origin() {
        return { frontEnd: "pulumi" as const };
    }

    get parent(): string | undefined {
        return this.message.getParent?.() || undefined;
    }

    get options() {
        const options = this.message.getOptions?.();
        return { deleteBeforeReplace: options?.getDeletebeforereplacedefined() ? options.getDeletebeforereplace() : undefined };
    }

    get props(): Readonly<Record<string, unknown>> {
        return this.convert().props;
    }

    get refs(): Readonly<Record<string, readonly string[]>> {
        if (!this.references) {
            let refs: Record<string, string[]> | undefined;
            const add = (prop: string, urns: string[]) => {
                if (urns.length > 0) {
                    refs = refs ?? {};
                    refs[prop] = urns;
                }
            };
            if (this.message.propertyDependencyEntries) {
                for (const [prop, urns] of this.message.propertyDependencyEntries()) {
                    add(prop, urns);
                }
            } else {
                this.message.getPropertydependenciesMap?.().forEach((dependencies, prop) => add(prop, dependencies.getUrnsList()));
            }
            this.references = configRefs(() => this.props, refs) ?? NO_REFS;
        }
        return this.references;
    }

    secretValues(): ReadonlySet<string> {
        return this.convert().secrets;
    }

    private convert(): { props: Record<string, unknown>; secrets: Set<string> } {
        if (!this.converted) {
            const secrets = new Set<string>();
            let raw: Record<string, unknown>;
            try {
                raw = this.message.getProperties()?.toJavaScript() ?? {};
            } catch (error) {
                throw new UndecodableProperties(this.id, error);
            }
            this.converted = { props: fromWire(raw, secrets) as Record<string, unknown>, secrets };
        }
        return this.converted;
    }
}

/**
 * True when the request's resource carries a waiver tag: read from the protobuf without
 * converting the resource, so resources without rules or waivers stay free.
 */
export function hasWaiverTag(message: ResourceMessage, tagPrefix: string): boolean {
    const properties = message.getProperties() as PropertiesMessage | undefined;
    const tags = properties?.nestedFieldNames
        ? properties.nestedFieldNames("tags")
        : properties?.getFieldsMap?.()?.get("tags")?.getStructValue?.()?.getFieldsMap?.()?.keys();
    if (!tags) {
        return false;
    }
    for (const key of tags) {
        if (String(key).startsWith(tagPrefix)) {
            return true;
        }
    }
    return false;
}

/** @pulumi/policy's accessor for the object behind its unknown-checking proxy. */
const PROXY_TARGET = "__getSpecialProxyTarget";

export interface PolicyArgsLike {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
    parent?: { urn: string };
    propertyDependencies?: Record<string, { urn: string }[]>;
    opts?: { deleteBeforeReplace?: boolean };
}

/**
 * A resource from what @pulumi/policy hands a policy: used only when the engine's requests
 * cannot be read. Secrets are already unwrapped there, so secrecy is unknown and every value
 * is hidden in messages.
 */
export function fromPolicyArgs(args: PolicyArgsLike): Resource {
    const target = (args.props as Record<string, unknown> | undefined)?.[PROXY_TARGET];
    const props = isPlainObject(target) ? target : isPlainObject(args.props) ? args.props : {};
    let refs: Record<string, string[]> | undefined;
    for (const [prop, dependencies] of Object.entries(args.propertyDependencies ?? {})) {
        if (dependencies.length > 0) {
            refs = refs ?? {};
            refs[prop] = dependencies.map((dependency) => dependency.urn);
        }
    }
    return {
        type: args.type,
        name: args.name,
        id: args.urn,
        props,
        origin: { frontEnd: "pulumi" },
        refs: configRefs(() => props, refs) ?? NO_REFS,
        parent: args.parent?.urn,
        options: { deleteBeforeReplace: args.opts?.deleteBeforeReplace },
        secretValues: () => undefined,
    };
}
