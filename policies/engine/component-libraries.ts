/**
 * Fix texts for resources a component library created. A user of @pulumi/aws-apigateway's
 * `RestAPI` never wrote its Stage: telling them to set the Stage's `accessLogSettings` names an
 * input they cannot reach. Where a library has an argument for the setting, the fix names it;
 * where the setting is a resource of its own the library does not create, the fix says to add it
 * for the child the library exposes; otherwise it says that a `transforms` resource option (which
 * reaches the children of packaged components too) or a waiver is the way.
 *
 * Libraries are recognised by their component's type in the child's Pulumi URN, which holds every
 * ancestor's type (`aws-apigateway:index:RestAPI$aws:apigateway/stage:Stage`).
 */
import { escapeControl } from "./message";
import type { Resource } from "./resource";
import { T } from "./types";

interface ComponentLibrary {
    /** How users know the component: `@pulumi/aws-apigateway RestAPI`. */
    readonly title: string;
    /** Child type → top-level property → the library's argument that sets it. */
    readonly properties?: Readonly<Record<string, Readonly<Record<string, string>>>>;
    /** Rule → the argument that decides it, for libraries whose arguments map to rules (ours). */
    readonly rules?: Readonly<Record<string, string>>;
    /**
     * Operations the library writes into an API's OpenAPI body from its routes: rule → what to set
     * on the route (the operation's endpoint is named with it).
     */
    readonly routeFields?: Readonly<Record<string, string>>;
    /** The argument holding the routes an API body is generated from. */
    readonly routesArgument?: string;
    /** Child type → the output that exposes it, for resources users add around the component. */
    readonly outputs?: Readonly<Record<string, string>>;
}

/** Route fields @pulumi/aws-apigateway and awsx's classic API share (the former grew out of the latter). */
const SWAGGER_ROUTE_FIELDS: Readonly<Record<string, string>> = {
    "rest-method-authorization": "`authorizers` (a Lambda or Cognito authorizer) or `iamAuthEnabled: true`",
    "rest-request-validation": "`requestValidator` and `requiredParameters`",
    "authorizer-cache-ttl": "`authorizerResultTtlInSeconds` of its authorizer in `authorizers`",
};

const STAGE_ARGS = ["accessLogSettings", "cacheClusterEnabled", "cacheClusterSize", "clientCertificateId", "description", "documentationVersion", "tags", "variables", "xrayTracingEnabled"];
const REST_API_ARGS = ["name", "binaryMediaTypes", "apiKeySource", "description", "endpointConfiguration", "minimumCompressionSize", "policy"];
const prefixed = (prefix: string, names: readonly string[]) => Object.fromEntries(names.map((name) => [name, `${prefix}.${name}`]));

/** What SecureRestApi and SecureHttpApi share: the rules their common arguments decide. */
const GATEHOUSE_COMMON_RULES: Readonly<Record<string, string>> = {
    "stage-throttling": "throttling",
    "stage-access-logging": "accessLogs",
    "access-log-group": "accessLogs.args (retentionInDays, kmsKey)",
    "stage-alarms": "alarms",
    "execute-api-endpoint-disabled": "disableExecuteApiEndpoint",
    "custom-domain-tls": "domain.args.securityPolicy",
    "acm-certificate": "domain.args (domainName, certificate)",
    "required-tags": "tags",
    "authorizer-cache-ttl": "authorizer.lambda.resultTtlSeconds",
};

const LIBRARIES: ReadonlyMap<string, ComponentLibrary> = new Map<string, ComponentLibrary>([
    ["aws-apigateway:index:RestAPI", {
        title: "@pulumi/aws-apigateway RestAPI",
        properties: {
            [T.RestApi]: {
                disableExecuteApiEndpoint: "disableExecuteApiEndpoint", tags: "tags", apiKeySource: "apiKeySource",
                binaryMediaTypes: "binaryMediaTypes", description: "description", body: "routes",
            },
            [T.Stage]: { stageName: "stageName" },
        },
        routeFields: SWAGGER_ROUTE_FIELDS,
        routesArgument: "routes",
        outputs: { [T.RestApi]: "api", [T.Stage]: "stage", [T.Deployment]: "deployment" },
    }],
    ["aws:apigateway:x:API", {
        title: "@pulumi/awsx classic apigateway.API",
        properties: {
            [T.RestApi]: { ...prefixed("restApiArgs", REST_API_ARGS), body: "routes" },
            [T.Stage]: { ...prefixed("stageArgs", STAGE_ARGS), stageName: "stageName" },
            [T.Deployment]: { description: "deploymentArgs.description", stageDescription: "deploymentArgs.stageDescription" },
        },
        routeFields: SWAGGER_ROUTE_FIELDS,
        routesArgument: "routes",
        outputs: { [T.RestApi]: "restAPI", [T.Stage]: "stage", [T.Deployment]: "deployment" },
    }],
    ["gatehouse:index:SecureRestApi", {
        title: "Gatehouse SecureRestApi",
        rules: {
            ...GATEHOUSE_COMMON_RULES,
            "rest-method-authorization": "routes[].authorization (with `openApi`: the operation's `security`, or `publicOperations`)",
            "endpoint-type-allowed": "endpointType",
            "rest-stage-xray": "tracingEnabled",
            "rest-request-validation": "requestValidation",
            "rest-execution-logging": "logging (loggingLevel, metricsEnabled)",
            "data-trace-disabled": "logging.dataTraceEnabled",
            "cache-encryption": "caching.dataEncrypted",
            "stage-caching": "caching",
            "rest-stage-waf": "webAcl",
            "waf-rate-based-rule": "webAcl.args.rateLimit",
            "waf-web-acl-rules": "webAcl.args.managedRuleGroups",
            "cors-allowed-origins": "cors.allowOrigin",
            "rest-api-resource-policy": "policy",
            "usage-plan-limits": "usagePlans[] (throttle, quota)",
        },
    }],
    ["gatehouse:index:SecureHttpApi", {
        title: "Gatehouse SecureHttpApi",
        rules: {
            ...GATEHOUSE_COMMON_RULES,
            "v2-route-authorization": "routes[].authorization",
            "cors-allowed-origins": "cors.allowOrigins",
            "custom-domain-mutual-tls": "domain.args.mutualTls",
        },
    }],
    ["gatehouse:index:SecureWebSocketApi", {
        title: "Gatehouse SecureWebSocketApi",
        rules: {
            ...GATEHOUSE_COMMON_RULES,
            "v2-route-authorization": "connect.authorization (with `authorizer`)",
            "websocket-execution-logging": "logging (loggingLevel, detailedMetricsEnabled)",
            "data-trace-disabled": "logging.dataTraceEnabled",
        },
    }],
]);

/** The types in a Pulumi URN's qualified type, outermost ancestor first, the resource's own last. */
function typeChain(urn: string): string[] {
    if (!urn.startsWith("urn:pulumi:")) {
        return [];
    }
    const parts = urn.split("::");
    return parts.length >= 4 ? parts[2].split("$") : [];
}

export interface FixSubject {
    readonly ruleId: string;
    /** The resource the finding is reported on (the host of a derived one). */
    readonly resource: Resource;
    /** The reported property path. */
    readonly path?: string;
    /** The endpoint, for a finding on an operation of an API body. */
    readonly endpoint?: string;
    /** True when the finding is on an operation derived from the resource's body. */
    readonly fromBody?: boolean;
}

/**
 * The fix for a finding on a resource a known component library created, in the library's terms;
 * undefined for resources the user declared themselves (the rule's own remediation applies).
 */
export function componentFix(subject: FixSubject): string | undefined {
    // Only a child's URN has ancestors' types ("$"): the common case costs one scan of the id.
    if (!subject.resource.id.includes("$")) {
        return undefined;
    }
    const chain = typeChain(subject.resource.id);
    for (let index = chain.length - 2; index >= 0; index--) {
        const library = LIBRARIES.get(chain[index]);
        if (library) {
            // The library, not its instance: a Pulumi Analyze request carries no parent, and a fix
            // must read the same before the resource is created and after.
            return fixIn(library, library.title, subject);
        }
    }
    return undefined;
}

/** `accessLogs.args (retentionInDays, kmsKey)` → "`accessLogs.args` argument (retentionInDays, kmsKey)". */
function argumentText(spec: string): string {
    const [, name, detail] = /^(\S+)(?: \((.*)\))?$/.exec(spec)!;
    return `\`${name}\` argument${detail ? ` (${detail})` : ""}`;
}

function fixIn(library: ComponentLibrary, component: string, subject: FixSubject): string {
    const { ruleId, resource, path } = subject;
    const type = resource.type.slice(resource.type.lastIndexOf(":") + 1);
    const byRule = library.rules?.[ruleId];
    if (byRule !== undefined) {
        return `set it with the ${argumentText(byRule)} of ${component}`;
    }
    const routeField = subject.fromBody ? library.routeFields?.[ruleId] : undefined;
    if (routeField !== undefined && library.routesArgument) {
        const route = subject.endpoint ? `the ${escapeControl(subject.endpoint)} route` : "the route";
        return `set ${routeField} on ${route} in the \`${library.routesArgument}\` argument of ${component}`;
    }
    const property = path === undefined ? undefined : /^[^.#[]*/.exec(path)![0];
    const argument = property === undefined ? undefined : library.properties?.[resource.type]?.[property];
    if (argument !== undefined) {
        return `set it with the ${argumentText(argument)} of ${component}`;
    }
    const output = library.outputs?.[resource.type];
    if (property === undefined && output !== undefined) {
        return `${component} does not create it: add what the rule's remediation describes next to the component, for the ${type} the component exposes as its \`${output}\` output`;
    }
    const what = property === undefined ? `this ${type}` : `the ${type}'s \`${escapeControl(property)}\``;
    return `${component} has no argument for ${what}: set it with a \`transforms\` resource option on the component (matching \`${resource.type}\`), or waive ${ruleId} with a reason`;
}
