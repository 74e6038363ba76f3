/**
 * SecureWebSocketApi for CDKTF: the WebSocket (v2) API of the Pulumi `SecureWebSocketApi`, from the
 * same baseline, settings resolution and pieces (components/pieces.ts), declared as hashicorp/aws
 * resources. API Gateway invokes the handlers and the authorizer with a least-privilege role.
 */
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { ResolvedWebSocketSettings, WebSocketArgsOf, webSocketSettings } from "../components/defaults";
import { v2ApiPieces, v2Outputs, websocketApiPlan, websocketAuthorizerPlan, websocketRoutePlans } from "../components/pieces";
import { TerraformResources } from "./render";
import { AwsResource } from "./resource";
import { accessLogGroup, announceWeakenings, CommonApiArgs, DomainArgs, invokeRole, LambdaHandler, lambdaInvokeUri, OwnedOrExisting } from "./shared";

export interface SecureWebSocketApiArgs extends CommonApiArgs, WebSocketArgsOf<LambdaHandler, OwnedOrExisting<DomainArgs, { domainName: string }>> {}

export type WebSocketRoute = SecureWebSocketApiArgs["routes"][number];

/** A WebSocket API that satisfies the Gatehouse catalog in its default configuration. */
export class SecureWebSocketApi extends Construct {
    declare readonly api: AwsResource;
    declare readonly stage: AwsResource;
    readonly logGroup?: AwsResource;
    readonly invokeRole?: AwsResource;
    declare readonly authorizer?: AwsResource;
    declare readonly domainName?: AwsResource;
    declare readonly certificate?: AwsResource;
    declare readonly routes: Record<string, AwsResource>;
    declare readonly alarms: AwsResource[];
    readonly settings: ResolvedWebSocketSettings;
    /** The `wss://` URL clients connect to. */
    readonly url: string;
    /** The `https://` endpoint of the connection management API. */
    readonly managementEndpoint: string;

    constructor(scope: Construct, id: string, args: SecureWebSocketApiArgs) {
        // Every argument is checked before a resource is declared: a mistake fails cleanly.
        const component = "SecureWebSocketApi";
        const settings = webSocketSettings(component, id, args);
        const handler = (given: LambdaHandler) => ({ arn: given.arn, invokeArn: lambdaInvokeUri(given) });
        const lambda = args.authorizer?.lambda;
        const routes = websocketRoutePlans({ handler: args.connect?.handler ? handler(args.connect.handler) : undefined, authorization: settings.connectAuthorization },
            args.routes.map((route) => ({ routeKey: route.routeKey, handler: handler(route.handler) })),
            { defaultType: lambda ? "CUSTOM" : "AWS_IAM", hasAuthorizer: lambda !== undefined });
        const authorizerHandler = lambda ? handler(lambda.handler) : undefined;
        super(scope, id);
        this.settings = settings;
        announceWeakenings(this, settings.weakenings);

        this.invokeRole = invokeRole(this, id, [
            ...args.routes.map((route) => route.handler.arn),
            ...(args.connect?.handler ? [args.connect.handler.arn] : []),
            ...(lambda ? [lambda.handler.arn] : []),
        ]);
        const logs = accessLogGroup(this, component, id, settings.logRetentionDays, args.accessLogs);
        this.logGroup = logs.logGroup;
        const resources = new TerraformResources(this).add(v2ApiPieces(id, websocketApiPlan(args, settings, {
            routes, authorizer: websocketAuthorizerPlan(args.authorizer, authorizerHandler), invocation: { credentialsArn: this.invokeRole?.arn }, logArn: logs.arn,
        })));
        Object.assign(this, v2Outputs(resources, routes));

        const domainName = this.domainName ? this.domainName.attribute("domain_name") : args.domain?.existing?.domainName;
        const mappingKey = args.domain?.apiMappingKey ? `/${args.domain.apiMappingKey}` : "";
        this.url = domainName !== undefined ? `wss://${domainName}${mappingKey}` : this.stage.attribute("invoke_url");
        this.managementEndpoint = domainName !== undefined ? `https://${domainName}${mappingKey}` : Fn.replace(this.stage.attribute("invoke_url"), "wss://", "https://");
    }
}
