/**
 * Finding messages are built with the `msg` tag so that every interpolated value is marked.
 * Rendering checks each marked value against the secret values of the resources involved and
 * prints `[secret]` instead; when a front end cannot say which values are secret, every value is
 * hidden. A final sweep replaces any secret that still appears in the text.
 */
import { someLeaf } from "./values";

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

export const SECRET_PLACEHOLDER = "[secret]";
export const HIDDEN_PLACEHOLDER = "[value hidden]";

/** Secrets shorter than this are only redacted where they appear as a whole interpolated value. */
const MIN_SWEEP_LENGTH = 4;
const MAX_VALUE_LENGTH = 120;

function show(value: unknown): string {
    let text: string;
    if (typeof value === "string") {
        text = value.trim() === "" ? JSON.stringify(value) : value;
    } else if (value === undefined) {
        text = "unset";
    } else {
        try {
            text = JSON.stringify(value) ?? String(value);
        } catch {
            text = String(value);
        }
    }
    return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** True when the value, or any string, number or boolean inside it, is or contains a secret. */
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
            if (secret.length >= MIN_SWEEP_LENGTH && text.includes(secret)) {
                return true;
            }
        }
        return false;
    });
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
        if (secret.length < MIN_SWEEP_LENGTH) {
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
