/**
 * A CDKTF app, written with cdktf core alone (no prebuilt provider bindings): the insecure stacks
 * of examples/terraform/insecure-rest and insecure-http, as two CDKTF stacks. Synthesize it and
 * scan the output: `gatehouse scan cdktf.out` reports the same rules for each.
 */
import { App, Aspects, Fn, IAspect, TerraformProvider, TerraformResource, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { GatehouseAspect } from "gatehouse-apigw/cdktf";

/** A resource of any provider type, declared by its Terraform type and attributes. */
class Resource extends TerraformResource {
    constructor(scope: Construct, id: string, type: string, private readonly attributes: Record<string, unknown>, lifecycle?: { createBeforeDestroy: boolean }) {
        super(scope, id, { terraformResourceType: type, terraformGeneratorMetadata: { providerName: "aws" }, lifecycle });
    }

    get id(): string {
        return this.getStringAttribute("id");
    }

    protected override synthesizeAttributes(): Record<string, unknown> {
        return this.attributes;
    }
}

/** The hashicorp/aws provider, declared with cdktf core as well. */
class AwsProvider extends TerraformProvider {
    constructor(scope: Construct, private readonly region: string) {
        super(scope, "aws", {
            terraformResourceType: "aws",
            terraformGeneratorMetadata: { providerName: "aws", providerVersionConstraint: ">= 5.100.0, < 7.0.0" },
            terraformProviderSource: "hashicorp/aws",
        });
    }

    protected override synthesizeAttributes(): Record<string, unknown> {
        return { region: this.region };
    }
}

function awsProvider(stack: TerraformStack): void {
    new AwsProvider(stack, "us-east-1");
}

const trust = (service: string) => Fn.jsonencode({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
});
// Replacements create first, as Pulumi does by default: the stack mirrors examples/insecure.
const createFirst = { createBeforeDestroy: true };

class LegacyRestStack extends TerraformStack {
    constructor(scope: Construct, id: string) {
        super(scope, id);
        awsProvider(this);
        const handlerRole = new Resource(this, "handler_role", "aws_iam_role", { name: "legacy-handler", assume_role_policy: trust("lambda.amazonaws.com") });
        const handler = new Resource(this, "handler", "aws_lambda_function", {
            function_name: "legacy-handler", runtime: "nodejs20.x", handler: "index.handler",
            role: handlerRole.getStringAttribute("arn"), s3_bucket: "legacy-artifacts", s3_key: "handler.zip",
        });
        const integrationRole = new Resource(this, "integration_role", "aws_iam_role", {
            name: "legacy-integration",
            assume_role_policy: trust("apigateway.amazonaws.com"),
            inline_policy: [{ name: "everything", policy: Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) }],
        });
        const api = new Resource(this, "legacy", "aws_api_gateway_rest_api", { name: "legacy" }, createFirst);
        const items = new Resource(this, "items", "aws_api_gateway_resource", {
            rest_api_id: api.id, parent_id: api.getStringAttribute("root_resource_id"), path_part: "items",
        });
        const getItems = new Resource(this, "get_items", "aws_api_gateway_method", {
            rest_api_id: api.id, resource_id: items.id, http_method: "GET", authorization: "NONE", api_key_required: true,
        });
        const integration = new Resource(this, "get_items_integration", "aws_api_gateway_integration", {
            rest_api_id: api.id, resource_id: items.id, http_method: getItems.getStringAttribute("http_method"), type: "AWS_PROXY",
            integration_http_method: "POST", uri: handler.getStringAttribute("invoke_arn"), credentials: integrationRole.getStringAttribute("arn"),
        });
        const deployment = new Resource(this, "deployment", "aws_api_gateway_deployment", { rest_api_id: api.id }, createFirst);
        deployment.addOverride("depends_on", [integration.fqn]);
        new Resource(this, "prod", "aws_api_gateway_stage", { rest_api_id: api.id, deployment_id: deployment.id, stage_name: "prod" });
        new Resource(this, "domain", "aws_api_gateway_domain_name", {
            domain_name: "legacy.example.com",
            certificate_arn: "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
            security_policy: "TLS_1_0",
        });
        new Resource(this, "handler_invoke", "aws_lambda_permission", {
            action: "lambda:InvokeFunction", function_name: handler.getStringAttribute("function_name"), principal: "apigateway.amazonaws.com",
            source_arn: `${api.getStringAttribute("execution_arn")}/*/*`,
        });
        const plan = new Resource(this, "partners", "aws_api_gateway_usage_plan", { name: "partners", throttle_settings: { burst_limit: 100, rate_limit: 50 } });
        const key = new Resource(this, "partner_b", "aws_api_gateway_api_key", { name: "partner-b", value: "pk_live_0123456789abcdef0123" });
        new Resource(this, "partner_b_plan", "aws_api_gateway_usage_plan_key", { key_id: key.id, key_type: "API_KEY", usage_plan_id: plan.id });
    }
}

class PublicHttpStack extends TerraformStack {
    constructor(scope: Construct, id: string) {
        super(scope, id);
        awsProvider(this);
        const api = new Resource(this, "public", "aws_apigatewayv2_api", { name: "public", protocol_type: "HTTP" });
        new Resource(this, "public_items", "aws_apigatewayv2_route", { api_id: api.id, route_key: "GET /items" });
        new Resource(this, "public_default", "aws_apigatewayv2_stage", {
            api_id: api.id, name: "$default", auto_deploy: true, default_route_settings: { throttling_burst_limit: 100 },
        });
        new Resource(this, "partner_portal", "aws_apigatewayv2_api", {
            name: "partner-portal", protocol_type: "HTTP",
            cors_configuration: { allow_origins: ["*"], allow_credentials: true, allow_methods: ["GET"] },
            tags: { owner: "team-portal", environment: "prod" },
        });
    }
}

/**
 * Synthesizes the app into `outdir` (cdktf.out/stacks/<stack>/cdk.tf.json). With `aspect` (a
 * GatehouseAspect), each stack is checked at synth, and synth fails on its mandatory findings.
 */
export function synth(outdir: string, aspect?: IAspect): void {
    const app = new App({ outdir });
    for (const stack of [new LegacyRestStack(app, "legacy-rest"), new PublicHttpStack(app, "public-http")]) {
        if (aspect) {
            Aspects.of(stack).add(aspect);
        }
    }
    app.synth();
}

if (require.main === module) {
    synth(process.argv[2] ?? "cdktf.out", process.argv.includes("--enforce") ? new GatehouseAspect() : undefined);
}
