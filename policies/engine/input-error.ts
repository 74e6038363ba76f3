import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";
import { describeJsonError, jsonErrorText } from "./json-text";
import { escapeControl } from "./message";

/**
 * Input a front end cannot read: the message names the file and what is wrong, never a stack
 * trace. Control characters are escaped: a file or resource name from the scanned tree must not
 * start a line of its own in a CI log.
 */
export class InputError extends Error {
    constructor(readonly file: string, detail: string) {
        super(escapeControl(`${file}: ${detail}`));
        this.name = "InputError";
    }
}

/**
 * A file's text. Plans are nearly always ASCII, which reads as Latin-1 at twice the speed of a
 * UTF-8 decode with the same result; anything else is decoded as UTF-8, without its byte-order
 * mark. UTF-16 with a byte-order mark (PowerShell's `>` writes it) is decoded; other text holding
 * NUL bytes is refused by name rather than read as garbage.
 */
export function readTextFile(file: string): string {
    const bytes = readFileSync(file);
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : undefined;
    if (utf16) {
        return new TextDecoder(utf16).decode(bytes.subarray(2));
    }
    if (bytes.indexOf(0) >= 0) {
        throw new InputError(file, "the file holds NUL bytes: it is binary, or UTF-16/UTF-32 text without a byte-order mark; save it as UTF-8");
    }
    if (isAscii(bytes)) {
        return bytes.toString("latin1");
    }
    const text = bytes.toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A JSON file's text parsed; an empty, truncated or malformed file is an InputError placed by line and column, never quoted. */
export function parseJsonFile(file: string, text: string): unknown {
    if (!/\S/.test(text)) { // not text.trim(): that copies a whole 100 MB plan
        throw new InputError(file, "the file is empty");
    }
    try {
        return JSON.parse(text);
    } catch (error) {
        const problem = describeJsonError(text, error);
        if (problem.truncated) {
            throw new InputError(file, `the JSON ends early ${jsonErrorText(problem)}: the file looks truncated; write it again`);
        }
        throw new InputError(file, `not valid JSON ${jsonErrorText(problem)}`);
    }
}
