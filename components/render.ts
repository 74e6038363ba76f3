/**
 * Renders the pieces (pieces.ts) as Pulumi resources: a type token names its @pulumi/aws class
 * (`aws:apigatewayv2/stage:Stage` → `aws.apigatewayv2.Stage`), references become outputs and
 * templates `pulumi.interpolate`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Ref, ResourceSpec, Template } from "./pieces";

type ResourceClass = new (name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

function classOf(type: string): ResourceClass {
    const match = /^aws:([a-z0-9]+)\/[a-zA-Z0-9]+:([A-Za-z0-9]+)$/.exec(type);
    const found = match ? (aws as unknown as Record<string, Record<string, unknown>>)[match[1]]?.[match[2]] : undefined;
    if (typeof found !== "function") {
        throw new Error(`no @pulumi/aws class for ${type}`);
    }
    return found as ResourceClass;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

export class PulumiResources {
    private readonly made = new Map<string, pulumi.CustomResource>();

    constructor(private readonly parent: pulumi.Resource) {}

    /** Registers each described resource, in order, under the component. */
    add(specs: readonly ResourceSpec[]): this {
        for (const spec of specs) {
            const props = this.resolve(spec.props) as Record<string, unknown>;
            const dependsOn = spec.dependsOn?.map((key) => this.get(key));
            this.made.set(spec.key, new (classOf(spec.type))(spec.name, props, { parent: this.parent, ...(dependsOn ? { dependsOn } : {}) }));
        }
        return this;
    }

    get<R extends pulumi.CustomResource = any>(key: string): R {
        const resource = this.made.get(key);
        if (!resource) {
            throw new Error(`no resource "${key}" was declared before it is referenced`);
        }
        return resource as R;
    }

    /** A resource the family declared itself, for the pieces to reference by `key`. */
    adopt(key: string, resource: pulumi.CustomResource): this {
        this.made.set(key, resource);
        return this;
    }

    has(key: string): boolean {
        return this.made.has(key);
    }

    /** The resources whose keys start with `prefix`, by the rest of their key. */
    byPrefix<R extends pulumi.CustomResource = any>(prefix: string): R[] {
        return [...this.made].filter(([key]) => key.startsWith(prefix)).map(([, resource]) => resource as R);
    }

    private resolve(value: unknown): unknown {
        if (value instanceof Ref) {
            return (this.get(value.key) as unknown as Record<string, unknown>)[value.attribute];
        }
        if (value instanceof Template) {
            return pulumi.all(value.parts.map((part) => this.resolve(part) as pulumi.Input<unknown>)).apply((parts) => parts.join(""));
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
