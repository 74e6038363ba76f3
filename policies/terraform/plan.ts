/**
 * `terraform show -json` plans → canonical resources: planned values (`change.after`) with
 * `after_unknown` as unknowns and `after_sensitive` as secrets, links from the configuration's
 * references, child modules included.
 */
import { InputError } from "../engine/input-error";
import { makeResource, Resource } from "../engine/resource";
import { canonicalName, canonicalType, toCanonical } from "./convert";
import { BLOCK_SHAPES, PROVIDER_DEFAULTED } from "./schema-map";

interface ConfigResource {
    address: string;
    expressions?: Record<string, unknown>;
}

/** Configuration resources by full address (module prefix included, no instance keys). */
function configurationIndex(module: any, prefix: string, into: Map<string, ConfigResource>): Map<string, ConfigResource> {
    for (const resource of module?.resources ?? []) {
        into.set(prefix + resource.address, resource);
    }
    for (const [name, call] of Object.entries<any>(module?.module_calls ?? {})) {
        configurationIndex(call?.module, `${prefix}module.${name}.`, into);
    }
    return into;
}

/** Every `references` string inside an expression (blocks nest expressions). */
function references(expression: unknown, into: string[] = []): string[] {
    if (Array.isArray(expression)) {
        expression.forEach((item) => references(item, into));
    } else if (expression !== null && typeof expression === "object") {
        const record = expression as Record<string, unknown>;
        if (Array.isArray(record["references"])) {
            into.push(...(record["references"] as unknown[]).filter((ref): ref is string => typeof ref === "string"));
        }
        for (const [key, value] of Object.entries(record)) {
            if (key !== "references" && key !== "constant_value") {
                references(value, into);
            }
        }
    }
    return into;
}

const INSTANCE_KEY = /\[[^\]]*\]/g;

/** A replacement's order, when the plan replaces: Terraform destroys first unless create_before_destroy is set. */
const REPLACE_ORDER: Record<string, boolean | undefined> = { "delete,create": true, "create,delete": false };

/** Resolves reference strings (`aws_x.y.id`, `module.m.aws_x.y[0].arn`) to the addresses of planned resources. */
function resolve(refs: readonly string[], modulePrefix: string, byBaseAddress: Map<string, string[]>, addresses: Set<string>): string[] {
    const found = new Set<string>();
    for (const ref of refs) {
        if (/^(var|local|data|path|terraform|each|count|self)\./.test(ref)) {
            continue;
        }
        const parts = ref.split(".");
        for (let length = parts.length; length >= 2; length--) {
            const candidate = modulePrefix + parts.slice(0, length).join(".");
            if (addresses.has(candidate)) {
                found.add(candidate);
                break;
            }
            const instances = byBaseAddress.get(candidate);
            if (instances) {
                instances.forEach((address) => found.add(address));
                break;
            }
        }
    }
    return [...found];
}

/** Leaf strings of `value` marked `true` in a plan's sensitivity mask. */
function sensitiveLeaves(value: unknown, mask: unknown, into: Set<string>): void {
    if (mask === true) {
        collectStrings(value, into);
    } else if (Array.isArray(mask) && Array.isArray(value)) {
        mask.forEach((item, index) => sensitiveLeaves(value[index], item, into));
    } else if (mask !== null && typeof mask === "object" && value !== null && typeof value === "object") {
        for (const [key, item] of Object.entries(mask as Record<string, unknown>)) {
            sensitiveLeaves((value as Record<string, unknown>)[key], item, into);
        }
    }
}

function collectStrings(value: unknown, into: Set<string>): void {
    if (typeof value === "string") {
        into.add(value);
    } else if (value !== null && typeof value === "object") {
        Object.values(value).forEach((item) => collectStrings(item, into));
    }
}

const DEFAULTED = new Map(Object.entries(PROVIDER_DEFAULTED).map(([type, paths]) => [type, new Set(paths)]));

function isRecord(value: unknown): value is Record<string, any> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The unknown mask without the attributes the provider fills in because the configuration leaves
 * them unset (a rest API's `policy`, a certificate's `options`): they take the service default
 * at apply, so they read as unset, as in HCL and in a Pulumi preview. What the configuration sets
 * to an unknown value, and computed-only attributes (ARNs, IDs), stay unknown.
 */
function withoutProviderDefaults(terraformType: string, mask: unknown, expressions: unknown, parent = ""): unknown {
    if (!isRecord(mask)) {
        return mask;
    }
    const defaulted = DEFAULTED.get(terraformType);
    const blocks = BLOCK_SHAPES[terraformType];
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(mask)) {
        const set = isRecord(expressions) && key in expressions;
        const block = blocks?.[`${parent}.${key}`];
        if (value === true && !set && (block || defaulted?.has(parent === "" ? key : `${parent}.${key}`))) {
            continue;
        }
        if (block && Array.isArray(value)) {
            const items = isRecord(expressions) && Array.isArray(expressions[key]) ? expressions[key] : [];
            out[key] = value.map((item, index) => withoutProviderDefaults(terraformType, item, items[index] ?? items[0], key));
        } else {
            out[key] = value;
        }
    }
    return out;
}

/** The resources a plan creates, updates or keeps (not those it only deletes), in canonical form. */
export function resourcesFromPlan(plan: any, file: string): Resource[] {
    if (plan === null || typeof plan !== "object" || !Array.isArray(plan.resource_changes)) {
        throw new InputError(file, "not a Terraform plan: `resource_changes` is missing (produce it with `terraform show -json <planfile>`)");
    }
    const config = configurationIndex(plan.configuration?.root_module, "", new Map());
    const changes = plan.resource_changes.filter((change: any) => change?.mode === "managed" && Array.isArray(change.change?.actions)
        && !(change.change.actions.length === 1 && change.change.actions[0] === "delete"));
    const addresses = new Set<string>(changes.map((change: any) => String(change.address)));
    const byBaseAddress = new Map<string, string[]>();
    for (const address of addresses) {
        const base = address.replace(INSTANCE_KEY, "");
        const instances = byBaseAddress.get(base);
        if (instances) {
            instances.push(address);
        } else {
            byBaseAddress.set(base, [address]);
        }
    }
    const resources: Resource[] = [];
    for (const change of changes) {
        const type = canonicalType(change.type);
        if (!type) {
            continue;
        }
        const address = String(change.address);
        const after = change.change.after;
        if (after !== null && (typeof after !== "object" || Array.isArray(after))) {
            throw new InputError(file, `resource ${address}: \`change.after\` is not an object`);
        }
        const configured = config.get(address.replace(INSTANCE_KEY, ""));
        const expressions = configured?.expressions ?? {};
        // Without the configuration (a plan trimmed of it), nothing tells a default from a value set unknown.
        const unknown = configured ? withoutProviderDefaults(change.type, change.change.after_unknown, expressions) : change.change.after_unknown;
        const props = toCanonical(change.type, after ?? {}, unknown);
        const modulePrefix = change.module_address ? `${change.module_address}.` : "";
        const refs: Record<string, string[]> = {};
        for (const [attribute, expression] of Object.entries(expressions)) {
            const targets = resolve(references(expression), modulePrefix, byBaseAddress, addresses).filter((target) => target !== address);
            if (targets.length > 0) {
                refs[canonicalName(change.type, attribute)] = targets;
            }
        }
        const secrets = new Set<string>();
        sensitiveLeaves(after, change.change.after_sensitive, secrets);
        resources.push(makeResource({
            type,
            name: String(change.name ?? address),
            id: address,
            props,
            origin: { frontEnd: "terraform-plan", file },
            refs,
            declared: new Set(Object.keys(expressions).map((attribute) => canonicalName(change.type, attribute))),
            // Terraform replaces by destroying first unless create_before_destroy is set.
            options: { deleteBeforeReplace: REPLACE_ORDER[change.change.actions.join(",")] },
            secrets,
        }));
    }
    return resources;
}
