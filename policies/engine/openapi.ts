/**
 * OpenAPI 3 and Swagger 2 documents as API Gateway reads them from a REST or HTTP API's `body`:
 * the operations, their security requirements and integrations, and the API-wide extensions
 * (`x-amazon-apigateway-*`). This module only reads documents; surface.ts turns them into the
 * canonical resources the rules read.
 */
import { describeJsonError, jsonErrorText } from "./json-text";
import { holdsUnknown, isPlainObject, isUnknown, UNKNOWN } from "./values";

export type DocumentReading =
    | { readonly state: "absent" }
    | { readonly state: "unknown" }
    | { readonly state: "invalid"; readonly reason: string }
    | { readonly state: "document"; readonly document: Record<string, unknown> };

const MAX_DOCUMENT_LENGTH = 10_000_000;
const MAX_DEPTH = 64;

/**
 * A string that holds an unknown inside a longer text (a template variable not known until
 * apply, rendered into the document) is unknown as a whole; so is a value nested too deep.
 */
function markUnknowns(value: unknown, depth = 0): unknown {
    if (typeof value === "string") {
        return value.length > 36 && holdsUnknown(value) ? UNKNOWN : value;
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (depth > MAX_DEPTH) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        return value.map((item) => markUnknowns(item, depth + 1));
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
        out[key] = markUnknowns(item, depth + 1);
    }
    return out;
}

let yamlModule: typeof import("yaml") | undefined;

/** Loaded on first use: most bodies are JSON, and the pack's start-up stays lean. */
function yaml(): typeof import("yaml") {
    yamlModule ??= require("yaml") as typeof import("yaml");
    return yamlModule;
}

function parseText(text: string): { value?: unknown; reason?: string } {
    const trimmed = text.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        try {
            return { value: JSON.parse(trimmed) };
        } catch (error) {
            // JSON is YAML too, but a JSON-looking body that JSON rejects is broken JSON.
            return { reason: `is not valid JSON ${jsonErrorText(describeJsonError(trimmed, error))}` };
        }
    }
    try {
        const documents = yaml().parseAllDocuments(trimmed);
        const list = Array.isArray(documents) ? documents : [documents];
        if (list.length !== 1) {
            return { reason: list.length === 0 ? "is empty" : "holds more than one YAML document" };
        }
        const [document] = list;
        if (document.errors.length > 0) {
            const position = document.errors[0].linePos?.[0];
            return { reason: `is not valid YAML${position ? ` at line ${position.line}, column ${position.col}` : ""}` };
        }
        return { value: document.toJS({ maxAliasCount: 100 }) };
    } catch {
        return { reason: "is not valid YAML" };
    }
}

/** Reads an API's `body`: a JSON or YAML string, or an object (a configuration may hold one). */
export function readDocument(body: unknown): DocumentReading {
    if (body === undefined || body === null || body === "") {
        return { state: "absent" };
    }
    if (isUnknown(body)) {
        return { state: "unknown" };
    }
    let value: unknown = body;
    // A text without an unknown sentinel in it needs no walk for one (most bodies).
    let mayHoldUnknowns = true;
    if (typeof body === "string") {
        if (body.length > MAX_DOCUMENT_LENGTH) {
            return { state: "invalid", reason: "is larger than API Gateway imports" };
        }
        const cached = parsedBodies.get(body);
        if (cached) {
            return cached;
        }
        const parsed = parseText(body);
        if (parsed.reason !== undefined) {
            return remember(body, { state: "invalid", reason: parsed.reason });
        }
        value = parsed.value;
        mayHoldUnknowns = holdsUnknown(body);
    }
    if (!isPlainObject(value)) {
        return { state: "invalid", reason: "is not an OpenAPI or Swagger document (not an object)" };
    }
    const document = (mayHoldUnknowns ? markUnknowns(value) : value) as Record<string, unknown>;
    const reading: DocumentReading = !("openapi" in document) && !("swagger" in document) && !("paths" in document)
        ? { state: "invalid", reason: "is not an OpenAPI or Swagger document (no `openapi`, `swagger` or `paths`)" }
        : { state: "document", document };
    return typeof body === "string" ? remember(body, reading) : reading;
}

/**
 * The pack reads each API's body twice (Analyze, then AnalyzeStack), and a stack often repeats
 * one document: the last few readings are kept by their text. Readings are never mutated.
 */
const parsedBodies = new Map<string, DocumentReading>();
const PARSED_BODIES_LIMIT = 64;

function remember(body: string, reading: DocumentReading): DocumentReading {
    if (parsedBodies.size >= PARSED_BODIES_LIMIT) {
        parsedBodies.delete(parsedBodies.keys().next().value as string);
    }
    parsedBodies.set(body, reading);
    return reading;
}

/** A JSON pointer segment (RFC 6901): `/` and `~` escaped. */
export function pointerSegment(key: string | number): string {
    return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointer(...segments: (string | number)[]): string {
    return segments.map((segment) => `/${pointerSegment(segment)}`).join("");
}

const OPERATION_KEYS: Readonly<Record<string, string>> = {
    get: "GET", put: "PUT", post: "POST", delete: "DELETE", options: "OPTIONS", head: "HEAD", patch: "PATCH",
    "x-amazon-apigateway-any-method": "ANY",
};

export interface SecurityScheme {
    readonly name: string;
    readonly value: Record<string, unknown>;
    readonly pointer: string;
}

export interface Operation {
    /** Upper-case method, `ANY` for `x-amazon-apigateway-any-method`. */
    readonly method: string;
    readonly path: string;
    readonly value: Record<string, unknown>;
    readonly pointer: string;
    /** The path item's parameters (shared by its operations). */
    readonly pathParameters: readonly unknown[];
}

/** The security schemes of a document: OpenAPI 3 `components.securitySchemes`, Swagger 2 `securityDefinitions`. */
export function securitySchemes(document: Record<string, unknown>): Map<string, SecurityScheme> {
    const schemes = new Map<string, SecurityScheme>();
    const components = document["components"];
    const sources: [unknown, string][] = [
        [isPlainObject(components) ? components["securitySchemes"] : undefined, "/components/securitySchemes"],
        [document["securityDefinitions"], "/securityDefinitions"],
    ];
    for (const [source, base] of sources) {
        if (!isPlainObject(source)) {
            continue;
        }
        for (const [name, value] of Object.entries(source)) {
            if (isPlainObject(value)) {
                schemes.set(name, { name, value, pointer: `${base}${pointer(name)}` });
            }
        }
    }
    return schemes;
}

/** Every operation of the document's `paths`, in document order. */
export function operations(document: Record<string, unknown>): Operation[] {
    const paths = document["paths"];
    const out: Operation[] = [];
    if (!isPlainObject(paths)) {
        return out;
    }
    for (const [path, item] of Object.entries(paths)) {
        if (!isPlainObject(item)) {
            continue;
        }
        const shared = Array.isArray(item["parameters"]) ? item["parameters"] : [];
        for (const [key, value] of Object.entries(item)) {
            const method = OPERATION_KEYS[key.toLowerCase()];
            if (method && isPlainObject(value)) {
                out.push({ method, path, value, pointer: pointer("paths", path, key), pathParameters: shared });
            }
        }
    }
    return out;
}

export type Authorization = "NONE" | "AWS_IAM" | "COGNITO_USER_POOLS" | "CUSTOM" | "JWT";

export interface EffectiveSecurity {
    /** NONE, an authorizer kind, or UNKNOWN when the requirements are not known until apply. */
    readonly authorization: Authorization | string;
    /** The scheme that authorizes the operation (an authorizer), when there is one. */
    readonly scheme?: SecurityScheme;
    readonly scopes: readonly unknown[];
    readonly apiKeyRequired: boolean;
    /** Where the requirements that apply are written. */
    readonly pointer: string;
}

/** What one security scheme asks of a caller, as API Gateway enforces it. */
export function schemeKind(scheme: SecurityScheme): Authorization | "API_KEY" | undefined {
    const authType = scheme.value["x-amazon-apigateway-authtype"];
    const authorizer = scheme.value["x-amazon-apigateway-authorizer"];
    const authorizerType = isPlainObject(authorizer) && typeof authorizer["type"] === "string" ? authorizer["type"].toLowerCase() : undefined;
    const type = typeof authType === "string" ? authType.toLowerCase() : undefined;
    if (type === "awssigv4" || type === "aws_iam") {
        return "AWS_IAM";
    }
    if (authorizerType === "cognito_user_pools" || type === "cognito_user_pools") {
        return "COGNITO_USER_POOLS";
    }
    if (authorizerType === "jwt") {
        return "JWT";
    }
    if (authorizerType === "token" || authorizerType === "request" || type === "custom") {
        return "CUSTOM";
    }
    const name = scheme.value["name"];
    if (scheme.value["type"] === "apiKey" && typeof name === "string" && name.toLowerCase() === "x-api-key" && scheme.value["in"] === "header") {
        return "API_KEY";
    }
    // Schemes without API Gateway's extensions (plain oauth2, http bearer) are not enforced by it.
    return undefined;
}

/**
 * The security an operation gets: its own `security` if it has the key (`[]` opts out), else the
 * document's. API Gateway applies one authorizer per operation: the first requirement naming
 * one; an `x-api-key` scheme anywhere in the requirements makes the key required.
 */
export function effectiveSecurity(document: Record<string, unknown>, operation: Operation, schemes: ReadonlyMap<string, SecurityScheme>): EffectiveSecurity {
    const own = Object.prototype.hasOwnProperty.call(operation.value, "security");
    const requirements = own ? operation.value["security"] : document["security"];
    const where = own ? `${operation.pointer}/security` : "security" in document ? "/security" : operation.pointer;
    if (isUnknown(requirements)) {
        return { authorization: UNKNOWN, scopes: [], apiKeyRequired: false, pointer: where };
    }
    let found: { kind: Authorization; scheme: SecurityScheme; scopes: unknown[] } | undefined;
    let apiKeyRequired = false;
    let unknownInside = false;
    for (const requirement of Array.isArray(requirements) ? requirements : []) {
        if (isUnknown(requirement)) {
            unknownInside = true;
            continue;
        }
        if (!isPlainObject(requirement)) {
            continue;
        }
        for (const [name, scopes] of Object.entries(requirement)) {
            const scheme = schemes.get(name);
            const kind = scheme ? schemeKind(scheme) : undefined;
            if (kind === "API_KEY") {
                apiKeyRequired = true;
            } else if (kind && scheme && !found) {
                found = { kind, scheme, scopes: Array.isArray(scopes) ? scopes : [] };
            }
        }
    }
    if (!found) {
        return { authorization: unknownInside ? UNKNOWN : "NONE", scopes: [], apiKeyRequired, pointer: where };
    }
    return { authorization: found.kind, scheme: found.scheme, scopes: found.scopes, apiKeyRequired, pointer: where };
}

/** The document's own value of an `x-amazon-apigateway-*` extension at the top level. */
export function extension(document: Record<string, unknown>, name: string): unknown {
    return document[`x-amazon-apigateway-${name}`];
}
