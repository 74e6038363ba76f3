/**
 * SecureWebSocketApi: a WebSocket (v2) API that passes every Gatehouse rule with no flag set — a
 * `$connect` route that always requires authorization (a Lambda REQUEST authorizer, else IAM),
 * routes to Lambda handlers with permissions scoped per route, JSON access logs, INFO execution
 * logging with detailed metrics and data trace off, both throttling values, alarms on the
 * WebSocket metrics, and TLS 1.2+ on its custom domain. Built from the same pieces as
 * SecureHttpApi (pieces.ts): only what is WebSocket's own is here.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedWebSocketSettings, WebSocketArgsOf, webSocketSettings } from "./defaults";
import { v2ApiPieces, v2Outputs, websocketApiPlan, websocketAuthorizerPlan, websocketRoutePlans } from "./pieces";
import { PulumiResources } from "./render";
import { accessLogGroup, announceWeakenings, CommonApiArgs, DomainArgs, LambdaHandler, OwnedOrExisting } from "./shared";

export interface SecureWebSocketApiArgs extends CommonApiArgs, WebSocketArgsOf<LambdaHandler, OwnedOrExisting<DomainArgs, { domainName: pulumi.Input<string> }>> {}

export type WebSocketRoute = SecureWebSocketApiArgs["routes"][number];

/** A WebSocket API that satisfies the Gatehouse pack in its default configuration. */
export class SecureWebSocketApi extends pulumi.ComponentResource {
    declare readonly api: aws.apigatewayv2.Api;
    declare readonly stage: aws.apigatewayv2.Stage;
    readonly logGroup?: aws.cloudwatch.LogGroup;
    readonly logKey?: aws.kms.Key;
    readonly accessLogGroupArn: pulumi.Output<string>;
    declare readonly authorizer?: aws.apigatewayv2.Authorizer;
    declare readonly domainName?: aws.apigatewayv2.DomainName;
    declare readonly certificate?: aws.acm.Certificate;
    /** Routes by route key, `$connect` included. */
    declare readonly routes: Record<string, aws.apigatewayv2.Route>;
    declare readonly permissions: aws.lambda.Permission[];
    declare readonly alarms: aws.cloudwatch.MetricAlarm[];
    readonly settings: ResolvedWebSocketSettings;
    /** The `wss://` URL clients connect to (the custom domain's when there is one). */
    readonly url: pulumi.Output<string>;
    /** The `https://` endpoint of the connection management API (`POST @connections/{id}` sends to a client). */
    readonly managementEndpoint: pulumi.Output<string>;

    constructor(name: string, args: SecureWebSocketApiArgs, opts?: pulumi.ComponentResourceOptions) {
        // Every argument is checked before anything is registered: a mistake fails cleanly.
        const component = "SecureWebSocketApi";
        const settings = webSocketSettings(component, name, args);
        super("gatehouse:index:SecureWebSocketApi", name, {}, opts);
        this.settings = settings;
        announceWeakenings(this, settings.weakenings);

        const logs = accessLogGroup(component, name, this, settings.logRetentionDays, args.accessLogs);
        this.logGroup = logs.logGroup;
        this.logKey = logs.kmsKey;
        this.accessLogGroupArn = logs.arn;

        const routes = websocketRoutePlans({ handler: args.connect?.handler, authorization: settings.connectAuthorization }, args.routes,
            { defaultType: args.authorizer ? "CUSTOM" : "AWS_IAM", hasAuthorizer: args.authorizer !== undefined });
        const resources = new PulumiResources(this).add(v2ApiPieces(name, websocketApiPlan(args, settings, {
            routes, authorizer: websocketAuthorizerPlan(args.authorizer, args.authorizer?.lambda.handler), invocation: { permissions: true }, logArn: logs.arn,
        })));
        Object.assign(this, v2Outputs(resources, routes));

        const domainName = this.domainName ? this.domainName.domainName : args.domain?.existing?.domainName;
        const mappingKey = args.domain?.apiMappingKey ? `/${args.domain.apiMappingKey}` : "";
        this.url = domainName !== undefined ? pulumi.interpolate`wss://${domainName}${mappingKey}` : this.stage.invokeUrl;
        this.managementEndpoint = domainName !== undefined
            ? pulumi.interpolate`https://${domainName}${mappingKey}`
            : this.stage.invokeUrl.apply((url) => url.replace(/^wss:\/\//, "https://"));
        this.registerOutputs({ url: this.url, managementEndpoint: this.managementEndpoint, api: this.api, stage: this.stage });
    }
}
