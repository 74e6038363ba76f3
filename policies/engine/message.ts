/**
 * Finding messages are built with the `msg` tag so that every interpolated value is marked.
 * Rendering checks each marked value against the secret values of the resources involved and
 * prints `[secret]` instead; when a front end cannot say which values are secret, every value is
 * hidden. A final sweep replaces any secret that still appears in the text.
 */
import { holdsUnknown, isUnknown, replaceUnknowns, someLeaf } from "./values";

export interface Message {
    readonly strings: readonly string[];
    readonly values: readonly unknown[];
}

export function msg(strings: TemplateStringsArray, ...values: unknown[]): Message {
    return { strings: [...strings], values };
}

/** Rule-authored text inside a message (a label, a configured value): printed as is. */
export class Literal {
    constructor(readonly text: string) {}
}

export function lit(text: string | number): Literal {
    return new Literal(String(text));
}

/** Rule-authored words as one phrase: "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
    return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** User values as one phrase, each still marked (so secrets and hidden values stay hidden): "a, b and c". */
export function listingOf(values: readonly unknown[]): Message {
    return joinMessages(...values.flatMap((value, index) => [index === 0 ? "" : index === values.length - 1 ? " and " : ", ", msg`${value}`]));
}

/** Messages (or rule text) one after the other, each value still marked. */
export function joinMessages(...parts: readonly (Message | Literal | string)[]): Message {
    const strings: string[] = [""];
    const values: unknown[] = [];
    for (const part of parts) {
        if (typeof part === "string" || part instanceof Literal) {
            strings[strings.length - 1] += typeof part === "string" ? part : part.text;
            continue;
        }
        strings[strings.length - 1] += part.strings[0] ?? "";
        part.values.forEach((value, index) => {
            values.push(value);
            strings.push(part.strings[index + 1] ?? "");
        });
    }
    return { strings, values };
}

export function isMessage(value: unknown): value is Message {
    return typeof value === "object" && value !== null && Array.isArray((value as Message).strings)
        && Array.isArray((value as Message).values);
}

/**
 * Records a secret value's leaves (strings, numbers and booleans, as text); a secret JSON document
 * held in a string (a policy, a rule list) makes its own leaves secret too, so a statement's `Sid`
 * or a policy ARN inside it is hidden like the whole.
 */
export function collectSecretLeaves(value: unknown, out: Set<string>): void {
    someLeaf(value, (leaf) => {
        if (leaf === "") {
            return;
        }
        out.add(String(leaf));
        const trimmed = typeof leaf === "string" ? leaf.trim() : "";
        if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && trimmed.length < 1_000_000) {
            try {
                collectSecretLeaves(JSON.parse(trimmed), out);
            } catch {
                // Not JSON: the whole string is already recorded.
            }
        }
    });
}

export const SECRET_PLACEHOLDER = "[secret]";
export const HIDDEN_PLACEHOLDER = "[value hidden]";

/** Secrets shorter than this are only redacted where they appear as a whole interpolated value. */
const MIN_SWEEP_LENGTH = 4;
const MAX_VALUE_LENGTH = 120;

/** How a value not known yet reads in a message (never the sentinel itself). */
export const UNKNOWN_PLACEHOLDER = "(not known yet)";

function show(value: unknown): string {
    let text: string;
    if (isUnknown(value)) {
        text = UNKNOWN_PLACEHOLDER;
    } else if (typeof value === "string") {
        text = value.trim() === "" ? JSON.stringify(value) : holdsUnknown(value) ? replaceUnknowns(value, UNKNOWN_PLACEHOLDER) : value;
    } else if (value === undefined) {
        text = "unset";
    } else {
        try {
            text = JSON.stringify(value, (_, item) => (typeof item === "string" && holdsUnknown(item) ? replaceUnknowns(item, UNKNOWN_PLACEHOLDER) : item)) ?? String(value);
        } catch {
            text = String(value);
        }
    }
    text = escapeControl(text);
    return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_ALL = new RegExp(CONTROL.source, "g");

/** Booleans are recorded as secret leaves too, but sweeping "true" out of free text would garble it. */
const NOT_SWEPT = new Set(["true", "false"]);

/**
 * True when the value, or any string, number or boolean inside it, is a secret, holds one, or is
 * a piece of one (a policy name cut from a secret ARN).
 */
function touchesSecret(value: unknown, secrets: ReadonlySet<string>): boolean {
    if (secrets.size === 0) {
        return false;
    }
    return someLeaf(value, (leaf) => {
        const text = String(leaf);
        if (secrets.has(text)) {
            return true;
        }
        for (const secret of secrets) {
            if (secret.length >= MIN_SWEEP_LENGTH && !NOT_SWEPT.has(secret) && text.includes(secret)) {
                return true;
            }
            if (text.length >= MIN_SWEEP_LENGTH && secret.includes(text)) {
                return true;
            }
        }
        return false;
    });
}

/** Text as `secrets` allow it to be printed: whole, or the placeholder when it touches a secret. */
export function hideIfSecret(text: string, secrets: ReadonlySet<string> | undefined): string {
    return secrets === undefined ? HIDDEN_PLACEHOLDER : touchesSecret(text, secrets) ? SECRET_PLACEHOLDER : escapeControl(text);
}

/**
 * Control characters (newlines, ANSI escapes, NUL) of a value from the input, written as escapes,
 * so no scanned value can start a line of its own (a forged `::error` CI annotation) or drive the
 * terminal.
 */
export function escapeControl(text: string): string {
    return CONTROL.test(text) ? text.replace(CONTROL_ALL, (char) => {
        const escaped = JSON.stringify(char); // "\n", "\u001b"; DEL, C1 and line separators come back as they are
        return escaped.length > 3 ? escaped.slice(1, -1) : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }) : text;
}

/**
 * Renders a message. `secrets` is the union of the involved resources' secret values, or
 * `undefined` when secrecy cannot be determined (then no value is printed).
 */
export function render(message: Message | string, secrets: ReadonlySet<string> | undefined): string {
    let text: string;
    if (typeof message === "string") {
        text = message;
    } else {
        text = message.strings[0] ?? "";
        for (let i = 0; i < message.values.length; i++) {
            const value = message.values[i];
            const shown = value instanceof Literal ? value.text
                : secrets === undefined ? HIDDEN_PLACEHOLDER
                : touchesSecret(value, secrets) ? SECRET_PLACEHOLDER
                    : show(value);
            text += shown + (message.strings[i + 1] ?? "");
        }
    }
    return redactSecrets(text, secrets);
}

/** Replaces every occurrence of a secret value (long enough to be unambiguous) in free text. */
export function redactSecrets(text: string, secrets: ReadonlySet<string> | undefined): string {
    if (!secrets || secrets.size === 0) {
        return text;
    }
    let result = text;
    for (const secret of secrets) {
        if (secret.length < MIN_SWEEP_LENGTH || NOT_SWEPT.has(secret)) {
            continue;
        }
        // The secret as written, and as it appears inside a JSON-encoded value.
        for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
            if (result.includes(form)) {
                result = result.split(form).join(SECRET_PLACEHOLDER);
            }
        }
    }
    return result;
}
