/**
 * Values in the canonical model are plain JSON-like data. A value that is not known yet
 * (a Pulumi preview, a Terraform plan's `after_unknown`) is represented by Pulumi's unknown
 * sentinel strings: the canonical form follows Pulumi because the pack is the primary product,
 * so Pulumi values need no translation and other front ends translate into them.
 */

export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const UNKNOWN_BOOLEAN = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
export const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
export const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
export const UNKNOWN_ASSET = "030794c1-ac77-496b-92df-f27374a8bd58";
export const UNKNOWN_ARCHIVE = "e48ece36-62e2-4504-bad9-02848725956a";
export const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";

/** The generic unknown marker adapters use when they do not know the value's type. */
export const UNKNOWN = UNKNOWN_STRING;

const unknownSentinels = new Set([
    UNKNOWN_STRING, UNKNOWN_BOOLEAN, UNKNOWN_NUMBER, UNKNOWN_ARRAY, UNKNOWN_ASSET, UNKNOWN_ARCHIVE, UNKNOWN_OBJECT,
]);

const UNKNOWN_INSIDE = new RegExp([...unknownSentinels].join("|"));

const UNKNOWN_ALL = new RegExp(UNKNOWN_INSIDE.source, "g");

/** A text with every unknown part replaced (how a partly known value reads in a message). */
export function replaceUnknowns(text: string, placeholder: string): string {
    return text.replace(UNKNOWN_ALL, placeholder);
}

/** True when a text holds an unknown sentinel somewhere (a template rendered with a value known only at apply). */
export function holdsUnknown(text: string): boolean {
    return UNKNOWN_INSIDE.test(text);
}

export function isUnknown(value: unknown): boolean {
    // Every sentinel is 36 characters long; the length test keeps the hot path cheap.
    return typeof value === "string" && value.length === 36 && unknownSentinels.has(value);
}

/** Thrown by `known()` accessors; the evaluator turns it into a "cannot be verified until apply" finding. */
export class UnknownValueError extends Error {
    constructor(readonly path: string) {
        super(`${path || "a value"} is not known until apply`);
        this.name = "UnknownValueError";
    }
}

export type Path = string | readonly (string | number)[];

/** Rules read the same few paths over and over: split each once. */
const splitCache = new Map<string, readonly (string | number)[]>();
const SPLIT_CACHE_LIMIT = 4096;

export function splitPath(path: Path): readonly (string | number)[] {
    if (typeof path !== "string") {
        return path;
    }
    let parts = splitCache.get(path);
    if (!parts) {
        parts = path === "" ? [] : path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
        if (splitCache.size < SPLIT_CACHE_LIMIT) {
            splitCache.set(path, parts);
        }
    }
    return parts;
}

export function joinPath(parts: readonly (string | number)[]): string {
    return parts.join(".");
}

/**
 * Reads a nested value without ever throwing: a missing step, a wrong type or null yields
 * `undefined`; an unknown on the way yields the unknown sentinel itself so callers can tell.
 * A one-element list standing for a block (Terraform's `settings: [{...}]`) is looked through
 * when the next step is a property name.
 */
export function peek(root: unknown, path: Path): unknown {
    // Most paths are one property name: no split, no cache lookup.
    if (typeof path === "string" && isPropertyName(path)) {
        return isUnknown(root) ? root : child(root, path);
    }
    const parts = splitPath(path);
    let current = root;
    for (let i = 0; i < parts.length; i++) {
        if (isUnknown(current)) {
            return current;
        }
        current = child(current, parts[i]);
    }
    return current;
}

/** A path of one segment that is not a list index (splitPath reads all-digit segments as indexes). */
function isPropertyName(path: string): boolean {
    const first = path.charCodeAt(0);
    return path.length > 0 && !(first >= 48 && first <= 57) && path.indexOf(".") < 0;
}

/** One step of `peek`: a list's item, a property, or a one-element list's item's property. */
function child(current: unknown, part: string | number): unknown {
    if (current === null || current === undefined) {
        return undefined;
    }
    if (Array.isArray(current)) {
        if (typeof part === "number") {
            return current[part];
        }
        if (current.length !== 1) {
            return undefined;
        }
        current = current[0];
    }
    if (typeof current !== "object" || current === null) {
        return undefined;
    }
    return Object.prototype.hasOwnProperty.call(current, part) ? (current as Record<string, unknown>)[part] : undefined;
}

/** Like `peek`, but a value that is unknown (at the path or on the way to it) throws `UnknownValueError`. */
export function known(root: unknown, path: Path): unknown {
    const value = peek(root, path);
    if (isUnknown(value)) {
        throw new UnknownValueError(typeof path === "string" ? path : joinPath(path));
    }
    return value;
}

export type Leaf = string | number | boolean;

const MAX_DEPTH = 64;

/**
 * Calls `visit` for every string, number and boolean inside `value` (objects and lists are
 * walked, null and undefined skipped); `visit` returning true stops the walk. Returns whether
 * it was stopped.
 */
export function someLeaf(value: unknown, visit: (leaf: Leaf) => boolean | void, depth = 0): boolean {
    if (depth > MAX_DEPTH || value === null || value === undefined) {
        return false;
    }
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return visit(value) === true;
    }
    if (typeof value !== "object") {
        return false;
    }
    for (const item of Array.isArray(value) ? value : Object.values(value)) {
        if (someLeaf(item, visit, depth + 1)) {
            return true;
        }
    }
    return false;
}

/** True when any value inside `value` (deeply) is unknown. */
export function containsUnknown(value: unknown): boolean {
    return someLeaf(value, isUnknown);
}

/**
 * True for ours and for @pulumi/policy's UnknownValueError (whose `name` stays "Error"; its
 * class name is the reliable mark across copies of the SDK).
 */
export function isUnknownValueError(error: unknown): boolean {
    return error instanceof Error && (error.name === "UnknownValueError" || error.constructor?.name === "UnknownValueError");
}

/**
 * Reads one field of an object that may be @pulumi/policy's remediation proxy, which throws when
 * an unknown value is read: the unknown sentinel is returned instead.
 */
export function readField(holder: Record<string, unknown>, key: string): unknown {
    try {
        return holder[key];
    } catch (error) {
        if (isUnknownValueError(error)) {
            return UNKNOWN;
        }
        throw error;
    }
}

export function asString(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) {
        return value;
    }
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
        return Number(value);
    }
    return undefined;
}

/** Interprets booleans the way providers accept them (Terraform JSON may carry "true"/"false"). */
export function asBoolean(value: unknown): boolean | undefined {
    if (typeof value === "boolean") {
        return value;
    }
    if (value === "true") {
        return true;
    }
    if (value === "false") {
        return false;
    }
    return undefined;
}

/** A list value, looking through a single object that stands for a one-item block. */
export function asList(value: unknown): unknown[] {
    if (Array.isArray(value)) {
        return value;
    }
    if (value === undefined || value === null) {
        return [];
    }
    return [value];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * An object written as a literal (`{…}`), not an instance of a class: what a description of
 * properties nests. A Pulumi `Output` or a CDKTF token object is a value to pass on, not to enter.
 */
export function isObjectLiteral(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
