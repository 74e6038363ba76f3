/**
 * JSON syntax errors worded by position, never by content: V8's messages quote the text around
 * the error ("Unexpected token 's', "{"key": s3cr…" is not valid JSON"), which may be part of a
 * secret. Where V8 gives no position, a small locator finds it.
 */

export interface JsonSyntaxProblem {
    readonly line: number;
    readonly column: number;
    /** What is wrong, in grammar words only ("unexpected character", "the text ends early"). */
    readonly reason: string;
    /** True when the text ends before the document does (a truncated file). */
    readonly truncated: boolean;
}

/** Grammar phrases V8 uses before " in JSON at position N"; anything else is reworded. */
const SAFE_REASON = /^(Expected [^"]*|Bad control character in string literal|Bad escaped character|Unterminated string|Unexpected end of JSON input|Unexpected non-whitespace character after JSON|Exponent part is missing a number|Unterminated fractional number|No number after minus sign|Bad Unicode escape)\b/;

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let index = text.indexOf("\n"); index >= 0 && index < offset; index = text.indexOf("\n", index + 1)) {
        line++;
        lineStart = index + 1;
    }
    return { line, column: offset - lineStart + 1 };
}

/** The offset of the first syntax error in `text`, or `text.length` when it ends early; -1 when valid. */
export function syntaxErrorOffset(text: string): number {
    let index = 0;
    const fail = (at: number): never => {
        throw at;
    };
    const space = () => {
        while (index < text.length && " \t\r\n".includes(text[index])) {
            index++;
        }
    };
    const literal = (word: string) => {
        if (text.startsWith(word, index)) {
            index += word.length;
        } else {
            fail(index); // at the word's start: `nope` is wrong from its first letter on
        }
    };
    const string = () => {
        index++;
        for (;;) {
            if (index >= text.length) {
                fail(index);
            }
            const code = text.charCodeAt(index);
            if (code === 34) {
                index++;
                return;
            }
            if (code < 32) {
                fail(index);
            }
            index += code === 92 ? 2 : 1;
        }
    };
    const number = () => {
        const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(index, index + 400));
        if (!match || match[0] === "" || match[0] === "-") {
            fail(index);
        }
        index += match![0].length;
    };
    const value = (depth: number): void => {
        if (depth > 10_000) {
            fail(index);
        }
        space();
        const char = text[index];
        if (char === "{" || char === "[") {
            const close = char === "{" ? "}" : "]";
            index++;
            space();
            if (text[index] === close) {
                index++;
                return;
            }
            for (;;) {
                if (char === "{") {
                    space();
                    if (text[index] !== "\"") {
                        fail(index);
                    }
                    string();
                    space();
                    if (text[index] !== ":") {
                        fail(index);
                    }
                    index++;
                }
                value(depth + 1);
                space();
                if (text[index] === ",") {
                    index++;
                    continue;
                }
                if (text[index] === close) {
                    index++;
                    return;
                }
                fail(index);
            }
        }
        if (char === "\"") {
            return string();
        }
        if (char === "t") {
            return literal("true");
        }
        if (char === "f") {
            return literal("false");
        }
        if (char === "n") {
            return literal("null");
        }
        if (char === "-" || (char >= "0" && char <= "9")) {
            return number();
        }
        fail(index);
    };
    try {
        value(0);
        space();
        return index < text.length ? index : -1;
    } catch (offset) {
        if (typeof offset === "number") {
            return Math.min(offset, text.length);
        }
        return 0; // the locator itself overflowed: say the document start
    }
}

/** Where and what the syntax error `error` (thrown by JSON.parse over `text`) is. */
export function describeJsonError(text: string, error: unknown): JsonSyntaxProblem {
    const message = String((error as Error)?.message ?? "");
    const position = /at position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : syntaxErrorOffset(text);
    const at = offset < 0 ? text.length : offset;
    const truncated = at >= text.length || /Unexpected end of JSON input|Unterminated string/.test(message);
    const safe = SAFE_REASON.exec(message.replace(/ in JSON at position \d+.*$/s, ""));
    const reason = truncated ? "the text ends early" : safe ? safe[0].replace(/^./, (first) => first.toLowerCase()) : "unexpected character";
    return { ...lineAndColumn(text, at), reason, truncated };
}

/** "at line L, column C (reason)" */
export function jsonErrorText(problem: JsonSyntaxProblem): string {
    return `at line ${problem.line}, column ${problem.column} (${problem.reason})`;
}
