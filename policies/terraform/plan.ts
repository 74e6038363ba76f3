/**
 * `terraform show -json` plans → canonical resources: planned values (`change.after`) with
 * `after_unknown` as unknowns and `after_sensitive` as secrets, links from the configuration's
 * references, child modules included.
 */
import { InputError } from "../engine/input-error";
import { makeResource, Resource } from "../engine/resource";
import { canonicalName, canonicalType, toCanonical } from "./convert";

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

function withoutInstanceKeys(address: string): string {
    return address.includes("[") ? address.replace(INSTANCE_KEY, "") : address;
}

/** A replacement's order, when the plan replaces: Terraform destroys first unless create_before_destroy is set. */
const REPLACE_ORDER: Record<string, boolean | undefined> = { "delete,create": true, "create,delete": false };

/** Resolves reference strings (`aws_x.y.id`, `module.m.aws_x.y[0].arn`) to the addresses of planned resources. */
function resolve(refs: readonly string[], modulePrefix: string, byBaseAddress: Map<string, string[]>, addresses: Set<string>): string[] {
    const found = new Set<string>();
    for (const ref of refs) {
        if (/^(var|local|data|path|terraform|each|count|self)\./.test(ref)) {
            continue;
        }
        // A resource reference is `type.name[key].attribute…`: its first two segments, in the referrer's module.
        const second = ref.indexOf(".", ref.indexOf(".") + 1);
        const head = modulePrefix + (second < 0 ? ref : ref.slice(0, second));
        if (addresses.has(head)) {
            found.add(head);
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
        const base = withoutInstanceKeys(address);
        const instances = byBaseAddress.get(base);
        if (instances) {
            instances.push(address);
        } else {
            byBaseAddress.set(base, [address]);
        }
    }
    const resources: Resource[] = [];
    // Shared by every resource: a 100k-resource plan should not allocate what never differs.
    const origin = { frontEnd: "terraform-plan" as const, file };
    const replaceOptions = new Map<string, { deleteBeforeReplace?: boolean }>();
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
        const configured = config.get(withoutInstanceKeys(address));
        const expressions = configured?.expressions ?? {};
        // Without the configuration (a plan trimmed of it), nothing tells a default from a value set unknown.
        const props = toCanonical(change.type, after ?? {}, { unknown: change.change.after_unknown, expressions: configured ? expressions : undefined });
        const modulePrefix = change.module_address ? `${change.module_address}.` : "";
        const refs: Record<string, string[]> = {};
        for (const [attribute, expression] of Object.entries(expressions)) {
            const targets = resolve(references(expression), modulePrefix, byBaseAddress, addresses).filter((target) => target !== address);
            if (targets.length > 0) {
                refs[canonicalName(change.type, attribute)] = targets;
            }
        }
        let secrets: Set<string> | undefined;
        const sensitive = change.change.after_sensitive;
        if (sensitive === true || (sensitive !== null && typeof sensitive === "object" && Object.keys(sensitive).length > 0)) {
            secrets = new Set<string>();
            sensitiveLeaves(after, sensitive, secrets);
        }
        const actions = change.change.actions.join(",");
        let options = replaceOptions.get(actions);
        if (!options) {
            // Terraform replaces by destroying first unless create_before_destroy is set.
            options = { deleteBeforeReplace: REPLACE_ORDER[actions] };
            replaceOptions.set(actions, options);
        }
        resources.push(makeResource({
            type,
            name: String(change.name ?? address),
            id: address,
            props,
            origin,
            refs,
            declared: new Set(Object.keys(expressions).map((attribute) => canonicalName(change.type, attribute))),
            options,
            secrets,
        }));
    }
    return resources;
}
