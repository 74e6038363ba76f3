/**
 * Building blocks for canonical rule cases, in the engine's model: the same stacks as
 * test/fixtures/stacks.ts builds with @pulumi/aws, compliant by default, one option one mutation.
 * Resource names say what a resource is meant to do (`pass-…`, `fail-…`).
 */
import { T } from "../../policies/engine/types";
import { CanonicalStack, Handle, Later } from "./stack";

export const ACCESS_LOG_FORMAT = JSON.stringify({
    requestId: "$context.requestId",
    sourceIp: "$context.identity.sourceIp",
    caller: "$context.identity.caller",
    requestTime: "$context.requestTime",
    httpMethod: "$context.httpMethod",
    resourcePath: "$context.resourcePath",
    status: "$context.status",
});

export const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
const AUTHORIZER_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authorizer/invocations";

export function trustPolicy(service: string): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
}

export interface RestMethodSpec {
    httpMethod: string;
    authorization?: unknown;
    apiKeyRequired?: boolean;
    requestValidatorId?: unknown;
}

export interface RestApiOptions {
    endpointType?: "REGIONAL" | "EDGE" | "PRIVATE";
    methods?: RestMethodSpec[];
    /** Adds an OPTIONS method without authorization, answered by a MOCK integration. */
    cors?: boolean;
    /** The integration type of every method (default MOCK). */
    integrationType?: string;
    accessLogs?: boolean | { destinationArn?: unknown; format?: unknown };
    /** Overrides of the stage-wide MethodSettings; `null` creates none. */
    settings?: Record<string, unknown> | null;
    methodOverrides?: { methodPath: string; settings: Record<string, unknown> }[];
    /** Name the stage in MethodSettings with a literal instead of a reference to the stage. */
    literalStageName?: boolean;
    waf?: boolean;
    clientCertificate?: boolean;
    stage?: Record<string, unknown>;
}

export interface RestApiStack {
    api: Handle;
    stage: Handle;
    logs: Handle;
    methods: Handle[];
}

export function restApi(stack: CanonicalStack, name: string, options: RestApiOptions = {}): RestApiStack {
    const api = stack.add(T.RestApi, name, { name, endpointConfiguration: { types: [options.endpointType ?? "REGIONAL"] } });
    const items = stack.add(T.Resource, `${name}-items`, { restApi: api.out("id"), parentId: api.out("rootResourceId"), pathPart: "items" });
    const specs: (RestMethodSpec & { preflight?: boolean })[] = [...(options.methods ?? [{ httpMethod: "GET", authorization: "AWS_IAM" }])];
    if (options.cors) {
        specs.push({ httpMethod: "OPTIONS", authorization: "NONE", preflight: true });
    }
    const methods = specs.map((spec) => {
        const method = stack.add(T.Method, `${name}-${spec.httpMethod}`, {
            restApi: api.out("id"), resourceId: items.out("id"), httpMethod: spec.httpMethod,
            authorization: spec.authorization ?? "AWS_IAM", apiKeyRequired: spec.apiKeyRequired, requestValidatorId: spec.requestValidatorId,
        });
        stack.add(T.Integration, `${name}-${spec.httpMethod}-integration`, {
            restApi: api.out("id"), resourceId: items.out("id"), httpMethod: method.out("httpMethod"),
            type: spec.preflight ? "MOCK" : options.integrationType ?? "MOCK",
        });
        return method;
    });
    const deployment = stack.add(T.Deployment, `${name}-deployment`, { restApi: api.out("id") });
    const logs = stack.add(T.LogGroup, `${name}-logs`, { name: `${name}-logs`, retentionInDays: 90 });
    const accessLogs = options.accessLogs === false ? undefined : {
        destinationArn: logs.out("arn"),
        format: ACCESS_LOG_FORMAT,
        ...(typeof options.accessLogs === "object" ? options.accessLogs : {}),
    };
    const stage = stack.add(T.Stage, `${name}-stage`, {
        restApi: api.out("id"), deployment: deployment.out("id"), stageName: "prod", xrayTracingEnabled: true,
        accessLogSettings: accessLogs,
        clientCertificateId: options.clientCertificate ? stack.add("aws:apigateway/clientCertificate:ClientCertificate", `${name}-certificate`, {}).out("id") : undefined,
        ...(options.stage ?? {}),
    });
    const stageName = options.literalStageName ? "prod" : stage.out("stageName");
    if (options.settings !== null) {
        stack.add(T.MethodSettings, `${name}-all`, {
            restApi: api.out("id"), stageName, methodPath: "*/*",
            settings: { loggingLevel: "INFO", metricsEnabled: true, dataTraceEnabled: false, throttlingBurstLimit: 100, throttlingRateLimit: 50, ...(options.settings ?? {}) },
        });
    }
    (options.methodOverrides ?? []).forEach((override, index) => {
        stack.add(T.MethodSettings, `${name}-override-${index + 1}`, { restApi: api.out("id"), stageName, methodPath: override.methodPath, settings: override.settings });
    });
    if (options.waf ?? true) {
        const acl = stack.add(T.WebAcl, `${name}-acl`, {
            name: `${name}-acl`, scope: "REGIONAL", defaultAction: { allow: {} },
            visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
        });
        stack.add(T.WebAclAssociation, `${name}-acl-association`, { resourceArn: stage.out("arn"), webAclArn: acl.out("arn") });
    }
    return { api, stage, logs, methods };
}

export interface V2StageOptions {
    accessLogs?: boolean;
    /** Replaces the default route settings; `null` sets none. */
    defaultRouteSettings?: Record<string, unknown> | null;
    extra?: Record<string, unknown>;
}

function v2Stage(stack: CanonicalStack, name: string, api: Handle, stageName: string, options: V2StageOptions = {}): Handle {
    const logs = stack.add(T.LogGroup, `${name}-logs`, { name: `${name}-logs`, retentionInDays: 90 });
    return stack.add(T.V2Stage, `${name}-stage`, {
        apiId: api.out("id"), name: stageName, autoDeploy: true,
        accessLogSettings: options.accessLogs === false ? undefined : { destinationArn: logs.out("arn"), format: ACCESS_LOG_FORMAT },
        defaultRouteSettings: options.defaultRouteSettings === null ? undefined
            : options.defaultRouteSettings ?? { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
        ...(options.extra ?? {}),
    });
}

export interface HttpApiOptions {
    routes?: { routeKey: string; authorizationType?: unknown }[];
    stage?: V2StageOptions;
    api?: Record<string, unknown>;
}

export function routeName(api: string, routeKey: string): string {
    return `${api}-${routeKey.replace(/[^A-Za-z0-9$]+/g, "-").replace(/-$/, "")}`;
}

export function httpApi(stack: CanonicalStack, name: string, options: HttpApiOptions = {}): { api: Handle; stage: Handle } {
    const api = stack.add(T.V2Api, name, { name, protocolType: "HTTP", ...(options.api ?? {}) });
    const jwt = stack.add(T.V2Authorizer, `${name}-jwt`, {
        apiId: api.out("id"), authorizerType: "JWT", identitySources: ["$request.header.Authorization"],
        jwtConfiguration: { issuer: "https://issuer.example.com/", audiences: [name] },
    });
    for (const route of options.routes ?? [{ routeKey: "GET /items" }]) {
        const type = route.authorizationType ?? "JWT";
        stack.add(T.V2Route, routeName(name, route.routeKey), {
            apiId: api.out("id"), routeKey: route.routeKey, authorizationType: type, authorizerId: type === "JWT" ? jwt.out("id") : undefined,
        });
    }
    return { api, stage: v2Stage(stack, name, api, "$default", options.stage) };
}

export interface WebSocketApiOptions {
    /** Authorization of `$connect` (default CUSTOM, with a Lambda REQUEST authorizer); `null` creates no `$connect` route. */
    connectAuthorization?: unknown;
    routes?: string[];
    stage?: V2StageOptions;
}

export function webSocketApi(stack: CanonicalStack, name: string, options: WebSocketApiOptions = {}): { api: Handle; stage: Handle } {
    const api = stack.add(T.V2Api, name, { name, protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" });
    const authorizer = stack.add(T.V2Authorizer, `${name}-connect-authorizer`, {
        apiId: api.out("id"), authorizerType: "REQUEST", authorizerUri: AUTHORIZER_URI, identitySources: ["route.request.header.Authorization"],
    });
    if (options.connectAuthorization !== null) {
        const connectAuthorization = options.connectAuthorization ?? "CUSTOM";
        stack.add(T.V2Route, `${name}-connect`, {
            apiId: api.out("id"), routeKey: "$connect", authorizationType: connectAuthorization,
            authorizerId: connectAuthorization === "CUSTOM" ? authorizer.out("id") : undefined,
        });
    }
    for (const routeKey of options.routes ?? ["$default", "$disconnect", "sendMessage"]) {
        stack.add(T.V2Route, `${name}-${routeKey.replace(/\$/g, "")}`, { apiId: api.out("id"), routeKey });
    }
    const stage = v2Stage(stack, name, api, "prod", options.stage ?? {
        defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50, loggingLevel: "ERROR", detailedMetricsEnabled: true, dataTraceEnabled: false },
    });
    return { api, stage };
}

export function restDomain(stack: CanonicalStack, name: string, securityPolicy: unknown, extra: Record<string, unknown> = {}): Handle {
    return stack.add(T.DomainName, name, {
        domainName: `${name}.example.com`, regionalCertificateArn: CERTIFICATE, endpointConfiguration: { types: ["REGIONAL"] }, securityPolicy, ...extra,
    });
}

export function v2Domain(stack: CanonicalStack, name: string, securityPolicy: unknown): Handle {
    return stack.add(T.V2DomainName, name, {
        domainName: `${name}.example.com`,
        domainNameConfiguration: { certificateArn: CERTIFICATE, endpointType: "REGIONAL", securityPolicy },
    });
}

export interface ApiRoleOptions {
    service?: string;
    inlinePolicy?: object | Later | string;
    rolePolicy?: object | Later | string;
    attachedPolicy?: object;
    managedPolicyArns?: string[];
    attachedManagedPolicyArns?: string[];
}

function document(value: object | Later | string): unknown {
    return value instanceof Later || typeof value === "string" ? value : JSON.stringify(value);
}

export function apiRole(stack: CanonicalStack, name: string, options: ApiRoleOptions = {}): Handle {
    const role = stack.add(T.IamRole, name, {
        name,
        assumeRolePolicy: trustPolicy(options.service ?? "apigateway.amazonaws.com"),
        inlinePolicies: options.inlinePolicy === undefined ? undefined : [{ name: `${name}-inline`, policy: document(options.inlinePolicy) }],
        managedPolicyArns: options.managedPolicyArns,
    });
    if (options.rolePolicy !== undefined) {
        stack.add(T.IamRolePolicy, `${name}-policy`, { role: role.out("name"), policy: document(options.rolePolicy) });
    }
    if (options.attachedPolicy !== undefined) {
        const policy = stack.add(T.IamPolicy, `${name}-managed`, { name: `${name}-managed`, policy: document(options.attachedPolicy) });
        stack.add(T.IamRolePolicyAttachment, `${name}-managed-attachment`, { role: role.out("name"), policyArn: policy.out("arn") });
    }
    (options.attachedManagedPolicyArns ?? []).forEach((arn, index) => {
        stack.add(T.IamRolePolicyAttachment, `${name}-aws-${index + 1}`, { role: role.out("name"), policyArn: arn });
    });
    return role;
}

export function statement(action: string | string[], resource: string | string[], extra: object = {}): object {
    return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource, ...extra }] };
}
