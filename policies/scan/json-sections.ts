/**
 * Where each top-level value of a JSON object lies in its text, found without building the
 * values, so a reader parses only the sections it uses. A Terraform plan repeats its resources in
 * `planned_values` (and, for changes to existing stacks, in `prior_state` and `resource_drift`);
 * the scanner reads only `resource_changes` and `configuration`.
 */

export type Span = readonly [start: number, end: number];

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function isWhitespace(code: number): boolean {
    return code === 32 || code === 10 || code === 13 || code === 9;
}

function skipWhitespace(text: string, index: number): number {
    while (index < text.length && isWhitespace(text.charCodeAt(index))) {
        index++;
    }
    return index;
}

/** The index after the string opening at `index`, or -1 when it never closes. */
function stringEnd(text: string, index: number): number {
    let from = index + 1;
    for (;;) {
        const quote = text.indexOf("\"", from);
        if (quote < 0) {
            return -1;
        }
        let backslashes = 0;
        while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) {
            backslashes++;
        }
        if (backslashes % 2 === 0) {
            return quote + 1;
        }
        from = quote + 1;
    }
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

/**
 * The index after the value starting at `index`, or -1 when it is not structurally JSON: its
 * strings never close, its brackets do not pair up, or it holds characters JSON does not allow.
 */
function valueEnd(text: string, index: number): number {
    const first = text.charCodeAt(index);
    if (first === QUOTE) {
        return stringEnd(text, index);
    }
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
        let end = index;
        while (end < text.length) {
            const code = text.charCodeAt(end);
            if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isWhitespace(code)) {
                break;
            }
            if (code >= 128 || OUTSIDE_STRINGS[code] === 0) {
                return -1;
            }
            end++;
        }
        return end > index ? end : -1;
    }
    const open: number[] = [];
    for (let position = index; position < text.length; position++) {
        const code = text.charCodeAt(position);
        if (code === QUOTE) {
            const end = stringEnd(text, position);
            if (end < 0) {
                return -1;
            }
            position = end - 1;
        } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
            open.push(code);
        } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
            if (open.pop() !== (code === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET)) {
                return -1;
            }
            if (open.length === 0) {
                return position + 1;
            }
        } else if (code >= 128 || OUTSIDE_STRINGS[code] === 0) {
            return -1;
        }
    }
    return -1;
}

/**
 * The span of each top-level value of the object `text` holds, by key. Undefined when the text is
 * not structurally an object of JSON values (see valueEnd): the caller then parses it whole, so
 * that the error is worded with its position. Parsing a span validates it fully.
 */
export function topLevelSpans(text: string): Map<string, Span> | undefined {
    let index = skipWhitespace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
    if (text.charCodeAt(index) !== OPEN_BRACE) {
        return undefined;
    }
    const spans = new Map<string, Span>();
    index = skipWhitespace(text, index + 1);
    if (text.charCodeAt(index) === CLOSE_BRACE) {
        return skipWhitespace(text, index + 1) === text.length ? spans : undefined;
    }
    for (;;) {
        if (text.charCodeAt(index) !== QUOTE) {
            return undefined;
        }
        const keyEnd = stringEnd(text, index);
        if (keyEnd < 0) {
            return undefined;
        }
        let key: string;
        try {
            key = JSON.parse(text.slice(index, keyEnd));
        } catch {
            return undefined;
        }
        index = skipWhitespace(text, keyEnd);
        if (text.charCodeAt(index) !== COLON) {
            return undefined;
        }
        const start = skipWhitespace(text, index + 1);
        const end = valueEnd(text, start);
        if (end < 0) {
            return undefined;
        }
        spans.set(key, [start, end]);
        index = skipWhitespace(text, end);
        const next = text.charCodeAt(index);
        if (next === CLOSE_BRACE) {
            return skipWhitespace(text, index + 1) === text.length ? spans : undefined;
        }
        if (next !== COMMA) {
            return undefined;
        }
        index = skipWhitespace(text, index + 1);
    }
}
