/**
 * The API surface API Gateway creates without a resource of its own describing it: the methods,
 * routes, integrations, authorizers and validators of an OpenAPI `body`; the route, integration
 * and `$default` stage of a quick-create HTTP API; the stage a REST Deployment's `stageName`
 * creates. Each becomes a canonical resource marked `derived`, so every rule reads them as it
 * reads the resources users declare, and every finding lands on what the user wrote.
 */
import {
    effectiveSecurity, extension, operations, pointer, readDocument, schemeKind, SecurityScheme, securitySchemes,
} from "./openapi";
import { addToGroup, inGroups } from "./groups";
import { apiKindOf } from "./links";
import { lit, msg } from "./message";
import type { Derivation, Resource } from "./resource";
import { T } from "./types";
import { asBoolean, isPlainObject, isUnknown, peek, someLeaf, UNKNOWN } from "./values";

/** What derivation may look at: the resources the user declared. */
export interface DeclaredView {
    ofType(type: string): readonly Resource[];
}

export interface Expansion {
    /** The host with what its document adds to it (policy, endpoint settings, CORS), when it adds something. */
    readonly effective?: Resource;
    readonly derived: readonly Resource[];
}

const NONE: Expansion = { derived: [] };

/** The types whose resources can define surface. */
export const HOST_TYPES: ReadonlySet<string> = new Set([T.RestApi, T.V2Api, T.Deployment]);

interface DerivedParts {
    readonly type: string;
    /** Unique within the host: `POST /orders`, `authorizer cognito`. */
    readonly key: string;
    readonly props: Record<string, unknown>;
    readonly refs?: Record<string, readonly string[]>;
    readonly derivation: Omit<Derivation, "host">;
}

function secretsOf(host: Resource, documentLeaves: () => Iterable<string>): () => ReadonlySet<string> | undefined {
    let computed: ReadonlySet<string> | undefined | null = null;
    return () => {
        if (computed === null) {
            const own = host.secretValues();
            const body = peek(host.props, "body");
            if (own !== undefined && typeof body === "string" && own.has(body)) {
                // A secret document: everything read from it is secret.
                const all = new Set(own);
                for (const leaf of documentLeaves()) {
                    all.add(leaf);
                }
                computed = all;
            } else {
                computed = own;
            }
        }
        return computed;
    };
}

/**
 * A resource derived from a host. A class, not a literal with getters: a document can derive
 * thousands, and what is computed on demand lives on the prototype, not in per-resource closures.
 */
class DerivedResource implements Resource {
    readonly type: string;
    readonly id: string;
    readonly props: Record<string, unknown>;
    readonly refs: Readonly<Record<string, readonly string[]>>;
    readonly derived: Derivation;
    private declaredNames?: ReadonlySet<string>;

    private readonly key: string;

    constructor(private readonly host: Resource, parts: DerivedParts, private readonly secrets: () => ReadonlySet<string> | undefined) {
        this.type = parts.type;
        this.key = parts.key;
        this.id = `${host.id}#${parts.key}`;
        this.props = parts.props;
        this.refs = parts.refs ?? NO_DERIVED_REFS;
        this.derived = Object.assign(parts.derivation as Derivation, { host });
    }

    get name(): string {
        return `${this.host.name} ${this.key}`;
    }

    get origin() {
        return this.host.origin;
    }

    get parent() {
        return this.host.parent;
    }

    /** Everything a derived resource holds was written in the document. */
    get declared(): ReadonlySet<string> {
        return this.declaredNames ??= new Set(Object.keys(this.props));
    }

    secretValues(): ReadonlySet<string> | undefined {
        return this.secrets();
    }
}

const NO_DERIVED_REFS: Readonly<Record<string, readonly string[]>> = Object.freeze({});

function upper(value: unknown): unknown {
    return typeof value === "string" && !isUnknown(value) ? value.toUpperCase() : value;
}

/** The record without its undefined values; copied rather than deleted from, which keeps V8's fast object shapes. */
function defined(record: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key in record) {
        if (record[key] !== undefined) {
            out[key] = record[key];
        }
    }
    return out;
}

/** A host property is left to the document when the user did not set it. */
function unsetOnHost(host: Resource, prop: string): boolean {
    const value = peek(host.props, prop);
    if (host.declared && !host.declared.has(prop)) {
        return true;
    }
    return value === undefined || value === null || value === "" || isUnknown(value);
}

/** Body references (Pulumi propertyDependencies, Terraform references): what an unknown value inside it may be. */
function bodyRefs(host: Resource, value: unknown): readonly string[] | undefined {
    return isUnknown(value) || (Array.isArray(value) && value.some(isUnknown)) ? host.refs["body"] : undefined;
}

type Protocol = "REST" | "HTTP";

/**
 * Maps a derived resource's property path to the document: `prop` → pointer, the rest appended.
 * `relative` targets are suffixes of `base` (most maps are the same for every document, so they
 * are constants and nothing is built until a finding asks).
 */
function documentPath(base: string, props: Readonly<Record<string, string>>, fallback: string, relative = false): (path: string | undefined) => string {
    return (path) => {
        if (path === undefined || path === "") {
            return `body#${fallback}`;
        }
        for (const prop in props) {
            const target = relative ? base + props[prop] : props[prop];
            if (path === prop) {
                return `body#${target}`;
            }
            if (path.startsWith(`${prop}.`)) {
                // Map keys (`method.response.header.X`) hold dots: the rest is one segment.
                return `body#${target}${pointer(path.slice(prop.length + 1))}`;
            }
        }
        return `body#${base}`;
    };
}

/**
 * How one of API Gateway's extension blocks (`x-amazon-apigateway-integration`, `-authorizer`)
 * maps to a canonical resource: block field → property, the fields whose value may be a reference
 * known only at apply, and each property's pointer under the block (what findings point at).
 */
interface FieldTable {
    readonly fields: Readonly<Record<string, string>>;
    readonly referencing: ReadonlySet<string>;
    readonly paths: Readonly<Record<string, string>>;
}

function fieldTable(fields: Record<string, string>, referencing: readonly string[], morePaths: Record<string, string> = {}): FieldTable {
    const paths = { ...morePaths };
    for (const [field, prop] of Object.entries(fields)) {
        paths[prop] ??= `/${field}`;
    }
    return { fields, referencing: new Set(referencing), paths };
}

const UPPER_CASE_FIELDS = new Set(["type", "connectionType"]);

/** Copies a block's fields into canonical props; a field that may reference another resource takes the body's references while unknown. */
function readFields(api: Resource, block: Record<string, unknown>, table: FieldTable, props: Record<string, unknown>, refs: Record<string, readonly string[]>): void {
    for (const [field, prop] of Object.entries(table.fields)) {
        const value = block[field];
        if (value === undefined || (field === "tlsConfig" && !isPlainObject(value))) {
            continue;
        }
        props[prop] = UPPER_CASE_FIELDS.has(field) ? upper(value) : value;
        const unknownFrom = table.referencing.has(field) ? bodyRefs(api, value) : undefined;
        if (unknownFrom) {
            refs[prop] = unknownFrom;
        }
    }
}

const AUTHORIZER_FIELDS: Readonly<Record<Protocol, FieldTable>> = {
    REST: fieldTable({
        type: "type", authorizerUri: "authorizerUri", authorizerCredentials: "authorizerCredentials",
        authorizerResultTtlInSeconds: "authorizerResultTtlInSeconds", identitySource: "identitySource",
        identityValidationExpression: "identityValidationExpression", providerARNs: "providerArns",
    }, ["providerARNs", "authorizerUri", "authorizerCredentials"]),
    HTTP: fieldTable({
        type: "authorizerType", authorizerUri: "authorizerUri", authorizerCredentials: "authorizerCredentialsArn",
        authorizerResultTtlInSeconds: "authorizerResultTtlInSeconds", authorizerPayloadFormatVersion: "authorizerPayloadFormatVersion",
        enableSimpleResponses: "enableSimpleResponses", identitySource: "identitySources",
    }, ["authorizerCredentials"], {
        // `jwtConfiguration.audience` is `audiences` in the canonical model.
        "jwtConfiguration.issuer": "/jwtConfiguration/issuer", "jwtConfiguration.audiences": "/jwtConfiguration/audience", jwtConfiguration: "/jwtConfiguration",
    }),
};

const VALIDATOR_PATHS = { validateRequestBody: "/validateRequestBody", validateRequestParameters: "/validateRequestParameters" };
const RESPONSE_PATHS = { responseParameters: "/responseParameters" };

function authorizerParts(api: Resource, protocol: Protocol, scheme: SecurityScheme): DerivedParts | undefined {
    const kind = schemeKind(scheme);
    const definition = scheme.value["x-amazon-apigateway-authorizer"];
    if (!isPlainObject(definition) || !(kind === "CUSTOM" || kind === "COGNITO_USER_POOLS" || kind === "JWT")) {
        return undefined;
    }
    const base = `${scheme.pointer}/x-amazon-apigateway-authorizer`;
    const derivation = {
        label: msg`OpenAPI security scheme ${scheme.name}`,
        source: "openapi" as const,
    };
    const table = AUTHORIZER_FIELDS[protocol];
    const props: Record<string, unknown> = protocol === "REST" ? { name: scheme.name, restApi: api.id } : { name: scheme.name, apiId: api.id };
    const refs: Record<string, readonly string[]> = protocol === "REST" ? { restApi: [api.id] } : { apiId: [api.id] };
    readFields(api, definition, table, props, refs);
    if (protocol === "HTTP") {
        // HTTP API documents give identity sources as one comma-separated string.
        const identitySources = props["identitySources"];
        if (typeof identitySources === "string") {
            props["identitySources"] = identitySources.split(",").map((item) => item.trim());
        }
        const jwt = definition["jwtConfiguration"];
        if (isPlainObject(jwt)) {
            props["jwtConfiguration"] = defined({ issuer: jwt["issuer"], audiences: jwt["audience"] });
            const issuerFrom = bodyRefs(api, jwt["issuer"]);
            if (issuerFrom) {
                refs["jwtConfiguration"] = issuerFrom;
            }
        }
    }
    return {
        type: protocol === "REST" ? T.Authorizer : T.V2Authorizer,
        key: `authorizer ${scheme.name}`,
        props,
        refs,
        derivation: { ...derivation, hostPath: documentPath(base, table.paths, base, true) },
    };
}

/** `x-amazon-apigateway-integration` fields → the canonical integration's properties, per API kind. */
const INTEGRATION_FIELDS: Readonly<Record<Protocol, FieldTable>> = {
    REST: fieldTable({
        type: "type", uri: "uri", credentials: "credentials", httpMethod: "integrationHttpMethod", connectionType: "connectionType",
        connectionId: "connectionId", tlsConfig: "tlsConfig", passthroughBehavior: "passthroughBehavior",
    }, ["uri", "credentials"]),
    HTTP: fieldTable({
        type: "integrationType", uri: "integrationUri", credentials: "credentialsArn", httpMethod: "integrationMethod", connectionType: "connectionType",
        connectionId: "connectionId", tlsConfig: "tlsConfig", payloadFormatVersion: "payloadFormatVersion",
    }, ["uri", "credentials"]),
};

/** An operation's integration as a canonical Integration (REST) or V2Integration (HTTP). */
function integrationParts(api: Resource, protocol: Protocol, integration: Record<string, unknown>, base: string, endpoint: string,
    links: { props: Record<string, unknown>; refs: Record<string, readonly string[]> }): DerivedParts {
    const props: Record<string, unknown> = { ...links.props };
    const refs: Record<string, readonly string[]> = { ...links.refs };
    readFields(api, integration, INTEGRATION_FIELDS[protocol], props, refs);
    return {
        type: protocol === "REST" ? T.Integration : T.V2Integration,
        key: `${endpoint} integration`,
        props,
        refs,
        // A finding about a missing field points where it belongs.
        derivation: { label: msg`the integration of OpenAPI operation ${endpoint}`, endpoint, source: "openapi", hostPath: documentPath(base, INTEGRATION_FIELDS[protocol].paths, base, true) },
    };
}

const BODY_PARAMETER_LOCATIONS: Readonly<Record<string, string>> = { query: "querystring", header: "header", path: "path" };

/** `method.request.querystring.name` → required, from OpenAPI parameters (a `$ref` counts, unnamed). */
function requestParameters(parameters: readonly unknown[]): { parameters: Record<string, boolean>; body: boolean } {
    const out: Record<string, boolean> = {};
    let body = false;
    parameters.forEach((parameter, index) => {
        if (!isPlainObject(parameter)) {
            return;
        }
        if (typeof parameter["$ref"] === "string") {
            out[`method.request.ref.${index}`] = false;
            return;
        }
        if (parameter["in"] === "body") {
            body = true;
            return;
        }
        const location = BODY_PARAMETER_LOCATIONS[String(parameter["in"])];
        if (location && typeof parameter["name"] === "string") {
            out[`method.request.${location}.${parameter["name"]}`] = asBoolean(parameter["required"]) === true;
        }
    });
    return { parameters: out, body };
}

/** The operations of an OpenAPI document as canonical resources of a REST or HTTP API. */
function documentSurface(api: Resource, protocol: Protocol, document: Record<string, unknown>, secrets: () => ReadonlySet<string> | undefined): Resource[] {
    const out: Resource[] = [];
    const add = (parts: DerivedParts): Resource => {
        const resource = new DerivedResource(api, parts, secrets);
        out.push(resource);
        return resource;
    };
    const schemes = securitySchemes(document);
    const authorizers = new Map<string, Resource>();
    for (const scheme of schemes.values()) {
        const parts = authorizerParts(api, protocol, scheme);
        if (parts) {
            authorizers.set(scheme.name, add(parts));
        }
    }
    const validators = new Map<string, Resource>();
    const validatorDefinitions = extension(document, "request-validators");
    if (protocol === "REST" && isPlainObject(validatorDefinitions)) {
        for (const [name, definition] of Object.entries(validatorDefinitions)) {
            if (!isPlainObject(definition)) {
                continue;
            }
            const base = pointer("x-amazon-apigateway-request-validators", name);
            validators.set(name, add({
                type: T.RequestValidator,
                key: `request validator ${name}`,
                props: defined({ name, restApi: api.id, validateRequestBody: definition["validateRequestBody"], validateRequestParameters: definition["validateRequestParameters"] }),
                refs: { restApi: [api.id] },
                derivation: {
                    label: msg`OpenAPI request validator ${name}`,
                    source: "openapi",
                    hostPath: documentPath(base, VALIDATOR_PATHS, base, true),
                },
            }));
        }
    }
    if (protocol === "REST") {
        const responses = extension(document, "gateway-responses");
        if (isPlainObject(responses)) {
            for (const [type, response] of Object.entries(responses)) {
                if (!isPlainObject(response)) {
                    continue;
                }
                const base = pointer("x-amazon-apigateway-gateway-responses", type);
                add({
                    type: T.GatewayResponse,
                    key: `gateway response ${type}`,
                    props: defined({ restApiId: api.id, responseType: type, statusCode: response["statusCode"], responseParameters: response["responseParameters"] }),
                    refs: { restApiId: [api.id] },
                    derivation: {
                        label: msg`OpenAPI gateway response ${type}`,
                        source: "openapi",
                        hostPath: documentPath(base, RESPONSE_PATHS, base, true),
                    },
                });
            }
        }
    }
    const defaultValidator = extension(document, "request-validator");
    const resources = new Map<string, Resource>();
    for (const operation of operations(document)) {
        const endpoint = protocol === "HTTP" && operation.path === "/$default" ? "$default" : `${operation.method} ${operation.path}`;
        const security = effectiveSecurity(document, operation, schemes);
        const authorizer = security.scheme ? authorizers.get(security.scheme.name) : undefined;
        const integration = operation.value["x-amazon-apigateway-integration"];
        const integrationBase = `${operation.pointer}/x-amazon-apigateway-integration`;
        const label = msg`OpenAPI operation ${endpoint}`;
        const opPath = (props: Record<string, string>) => documentPath(operation.pointer, props, operation.pointer);
        if (protocol === "REST") {
            let resource = resources.get(operation.path);
            if (!resource) {
                resource = add({
                    type: T.Resource,
                    key: operation.path,
                    props: { restApi: api.id, path: operation.path, pathPart: operation.path.split("/").pop() ?? "" },
                    refs: { restApi: [api.id] },
                    derivation: { label: msg`OpenAPI path ${operation.path}`, source: "openapi", hostPath: () => `body#${pointer("paths", operation.path)}` },
                });
                resources.set(operation.path, resource);
            }
            const validatorName = Object.prototype.hasOwnProperty.call(operation.value, "x-amazon-apigateway-request-validator")
                ? operation.value["x-amazon-apigateway-request-validator"]
                : defaultValidator;
            const validator = typeof validatorName === "string" ? validators.get(validatorName) : undefined;
            const params = requestParameters([...operation.pathParameters, ...(Array.isArray(operation.value["parameters"]) ? operation.value["parameters"] : [])]);
            const requestBody = operation.value["requestBody"];
            const hasBodyModel = params.body || (isPlainObject(requestBody) && requestBody["content"] !== undefined);
            const validatorPointer = Object.prototype.hasOwnProperty.call(operation.value, "x-amazon-apigateway-request-validator")
                ? `${operation.pointer}/x-amazon-apigateway-request-validator`
                : defaultValidator !== undefined ? "/x-amazon-apigateway-request-validator" : operation.pointer;
            const method = add({
                type: T.Method,
                key: endpoint,
                props: defined({
                    restApi: api.id,
                    resourceId: resource.id,
                    httpMethod: operation.method,
                    authorization: security.authorization,
                    authorizerId: authorizer?.id,
                    authorizationScopes: security.scopes.length > 0 ? security.scopes : undefined,
                    apiKeyRequired: security.apiKeyRequired,
                    requestValidatorId: validator?.id ?? (isUnknown(validatorName) ? UNKNOWN : typeof validatorName === "string" ? validatorName : undefined),
                    requestParameters: Object.keys(params.parameters).length > 0 ? params.parameters : undefined,
                    requestModels: hasBodyModel ? { "application/json": "(document)" } : undefined,
                    operationName: operation.value["operationId"],
                }),
                refs: defined({
                    restApi: [api.id],
                    resourceId: [resource.id],
                    authorizerId: authorizer ? [authorizer.id] : undefined,
                    requestValidatorId: validator ? [validator.id] : undefined,
                }) as Record<string, readonly string[]>,
                derivation: {
                    label,
                    endpoint,
                    source: "openapi",
                    hostPath: opPath({
                        authorization: security.pointer,
                        authorizerId: security.pointer,
                        authorizationScopes: security.pointer,
                        apiKeyRequired: security.pointer,
                        requestValidatorId: validatorPointer,
                        resourceId: operation.pointer,
                    }),
                },
            });
            if (isPlainObject(integration)) {
                add(integrationParts(api, "REST", integration, integrationBase, endpoint, {
                    props: { restApi: api.id, resourceId: resource.id, httpMethod: operation.method },
                    refs: { restApi: [api.id], resourceId: [resource.id], httpMethod: [method.id] },
                }));
                const responses = integration["responses"];
                if (isPlainObject(responses)) {
                    for (const [pattern, response] of Object.entries(responses)) {
                        if (!isPlainObject(response)) {
                            continue;
                        }
                        const base = `${integrationBase}/responses${pointer(pattern)}`;
                        add({
                            type: T.IntegrationResponse,
                            key: `${endpoint} integration response ${pattern}`,
                            props: defined({
                                restApi: api.id,
                                resourceId: resource.id,
                                httpMethod: operation.method,
                                statusCode: response["statusCode"],
                                selectionPattern: pattern === "default" ? undefined : pattern,
                                responseParameters: response["responseParameters"],
                            }),
                            refs: { restApi: [api.id], resourceId: [resource.id] },
                            derivation: {
                                label: msg`an integration response of OpenAPI operation ${endpoint}`,
                                endpoint,
                                source: "openapi",
                                hostPath: documentPath(base, RESPONSE_PATHS, base, true),
                            },
                        });
                    }
                }
            }
            continue;
        }
        const route = add({
            type: T.V2Route,
            key: endpoint,
            props: defined({
                apiId: api.id,
                routeKey: endpoint,
                authorizationType: security.authorization,
                authorizerId: authorizer?.id,
                authorizationScopes: security.scopes.length > 0 ? security.scopes : undefined,
                operationName: operation.value["operationId"],
            }),
            refs: defined({ apiId: [api.id], authorizerId: authorizer ? [authorizer.id] : undefined }) as Record<string, readonly string[]>,
            derivation: {
                label,
                endpoint,
                source: "openapi",
                hostPath: opPath({
                    authorizationType: security.pointer,
                    authorizerId: security.pointer,
                    authorizationScopes: security.pointer,
                    routeKey: operation.pointer,
                }),
            },
        });
        if (isPlainObject(integration)) {
            add(integrationParts(api, "HTTP", integration, integrationBase, endpoint, {
                props: { apiId: api.id },
                refs: { apiId: [api.id], route: [route.id] },
            }));
        }
    }
    return out;
}

/** What a body can define, per protocol, that rules judge: an unreadable body stands in for each. */
const OPAQUE_KINDS: Record<Protocol, readonly { type: string; label: string }[]> = {
    REST: [
        { type: T.Method, label: "the OpenAPI body's operations" },
        { type: T.Authorizer, label: "the OpenAPI body's authorizers" },
        { type: T.GatewayResponse, label: "the OpenAPI body's gateway responses" },
        { type: T.IntegrationResponse, label: "the OpenAPI body's integration responses" },
    ],
    HTTP: [
        { type: T.V2Route, label: "the OpenAPI body's operations" },
        { type: T.V2Authorizer, label: "the OpenAPI body's authorizers" },
        { type: T.V2Integration, label: "the OpenAPI body's integrations" },
    ],
};

/** Stand-ins for what a body that cannot be read defines: every rule about them says so, once. */
function opaqueSurface(api: Resource, protocol: Protocol, reason: string, untilApply: boolean, secrets: () => ReadonlySet<string> | undefined): Resource[] {
    return OPAQUE_KINDS[protocol].map(({ type, label }) => new DerivedResource(api, {
        type,
        key: `(${label})`,
        props: {},
        derivation: {
            label,
            source: "openapi",
            hostPath: () => "body",
            opaque: { reason, untilApply },
        },
    }, secrets));
}

/** The API-wide settings a body can make, by the API property they stand for. */
const OVERLAY: readonly { prop: string; protocol?: Protocol; path: string; read: (document: Record<string, unknown>) => unknown }[] = [
    { prop: "policy", protocol: "REST", path: "body#/x-amazon-apigateway-policy", read: (document) => extension(document, "policy") },
    {
        prop: "disableExecuteApiEndpoint",
        path: "body#/x-amazon-apigateway-endpoint-configuration/disableExecuteApiEndpoint",
        read: (document) => {
            const endpoint = extension(document, "endpoint-configuration");
            return isPlainObject(endpoint) ? endpoint["disableExecuteApiEndpoint"] : undefined;
        },
    },
    { prop: "apiKeySource", protocol: "REST", path: "body#/x-amazon-apigateway-api-key-source", read: (document) => extension(document, "api-key-source") },
    { prop: "corsConfiguration", protocol: "HTTP", path: "body#/x-amazon-apigateway-cors", read: (document) => extension(document, "cors") },
];

/**
 * What the document says of the API itself, where the API's own arguments leave it unset. A body
 * not known yet (`document` undefined) may set any of it: those settings are unknown too.
 */
function effectiveApi(api: Resource, protocol: Protocol, document: Record<string, unknown> | undefined): Resource | undefined {
    const overlay: Record<string, unknown> = {};
    const paths: Record<string, string> = {};
    for (const { prop, protocol: only, path, read } of OVERLAY) {
        if ((only !== undefined && only !== protocol) || !unsetOnHost(api, prop)) {
            continue;
        }
        const value = document === undefined ? UNKNOWN : read(document);
        if (value !== undefined) {
            overlay[prop] = value;
            paths[prop] = document === undefined ? "body" : path;
        }
    }
    if (Object.keys(overlay).length === 0) {
        return undefined;
    }
    const props = { ...api.props, ...overlay };
    return {
        type: api.type,
        name: api.name,
        id: api.id,
        get props() {
            return props;
        },
        origin: api.origin,
        refs: api.refs,
        parent: api.parent,
        options: api.options,
        declared: api.declared,
        secretValues: () => api.secretValues(),
        derived: {
            host: api,
            label: undefined,
            source: "openapi",
            hostPath: (path) => {
                if (path === undefined) {
                    return "";
                }
                for (const [prop, target] of Object.entries(paths)) {
                    if (path === prop || path.startsWith(`${prop}.`)) {
                        return target === "body" ? target : target + (path === prop ? "" : pointer(...path.slice(prop.length + 1).split(".")));
                    }
                }
                return path;
            },
        },
    };
}

function documentLeaves(document: Record<string, unknown>): () => Iterable<string> {
    return () => {
        const leaves: string[] = [];
        someLeaf(document, (leaf) => {
            if (leaf !== "") {
                leaves.push(String(leaf));
            }
        });
        return leaves;
    };
}


/**
 * The resources of a list that may refer to one of `targets` through `prop`: those whose
 * references or known value there name it. Indexed once per list and extended as the list grows
 * (derivation adds to the lists it reads), so that asking once per API stays linear in the stack.
 * A superset of the matches: callers apply their own test to what it returns.
 */
const REFERRER_INDEXES = new WeakMap<readonly Resource[], Map<string, { indexed: number; byTarget: Map<string, Resource[]> }>>();

function candidatesReferring(list: readonly Resource[], prop: string, targets: readonly unknown[]): readonly Resource[] {
    let byProp = REFERRER_INDEXES.get(list);
    if (!byProp) {
        byProp = new Map();
        REFERRER_INDEXES.set(list, byProp);
    }
    let index = byProp.get(prop);
    if (!index) {
        index = { indexed: 0, byTarget: new Map() };
        byProp.set(prop, index);
    }
    const { byTarget } = index;
    for (; index.indexed < list.length; index.indexed++) {
        const resource = list[index.indexed];
        const value = peek(resource.props, prop);
        const keys = new Set(resource.refs[prop] ?? []);
        if (typeof value === "string" && !isUnknown(value)) {
            keys.add(value);
        }
        for (const key of keys) {
            addToGroup(byTarget, key, resource);
        }
    }
    return [...inGroups(byTarget, targets.filter((target): target is string => typeof target === "string"))];
}

/** The resources of `type` that belong to `api` through `prop` (sameApi), found without a scan of the type. */
function ofApi(declared: DeclaredView, type: string, prop: string, api: Resource): readonly Resource[] {
    return candidatesReferring(declared.ofType(type), prop, [api.id, peek(api.props, "id")]).filter((resource) => sameApi(resource, prop, api));
}

function sameApi(resource: Resource, prop: string, api: Resource): boolean {
    if ((resource.refs[prop] ?? []).includes(api.id)) {
        return true;
    }
    const value = peek(resource.props, prop);
    const id = peek(api.props, "id");
    return typeof value === "string" && !isUnknown(value) && typeof id === "string" && value === id;
}

/** Quick create: `target` (and `routeKey`) on an HTTP API make a route, its integration and an auto-deployed `$default` stage. */
function quickCreateSurface(api: Resource, declared: DeclaredView): Resource[] {
    const target = peek(api.props, "target");
    if (target === undefined || target === null || target === "") {
        return [];
    }
    const secrets = () => api.secretValues();
    const routeKey = peek(api.props, "routeKey");
    const key = typeof routeKey === "string" && routeKey !== "" ? routeKey : isUnknown(routeKey) ? UNKNOWN : "$default";
    const label = (what: string) => lit(`quick-create ${what}`);
    const out: Resource[] = [];
    const integrationType = isUnknown(target) ? UNKNOWN
        : typeof target === "string" && /^https?:\/\//i.test(target) ? "HTTP_PROXY" : "AWS_PROXY";
    const integration = new DerivedResource(api, {
        type: T.V2Integration,
        key: "quick-create integration",
        props: defined({ apiId: api.id, integrationType, integrationUri: target, credentialsArn: peek(api.props, "credentialsArn"), payloadFormatVersion: "2.0" }),
        refs: defined({ apiId: [api.id], integrationUri: api.refs["target"], credentialsArn: api.refs["credentialsArn"] }) as Record<string, readonly string[]>,
        derivation: { label: label("integration"), source: "quick-create", hostPath: (path) => (path === "credentialsArn" ? "credentialsArn" : "target") },
    }, secrets);
    out.push(integration);
    const declaredRoute = ofApi(declared, T.V2Route, "apiId", api).some((route) => peek(route.props, "routeKey") === key);
    if (!declaredRoute) {
        out.push(new DerivedResource(api, {
            type: T.V2Route,
            key: typeof key === "string" && !isUnknown(key) ? key : "quick-create route",
            props: { apiId: api.id, routeKey: key, authorizationType: "NONE", target: `integrations/${integration.id}` },
            refs: { apiId: [api.id], target: [integration.id] },
            derivation: {
                label: isUnknown(key) ? "quick-create route" : msg`quick-create route ${key}`,
                endpoint: isUnknown(key) ? undefined : key,
                source: "quick-create",
                hostPath: () => (typeof routeKey === "string" && routeKey !== "" ? "routeKey" : "target"),
            },
        }, secrets));
    }
    const declaredStage = ofApi(declared, T.V2Stage, "apiId", api).some((stage) => peek(stage.props, "name") === "$default");
    if (!declaredStage) {
        out.push(new DerivedResource(api, {
            type: T.V2Stage,
            key: "quick-create stage $default",
            props: { apiId: api.id, name: "$default", autoDeploy: true },
            refs: { apiId: [api.id] },
            derivation: { label: label("stage $default"), source: "quick-create", hostPath: () => "target" },
        }, secrets));
    }
    return out;
}

/** `Deployment.stageName` creates a stage with nothing configured on it. */
function implicitStageSurface(deployment: Resource, declared: DeclaredView): Resource[] {
    const stageName = peek(deployment.props, "stageName");
    if (typeof stageName !== "string" || stageName === "" || isUnknown(stageName)) {
        return [];
    }
    const restApi = peek(deployment.props, "restApi");
    const apiRefs = deployment.refs["restApi"] ?? [];
    const described = candidatesReferring(declared.ofType(T.Stage), "restApi", [...apiRefs, restApi]).some((stage) => {
        if (peek(stage.props, "stageName") !== stageName) {
            return false;
        }
        const stageRefs = stage.refs["restApi"] ?? [];
        if (stageRefs.length > 0 && apiRefs.length > 0) {
            return stageRefs.some((id) => apiRefs.includes(id));
        }
        return typeof restApi === "string" && !isUnknown(restApi) && peek(stage.props, "restApi") === restApi;
    });
    if (described) {
        return [];
    }
    return [new DerivedResource(deployment, {
        type: T.Stage,
        key: `implicit stage ${stageName}`,
        props: { restApi, stageName, deployment: deployment.id },
        refs: { restApi: apiRefs, deployment: [deployment.id] },
        derivation: { label: msg`implicit stage ${stageName}`, source: "implicit-stage", hostPath: () => "stageName" },
    }, () => deployment.secretValues())];
}

/** The surface one declared resource defines. */
export function expand(resource: Resource, declared: DeclaredView): Expansion {
    if (resource.type === T.Deployment) {
        return { derived: implicitStageSurface(resource, declared) };
    }
    if (resource.type !== T.RestApi && resource.type !== T.V2Api) {
        return NONE;
    }
    const protocol = apiKindOf(resource);
    // Only HTTP APIs take `target`: one with an unknown protocol type and a target is quick-created too.
    const derived: Resource[] = protocol === "HTTP" || (protocol === undefined && resource.type === T.V2Api) ? quickCreateSurface(resource, declared) : [];
    if (protocol === "WEBSOCKET" || (protocol === undefined && resource.type === T.V2Api && !isUnknown(peek(resource.props, "body")))) {
        return { derived };
    }
    const reading = readDocument(peek(resource.props, "body"));
    if (reading.state === "absent") {
        return { derived };
    }
    const kind: Protocol = protocol === "REST" ? "REST" : "HTTP";
    const secrets = secretsOf(resource, reading.state === "document" ? documentLeaves(reading.document) : () => []);
    if (reading.state === "unknown") {
        return {
            effective: effectiveApi(resource, kind, undefined),
            derived: [...derived, ...opaqueSurface(resource, kind, "the OpenAPI body is not known during preview", true, secrets)],
        };
    }
    if (reading.state === "invalid") {
        return { derived: [...derived, ...opaqueSurface(resource, kind, `the OpenAPI body ${reading.reason}`, false, secrets)] };
    }
    return {
        effective: effectiveApi(resource, kind, reading.document),
        derived: [...derived, ...documentSurface(resource, kind, reading.document, secrets)],
    };
}
