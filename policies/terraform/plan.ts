/**
 * `terraform show -json` plans → canonical resources: planned values (`change.after`) with
 * `after_unknown` as unknowns and `after_sensitive` as secrets, links from the configuration's
 * references, child modules included.
 */
import { InputError } from "../engine/input-error";
import { collectSecretLeaves } from "../engine/message";
import { NO_REFS, NO_SECRETS, Origin, Resource, ResourceOptions } from "../engine/resource";
import { isPlainObject, isUnknown } from "../engine/values";
import { canonicalName, canonicalType, toCanonical } from "./convert";

interface ConfigResource {
    address: string;
    expressions?: Record<string, unknown>;
}

/**
 * What a plan holds under one address without instance keys (`module.m.aws_x.y`): the
 * configuration's resource, and the planned resources' own address strings, the one without
 * instance keys or those with them. One index for both, so a change costs one lookup: at 100k
 * resources, hashing addresses into several maps was a tenth of the read.
 */
interface AtAddress {
    configured?: ConfigResource;
    /** The planned resource at exactly this address. */
    planned?: string;
    /** The planned instances under it (`[0]`, `["key"]`). */
    instances?: string[];
}

/**
 * Configuration resources by full address (module prefix included, no instance keys). `where` is
 * the module's JSON path, for errors: a shape Terraform never writes is named, not misread.
 */
function configurationIndex(module: any, prefix: string, into: Map<string, AtAddress>, file: string, where: string): Map<string, AtAddress> {
    if (module === undefined || module === null) {
        return into;
    }
    if (!isPlainObject(module)) {
        throw new InputError(file, `${where}: not an object`);
    }
    const resources = module["resources"] ?? [];
    if (!Array.isArray(resources)) {
        throw new InputError(file, `${where}.resources: not a list`);
    }
    resources.forEach((resource: unknown, index: number) => {
        if (!isPlainObject(resource) || typeof resource["address"] !== "string") {
            throw new InputError(file, `${where}.resources[${index}]: not a resource (it needs an \`address\`)`);
        }
        into.set(prefix + resource["address"], { configured: resource as unknown as ConfigResource });
    });
    const calls = module["module_calls"] ?? {};
    if (!isPlainObject(calls)) {
        throw new InputError(file, `${where}.module_calls: not an object`);
    }
    for (const [name, call] of Object.entries<any>(calls)) {
        configurationIndex(call?.module, `${prefix}module.${name}.`, into, file, `${where}.module_calls.${name}.module`);
    }
    return into;
}

/** A change that only destroys its resource: the plan creates, updates or keeps nothing there. */
function onlyDeletes(actions: readonly string[]): boolean {
    return actions.length === 1 && actions[0] === "delete";
}

/** A resource change's shape, checked where Terraform always writes it; the first problem, by JSON path (built only for a problem). */
const CHANGE_STRINGS = ["address", "type", "mode"] as const;

function changeProblem(change: unknown, index: number): string | undefined {
    if (!isPlainObject(change)) {
        return `resource_changes[${index}]: not a resource change`;
    }
    for (const key of CHANGE_STRINGS) {
        if (typeof change[key] !== "string") {
            return `resource_changes[${index}].${key}: ${change[key] === undefined ? "missing" : "not a string"}`;
        }
    }
    if (!isPlainObject(change["change"])) {
        return `resource_changes[${index}].change: ${change["change"] === undefined ? "missing" : "not an object"}`;
    }
    const actions = change["change"]["actions"];
    if (!Array.isArray(actions) || actions.length === 0 || actions.some((action) => typeof action !== "string")) {
        return `resource_changes[${index}].change.actions: not a list of actions`;
    }
    const after = change["change"]["after"];
    if (after !== null && after !== undefined && !isPlainObject(after)) {
        return `resource_changes[${index}].change.after: not an object (resource ${change["address"]})`;
    }
    return undefined;
}

const INSTANCE_KEY = /\[[^\]]*\]/g;

function withoutInstanceKeys(address: string): string {
    return address.includes("[") ? address.replace(INSTANCE_KEY, "") : address;
}

/** A replacement's order, when the plan replaces: Terraform destroys first unless create_before_destroy is set. */
const REPLACE_ORDER: Record<string, boolean | undefined> = { "delete,create": true, "create,delete": false };

const NOT_A_RESOURCE = /^(var|local|data|path|terraform|each|count|self)\./;

/**
 * Resolves the reference strings of configuration expressions (`aws_x.y.id`,
 * `module.m.aws_x.y[0].arn`, in `references` lists, blocks nesting expressions) to the addresses
 * of planned resources other than the referrer. Targets are the resources' own strings: the graph
 * then finds a target by a string it has already hashed, which at 100k resources is most of the
 * cost of a lookup. One resolver serves every attribute of a plan: nothing is allocated for an
 * attribute that refers to nothing.
 */
class ReferenceResolver {
    private found: string[] | undefined;
    private self = "";
    private modulePrefix = "";

    /** `keyed` maps the addresses with instance keys to themselves. */
    constructor(private readonly byAddress: ReadonlyMap<string, AtAddress>, private readonly keyed: ReadonlyMap<string, string>) {}

    /** What an attribute's expression refers to, in the order it names them; undefined when nothing. */
    targets(expression: unknown, self: string, modulePrefix: string): string[] | undefined {
        this.found = undefined;
        this.self = self;
        this.modulePrefix = modulePrefix;
        this.walk(expression);
        return this.found;
    }

    private walk(expression: unknown): void {
        if (Array.isArray(expression)) {
            for (let i = 0; i < expression.length; i++) {
                this.walk(expression[i]);
            }
        } else if (expression !== null && typeof expression === "object") {
            const record = expression as Record<string, unknown>;
            for (const key in record) {
                const value = record[key];
                if (key === "references") {
                    if (Array.isArray(value)) {
                        for (let i = 0; i < value.length; i++) {
                            if (typeof value[i] === "string") {
                                this.reference(value[i]);
                            }
                        }
                    }
                } else if (key !== "constant_value") {
                    this.walk(value);
                }
            }
        }
    }

    private add(address: string): void {
        if (this.found === undefined) {
            if (address !== this.self) {
                this.found = [address]; // most attributes refer to one resource: an array of one, not one pushed to (room for seventeen)
            }
        } else if (address !== this.self && !this.found.includes(address)) {
            this.found.push(address);
        }
    }

    private plannedAt(address: string): string | undefined {
        return address.includes("[") ? this.keyed.get(address) : this.byAddress.get(address)?.planned;
    }

    private reference(ref: string): void {
        const modulePrefix = this.modulePrefix;
        if (ref.startsWith("var.")) {
            // Not a resource, but where a value comes from matters: an API key from a variable is not written in the resource.
            this.add(modulePrefix + ref.split(".", 2).join("."));
            return;
        }
        if (NOT_A_RESOURCE.test(ref)) {
            return;
        }
        // A resource reference is `type.name[key].attribute…`: its first two segments, in the referrer's module.
        const second = ref.indexOf(".", ref.indexOf(".") + 1);
        const target = this.plannedAt(modulePrefix + (second < 0 ? ref : ref.slice(0, second)));
        if (target !== undefined) {
            this.add(target);
            return;
        }
        const parts = ref.split(".");
        for (let length = parts.length; length >= 2; length--) {
            const candidate = modulePrefix + parts.slice(0, length).join(".");
            const address = this.plannedAt(candidate);
            if (address !== undefined) {
                this.add(address);
                return;
            }
            const instances = this.byAddress.get(candidate)?.instances;
            if (instances) {
                instances.forEach((instance) => this.add(instance));
                return;
            }
        }
    }
}

/** Leaves of `value` marked `true` in a plan's sensitivity mask (numbers, booleans and JSON documents' leaves too). */
function sensitiveLeaves(value: unknown, mask: unknown, into: Set<string>): void {
    if (mask === true) {
        collectSecretLeaves(value, into);
    } else if (Array.isArray(mask) && Array.isArray(value)) {
        mask.forEach((item, index) => sensitiveLeaves(value[index], item, into));
    } else if (mask !== null && typeof mask === "object" && value !== null && typeof value === "object") {
        for (const [key, item] of Object.entries(mask as Record<string, unknown>)) {
            sensitiveLeaves((value as Record<string, unknown>)[key], item, into);
        }
    }
}

/** A planned resource. `declared` is worked out on first read: only a few rules read it. */
class PlannedResource implements Resource {
    private declaredNames?: ReadonlySet<string>;

    constructor(
        readonly type: string,
        readonly name: string,
        readonly id: string,
        readonly props: Readonly<Record<string, unknown>>,
        readonly origin: Origin,
        /** Set once the plan's every address is known (resourcesFromChanges). */
        public refs: Readonly<Record<string, readonly string[]>>,
        readonly options: ResourceOptions,
        readonly terraformType: string,
        /** The attributes the configuration sets (its expressions are not kept: at 100k resources they weigh as much as the resources). */
        private readonly configured: readonly string[],
        private readonly secrets: ReadonlySet<string>,
    ) {}

    get declared(): ReadonlySet<string> {
        return this.declaredNames ??= new Set(this.configured.map((attribute) => canonicalName(this.terraformType, attribute)));
    }

    secretValues(): ReadonlySet<string> {
        return this.secrets;
    }

    /** This resource placed at its block in the source, with the source's known parts where the plan has unknowns. */
    placedAt(source: Resource): PlannedResource {
        // References the plan's configuration does not show (inside `dynamic` blocks) come from the source.
        const refs: Record<string, readonly string[]> = { ...source.refs };
        for (const [key, targets] of Object.entries(this.refs)) {
            refs[key] = [...new Set([...targets, ...(source.refs[key] ?? [])])];
        }
        // A plan says how it replaces only what it replaces; the source's lifecycle says it for the rest.
        const options = this.options.deleteBeforeReplace === undefined ? { ...this.options, deleteBeforeReplace: source.options?.deleteBeforeReplace } : this.options;
        return new PlannedResource(this.type, this.name, this.id, fillUnknowns(this.props, source.props) as Record<string, unknown>,
            { frontEnd: "terraform-plan", file: source.origin.file, line: source.origin.line, propertyLines: source.origin.propertyLines, waivers: source.origin.waivers },
            refs, options, this.terraformType, this.configured, this.secrets);
    }
}

/** The plan's values, with what the source knows (a template's known parts) where the plan knows nothing. */
function fillUnknowns(planned: unknown, configured: unknown): unknown {
    if (isUnknown(planned)) {
        return configured === undefined || isUnknown(configured) ? planned : configured;
    }
    if (Array.isArray(planned) && Array.isArray(configured)) {
        return planned.map((item, index) => fillUnknowns(item, configured[index]));
    }
    if (planned !== null && typeof planned === "object" && configured !== null && typeof configured === "object" && !Array.isArray(planned)) {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(planned)) {
            out[key] = fillUnknowns((planned as Record<string, unknown>)[key], (configured as Record<string, unknown>)[key]);
        }
        return out;
    }
    return planned;
}

/**
 * A plan's resources mapped back to the configuration it was made from (resources evaluated from
 * the `.tf` files, addressed as the plan addresses them): file and line, and known template parts.
 */
export function withSource(planned: readonly Resource[], configured: readonly Resource[]): Resource[] {
    const byAddress = new Map(configured.map((resource) => [resource.id, resource]));
    return planned.map((resource) => {
        const source = byAddress.get(resource.id);
        return source && resource instanceof PlannedResource ? resource.placedAt(source) : resource;
    });
}

const NO_EXPRESSIONS: Readonly<Record<string, unknown>> = Object.freeze({});
const NO_ATTRIBUTES: readonly string[] = Object.freeze([]);

/**
 * A resource change a reader did not parse, because its type is one no rule reads: only what the
 * change's opening keys say. Its address still resolves references to it.
 */
export class SkippedChange {
    constructor(readonly address: string, readonly mode: string, readonly actions: readonly string[]) {}
}

/** The resources a plan creates, updates or keeps (not those it only deletes), in canonical form. */
export function resourcesFromPlan(plan: any, file: string): Resource[] {
    if (plan === null || typeof plan !== "object" || !Array.isArray(plan.resource_changes)) {
        throw new InputError(file, "not a Terraform plan: `resource_changes` is missing (produce it with `terraform show -json <planfile>`)");
    }
    return resourcesFromChanges(plan.configuration, plan.resource_changes, file);
}

/**
 * The resources of a plan's changes, read one at a time: a reader that parses the file change by
 * change hands them over as it goes, and only canonical parts are kept. `changes` may hold
 * SkippedChange entries for types no rule reads. References are resolved once every address is
 * known (a change may refer to one later in the file).
 */
export function resourcesFromChanges(configuration: any, changes: Iterable<unknown>, file: string): Resource[] {
    const byAddress = configurationIndex(configuration?.root_module, "", new Map(), file, "configuration.root_module");
    const keyed = new Map<string, string>();
    /** Notes a planned address; returns what the plan holds under it without instance keys. */
    const register = (address: string): AtAddress => {
        const base = address.includes("[") ? withoutInstanceKeys(address) : address;
        let at = byAddress.get(base);
        if (!at) {
            at = {};
            byAddress.set(base, at);
        }
        if (base === address) {
            at.planned = address;
        } else {
            keyed.set(address, address);
            (at.instances ??= []).push(address);
        }
        return at;
    };
    // Shared by every resource with the same actions: a 100k-resource plan should not allocate what never differs.
    const replaceOptions = new Map<string, ResourceOptions>();
    // One origin for all: a plan's resources have no line of their own.
    const origin: Origin = { frontEnd: "terraform-plan", file };
    const resources: PlannedResource[] = [];
    /** Per resource with configuration, in order: its expressions and module prefix (flat: no record per resource). */
    const unresolved: unknown[] = [];
    let index = 0;
    for (const change of changes as Iterable<any>) {
        if (change instanceof SkippedChange) {
            if (change.mode === "managed" && !onlyDeletes(change.actions)) {
                register(change.address);
            }
            index++;
            continue;
        }
        const problem = changeProblem(change, index++);
        if (problem) {
            throw new InputError(file, problem);
        }
        if (change.mode !== "managed" || onlyDeletes(change.change.actions)) {
            continue;
        }
        const address = String(change.address);
        const configured = register(address).configured;
        const type = canonicalType(change.type);
        if (!type) {
            continue;
        }
        const after = change.change.after;
        // Without the configuration (a plan trimmed of it), nothing tells a default from a value set unknown.
        const expressions: Record<string, unknown> | undefined = configured ? configured.expressions ?? NO_EXPRESSIONS : undefined;
        // `tags_all` is what the resource is tagged with: its own tags and the provider's default_tags.
        const values = after !== null && typeof after === "object" && isPlainObject(after.tags_all) ? { ...after, tags: after.tags_all } : after ?? {};
        const props = toCanonical(change.type, values, { unknown: change.change.after_unknown, expressions });
        let secrets: Set<string> | undefined;
        const sensitive = change.change.after_sensitive;
        if (sensitive === true || (sensitive !== null && typeof sensitive === "object" && Object.keys(sensitive).length > 0)) {
            secrets = new Set<string>();
            sensitiveLeaves(after, sensitive, secrets);
        }
        const actions = change.change.actions.length === 1 ? change.change.actions[0] : change.change.actions.join(",");
        let options = replaceOptions.get(actions);
        if (!options) {
            // Terraform replaces by destroying first unless create_before_destroy is set.
            options = { deleteBeforeReplace: REPLACE_ORDER[actions] };
            replaceOptions.set(actions, options);
        }
        const resource = new PlannedResource(type, String(change.name ?? address), address, props, origin, NO_REFS, options, change.type,
            expressions === undefined || expressions === NO_EXPRESSIONS ? NO_ATTRIBUTES : Object.keys(expressions), secrets ?? NO_SECRETS);
        resources.push(resource);
        if (expressions !== undefined && expressions !== NO_EXPRESSIONS) {
            unresolved.push(resource, expressions, change.module_address ? `${change.module_address}.` : "");
        }
    }
    const resolver = new ReferenceResolver(byAddress, keyed);
    for (let i = 0; i < unresolved.length; i += 3) {
        const resource = unresolved[i] as PlannedResource;
        const expressions = unresolved[i + 1] as Record<string, unknown>;
        let refs: Record<string, string[]> | undefined;
        for (const attribute in expressions) {
            const targets = resolver.targets(expressions[attribute], resource.id, unresolved[i + 2] as string);
            if (targets) {
                (refs ??= {})[canonicalName(resource.terraformType, attribute)] = targets;
            }
        }
        if (refs) {
            resource.refs = refs;
        }
    }
    return resources;
}
