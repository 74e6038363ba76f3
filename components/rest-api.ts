/**
 * SecureRestApi: a REST (v1) API that passes every Gatehouse rule with no flag set — authorization
 * on every route, request validation, JSON access logs, execution logging, X-Ray, throttling, a
 * web ACL, TLS 1.2+ on its custom domain, scoped Lambda permissions, usage plans and alarms.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { prepareOpenApiBody } from "./openapi";
import { restApiPieces, restApiPlan, restAuthorizerPlan, restDeploymentFingerprint, restOutputs, restRoutePlans } from "./pieces";
import { PulumiResources } from "./render";
import { CachingSettings, ResolvedRestSettings, restSettings, StageLoggingSettings, UsagePlanDefinition, WafSettings } from "./defaults";
import { accessLogGroup, announceWeakenings, ApiRoute, CommonApiArgs, DomainArgs, LambdaHandler, OwnedOrExisting } from "./shared";

export interface RestRoute extends ApiRoute {
    /** Callers must also present an API key of one of the usage plans (metering, not authorization). */
    apiKeyRequired?: boolean;
}

export type RestAuthorizer =
    | { cognito: { userPoolArns: pulumi.Input<string>[] } }
    | { lambda: { handler: LambdaHandler; type?: "TOKEN" | "REQUEST"; identitySource?: string; resultTtlSeconds?: number } };

export type RestDomainArgs = DomainArgs;

export type { UsagePlanDefinition };

export interface SecureRestApiArgs extends CommonApiArgs {
    /** Routes to create. Either routes or `openApi`. */
    routes?: RestRoute[];
    /**
     * An OpenAPI 3 document (object or JSON) defining the API instead of `routes`. Every operation
     * must carry a `security` requirement (its own or the document's) unless listed in `publicOperations`.
     */
    openApi?: Record<string, unknown> | string;
    /** `"GET /health"` entries of the OpenAPI document that are public on purpose. */
    publicOperations?: string[];
    authorizer?: RestAuthorizer;
    /** REGIONAL (default), PRIVATE or EDGE. */
    endpointType?: "REGIONAL" | "EDGE" | "PRIVATE";
    /** A resource policy for the API (required in practice for PRIVATE APIs). */
    policy?: pulumi.Input<string>;
    tracingEnabled?: boolean;
    requestValidation?: boolean;
    logging?: StageLoggingSettings;
    caching?: CachingSettings;
    /** `{ args }` creates a web ACL (the default), `{ existing: { arn } }` associates yours, `{ enabled: false }` has none. */
    webAcl?: OwnedOrExisting<WafSettings, { arn: pulumi.Input<string> }> & { enabled?: boolean };
    /** A custom domain (`{ args }`) or an existing one (`{ existing: { domainName } }`), mapped at `basePath`. */
    domain?: OwnedOrExisting<RestDomainArgs, { domainName: pulumi.Input<string> }> & { basePath?: string };
    /** CORS for browsers: OPTIONS preflights answered by the API, for exactly this origin. */
    cors?: { allowOrigin: string; allowMethods?: string[]; allowHeaders?: string[] };
    usagePlans?: UsagePlanDefinition[];
}

/** A REST API that satisfies the Gatehouse pack in its default configuration. */
export class SecureRestApi extends pulumi.ComponentResource {
    declare readonly api: aws.apigateway.RestApi;
    declare readonly stage: aws.apigateway.Stage;
    declare readonly deployment: aws.apigateway.Deployment;
    declare readonly methodSettings: aws.apigateway.MethodSettings;
    /** The access-log group, when the component created it. */
    readonly logGroup?: aws.cloudwatch.LogGroup;
    readonly logKey?: aws.kms.Key;
    readonly accessLogGroupArn: pulumi.Output<string>;
    declare readonly authorizer?: aws.apigateway.Authorizer;
    declare readonly requestValidator?: aws.apigateway.RequestValidator;
    /** The web ACL, when the component created it. */
    declare readonly webAcl?: aws.wafv2.WebAcl;
    readonly webAclArn?: pulumi.Output<string>;
    declare readonly domainName?: aws.apigateway.DomainName;
    declare readonly certificate?: aws.acm.Certificate;
    declare readonly methods: Record<string, aws.apigateway.Method>;
    declare readonly permissions: aws.lambda.Permission[];
    declare readonly usagePlans: Record<string, aws.apigateway.UsagePlan>;
    /** API keys by name; their `value` outputs are secret. */
    declare readonly apiKeys: Record<string, aws.apigateway.ApiKey>;
    declare readonly alarms: aws.cloudwatch.MetricAlarm[];
    declare readonly clientCertificate?: aws.apigateway.ClientCertificate;
    /** The effective settings, with every weakened default named. */
    readonly settings: ResolvedRestSettings;
    /** The URL clients call: the custom domain's when there is one. */
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: SecureRestApiArgs, opts?: pulumi.ComponentResourceOptions) {
        // Every argument is checked before anything is registered: a mistake fails cleanly.
        const { settings, domainChoice, webAclChoice, routes, openApiBody } = planRestApi(name, args);
        super("gatehouse:index:SecureRestApi", name, {}, opts);
        this.settings = settings;
        announceWeakenings(this, settings.weakenings);

        const logs = accessLogGroup("SecureRestApi", name, this, settings.logRetentionDays, args.accessLogs);
        this.logGroup = logs.logGroup;
        this.logKey = logs.kmsKey;
        this.accessLogGroupArn = logs.arn;

        const lambda = args.authorizer && "lambda" in args.authorizer ? args.authorizer.lambda : undefined;
        const plan = restApiPlan(args, settings, {
            routes: restRoutePlans(routes, (handler: LambdaHandler) => handler),
            authorizer: restAuthorizerPlan(args.authorizer, lambda?.handler, settings.authorizerResultTtlSeconds),
            invocation: { permissions: true },
            logArn: logs.arn,
            body: openApiBody,
            webAclArn: webAclChoice.existing?.arn,
            fingerprint: restDeploymentFingerprint(routes, args.openApi, args.cors),
        });
        const resources = new PulumiResources(this).add(restApiPieces(name, plan));
        Object.assign(this, restOutputs(resources, plan));
        if (settings.waf) {
            this.webAclArn = this.webAcl ? this.webAcl.arn : pulumi.output(webAclChoice.existing!.arn);
        }

        const domainName = this.domainName ? this.domainName.domainName : domainChoice.existing?.domainName;
        const basePath = args.domain?.basePath ? `/${args.domain.basePath}` : "";
        this.url = domainName !== undefined ? pulumi.interpolate`https://${domainName}${basePath}` : this.stage.invokeUrl;
        this.registerOutputs({ url: this.url, api: this.api, stage: this.stage });
    }
}

/** Checks the arguments and resolves the settings, before the component registers anything. */
function planRestApi(name: string, args: SecureRestApiArgs) {
    const component = "SecureRestApi";
    const routes = args.routes ?? [];
    if ((routes.length > 0) === (args.openApi !== undefined)) {
        throw new Error(`${component} "${name}": give either \`routes\` or \`openApi\`${routes.length > 0 ? ", not both" : ""}`);
    }
    const { settings, webAclChoice } = restSettings(component, name, args);
    const openApiBody = args.openApi === undefined ? undefined
        : prepareOpenApiBody(component, name, args.openApi, args.publicOperations ?? [], settings.requestValidation);
    return { settings, domainChoice: args.domain ?? {}, webAclChoice, routes, openApiBody };
}
