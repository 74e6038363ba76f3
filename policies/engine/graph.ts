import { addToGroup } from "./groups";
import { Resource } from "./resource";
import { expand, HOST_TYPES } from "./surface";
import { T } from "./types";
import { isUnknown, peek, someLeaf } from "./values";

const NO_REFERRERS: readonly Resource[] = Object.freeze([]);

/**
 * Properties whose known values identify a resource, so that a hard-coded or already-deployed
 * reference (`restApi: "a1b2c3"`, `resourceArn: "arn:aws:apigateway:...:/restapis/a1b2c3/stages/prod"`)
 * can be linked when no explicit reference exists.
 */
const IDENTIFYING_PROPS: Readonly<Record<string, readonly string[]>> = {
    [T.IamRole]: ["name"],
    [T.LogGroup]: ["name"],
};
const COMMON_IDENTIFYING_PROPS = ["id", "arn"];

/** `arn:...:log-group:name:*` and `arn:...:log-group:name` name the same log group. */
function normaliseIdentifier(value: string): string {
    return value.endsWith(":*") ? value.slice(0, -2) : value;
}

function collectStrings(value: unknown, out: string[]): void {
    someLeaf(value, (leaf) => {
        if (typeof leaf === "string" && !isUnknown(leaf)) {
            out.push(leaf);
        }
    });
}

/**
 * Answers "which resources does this property refer to" and "who refers to this resource".
 * Links come from explicit references first (Pulumi propertyDependencies, Terraform
 * references), then from known IDs and ARNs. Every index is built lazily and once, and only for
 * the types a rule asks about, so the cost of a stack evaluation stays linear in the number of
 * resources and a resource no rule reads is never looked into.
 */
export class Graph {
    private readonly byIdentity = new Map<string, Resource>();
    private readonly byType = new Map<string, Resource[]>();
    /** Per type: known identifier value → resources. Built for a type only when a rule asks for it. */
    private readonly identifierIndexes = new Map<string, Map<string, Resource[]>>();
    /** fromType → prop → target type → target identity → referrers; nested so a lookup builds no key string. */
    private readonly reverseIndexes = new Map<string, Map<string, Map<string, Map<string, Resource[]>>>>();
    /** Declared resource → the surface it defines (surface.ts): its effective self, then what it derives. */
    private readonly surfaces = new Map<Resource, readonly Resource[]>();

    /** `resources`: what the front end read. The graph adds the surface they define (OpenAPI bodies, quick create, implicit stages). */
    constructor(readonly resources: readonly Resource[]) {
        // Indexed loops: a for-of allocates an iterator step per resource until the loop is optimized.
        for (let i = 0; i < resources.length; i++) {
            this.index(resources[i]);
        }
        // Derivation reads the declared resources only; it runs once per API, not per rule.
        const effectives = new Map<Resource, Resource>();
        for (let i = 0; i < resources.length; i++) {
            const resource = resources[i];
            if (!HOST_TYPES.has(resource.type)) {
                continue;
            }
            const { effective, derived } = expand(resource, this);
            if (!effective && derived.length === 0) {
                continue;
            }
            if (effective) {
                this.byIdentity.set(resource.id, effective);
                effectives.set(resource, effective);
            }
            for (const item of derived) {
                this.index(item);
            }
            this.surfaces.set(resource, [effective ?? resource, ...derived]);
        }
        // Replaced in one pass per type afterwards: a search of the type's list per API would grow with the square of the APIs.
        if (effectives.size > 0) {
            for (const type of HOST_TYPES) {
                const list = this.byType.get(type);
                list?.forEach((resource, index) => {
                    list[index] = effectives.get(resource) ?? resource;
                });
            }
        }
    }

    private index(resource: Resource): void {
        this.byIdentity.set(resource.id, resource);
        addToGroup(this.byType, resource.type, resource);
    }

    /** What rules evaluate for a declared resource: itself (with what its document adds) and the surface it derives. */
    surfaceOf(resource: Resource): readonly Resource[] {
        return this.surfaces.get(resource) ?? [resource];
    }

    get(identity: string): Resource | undefined {
        return this.byIdentity.get(identity);
    }

    ofType(type: string): readonly Resource[] {
        return this.byType.get(type) ?? [];
    }

    /**
     * The resources of `types` that `resource.prop` refers to. `prop` is a top-level property
     * name (explicit references are recorded per top-level property); known-ID matching looks at
     * every string inside it.
     */
    refs(resource: Resource, prop: string, types: readonly string[]): Resource[] {
        const explicit = resource.refs[prop];
        if (explicit && explicit.length === 1) {
            // The common case, one reference: no search for duplicates.
            const target = this.byIdentity.get(explicit[0]);
            if (target && types.includes(target.type)) {
                return [target];
            }
        }
        if (explicit && explicit.length > 0) {
            const found: Resource[] = [];
            for (const identity of explicit) {
                const target = this.byIdentity.get(identity);
                if (target && types.includes(target.type) && !found.includes(target)) {
                    found.push(target);
                } else if (target?.type === T.Deployment) {
                    // `stage_name = aws_api_gateway_deployment.d.stage_name` names the stage the deployment creates.
                    for (const stage of this.surfaces.get(target) ?? []) {
                        if (stage.derived?.source === "implicit-stage" && types.includes(stage.type) && !found.includes(stage)) {
                            found.push(stage);
                        }
                    }
                }
            }
            if (found.length > 0) {
                return found;
            }
        }
        return this.refsByKnownIdentifier(resource.props[prop], types);
    }

    /** True when `resource.prop` has no explicit reference and its value is not known yet. */
    isUnresolvable(resource: Resource, prop: string): boolean {
        const explicit = resource.refs[prop];
        return (!explicit || explicit.length === 0) && isUnknown(peek(resource.props, prop));
    }

    /** The resources of type `fromType` whose `prop` refers to `target`. */
    referrers(target: Resource, fromType: string, prop: string): readonly Resource[] {
        let byProp = this.reverseIndexes.get(fromType);
        if (!byProp) {
            byProp = new Map();
            this.reverseIndexes.set(fromType, byProp);
        }
        let byTarget = byProp.get(prop);
        if (!byTarget) {
            byTarget = new Map();
            byProp.set(prop, byTarget);
        }
        let index = byTarget.get(target.type);
        if (!index) {
            index = new Map();
            for (const from of this.ofType(fromType)) {
                for (const to of this.refs(from, prop, [target.type])) {
                    addToGroup(index, to.id, from);
                }
            }
            byTarget.set(target.type, index);
        }
        return index.get(target.id) ?? NO_REFERRERS;
    }

    private refsByKnownIdentifier(value: unknown, types: readonly string[]): Resource[] {
        const strings: string[] = [];
        collectStrings(value, strings);
        if (strings.length === 0) {
            return [];
        }
        const found: Resource[] = [];
        for (const type of types) {
            const index = this.identifierIndex(type);
            for (const raw of strings) {
                for (const candidate of index.get(normaliseIdentifier(raw)) ?? []) {
                    if (!found.includes(candidate)) {
                        found.push(candidate);
                    }
                }
            }
        }
        return found;
    }

    private identifierIndex(type: string): Map<string, Resource[]> {
        let index = this.identifierIndexes.get(type);
        if (index) {
            return index;
        }
        index = new Map();
        const props = [...COMMON_IDENTIFYING_PROPS, ...(IDENTIFYING_PROPS[type] ?? [])];
        for (const resource of this.ofType(type)) {
            for (const prop of props) {
                const value = resource.props[prop];
                if (typeof value !== "string" || value === "" || isUnknown(value)) {
                    continue;
                }
                const key = normaliseIdentifier(value);
                const list = index.get(key) ?? [];
                if (!list.includes(resource)) {
                    list.push(resource);
                }
                index.set(key, list);
            }
        }
        this.identifierIndexes.set(type, index);
        return index;
    }
}
