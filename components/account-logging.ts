/**
 * ApiGatewayAccountLogging: the account-level CloudWatch role API Gateway uses to write execution
 * logs. It is an **account singleton per region** — one `aws.apigateway.Account` setting shared by
 * every API of the account in the region — so it is a separate, opt-in component: deploy it once
 * (for example in a platform stack), not once per API.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { baseline } from "./baseline";

export interface ApiGatewayAccountLoggingArgs {
    /** Tags for the role. */
    tags?: Record<string, pulumi.Input<string>>;
}

export class ApiGatewayAccountLogging extends pulumi.ComponentResource {
    /** The role API Gateway assumes; it holds only the push-to-CloudWatch managed policy. */
    readonly role: aws.iam.Role;
    readonly account: aws.apigateway.Account;

    constructor(name: string, args: ApiGatewayAccountLoggingArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("gatehouse:index:ApiGatewayAccountLogging", name, {}, opts);
        // Retained on delete: other stacks' APIs keep logging through the account setting after this stack goes.
        this.role = new aws.iam.Role(name, {
            description: "API Gateway pushes execution and access logs to CloudWatch (account setting)",
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            managedPolicyArns: [baseline.cloudWatchRolePolicyArn],
            ...(args.tags ? { tags: args.tags } : {}),
        }, { parent: this, retainOnDelete: true });
        this.account = new aws.apigateway.Account(name, { cloudwatchRoleArn: this.role.arn }, { parent: this, retainOnDelete: true });
        this.registerOutputs({ role: this.role, account: this.account });
    }
}
