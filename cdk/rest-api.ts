/**
 * SecureRestApi for CDKTF: the REST (v1) API of the Pulumi `SecureRestApi`, from the same
 * baseline and settings resolution, declared as hashicorp/aws resources. It passes the Gatehouse
 * catalog with no flag set: authorization on every route, request validation, JSON access logs,
 * execution logging, X-Ray, throttling, a logged web ACL, TLS 1.2+ on its domain, a least-privilege
 * invoke role, usage plans and alarms.
 */
import { Construct } from "constructs";
import { CachingSettings, ownedOrExisting, ResolvedRestSettings, restSettings, StageLoggingSettings, UsagePlanDefinition, WafSettings } from "../components/defaults";
import { restApiPieces, restApiPlan, restAuthorizerPlan, restDeploymentFingerprint, restOutputs, restRoutePlans } from "../components/pieces";
import { TerraformResources } from "./render";
import { AwsResource } from "./resource";
import { accessLogGroup, announceWeakenings, ApiRoute, CommonApiArgs, DomainArgs, invokeRole, LambdaHandler, lambdaInvokeUri, OwnedOrExisting } from "./shared";

export interface RestRoute extends ApiRoute {
    /** Callers must also present an API key of one of the usage plans (metering, not authorization). */
    apiKeyRequired?: boolean;
}

export type RestAuthorizer =
    | { cognito: { userPoolArns: string[] } }
    | { lambda: { handler: LambdaHandler; type?: "TOKEN" | "REQUEST"; identitySource?: string; resultTtlSeconds?: number } };

export type { UsagePlanDefinition };

export interface SecureRestApiArgs extends CommonApiArgs {
    routes: RestRoute[];
    authorizer?: RestAuthorizer;
    /** REGIONAL (default), PRIVATE or EDGE. */
    endpointType?: "REGIONAL" | "EDGE" | "PRIVATE";
    /** A resource policy for the API (required in practice for PRIVATE APIs). */
    policy?: string;
    tracingEnabled?: boolean;
    requestValidation?: boolean;
    logging?: StageLoggingSettings;
    caching?: CachingSettings;
    /** `{ args }` creates a web ACL (the default), `{ existing: { arn } }` associates yours, `{ enabled: false }` has none. */
    webAcl?: OwnedOrExisting<WafSettings, { arn: string }> & { enabled?: boolean };
    /** A custom domain (`{ args }`) or an existing one (`{ existing: { domainName } }`), mapped at `basePath`. */
    domain?: OwnedOrExisting<DomainArgs, { domainName: string }> & { basePath?: string };
    /** CORS for browsers: OPTIONS preflights answered by the API (MOCK), for exactly this origin. */
    cors?: { allowOrigin: string; allowMethods?: string[]; allowHeaders?: string[] };
    usagePlans?: UsagePlanDefinition[];
}

/** A REST API that satisfies the Gatehouse catalog in its default configuration. */
export class SecureRestApi extends Construct {
    declare readonly api: AwsResource;
    declare readonly deployment: AwsResource;
    declare readonly stage: AwsResource;
    declare readonly methodSettings: AwsResource;
    readonly logGroup?: AwsResource;
    readonly invokeRole?: AwsResource;
    declare readonly authorizer?: AwsResource;
    declare readonly requestValidator?: AwsResource;
    declare readonly webAcl?: AwsResource;
    declare readonly domainName?: AwsResource;
    declare readonly certificate?: AwsResource;
    declare readonly methods: Record<string, AwsResource>;
    declare readonly usagePlans: Record<string, AwsResource>;
    declare readonly apiKeys: Record<string, AwsResource>;
    declare readonly alarms: AwsResource[];
    /** The effective settings, with every weakened default named. */
    readonly settings: ResolvedRestSettings;

    constructor(scope: Construct, id: string, args: SecureRestApiArgs) {
        // Every argument is checked before a resource is declared: a mistake fails cleanly.
        const component = "SecureRestApi";
        if (args.routes.length === 0) {
            throw new Error(`${component} "${id}": \`routes\` is empty`);
        }
        const { settings, webAclChoice } = restSettings(component, id, args);
        ownedOrExisting(component, id, "domain", args.domain);
        for (const handler of [...args.routes.map((route) => route.handler), args.authorizer && "lambda" in args.authorizer ? args.authorizer.lambda.handler : undefined]) {
            if (handler) {
                lambdaInvokeUri(handler); // a handler without a usable invoke URI fails here, before any resource
            }
        }
        super(scope, id);
        this.settings = settings;
        announceWeakenings(this, settings.weakenings);

        const lambda = args.authorizer && "lambda" in args.authorizer ? args.authorizer.lambda : undefined;
        this.invokeRole = invokeRole(this, id, [...args.routes.flatMap((route) => route.handler ? [route.handler.arn] : []), ...(lambda ? [lambda.handler.arn] : [])]);
        const logs = accessLogGroup(this, component, id, settings.logRetentionDays, args.accessLogs);
        this.logGroup = logs.logGroup;
        const handler = (given: LambdaHandler) => ({ arn: given.arn, invokeArn: lambdaInvokeUri(given) });
        const plan = restApiPlan(args, settings, {
            routes: restRoutePlans(args.routes, handler),
            authorizer: restAuthorizerPlan(args.authorizer, lambda ? handler(lambda.handler) : undefined, settings.authorizerResultTtlSeconds),
            invocation: { credentialsArn: this.invokeRole?.arn },
            logArn: logs.arn,
            webAclArn: webAclChoice.existing?.arn,
            fingerprint: restDeploymentFingerprint(args.routes, undefined, args.cors),
        });
        Object.assign(this, restOutputs(new TerraformResources(this).add(restApiPieces(id, plan)), plan));
    }
}
