import { isPlainObject, isUnknown, containsUnknown } from "./values";

/** One IAM statement, normalised: lists are lists, absent lists are empty. */
export interface Statement {
    readonly index: number;
    readonly sid?: string;
    readonly effect: "Allow" | "Deny";
    readonly actions: readonly string[];
    /** True when the statement uses NotAction (it then grants everything except `actions`). */
    readonly notAction: boolean;
    readonly resources: readonly string[];
    readonly notResource: boolean;
    readonly principal: unknown;
    readonly condition: unknown;
}

export type ParsedDocument =
    | { readonly kind: "parsed"; readonly statements: readonly Statement[] }
    | { readonly kind: "unknown" }
    | { readonly kind: "malformed"; readonly reason: string };

function stringList(value: unknown): string[] | undefined {
    if (typeof value === "string") {
        return [value];
    }
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
        return value as string[];
    }
    return undefined;
}

/**
 * Parses an IAM policy document given as a JSON string or as an object (both arrive from
 * Pulumi; Terraform plans carry strings). Never throws: an unknown document (preview) and a
 * malformed one are reported as such, and the reason never quotes the document.
 */
export function parsePolicyDocument(value: unknown): ParsedDocument {
    if (typeof value !== "string") {
        return parseDocument(value);
    }
    // Several rules read each role's and API's policy: a document string is parsed once. Results are never mutated.
    let parsed = PARSED_DOCUMENTS.get(value);
    if (!parsed) {
        parsed = parseDocument(value);
        if (PARSED_DOCUMENTS.size >= MAX_CACHED) {
            PARSED_DOCUMENTS.clear();
        }
        PARSED_DOCUMENTS.set(value, parsed);
    }
    return parsed;
}

/** Bounds the memos below: a long-lived pack process must not grow with every stack it sees. */
const MAX_CACHED = 4096;
const PARSED_DOCUMENTS = new Map<string, ParsedDocument>();

function parseDocument(value: unknown): ParsedDocument {
    if (value === undefined || value === null || value === "") {
        return { kind: "parsed", statements: [] };
    }
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    let document: unknown = value;
    if (typeof value === "string") {
        try {
            document = JSON.parse(value);
        } catch {
            return { kind: "malformed", reason: "the document is not valid JSON" };
        }
    }
    if (!isPlainObject(document)) {
        return { kind: "malformed", reason: "the document is not a JSON object" };
    }
    if (containsUnknown(document)) {
        return { kind: "unknown" };
    }
    const rawStatements = document["Statement"];
    const list = rawStatements === undefined ? [] : Array.isArray(rawStatements) ? rawStatements : [rawStatements];
    const statements: Statement[] = [];
    for (let index = 0; index < list.length; index++) {
        const raw = list[index];
        if (!isPlainObject(raw)) {
            return { kind: "malformed", reason: `statement ${index + 1} is not an object` };
        }
        const effect = raw["Effect"];
        if (effect !== "Allow" && effect !== "Deny") {
            return { kind: "malformed", reason: `statement ${index + 1} has no valid Effect` };
        }
        const notAction = raw["NotAction"] !== undefined;
        const actions = stringList(notAction ? raw["NotAction"] : raw["Action"]);
        const notResource = raw["NotResource"] !== undefined;
        const resources = stringList(notResource ? raw["NotResource"] : raw["Resource"]);
        if (actions === undefined || (resources === undefined && raw["Principal"] === undefined && raw["NotPrincipal"] === undefined)) {
            return { kind: "malformed", reason: `statement ${index + 1} has malformed Action or Resource` };
        }
        statements.push({
            index: index + 1,
            sid: typeof raw["Sid"] === "string" ? raw["Sid"] : undefined,
            effect,
            actions,
            notAction,
            resources: resources ?? [],
            notResource,
            principal: raw["Principal"],
            condition: raw["Condition"],
        });
    }
    return { kind: "parsed", statements };
}

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
    let regex = ACTION_PATTERNS.get(pattern);
    if (!regex) {
        regex = new RegExp(
            "^" + pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("") + "$",
            "i",
        );
        if (ACTION_PATTERNS.size >= MAX_CACHED) {
            ACTION_PATTERNS.clear();
        }
        ACTION_PATTERNS.set(pattern, regex);
    }
    return regex.test(action);
}

/** Compiled wildcard patterns: the same few (`execute-api:*`, `*`) are matched for every statement. */
const ACTION_PATTERNS = new Map<string, RegExp>();

/** Negative condition operators: a Deny with one applies to every caller *outside* the named boundary. */
const OUTSIDE_OPERATORS = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike|NotIpAddress)(IfExists)?$/u;
/** Keys that draw a network or organization boundary around callers. */
const BOUNDARY_KEYS = new Set(["aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:vpcsourceip", "aws:principalorgid", "aws:principalaccount", "aws:sourceaccount"]);

/** True when a condition limits a statement to callers outside a boundary (`StringNotEquals aws:SourceVpce`). */
function outsideBoundary(condition: unknown): boolean {
    if (!isPlainObject(condition)) {
        return false;
    }
    return Object.entries(condition).some(([operator, keys]) => OUTSIDE_OPERATORS.test(operator)
        && isPlainObject(keys) && Object.keys(keys).some((key) => BOUNDARY_KEYS.has(key.toLowerCase())));
}

function coversAll(patterns: readonly string[], values: readonly string[]): boolean {
    return values.every((value) => patterns.some((pattern) => actionMatches(pattern, value)));
}

/**
 * True when a Deny in the document takes back what an Allow gives everyone from every caller
 * outside a boundary — the pattern AWS documents for private APIs (Allow `*`, then Deny `*`
 * unless `aws:SourceVpce` is the endpoint). IAM evaluates an explicit Deny first, so the Allow
 * then reaches only callers inside the boundary.
 */
export function deniedOutsideBoundary(allow: Statement, statements: readonly Statement[]): boolean {
    if (allow.notAction || allow.notResource) {
        return false;
    }
    return statements.some((deny) => deny.effect === "Deny" && !deny.notAction && !deny.notResource
        && (deny.principal === "*" || (isPlainObject(deny.principal) && deny.principal["AWS"] === "*"))
        && coversAll(deny.actions, allow.actions) && coversAll(deny.resources, allow.resources)
        && outsideBoundary(deny.condition));
}

export function isFullWildcardAction(action: string): boolean {
    return action === "*" || action === "*:*";
}

/** Verbs of read-only actions; any other verb (or a wildcard that may cover one) is a write. */
const READ_ONLY_VERBS = ["Get", "List", "Describe", "BatchGet", "Query", "Scan", "Search", "Lookup", "Head", "Select", "View", "Filter"];

export function isReadOnlyAction(action: string): boolean {
    const colon = action.indexOf(":");
    if (colon < 0) {
        return false;
    }
    const verb = action.slice(colon + 1);
    if (verb === "" || verb.startsWith("*")) {
        return false;
    }
    return READ_ONLY_VERBS.some((prefix) => verb.toLowerCase().startsWith(prefix.toLowerCase()));
}

export function isWildcardResource(resource: string): boolean {
    return resource === "*";
}

/** True when the statement can grant iam:PassRole. */
export function grantsPassRole(statement: Statement): boolean {
    if (statement.notAction) {
        return !statement.actions.some((pattern) => actionMatches(pattern, "iam:PassRole"));
    }
    return statement.actions.some((pattern) => actionMatches(pattern, "iam:PassRole"));
}

/** The service principals a trust policy allows to assume the role (unknown parts ignored). */
export function trustedServices(document: ParsedDocument): string[] {
    if (document.kind !== "parsed") {
        return [];
    }
    const services: string[] = [];
    for (const statement of document.statements) {
        if (statement.effect !== "Allow" || !isPlainObject(statement.principal)) {
            continue;
        }
        for (const service of stringList(statement.principal["Service"]) ?? []) {
            services.push(service);
        }
    }
    return services;
}
