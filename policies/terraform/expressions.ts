/**
 * Evaluates the Terraform expressions a configuration can hold that are known before plan:
 * `${jsonencode(<literal>)}`, the usual way to write an IAM or resource policy in HCL and what
 * CDKTF's `Fn.jsonencode` emits. Anything that refers to another value (a resource, a variable,
 * a function other than jsonencode) is left as an expression, unknown until plan.
 */

const WHOLE_JSONENCODE = /^\$\{\s*jsonencode\s*\(([\s\S]*)\)\s*\}$/;

class NotLiteral extends Error {}

/** A recursive-descent reader of HCL literal values: objects, tuples, strings, numbers, bools, null. */
class LiteralReader {
    private position = 0;

    constructor(private readonly text: string) {}

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
            const rest = this.text.slice(this.position);
            const match = /^(?:\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
            if (!match) {
                return;
            }
            this.position += match[0].length;
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

    private value(): unknown {
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
        throw new NotLiteral(); // a reference, a function call, an operator
    }

    private object(): Record<string, unknown> {
        this.expect("{");
        const out: Record<string, unknown> = {};
        while (this.peek() !== "}") {
            const key = this.peek() === "\"" ? this.string() : this.identifier();
            const separator = this.peek();
            if (separator !== "=" && separator !== ":") {
                throw new NotLiteral();
            }
            this.position++;
            out[key] = this.value();
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
                throw new NotLiteral(); // an interpolation
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

/** The value of `${jsonencode(<literal>)}` as the JSON string Terraform computes, or undefined. */
export function knownJsonencode(expression: string): string | undefined {
    const match = WHOLE_JSONENCODE.exec(expression);
    if (!match) {
        return undefined;
    }
    try {
        return JSON.stringify(new LiteralReader(match[1]).read());
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
export function evaluateKnownExpressions(value: unknown, locals: KnownLocals = new Map()): unknown {
    if (typeof value === "string") {
        if (!value.startsWith("${")) {
            return value;
        }
        const local = WHOLE_LOCAL.exec(value);
        if (local && locals.has(local[1])) {
            return locals.get(local[1]);
        }
        return knownJsonencode(value) ?? value;
    }
    if (Array.isArray(value)) {
        return value.map((item) => evaluateKnownExpressions(item, locals));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, evaluateKnownExpressions(item, locals)]));
    }
    return value;
}
