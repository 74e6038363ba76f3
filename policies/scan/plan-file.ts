/**
 * A Terraform plan read from its file change by change, never whole: the file is walked in chunks
 * (json-sections.ts byteLayout), the configuration is parsed, and then each resource change is
 * read, converted and dropped. A change whose type no rule reads is not parsed at all: its opening
 * keys give its address, which is all that references to it need. Undefined whenever the file is
 * not a well-formed plan, so that the caller reads it whole and words the error with its position.
 */
import { closeSync, openSync, readSync } from "node:fs";
import type { Resource } from "../engine/resource";
import { canonicalType } from "../terraform/convert";
import { resourcesFromChanges, SkippedChange } from "../terraform/plan";
import { byteLayout, Span } from "./json-sections";

/** `terraform show -json` writes `format_version` first, in plans and in state. */
const TERRAFORM_JSON = /^\s*\{\s*"format_version"/;

const WINDOW_BYTES = 8 << 20;

/** A change the file holds that JSON.parse rejects: the whole file is read again for the error's position. */
class Unreadable extends Error {}

function readFully(fd: number, buffer: Buffer, length: number, position: number): void {
    for (let done = 0; done < length;) {
        const read = readSync(fd, buffer, done, length - done, position + done);
        if (read <= 0) {
            throw new Unreadable("the file changed while it was read");
        }
        done += read;
    }
}

function readText(fd: number, [start, end]: Span): string {
    const buffer = Buffer.allocUnsafe(end - start);
    readFully(fd, buffer, end - start, start);
    return buffer.toString("utf8");
}

/** A change's `type`, among its opening keys (those before the first object or array value). */
const OPENING_TYPE = /^\s*\{(?:\s*"(?:[^"\\]|\\.)*"\s*:\s*(?:"(?:[^"\\]|\\.)*"|[-+.\w]+)\s*,)*?\s*"type"\s*:\s*"([^"\\]*)"/;
const STRING_TOKEN = /"(?:[^"\\\u0000-\u001f]|\\.)*"/y;
const SCALAR_TOKEN = /-?[0-9][0-9.eE+-]*|true|false|null/y;
const SEPARATOR = /\s*([,:{}[\]])\s*/y;

/** What an object's opening keys say: their string values, and the first key whose value is an object or array, with where that value starts. */
interface Opening {
    readonly values: Record<string, string>;
    readonly next?: string;
    readonly index: number;
}

/**
 * The string values of an object's opening keys, up to its first object or array value (a
 * change's `change`): what the change says it is without parsing the rest. Stops early, with what
 * it has, at anything it does not expect.
 */
function openingKeys(text: string): Opening {
    const values: Record<string, string> = {};
    let index = text.search(/\S/);
    if (index < 0 || text[index] !== "{") {
        return { values, index: 0 };
    }
    index++;
    const token = (pattern: RegExp): string | undefined => {
        pattern.lastIndex = index;
        const match = pattern.exec(text);
        if (!match) {
            return undefined;
        }
        index = pattern.lastIndex;
        return match[1] ?? match[0];
    };
    for (;;) {
        token(/\s*/y);
        const key = token(STRING_TOKEN);
        if (key === undefined || token(SEPARATOR) !== ":") {
            return { values, index };
        }
        const value = token(STRING_TOKEN) ?? token(SCALAR_TOKEN);
        if (value === undefined) {
            return { values, next: JSON.parse(key), index }; // an object or array value, or the end of what was read
        }
        const separator = token(SEPARATOR);
        if (separator !== "," && separator !== "}") {
            return { values, index };
        }
        if (value.startsWith("\"")) {
            values[JSON.parse(key)] = JSON.parse(value);
        }
        if (separator === "}") {
            return { values, index };
        }
    }
}

/** `change` opens with its actions: Terraform writes a change's fields in a fixed order. */
const CHANGE_ACTIONS = /\s*\{\s*"actions"\s*:\s*\[\s*("[a-z]+"(?:\s*,\s*"[a-z]+")*)\s*\]\s*[,}]/y;

/**
 * A change of a type no rule reads, as its opening bytes give it (address, mode and actions, in
 * the order Terraform writes them); undefined when they do not, and the change is parsed whole.
 */
function skippedChange(text: string): SkippedChange | undefined {
    const opening = openingKeys(text);
    const { address, mode, type } = opening.values;
    // JSON.parse keeps a repeated key's last value: so does openingKeys, and the type is judged on it.
    if (address === undefined || mode === undefined || type === undefined || canonicalType(type) || opening.next !== "change") {
        return undefined;
    }
    CHANGE_ACTIONS.lastIndex = opening.index;
    const actions = CHANGE_ACTIONS.exec(text)?.[1];
    return actions === undefined ? undefined : new SkippedChange(address, mode, JSON.parse(`[${actions}]`));
}

/** The plan's changes in file order: parsed, or a SkippedChange for a type no rule reads. */
function* changesOf(fd: number, elements: readonly number[]): Generator<unknown> {
    let window = Buffer.allocUnsafe(0);
    let windowStart = 0;
    let windowEnd = 0;
    for (let i = 0; i < elements.length; i += 2) {
        const start = elements[i];
        const end = elements[i + 1];
        if (start < windowStart || end > windowEnd) {
            // Changes are contiguous: read the next ones with this one, up to a window (or this change alone, if larger).
            let last = i + 1;
            while (last + 2 < elements.length && elements[last + 2] - start <= WINDOW_BYTES) {
                last += 2;
            }
            const length = elements[last] - start;
            if (window.length < length) {
                window = Buffer.allocUnsafe(Math.max(length, Math.min(WINDOW_BYTES, elements[elements.length - 1] - start)));
            }
            readFully(fd, window, length, start);
            windowStart = start;
            windowEnd = start + length;
        }
        const from = start - windowStart;
        const to = end - windowStart;
        const text = window.toString("utf8", from, to);
        // One anchored regex first: most changes are of types rules read, and they need no tokenizing.
        const type = OPENING_TYPE.exec(text)?.[1];
        if (type !== undefined && !canonicalType(type)) {
            const skipped = skippedChange(text);
            if (skipped) {
                yield skipped;
                continue;
            }
        }
        try {
            yield JSON.parse(text);
        } catch {
            throw new Unreadable();
        }
    }
}

/** The resources of the plan in `file`, read change by change; undefined when it is not a well-formed plan. */
export function readPlanFile(file: string): Resource[] | undefined {
    const fd = openSync(file, "r");
    try {
        const head = Buffer.alloc(256);
        const length = readSync(fd, head, 0, head.length, 0);
        const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
        if (!TERRAFORM_JSON.test(head.toString("utf8", bom, length))) {
            return undefined;
        }
        const layout = byteLayout((buffer, position) => readSync(fd, buffer, 0, buffer.length, position), "resource_changes");
        if (!layout?.sections.has("resource_changes")) {
            return undefined;
        }
        const configurationSpan = layout.sections.get("configuration");
        let configuration: unknown;
        try {
            configuration = configurationSpan ? JSON.parse(readText(fd, configurationSpan)) : undefined;
        } catch {
            return undefined;
        }
        return resourcesFromChanges(configuration, changesOf(fd, layout.elements), file);
    } catch (error) {
        if (error instanceof Unreadable) {
            return undefined;
        }
        throw error;
    } finally {
        closeSync(fd);
    }
}
