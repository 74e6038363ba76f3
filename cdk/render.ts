/**
 * Renders the pieces (components/pieces.ts) as hashicorp/aws resources: canonical types and
 * properties become Terraform's through the schema map, references `${type.name.attribute}`
 * tokens, templates strings.
 */
import type { Construct } from "constructs";
import { Renderer, ResourceSpec } from "../components/pieces";
import { terraformAttribute, terraformTypeOf, toTerraform } from "../policies/terraform/to-terraform";
import { AwsResource } from "./resource";

/** The pieces as resources declared in the construct. */
export class TerraformResources extends Renderer<AwsResource> {
    constructor(private readonly scope: Construct) {
        super();
    }

    /** Terraform's own names (and the few shapes it takes otherwise) over the description's. */
    protected override propsOf(spec: ResourceSpec): Readonly<Record<string, unknown>> {
        return { ...spec.props, ...spec.terraformProps };
    }

    protected declare(spec: ResourceSpec, props: Record<string, unknown>, dependsOn: AwsResource[] | undefined): AwsResource {
        const type = terraformTypeOf(spec.type);
        return new AwsResource(this.scope, spec.key, type, toTerraform(type, props), {
            ...(dependsOn ? { dependsOn } : {}),
            ...(spec.createBeforeDestroy ? { lifecycle: { createBeforeDestroy: true } } : {}),
        });
    }

    protected attribute(resource: AwsResource, name: string): unknown {
        return resource.attribute(terraformAttribute(resource.resourceType, name));
    }

    protected join(parts: unknown[]): unknown {
        return parts.map(String).join("");
    }
}
