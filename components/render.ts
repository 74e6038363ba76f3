/**
 * Renders the pieces (pieces.ts) as Pulumi resources: a type token names its @pulumi/aws class
 * (`aws:apigatewayv2/stage:Stage` → `aws.apigatewayv2.Stage`), references become outputs and
 * templates `pulumi.interpolate`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Renderer, ResourceSpec } from "./pieces";

type ResourceClass = new (name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

function classOf(type: string): ResourceClass {
    const match = /^aws:([a-z0-9]+)\/[a-zA-Z0-9]+:([A-Za-z0-9]+)$/.exec(type);
    const found = match ? (aws as unknown as Record<string, Record<string, unknown>>)[match[1]]?.[match[2]] : undefined;
    if (typeof found !== "function") {
        throw new Error(`no @pulumi/aws class for ${type}`);
    }
    return found as ResourceClass;
}

/** The pieces as resources registered under the component. */
export class PulumiResources extends Renderer<any> {
    constructor(private readonly parent: pulumi.Resource) {
        super();
    }

    protected declare(spec: ResourceSpec, props: Record<string, unknown>, dependsOn: pulumi.Resource[] | undefined): pulumi.CustomResource {
        return new (classOf(spec.type))(spec.name, props, { parent: this.parent, ...(dependsOn ? { dependsOn } : {}) });
    }

    protected attribute(resource: pulumi.CustomResource, name: string): unknown {
        return (resource as unknown as Record<string, unknown>)[name];
    }

    protected join(parts: unknown[]): unknown {
        return pulumi.all(parts as pulumi.Input<unknown>[]).apply((resolved) => resolved.join(""));
    }
}
