/**
 * SecureHttpApi for CDKTF: the HTTP (v2) API of the Pulumi `SecureHttpApi`, from the same baseline
 * and settings resolution, declared as hashicorp/aws resources: JWT, Lambda or IAM authorization on
 * every route, JSON access logs, default-route throttling with both values, explicit CORS origins,
 * TLS 1.2+ on its domain, a least-privilege invoke role and alarms. HTTP APIs cannot be associated
 * with WAF; put CloudFront with a web ACL in front when you need one.
 */
import { Construct } from "constructs";
import { checkSharedArgs, CorsSettings, resolveHttpSettings, ResolvedHttpSettings } from "../components/defaults";
import { httpApiPlan, httpAuthorizerPlan, httpRoutePlans, v2ApiPieces, v2Outputs } from "../components/pieces";
import { TerraformResources } from "./render";
import { AwsResource } from "./resource";
import {
    accessLogGroup, announceWeakenings, ApiRoute, CommonApiArgs, DomainArgs, invokeRole, LambdaHandler, lambdaInvokeUri, OwnedOrExisting,
} from "./shared";

export type HttpRoute = ApiRoute;

export type HttpAuthorizer =
    | { jwt: { issuer: string; audiences: string[]; identitySources?: string[] } }
    | { lambda: { handler: LambdaHandler; identitySources?: string[]; resultTtlSeconds?: number } };

export interface HttpDomainArgs extends DomainArgs {
    /** Mutual TLS: clients must present a certificate signed by a CA in this S3 truststore. */
    mutualTls?: { truststoreUri: string; truststoreVersion?: string };
}

export interface SecureHttpApiArgs extends CommonApiArgs {
    routes: HttpRoute[];
    authorizer?: HttpAuthorizer;
    /** Explicit origins only; `*` is announced as a weakening and reported by the catalog. */
    cors?: CorsSettings;
    domain?: OwnedOrExisting<HttpDomainArgs, { domainName: string }> & { apiMappingKey?: string };
}

/** An HTTP API that satisfies the Gatehouse catalog in its default configuration. */
export class SecureHttpApi extends Construct {
    declare readonly api: AwsResource;
    declare readonly stage: AwsResource;
    readonly logGroup?: AwsResource;
    readonly invokeRole?: AwsResource;
    declare readonly authorizer?: AwsResource;
    declare readonly domainName?: AwsResource;
    declare readonly certificate?: AwsResource;
    declare readonly routes: Record<string, AwsResource>;
    declare readonly alarms: AwsResource[];
    readonly settings: ResolvedHttpSettings;

    constructor(scope: Construct, id: string, args: SecureHttpApiArgs) {
        // Every argument is checked before a resource is declared: a mistake fails cleanly.
        const component = "SecureHttpApi";
        const settings = resolveHttpSettings({ ...checkSharedArgs(component, id, args), cors: args.cors });
        const lambdaAuthorizer = args.authorizer && "lambda" in args.authorizer ? args.authorizer.lambda : undefined;
        const jwt = args.authorizer && "jwt" in args.authorizer ? args.authorizer.jwt : undefined;
        // A handler without a usable invoke URI fails here, before any resource.
        const handler = (given: LambdaHandler) => ({ arn: given.arn, invokeArn: lambdaInvokeUri(given) });
        const routes = httpRoutePlans(args.routes.map((route) => ({ ...route, handler: route.handler ? handler(route.handler) : undefined })),
            { defaultType: !args.authorizer ? "AWS_IAM" : jwt ? "JWT" : "CUSTOM", hasAuthorizer: args.authorizer !== undefined });
        const authorizerHandler = lambdaAuthorizer ? handler(lambdaAuthorizer.handler) : undefined;
        super(scope, id);
        this.settings = settings;
        announceWeakenings(this, settings.weakenings);

        this.invokeRole = invokeRole(this, id, [...args.routes.flatMap((route) => route.handler ? [route.handler.arn] : []), ...(lambdaAuthorizer ? [lambdaAuthorizer.handler.arn] : [])]);
        const logs = accessLogGroup(this, component, id, settings.logRetentionDays, args.accessLogs);
        this.logGroup = logs.logGroup;
        const resources = new TerraformResources(this).add(v2ApiPieces(id, httpApiPlan(args, settings, {
            routes, authorizer: httpAuthorizerPlan(args.authorizer, authorizerHandler, settings.authorizerResultTtlSeconds), invocation: { credentialsArn: this.invokeRole?.arn }, logArn: logs.arn,
        })));
        Object.assign(this, v2Outputs(resources, routes));
    }
}
