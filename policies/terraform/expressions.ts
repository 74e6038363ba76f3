import { readTextFile } from "../engine/input-error";
import * as path from "node:path";
import { holdsUnknown, isUnknown, UNKNOWN_ARRAY, UNKNOWN_OBJECT, UNKNOWN_STRING } from "../engine/values";
/**
 * Evaluates the Terraform expressions a configuration can hold that are known before plan:
 * `${jsonencode(<literal>)}`, the usual way to write an IAM or resource policy in HCL and what
 * CDKTF's `Fn.jsonencode` emits. Anything that refers to another value (a resource, a variable,
 * a function other than jsonencode) is left as an expression, unknown until plan.
 */

const WHOLE_JSONENCODE = /^\$\{\s*jsonencode\s*\(([\s\S]*)\)\s*\}$/;
const WHOLE_EXPRESSION = /^\$\{([\s\S]*)\}$/;
/** The functions whose result keeps its known parts when some of its input is known only after plan. */
const DOCUMENT_FUNCTION = /^\s*(jsonencode|file|templatefile)\s*\(/;

class NotLiteral extends Error {}

/** What expressions may read: the module's folder (`path.module`, `file()`), and its known locals. */
export interface ExpressionContext {
    readonly locals?: KnownLocals;
    /** The folder of the module the expression is in; without it, file functions stay unknown. */
    readonly moduleDir?: string;
}

/**
 * A recursive-descent reader of HCL expressions. Strict, it reads literal values only (objects,
 * tuples, strings, numbers, bools, null) and gives up on anything else. Partial, it evaluates
 * what is known before plan — literals, known locals, `path.module`, and the functions an API
 * document is written with (`jsonencode`, `file`, `templatefile`, `yamldecode`, `jsondecode`) —
 * and puts the unknown sentinel where a value is known only after plan (a resource attribute,
 * a variable, another function), so a document keeps every part that is known.
 */
class ExpressionReader {
    private position = 0;

    constructor(private readonly text: string, private readonly partial = false, private readonly context: ExpressionContext = {}) {}

    read(): unknown {
        const value = this.value();
        this.skipSpace();
        if (this.position !== this.text.length) {
            throw new NotLiteral();
        }
        return value;
    }

    private skipSpace(): void {
        for (;;) {
            const rest = this.text.slice(this.position, this.position + 2);
            const char = rest[0];
            if (char === " " || char === "\t" || char === "\n" || char === "\r") {
                this.position++;
                continue;
            }
            if (char === "#" || rest === "//") {
                const end = this.text.indexOf("\n", this.position);
                this.position = end < 0 ? this.text.length : end;
                continue;
            }
            if (rest === "/*") {
                const end = this.text.indexOf("*/", this.position + 2);
                this.position = end < 0 ? this.text.length : end + 2;
                continue;
            }
            return;
        }
    }

    private peek(): string {
        this.skipSpace();
        return this.text[this.position] ?? "";
    }

    private expect(char: string): void {
        if (this.peek() !== char) {
            throw new NotLiteral();
        }
        this.position++;
    }

    /** True when the value just read is followed by an operator (`a == b ? c : d`): the whole is an expression. */
    private continuesAsExpression(): boolean {
        const match = /^[ \t]*([^ \t\r\n,})\]#/])/.exec(this.text.slice(this.position));
        return match !== null;
    }

    private value(): unknown {
        const start = this.position;
        const value = this.term();
        if (this.partial && this.continuesAsExpression()) {
            this.position = start;
            this.skipExpression();
            return UNKNOWN_STRING;
        }
        return value;
    }

    private term(): unknown {
        const char = this.peek();
        if (char === "{") {
            return this.object();
        }
        if (char === "[") {
            return this.tuple();
        }
        if (char === "\"") {
            return this.string();
        }
        if (char === "(" && this.partial) {
            this.skipExpression();
            return UNKNOWN_STRING;
        }
        const rest = this.text.slice(this.position);
        const number = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
        if (number) {
            this.position += number[0].length;
            return Number(number[0]);
        }
        const keyword = /^(true|false|null)\b/.exec(rest);
        if (keyword) {
            this.position += keyword[0].length;
            return keyword[1] === "null" ? null : keyword[1] === "true";
        }
        if (!this.partial) {
            throw new NotLiteral(); // a reference, a function call, an operator
        }
        const call = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(rest);
        if (call) {
            this.position += call[0].length;
            return this.call(call[1]);
        }
        const traversal = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[^\]\n]*\])*/.exec(rest);
        if (traversal) {
            this.position += traversal[0].length;
            return this.reference(traversal[0]);
        }
        this.skipExpression();
        return UNKNOWN_STRING;
    }

    private reference(name: string): unknown {
        if (name === "path.module" && this.context.moduleDir !== undefined) {
            return this.context.moduleDir;
        }
        const local = /^local\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(name);
        if (local && this.context.locals?.has(local[1])) {
            return this.context.locals.get(local[1]);
        }
        return UNKNOWN_STRING;
    }

    private call(name: string): unknown {
        const args: unknown[] = [];
        while (this.peek() !== ")") {
            if (this.peek() === "") {
                throw new NotLiteral();
            }
            args.push(this.value());
            if (this.peek() === ",") {
                this.position++;
            }
        }
        this.position++;
        return callFunction(name, args, this.context);
    }

    /** Moves past one expression whose value is not known before plan: to the next separator at depth 0. */
    private skipExpression(): void {
        let depth = 0;
        for (; this.position < this.text.length; this.position++) {
            const char = this.text[this.position];
            if (char === "\"") {
                this.skipQuoted();
                this.position--;
                continue;
            }
            if (char === "(" || char === "[" || char === "{") {
                depth++;
            } else if (char === ")" || char === "]" || char === "}") {
                if (depth === 0) {
                    return;
                }
                depth--;
            } else if (depth === 0 && (char === "," || char === "\n")) {
                return;
            }
        }
    }

    /** Moves past a quoted string, interpolations included. */
    private skipQuoted(): void {
        this.position++;
        let depth = 0;
        while (this.position < this.text.length) {
            const char = this.text[this.position++];
            if (char === "\\") {
                this.position++;
            } else if (char === "{" && depth > 0) {
                depth++;
            } else if ((char === "$" || char === "%") && this.text[this.position] === "{") {
                depth++;
                this.position++;
            } else if (char === "}" && depth > 0) {
                depth--;
            } else if (char === "\"" && depth === 0) {
                return;
            }
        }
    }

    private object(): Record<string, unknown> {
        this.expect("{");
        const out: Record<string, unknown> = {};
        while (this.peek() !== "}") {
            if (this.peek() === "") {
                throw new NotLiteral();
            }
            const key = this.peek() === "\"" ? this.string() : this.identifier();
            const separator = this.peek();
            if (separator !== "=" && separator !== ":") {
                throw new NotLiteral();
            }
            this.position++;
            const value = this.value();
            if (typeof key === "string") {
                out[key] = value;
            }
            if (this.peek() === ",") {
                this.position++;
            }
        }
        this.position++;
        return out;
    }

    private tuple(): unknown[] {
        this.expect("[");
        const out: unknown[] = [];
        while (this.peek() !== "]") {
            if (this.partial && /^for\s/.test(this.text.slice(this.position))) {
                this.skipExpression();
                return UNKNOWN_ARRAY as unknown as unknown[];
            }
            out.push(this.value());
            if (this.peek() === ",") {
                this.position++;
            } else if (this.peek() !== "]") {
                throw new NotLiteral();
            }
        }
        this.position++;
        return out;
    }

    private identifier(): string {
        const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.position));
        if (!match) {
            throw new NotLiteral();
        }
        this.position += match[0].length;
        return match[0];
    }

    private string(): string {
        this.expect("\"");
        let out = "";
        for (;;) {
            const char = this.text[this.position++];
            if (char === undefined || char === "\n") {
                throw new NotLiteral();
            }
            if (char === "\"") {
                return out;
            }
            if ((char === "$" || char === "%") && this.text[this.position] === "{") {
                if (this.text[this.position - 2] === char) {
                    continue; // "$${" escapes a literal "${"
                }
                if (!this.partial || char === "%") {
                    throw new NotLiteral(); // an interpolation
                }
                this.position++;
                const inner = new ExpressionReader(this.text, true, this.context);
                inner.position = this.position;
                const value = inner.value();
                if (inner.peek() !== "}") {
                    throw new NotLiteral();
                }
                this.position = inner.position + 1;
                out += typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : UNKNOWN_STRING;
                continue;
            }
            if (char === "\\") {
                const escaped = this.text[this.position++];
                const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\"": "\"", "\\": "\\" };
                if (escaped !== undefined && escaped in simple) {
                    out += simple[escaped];
                } else if (escaped === "u") {
                    out += String.fromCharCode(parseInt(this.text.slice(this.position, this.position + 4), 16));
                    this.position += 4;
                } else {
                    throw new NotLiteral();
                }
                continue;
            }
            out += char;
        }
    }
}

function isKnownText(value: unknown): value is string {
    return typeof value === "string" && !holdsUnknown(value);
}

/** Renders a template's `${name}` interpolations; a variable not known until plan renders as the unknown sentinel. */
export function renderTemplate(template: string, variables: unknown): string | undefined {
    if (/(^|[^%])%\{/.test(template)) {
        return undefined; // directives (`%{ if }`, `%{ for }`) need a full evaluator
    }
    const vars = variables !== null && typeof variables === "object" && !Array.isArray(variables) ? variables as Record<string, unknown> : {};
    return template.replace(/(\$?)\$\{\s*([^}]*?)\s*\}/g, (whole, escape: string, name: string) => {
        if (escape === "$") {
            return whole.slice(1);
        }
        const value = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? vars[name] : undefined;
        return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : UNKNOWN_STRING;
    });
}

function readModuleFile(target: unknown, context: ExpressionContext): string | undefined {
    if (!isKnownText(target) || context.moduleDir === undefined) {
        return undefined;
    }
    const file = path.resolve(context.moduleDir, target);
    try {
        return readTextFile(file);
    } catch {
        throw new FileFunctionError(target);
    }
}

/** A `file()` or `templatefile()` whose file does not exist: Terraform fails on it too. */
export class FileFunctionError extends Error {
    constructor(readonly target: string) {
        super(`no file ${target}`);
        this.name = "FileFunctionError";
    }
}

function callFunction(name: string, args: readonly unknown[], context: ExpressionContext): unknown {
    switch (name) {
        case "jsonencode":
            return args.length === 1 && args[0] !== UNKNOWN_ARRAY ? JSON.stringify(args[0]) : UNKNOWN_STRING;
        case "file":
            return readModuleFile(args[0], context) ?? UNKNOWN_STRING;
        case "templatefile": {
            const template = readModuleFile(args[0], context);
            return template === undefined ? UNKNOWN_STRING : renderTemplate(template, args[1]) ?? UNKNOWN_STRING;
        }
        case "jsondecode":
            try {
                return isKnownText(args[0]) ? JSON.parse(args[0]) : UNKNOWN_OBJECT;
            } catch {
                return UNKNOWN_OBJECT;
            }
        case "yamldecode":
            try {
                return typeof args[0] === "string" && !isUnknown(args[0]) ? require("yaml").parse(args[0]) : UNKNOWN_OBJECT;
            } catch {
                return UNKNOWN_OBJECT;
            }
        default:
            return UNKNOWN_STRING;
    }
}

/** The value of `${jsonencode(<literal>)}` as the JSON string Terraform computes, or undefined. */
export function knownJsonencode(expression: string): string | undefined {
    const match = WHOLE_JSONENCODE.exec(expression);
    if (!match) {
        return undefined;
    }
    try {
        return JSON.stringify(new ExpressionReader(match[1]).read());
    } catch (error) {
        if (error instanceof NotLiteral) {
            return undefined;
        }
        throw error;
    }
}

const WHOLE_LOCAL = /^\$\{\s*local\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}$/;
const EXPRESSION = /[$%]\{/;

/** Local values known before plan: those whose value holds no expression once evaluated. */
export type KnownLocals = ReadonlyMap<string, unknown>;

function holdsExpression(value: unknown): boolean {
    if (typeof value === "string") {
        return EXPRESSION.test(value);
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some(holdsExpression);
    }
    return false;
}

/**
 * The known locals of a module's `locals` blocks (HCL as JSON lists blocks; CDKTF writes one
 * object). A local that refers to another local is resolved when that one is known.
 */
export function knownLocals(blocks: readonly unknown[]): KnownLocals {
    const pending = new Map<string, unknown>();
    for (const block of blocks.flatMap((item) => (Array.isArray(item) ? item : [item]))) {
        if (block !== null && typeof block === "object") {
            Object.entries(block).forEach(([name, value]) => pending.set(name, value));
        }
    }
    const known = new Map<string, unknown>();
    for (let progress = true; progress;) {
        progress = false;
        for (const [name, value] of pending) {
            const evaluated = evaluateKnownExpressions(value, known);
            if (!holdsExpression(evaluated)) {
                known.set(name, evaluated);
                pending.delete(name);
                progress = true;
            }
        }
    }
    return known;
}

/**
 * Replaces, deep in a configuration value, each expression known before plan by its value:
 * a literal `jsonencode(...)`, and a reference to a known local.
 */
export function evaluateKnownExpressions(value: unknown, locals: KnownLocals = new Map(), moduleDir?: string): unknown {
    if (typeof value === "string") {
        if (!value.startsWith("${")) {
            return value;
        }
        const local = WHOLE_LOCAL.exec(value);
        if (local && locals.has(local[1])) {
            return locals.get(local[1]);
        }
        return knownJsonencode(value) ?? knownDocument(value, { locals, moduleDir }) ?? value;
    }
    if (Array.isArray(value)) {
        return value.map((item) => evaluateKnownExpressions(item, locals, moduleDir));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, evaluateKnownExpressions(item, locals, moduleDir)]));
    }
    return value;
}

/**
 * A document built by `jsonencode(...)`, `file(...)` or `templatefile(...)`, with the unknown
 * sentinel where a value is known only after plan; undefined when nothing of it is known.
 */
export function knownDocument(expression: string, context: ExpressionContext): string | undefined {
    const match = WHOLE_EXPRESSION.exec(expression);
    if (!match || !DOCUMENT_FUNCTION.test(match[1])) {
        return undefined;
    }
    try {
        const value = new ExpressionReader(match[1], true, context).read();
        return typeof value === "string" && value !== UNKNOWN_STRING ? value : undefined;
    } catch (error) {
        if (error instanceof NotLiteral) {
            return undefined;
        }
        throw error;
    }
}
