/**
 * Where each top-level value of a JSON object file lies, found without building the values or
 * holding the file, so a reader parses only what it uses. A Terraform plan repeats its resources
 * in `planned_values` (and, for changes to existing stacks, in `prior_state` and
 * `resource_drift`); the scanner reads only `resource_changes`, change by change, and `configuration`.
 */

export type Span = readonly [start: number, end: number];

/** The character codes of JSON's structure, as the walks over plan text compare them. */
export const QUOTE = 34;
export const BACKSLASH = 92;
export const COMMA = 44;
export const COLON = 58;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;

export function isWhitespace(code: number): boolean {
    return code === 32 || code === 10 || code === 13 || code === 9;
}

/** In JSON text, after the string whose opening quote is at `start`: past the next quote no odd run of backslashes escapes; -1 when none. */
export function stringEnd(text: string, start: number): number {
    for (let quote = text.indexOf("\"", start + 1); quote >= 0; quote = text.indexOf("\"", quote + 1)) {
        let backslash = quote - 1;
        while (text.charCodeAt(backslash) === BACKSLASH) {
            backslash--;
        }
        if ((quote - 1 - backslash) % 2 === 0) {
            return quote + 1;
        }
    }
    return -1;
}

/**
 * Characters JSON allows outside strings: structure, whitespace, numbers and the letters of
 * true/false/null. A cheap structural check of the sections the scanner skips: anything else
 * there means the document is not JSON, even if no reader would have looked.
 */
const OUTSIDE_STRINGS = new Uint8Array(128);
for (const char of "{}[],: \t\r\n0123456789+-.eEtruefalsn") {
    OUTSIDE_STRINGS[char.charCodeAt(0)] = 1;
}

/** Where a JSON file's top-level values lie, in bytes, and the elements of one of them. */
export interface ByteLayout {
    /** Byte spans of the top-level values, by key. */
    readonly sections: ReadonlyMap<string, Span>;
    /** Start and end byte offsets, in pairs, of the elements of the array under the key asked for. */
    readonly elements: readonly number[];
}

const CHUNK_BYTES = 1 << 20;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** What a number, true, false or null is made of. */
const SCALAR_CHARS = new Uint8Array(128);
for (const char of "0123456789+-.eEtruefalsn") {
    SCALAR_CHARS[char.charCodeAt(0)] = 1;
}
const MAX_DEPTH = 4096;

/** Top-level grammar states of the byte walk: `{ "key" : value , … }`. */
const enum At { Start, FirstKey, Key, InKey, Colon, Value, InValue, CommaOrEnd, End }

/**
 * The byte layout of a JSON object file, read in chunks and never held whole: a 100 MB plan is
 * walked with one megabyte in memory. With `onElements`, the elements found are handed over after
 * each chunk (and not kept), so that a reader in another thread can start on them. The sections
 * no reader parses get a structural check: strings close, brackets pair up, and nothing JSON does
 * not allow stands outside strings or inside them (control characters). Undefined when the file
 * is not structurally an object of JSON values, or the array under `elementsOf` holds anything but
 * objects: the caller then reads the file whole, so that the error is worded with its position.
 */
export function byteLayout(read: (buffer: Buffer, position: number) => number, elementsOf: string,
    onElements?: (elements: number[]) => void): ByteLayout | undefined {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const sections = new Map<string, Span>();
    const elements: number[] = [];
    const open = new Uint8Array(MAX_DEPTH);
    let at = At.Start;
    let depth = 0; // inside the current top-level value
    let inString = false;
    let escaped = false;
    let key: number[] = [];
    let keyText = "";
    let valueStart = 0;
    let bom = false;
    let scalar = false; // walking a top-level number, true, false or null
    let collecting = false; // walking the value under `elementsOf`
    let elementStart = 0;
    let position = 0;
    for (;;) {
        const length = read(buffer, position);
        if (length <= 0) {
            break;
        }
        for (let index = 0; index < length; index++) {
            if (at === At.InValue && !scalar && depth >= (collecting ? 2 : 1)) {
                // Deep inside a value (most of the file): only strings, brackets and what JSON allows, in a tight
                // loop, which runs through a string to its next quote, backslash or control character.
                const floor = collecting ? 2 : 1;
                while (index < length) {
                    let code = buffer[index];
                    if (inString) {
                        if (escaped) {
                            escaped = false;
                        } else {
                            while (code !== QUOTE && code !== BACKSLASH && code >= 32) {
                                if (++index === length) {
                                    break;
                                }
                                code = buffer[index];
                            }
                            if (index === length) {
                                break;
                            }
                            if (code === BACKSLASH) {
                                escaped = true;
                            } else if (code === QUOTE) {
                                inString = false;
                            } else {
                                return undefined;
                            }
                        }
                    } else if (code === QUOTE) {
                        inString = true;
                    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
                        if (depth === MAX_DEPTH) {
                            return undefined;
                        }
                        open[depth++] = code;
                    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
                        if (depth === floor) {
                            break; // the close of the element or section: recorded below
                        }
                        if (open[--depth] !== (code === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET)) {
                            return undefined;
                        }
                    } else if (code >= 128 || OUTSIDE_STRINGS[code] === 0) {
                        return undefined;
                    }
                    index++;
                }
                if (index === length) {
                    break;
                }
            }
            let code = buffer[index];
            if (at === At.InValue) {
                if (inString) {
                    // A top-level string value (deeper strings are walked above).
                    if (escaped) {
                        escaped = false;
                    } else if (code === BACKSLASH) {
                        escaped = true;
                    } else if (code === QUOTE) {
                        inString = false;
                        if (depth === 0) {
                            sections.set(keyText, [valueStart, position + index + 1]);
                            at = At.CommaOrEnd;
                        }
                    } else if (code < 32) {
                        return undefined;
                    }
                    continue;
                }
                if (scalar) {
                    // a top-level number, true, false or null, up to its delimiter
                    if (code === COMMA || code === CLOSE_BRACE || isWhitespace(code)) {
                        sections.set(keyText, [valueStart, position + index]);
                        scalar = false;
                        at = code === COMMA ? At.Key : code === CLOSE_BRACE ? At.End : At.CommaOrEnd;
                    } else if (code >= 128 || SCALAR_CHARS[code] === 0) {
                        return undefined;
                    }
                    continue;
                }
                if (collecting && depth === 1 && code !== OPEN_BRACE && code !== CLOSE_BRACKET && code !== COMMA && !isWhitespace(code)) {
                    return undefined; // an element that is not an object
                }
                if (code === QUOTE) {
                    inString = true;
                } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
                    if (depth === MAX_DEPTH) {
                        return undefined;
                    }
                    if (collecting && depth === 1) {
                        elementStart = position + index;
                    }
                    open[depth++] = code;
                } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
                    if (depth === 0 || open[--depth] !== (code === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET)) {
                        return undefined;
                    }
                    if (collecting && depth === 1) {
                        elements.push(elementStart, position + index + 1);
                    }
                    if (depth === 0) {
                        sections.set(keyText, [valueStart, position + index + 1]);
                        at = At.CommaOrEnd;
                    }
                } else if (code >= 128 || OUTSIDE_STRINGS[code] === 0) {
                    return undefined;
                }
                continue;
            }
            if (at === At.InKey) {
                // A key's bytes are its own, whitespace included.
                if (escaped) {
                    escaped = false;
                } else if (code === BACKSLASH) {
                    escaped = true;
                } else if (code === QUOTE) {
                    try {
                        keyText = JSON.parse(`"${Buffer.from(key).toString("utf8")}"`);
                    } catch {
                        return undefined;
                    }
                    at = At.Colon;
                    continue;
                } else if (code < 32) {
                    return undefined;
                }
                key.push(code);
                continue;
            }
            if (isWhitespace(code)) {
                continue;
            }
            switch (at) {
                case At.Start:
                    if (position + index < 3 && code === UTF8_BOM[position + index] && (position + index === 0 || bom)) {
                        bom = true; // a UTF-8 byte-order mark
                        break;
                    }
                    if (code !== OPEN_BRACE || (bom && position + index < 3)) {
                        return undefined;
                    }
                    at = At.FirstKey;
                    break;
                case At.FirstKey:
                case At.Key:
                    if (code === CLOSE_BRACE && at === At.FirstKey) {
                        at = At.End;
                    } else if (code === QUOTE) {
                        key = [];
                        at = At.InKey;
                    } else {
                        return undefined;
                    }
                    break;
                case At.Colon:
                    if (code !== COLON) {
                        return undefined;
                    }
                    at = At.Value;
                    break;
                case At.Value:
                    valueStart = position + index;
                    collecting = keyText === elementsOf && code === OPEN_BRACKET;
                    if (keyText === elementsOf && !collecting) {
                        return undefined;
                    }
                    scalar = code !== QUOTE && code !== OPEN_BRACE && code !== OPEN_BRACKET;
                    if (scalar && (code >= 128 || SCALAR_CHARS[code] === 0)) {
                        return undefined;
                    }
                    at = At.InValue;
                    index--; // the value's first byte is walked as part of it
                    break;
                case At.CommaOrEnd:
                    if (code === COMMA) {
                        at = At.Key;
                    } else if (code === CLOSE_BRACE) {
                        at = At.End;
                    } else {
                        return undefined;
                    }
                    break;
                default:
                    return undefined; // anything after the closing brace
            }
        }
        position += length;
        if (onElements && elements.length > 0) {
            onElements(elements);
            elements.length = 0;
        }
    }
    return at === At.End ? { sections, elements } : undefined;
}

interface BackwardScan {
    depth: number;
    inString: boolean;
}

const FAILED = -2;

/**
 * Walks `chunk` backward from `index` to the start of the value that ends there, as far as the
 * chunk goes: the value's start index, -1 to go on in the chunk before (with `scan` carried over),
 * or FAILED. A quote escaped by an odd run of backslashes is inside a string; brackets inside
 * strings do not count. A top-level function over its arguments, so that it stays optimised.
 */
function valueStartBackward(chunk: Buffer, from: number, base: number, scan: BackwardScan, backslashesBefore: (at: number) => number): number {
    let depth = scan.depth;
    let index = from | 0; // a small integer: offsets worked out from a file size may be held as doubles
    let inString = scan.inString;
    for (; index >= 0; index--) {
        const code = chunk[index];
        if (code === QUOTE) {
            let run = index - 1;
            while (run >= 0 && chunk[run] === BACKSLASH) {
                run--;
            }
            const backslashes = run < 0 && base > 0 ? index + backslashesBefore(base) : index - 1 - run;
            if ((backslashes & 1) === 1) {
                continue; // an escaped quote, inside a string
            }
            inString = !inString;
            if (!inString && depth === 0) {
                return index;
            }
        } else if (inString) {
            continue;
        } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
            depth++;
        } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
            if (--depth === 0) {
                return index;
            }
            if (depth < 0) {
                return FAILED;
            }
        }
    }
    scan.depth = depth;
    scan.inString = inString;
    return -1;
}

/** Fills `into` from `at` (a read may return less than asked); false when the bytes run out. */
function readAll(read: (buffer: Buffer, position: number) => number, into: Buffer, at: number): boolean {
    for (let done = 0; done < into.length;) {
        const length = read(into.subarray(done), at + done);
        if (length <= 0) {
            return false;
        }
        done += length;
    }
    return true;
}

/**
 * Where a value under `key` may start, last first: after each `"key"` in the bytes that a colon
 * follows (whitespace allowed) and no backslash precedes. A byte search, not a walk: it also finds
 * the key nested in other values, so the caller confirms a position (trailingSpan, then parsing).
 */
export function* keyedValueStarts(read: (buffer: Buffer, position: number) => number, size: number, key: string,
    chunkBytes = CHUNK_BYTES): Generator<number> {
    const needle = Buffer.from(JSON.stringify(key), "utf8");
    // Each chunk overlaps the next one up by a key and the whitespace a colon may sit after.
    const overlap = needle.length + 64;
    const window = Math.max(chunkBytes, overlap * 2);
    const chunk = Buffer.allocUnsafe(window + overlap);
    for (let end = size; end > 0;) {
        const start = Math.max(0, end - window);
        const length = Math.min(size, end + overlap) - start;
        const bytes = chunk.subarray(0, length);
        if (!readAll(read, bytes, start)) {
            return;
        }
        const afterWhitespace = (index: number): number => {
            while (index < length && isWhitespace(bytes[index])) {
                index++;
            }
            return index;
        };
        for (let at = bytes.lastIndexOf(needle, end - start - 1); at >= 0; at = at === 0 ? -1 : bytes.lastIndexOf(needle, at - 1)) {
            if (start + at >= end || (at > 0 && bytes[at - 1] === BACKSLASH) || (at === 0 && start > 0)) {
                continue; // found by the chunk above, escaped, or with its preceding byte in the chunk below (the next chunk finds it)
            }
            const colon = afterWhitespace(at + needle.length);
            const value = bytes[colon] === COLON ? afterWhitespace(colon + 1) : length;
            if (value < length) {
                yield start + value;
            }
        }
        end = start === 0 ? 0 : start + 1; // the byte before a key found at the chunk's start is read with the chunk below
    }
}

/**
 * The span of the top-level value under `key`, found by walking the file backward from its end
 * member by member, so that a section Terraform writes near the end (`configuration`) is found
 * without walking what comes before it. Undefined when a key in `stopAt` (or the opening brace)
 * comes first, or the bytes are not shaped as expected. This does not validate: it is right for
 * well-formed JSON, and the caller checks its answer against byteLayout's forward walk.
 *
 * With `objectStart` (a position keyedValueStarts gave), the first member from the end whose value
 * is an object ending after that position is taken to be the key's, without walking it: the key's
 * value is an object, and the members after it (Terraform's relevant_attributes, checks, timestamp
 * and flags) are not. The caller confirms by parsing.
 */
export function trailingSpan(read: (buffer: Buffer, position: number) => number, size: number, key: string, stopAt: ReadonlySet<string>,
    chunkBytes = CHUNK_BYTES, objectStart?: number): Span | undefined {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    let chunkStart = size;
    let position = size; // the walk is at the byte before `position`
    /** Makes the chunk hold the byte before `position`. */
    const load = (): boolean => {
        if (position > chunkStart) {
            return true;
        }
        if (position <= 0) {
            return false;
        }
        chunkStart = Math.max(0, position - chunkBytes);
        return readAll(read, chunk.subarray(0, position - chunkStart), chunkStart);
    };
    const byteBefore = (): number => (load() ? chunk[position - 1 - chunkStart] : -1);
    const skipWhitespace = (): number => {
        let code = byteBefore();
        while (isWhitespace(code)) {
            position--;
            code = byteBefore();
        }
        return code;
    };
    /** The backslashes just before the quote at `at`, when they run past the chunk's start. */
    const backslashesBefore = (at: number): number => {
        const one = Buffer.allocUnsafe(1);
        let count = 0;
        while (at - count > 0 && readAll(read, one, at - count - 1) && one[0] === BACKSLASH) {
            count++;
        }
        return count;
    };
    const scan: BackwardScan = { depth: 0, inString: false };
    /** Moves `position` to the start of the string, object or array that ends before it. */
    const skipValue = (): boolean => {
        scan.depth = 0;
        scan.inString = false;
        for (;;) {
            if (!load()) {
                return false;
            }
            const start = valueStartBackward(chunk, position - 1 - chunkStart, chunkStart, scan, backslashesBefore);
            if (start === FAILED) {
                return false;
            }
            if (start >= 0) {
                position = chunkStart + start;
                return true;
            }
            position = chunkStart;
        }
    };
    if (skipWhitespace() !== CLOSE_BRACE) {
        return undefined;
    }
    position--;
    for (let members = 0; ; members++) {
        let code = skipWhitespace();
        const valueEnd = position;
        if (objectStart !== undefined && code === CLOSE_BRACE && objectStart < valueEnd) {
            return [objectStart, valueEnd];
        }
        if (code === QUOTE || code === CLOSE_BRACE || code === CLOSE_BRACKET) {
            if ((code === CLOSE_BRACE && members === 0 && position - 1 === 0) || !skipValue()) {
                return undefined;
            }
        } else {
            while (code >= 0 && code < 128 && SCALAR_CHARS[code] === 1) {
                position--;
                code = byteBefore();
            }
            if (position === valueEnd) {
                return undefined; // `{}`, or not a value
            }
        }
        const valueStart = position;
        if (skipWhitespace() !== COLON) {
            return undefined;
        }
        position--;
        if (skipWhitespace() !== QUOTE) {
            return undefined;
        }
        const keyEnd = position;
        if (!skipValue()) {
            return undefined;
        }
        const keyBytes = Buffer.allocUnsafe(keyEnd - position);
        let name: unknown;
        try {
            name = readAll(read, keyBytes, position) ? JSON.parse(keyBytes.toString("utf8")) : undefined;
        } catch {
            return undefined;
        }
        if (name === key) {
            return [valueStart, valueEnd];
        }
        if (typeof name !== "string" || stopAt.has(name)) {
            return undefined;
        }
        code = skipWhitespace();
        if (code !== COMMA) {
            return undefined; // the first member (or not an object)
        }
        position--;
    }
}
