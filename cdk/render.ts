/**
 * Renders the pieces (components/pieces.ts) as hashicorp/aws resources: canonical types and
 * properties become Terraform's through the schema map, references `${type.name.attribute}`
 * tokens, templates strings.
 */
import type { Construct } from "constructs";
import { Ref, ResourceSpec, Template } from "../components/pieces";
import { terraformAttribute, terraformTypeOf, toTerraform } from "../policies/terraform/to-terraform";
import { AwsResource } from "./resource";

function isPlainRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

export class TerraformResources {
    private readonly made = new Map<string, AwsResource>();

    constructor(private readonly scope: Construct) {}

    /** Declares each described resource, in order, in the construct. */
    add(specs: readonly ResourceSpec[]): this {
        for (const spec of specs) {
            const type = terraformTypeOf(spec.type);
            // Terraform's own names (and the few shapes it takes otherwise) over the description's.
            const props = this.resolve({ ...spec.props, ...spec.terraformProps }) as Record<string, unknown>;
            const dependsOn = spec.dependsOn?.map((key) => this.get(key));
            this.made.set(spec.key, new AwsResource(this.scope, spec.key, type, toTerraform(type, props), {
                ...(dependsOn ? { dependsOn } : {}),
                ...(spec.createBeforeDestroy ? { lifecycle: { createBeforeDestroy: true } } : {}),
            }));
        }
        return this;
    }

    get(key: string): AwsResource {
        const resource = this.made.get(key);
        if (!resource) {
            throw new Error(`no resource "${key}" was declared before it is referenced`);
        }
        return resource;
    }

    /** A resource the family declared itself, for the pieces to reference by `key`. */
    adopt(key: string, resource: AwsResource): this {
        this.made.set(key, resource);
        return this;
    }

    has(key: string): boolean {
        return this.made.has(key);
    }

    byPrefix(prefix: string): AwsResource[] {
        return [...this.made].filter(([key]) => key.startsWith(prefix)).map(([, resource]) => resource);
    }

    private resolve(value: unknown): unknown {
        if (value instanceof Ref) {
            const target = this.get(value.key);
            return target.attribute(terraformAttribute(target.resourceType, value.attribute));
        }
        if (value instanceof Template) {
            return value.parts.map((part) => String(this.resolve(part))).join("");
        }
        if (Array.isArray(value)) {
            return value.map((item) => this.resolve(item));
        }
        if (isPlainRecord(value)) {
            return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined).map(([key, item]) => [key, this.resolve(item)]));
        }
        return value;
    }
}
