/**
 * hashicorp/aws resources declared with cdktf core alone. The prebuilt @cdktf/provider-aws is
 * archived and 392 MB; a resource declared by its Terraform type synthesizes the same JSON, works
 * with prebuilt or locally generated bindings alike, and costs the user no extra package.
 */
import { ITerraformDependable, TerraformProvider, TerraformResource, TerraformResourceLifecycle } from "cdktf";
import type { Construct } from "constructs";

export interface AwsResourceOptions {
    dependsOn?: ITerraformDependable[];
    lifecycle?: TerraformResourceLifecycle;
}

/** One hashicorp/aws resource: its Terraform type and its attributes in Terraform's (snake_case) names. */
export class AwsResource extends TerraformResource {
    constructor(scope: Construct, id: string, readonly resourceType: string, private readonly attributes: Record<string, unknown>, options: AwsResourceOptions = {}) {
        super(scope, id, {
            terraformResourceType: resourceType,
            terraformGeneratorMetadata: { providerName: "aws" },
            dependsOn: options.dependsOn,
            lifecycle: options.lifecycle,
        });
    }

    /** A reference to one of the resource's attributes (`${type.name.attribute}`). */
    attribute(name: string): string {
        return this.getStringAttribute(name);
    }

    get id(): string {
        return this.getStringAttribute("id");
    }

    get arn(): string {
        return this.getStringAttribute("arn");
    }

    protected override synthesizeAttributes(): Record<string, unknown> {
        return this.attributes;
    }
}

export interface AwsProviderConfig {
    region: string;
    /** The provider versions the configuration accepts. */
    versionConstraint?: string;
}

/** The hashicorp/aws provider, declared with cdktf core (for apps without prebuilt bindings). */
export class AwsProvider extends TerraformProvider {
    constructor(scope: Construct, id: string, private readonly config: AwsProviderConfig) {
        super(scope, id, {
            terraformResourceType: "aws",
            terraformGeneratorMetadata: { providerName: "aws", providerVersionConstraint: config.versionConstraint ?? ">= 5.100.0, < 7.0.0" },
            terraformProviderSource: "hashicorp/aws",
        });
    }

    protected override synthesizeAttributes(): Record<string, unknown> {
        return { region: this.config.region };
    }
}
