/**
 * A static evaluator of Terraform expressions: what a configuration's values are before plan.
 * @cdktf/hcl2json turns HCL into Terraform's JSON syntax, where every string is a template
 * (`"api-${var.env}"`, `"${count.index}"`, `"%{if …}…%{endif}"`); this module parses those
 * templates and the expressions inside them and evaluates them over a scope (variables, locals,
 * `count`, `each`, iterators, `path.module`, rendered `aws_iam_policy_document`s).
 *
 * What is known only after plan — another resource's attributes, a variable without a value —
 * evaluates to the unknown sentinel, and a template keeps its known parts around it
 * (`"${aws_api_gateway_rest_api.a.execution_arn}/*\/*"` → `<unknown>/*\/*`), so rules decide on
 * what is known. References to resources are reported to the scope, which makes them refs.
 */
import * as path from "node:path";
import { readTextFile } from "../engine/input-error";
import { holdsUnknown, isPlainObject, isUnknown, UNKNOWN_STRING } from "../engine/values";

/** The value of anything not known before plan. */
export const UNKNOWN_VALUE = UNKNOWN_STRING;

type Value = unknown;


/** Unknown, wholly: no part of it can be read. */
function unknownValue(value: unknown): boolean {
    return typeof value === "string" && isUnknown(value);
}

/** Unknown or partly unknown: a string with unknown parts cannot be compared or converted. */
function undecided(value: unknown): boolean {
    return typeof value === "string" && holdsUnknown(value);
}

function deepUndecided(value: unknown): boolean {
    if (typeof value === "string") {
        return holdsUnknown(value);
    }
    if (Array.isArray(value)) {
        return value.some(deepUndecided);
    }
    if (isPlainObject(value)) {
        return Object.values(value).some(deepUndecided);
    }
    return false;
}

/** An expression Terraform itself would reject (a syntax error, a call with the wrong arguments). */
export class ExpressionError extends Error {}

/** A `file()` or `templatefile()` whose file does not exist: Terraform fails on it too. */
export class FileFunctionError extends Error {
    constructor(readonly target: string) {
        super(`no file ${target}`);
        this.name = "FileFunctionError";
    }
}

// ---------------------------------------------------------------------------------------------
// Syntax

type Node =
    | { k: "lit"; v: Value }
    | { k: "tmpl"; parts: TemplatePart[] }
    | { k: "tuple"; items: Node[] }
    | { k: "object"; items: { key: Node; value: Node }[] }
    | { k: "name"; name: string }
    | { k: "get"; of: Node; name: string }
    | { k: "index"; of: Node; index: Node }
    | { k: "splat"; of: Node; each: Node }
    | { k: "item" }
    | { k: "call"; name: string; args: Node[]; expand: boolean }
    | { k: "cond"; test: Node; then: Node; else: Node }
    | { k: "bin"; op: string; left: Node; right: Node }
    | { k: "not"; of: Node }
    | { k: "neg"; of: Node }
    | { k: "for"; object: boolean; keyVar?: string; valueVar: string; collection: Node; key?: Node; value: Node; test?: Node; group: boolean };

type TemplatePart =
    | string
    | { k: "interp"; expr: Node }
    | { k: "if"; test: Node; then: TemplatePart[]; else: TemplatePart[] }
    | { k: "for"; keyVar?: string; valueVar: string; collection: Node; body: TemplatePart[] };

interface Token {
    readonly t: "num" | "str" | "id" | "op" | "end";
    readonly v: string;
    readonly at: number;
    /** For `str`: the raw template text between the quotes. */
    readonly raw?: string;
}

const OPERATORS = ["...", "=>", "==", "!=", "<=", ">=", "&&", "||", "{", "}", "[", "]", "(", ")", ",", ".", ":", "?", "=", "!", "<", ">", "+", "-", "*", "/", "%"];

/** Splits an expression into tokens; a quoted string is one token holding its raw template text. */
function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < text.length) {
        const char = text[i];
        if (char === " " || char === "\t" || char === "\n" || char === "\r") {
            i++;
            continue;
        }
        if (char === "#" || text.startsWith("//", i)) {
            const end = text.indexOf("\n", i);
            i = end < 0 ? text.length : end;
            continue;
        }
        if (text.startsWith("/*", i)) {
            const end = text.indexOf("*/", i + 2);
            i = end < 0 ? text.length : end + 2;
            continue;
        }
        const number = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
        if (number) {
            tokens.push({ t: "num", v: number[0], at: i });
            i += number[0].length;
            continue;
        }
        const identifier = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i, i + 256));
        if (identifier) {
            tokens.push({ t: "id", v: identifier[0], at: i });
            i += identifier[0].length;
            continue;
        }
        if (char === "\"") {
            const end = endOfQuoted(text, i);
            tokens.push({ t: "str", v: "", raw: text.slice(i + 1, end - 1), at: i });
            i = end;
            continue;
        }
        if (text.startsWith("<<", i)) {
            const heredoc = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(text.slice(i, i + 256));
            if (heredoc) {
                const bodyStart = i + heredoc[0].length;
                const close = new RegExp(`^[ \\t]*${heredoc[2]}[ \\t]*$`, "mu");
                const match = close.exec(text.slice(bodyStart));
                if (!match) {
                    throw new ExpressionError("a heredoc is not closed");
                }
                let body = text.slice(bodyStart, bodyStart + match.index);
                if (heredoc[1] === "-") {
                    const lines = body.split("\n");
                    const indent = Math.min(...lines.filter((line) => line.trim() !== "").map((line) => /^[ \t]*/.exec(line)![0].length));
                    body = lines.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join("\n");
                }
                tokens.push({ t: "str", v: "", raw: body.replace(/\\/g, "\\\\").replace(/"/g, "\\\""), at: i });
                i = bodyStart + match.index + match[0].length;
                continue;
            }
        }
        const operator = OPERATORS.find((candidate) => text.startsWith(candidate, i));
        if (!operator) {
            throw new ExpressionError(`unexpected character ${JSON.stringify(char)}`);
        }
        tokens.push({ t: "op", v: operator, at: i });
        i += operator.length;
    }
    tokens.push({ t: "end", v: "", at: text.length });
    return tokens;
}

/** The index just past the quoted string starting at `start`, its interpolations included. */
function endOfQuoted(text: string, start: number): number {
    let depth = 0;
    let i = start + 1;
    while (i < text.length) {
        const char = text[i++];
        if (char === "\\") {
            i++;
        } else if ((char === "$" || char === "%") && text[i] === "{") {
            if (text[i - 2] === char && depth === 0) {
                continue; // "$${" is a literal "${"
            }
            depth++;
            i++;
        } else if (char === "{" && depth > 0) {
            depth++;
        } else if (char === "}" && depth > 0) {
            depth--;
        } else if (char === "\"" && depth > 0) {
            i = endOfQuoted(text, i - 1);
        } else if (char === "\"" && depth === 0) {
            return i;
        }
    }
    throw new ExpressionError("a string is not closed");
}

class Parser {
    private position = 0;

    constructor(private readonly tokens: Token[]) {}

    private get current(): Token {
        return this.tokens[this.position];
    }

    private next(): Token {
        return this.tokens[this.position++];
    }

    private is(value: string): boolean {
        return this.current.t === "op" && this.current.v === value;
    }

    private isWord(value: string): boolean {
        return this.current.t === "id" && this.current.v === value;
    }

    private expect(value: string): void {
        if (!this.is(value)) {
            throw new ExpressionError(`expected ${JSON.stringify(value)}`);
        }
        this.position++;
    }

    whole(): Node {
        const node = this.expression();
        if (this.current.t !== "end") {
            throw new ExpressionError(`unexpected ${JSON.stringify(this.current.v)}`);
        }
        return node;
    }

    expression(): Node {
        const test = this.binary(0);
        if (this.is("?")) {
            this.position++;
            const then = this.expression();
            this.expect(":");
            return { k: "cond", test, then, else: this.expression() };
        }
        return test;
    }

    private static readonly PRECEDENCE: Readonly<Record<string, number>> = {
        "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6,
    };

    private binary(minimum: number): Node {
        let left = this.unary();
        for (;;) {
            const token = this.current;
            const precedence = token.t === "op" ? Parser.PRECEDENCE[token.v] : undefined;
            if (precedence === undefined || precedence <= minimum) {
                return left;
            }
            this.position++;
            left = { k: "bin", op: token.v, left, right: this.binary(precedence) };
        }
    }

    private unary(): Node {
        if (this.is("!")) {
            this.position++;
            return { k: "not", of: this.unary() };
        }
        if (this.is("-")) {
            this.position++;
            return { k: "neg", of: this.unary() };
        }
        return this.postfix(this.primary());
    }

    private postfix(node: Node): Node {
        for (;;) {
            if (this.is(".")) {
                this.position++;
                if (this.is("*")) {
                    this.position++;
                    node = { k: "splat", of: node, each: this.splatTail() };
                } else if (this.current.t === "num") {
                    node = { k: "index", of: node, index: { k: "lit", v: Number(this.next().v) } }; // legacy `list.0`
                } else if (this.current.t === "id") {
                    node = { k: "get", of: node, name: this.next().v };
                } else {
                    throw new ExpressionError("expected an attribute name after \".\"");
                }
            } else if (this.is("[")) {
                this.position++;
                if (this.is("*")) {
                    this.position++;
                    this.expect("]");
                    node = { k: "splat", of: node, each: this.splatTail() };
                } else {
                    const index = this.expression();
                    this.expect("]");
                    node = { k: "index", of: node, index };
                }
            } else {
                return node;
            }
        }
    }

    /** The traversal after a splat, applied to each element. */
    private splatTail(): Node {
        let node: Node = { k: "item" };
        for (;;) {
            if (this.is(".") && this.tokens[this.position + 1]?.t === "id") {
                this.position++;
                node = { k: "get", of: node, name: this.next().v };
            } else if (this.is("[") && !(this.tokens[this.position + 1]?.v === "*")) {
                this.position++;
                const index = this.expression();
                this.expect("]");
                node = { k: "index", of: node, index };
            } else {
                return node;
            }
        }
    }

    private primary(): Node {
        const token = this.current;
        if (token.t === "num") {
            this.position++;
            return { k: "lit", v: Number(token.v) };
        }
        if (token.t === "str") {
            this.position++;
            return parseTemplate(token.raw!, true);
        }
        if (token.t === "id") {
            this.position++;
            if (token.v === "true" || token.v === "false") {
                return { k: "lit", v: token.v === "true" };
            }
            if (token.v === "null") {
                return { k: "lit", v: null };
            }
            if (this.is("(")) {
                return this.call(token.v);
            }
            return { k: "name", name: token.v };
        }
        if (this.is("(")) {
            this.position++;
            const inner = this.expression();
            this.expect(")");
            return inner;
        }
        if (this.is("[")) {
            return this.tuple();
        }
        if (this.is("{")) {
            return this.object();
        }
        throw new ExpressionError(token.t === "end" ? "the expression ends too early" : `unexpected ${JSON.stringify(token.v)}`);
    }

    private call(name: string): Node {
        this.expect("(");
        const args: Node[] = [];
        let expand = false;
        while (!this.is(")")) {
            args.push(this.expression());
            if (this.is("...")) {
                this.position++;
                expand = true;
            }
            if (this.is(",")) {
                this.position++;
            } else if (!this.is(")")) {
                throw new ExpressionError(`expected "," or ")" in the arguments of ${name}`);
            }
        }
        this.position++;
        // Provider-namespaced functions (`provider::aws::arn_parse`) are not evaluated.
        return { k: "call", name, args, expand };
    }

    private tuple(): Node {
        this.expect("[");
        if (this.isWord("for")) {
            return this.forExpression(false);
        }
        const items: Node[] = [];
        while (!this.is("]")) {
            items.push(this.expression());
            if (this.is(",")) {
                this.position++;
            } else if (!this.is("]")) {
                throw new ExpressionError("expected \",\" or \"]\" in a list");
            }
        }
        this.position++;
        return { k: "tuple", items };
    }

    private object(): Node {
        this.expect("{");
        if (this.isWord("for")) {
            return this.forExpression(true);
        }
        const items: { key: Node; value: Node }[] = [];
        while (!this.is("}")) {
            // A bare word is a literal key; `(expr)` or a template computes one.
            const keyToken = this.current;
            const key: Node = keyToken.t === "id" && (this.tokens[this.position + 1]?.v === "=" || this.tokens[this.position + 1]?.v === ":")
                ? (this.position++, { k: "lit", v: keyToken.v })
                : this.expression();
            if (!this.is("=") && !this.is(":")) {
                throw new ExpressionError("expected \"=\" or \":\" after an object key");
            }
            this.position++;
            items.push({ key, value: this.expression() });
            if (this.is(",")) {
                this.position++;
            }
        }
        this.position++;
        return { k: "object", items };
    }

    private forExpression(object: boolean): Node {
        this.position++; // for
        const first = this.next();
        let keyVar: string | undefined;
        let valueVar = first.v;
        if (this.is(",")) {
            this.position++;
            keyVar = first.v;
            valueVar = this.next().v;
        }
        if (!this.isWord("in")) {
            throw new ExpressionError("expected \"in\" in a for expression");
        }
        this.position++;
        const collection = this.expression();
        this.expect(":");
        let key: Node | undefined;
        let value = this.expression();
        if (object) {
            this.expect("=>");
            key = value;
            value = this.expression();
        }
        let group = false;
        if (this.is("...")) {
            this.position++;
            group = true;
        }
        let test: Node | undefined;
        if (this.isWord("if")) {
            this.position++;
            test = this.expression();
        }
        this.expect(object ? "}" : "]");
        return { k: "for", object, keyVar, valueVar, collection, key, value, test, group };
    }
}

/** The index of the `}` closing the interpolation or directive whose body starts at `start`. */
function closingBrace(text: string, start: number): number {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
        const char = text[i];
        if (char === "\"") {
            i = endOfQuoted(text, i) - 1;
        } else if (char === "{") {
            depth++;
        } else if (char === "}") {
            if (depth === 0) {
                return i;
            }
            depth--;
        }
    }
    throw new ExpressionError("an interpolation is not closed");
}

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", "\"": "\"", "\\": "\\" };

/**
 * Parses a template: literal text, `${…}` interpolations and `%{if}`/`%{for}` directives.
 * `quoted` is set for a string inside an expression, where backslash escapes apply; in Terraform
 * JSON a string's escapes were already decoded by the JSON parser.
 */
function parseTemplate(text: string, quoted: boolean): Node {
    const parts: TemplatePart[] = [];
    const stack: { kind: "if" | "for"; part: TemplatePart & { k: "if" | "for" }; inElse: boolean; outer: TemplatePart[] }[] = [];
    let target = parts;
    let literal = "";
    let stripNext = false;
    const flush = (stripEnd: boolean) => {
        let text = stripNext ? literal.replace(/^\s+/u, "") : literal;
        if (stripEnd) {
            text = text.replace(/\s+$/u, "");
        }
        if (text !== "") {
            target.push(text);
        }
        literal = "";
        stripNext = false;
    };
    let i = 0;
    while (i < text.length) {
        const char = text[i];
        if (quoted && char === "\\") {
            const escaped = text[i + 1];
            if (escaped === "u" || escaped === "U") {
                const length = escaped === "u" ? 4 : 8;
                literal += String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + length), 16));
                i += 2 + length;
            } else {
                literal += ESCAPES[escaped] ?? escaped;
                i += 2;
            }
            continue;
        }
        if ((char === "$" || char === "%") && text[i + 1] === "{") {
            if (text[i - 1] === char && literal.endsWith(char)) {
                literal = literal.slice(0, -1) + char + "{"; // "$${" and "%%{" are literal
                i += 2;
                continue;
            }
            let bodyStart = i + 2;
            const stripBefore = text[bodyStart] === "~";
            if (stripBefore) {
                bodyStart++;
            }
            const close = closingBrace(text, bodyStart);
            let body = text.slice(bodyStart, close);
            const stripAfter = body.endsWith("~");
            if (stripAfter) {
                body = body.slice(0, -1);
            }
            flush(stripBefore);
            if (char === "$") {
                target.push({ k: "interp", expr: new Parser(tokenize(body)).whole() });
            } else {
                const directive = body.trim();
                const words = /^(\w+)\s*([\s\S]*)$/u.exec(directive);
                const keyword = words?.[1];
                if (keyword === "if") {
                    const part = { k: "if" as const, test: new Parser(tokenize(words![2])).whole(), then: [], else: [] };
                    target.push(part);
                    stack.push({ kind: "if", part, inElse: false, outer: target });
                    target = part.then;
                } else if (keyword === "else" && stack.at(-1)?.kind === "if") {
                    const frame = stack.at(-1)!;
                    frame.inElse = true;
                    target = (frame.part as { else: TemplatePart[] }).else;
                } else if (keyword === "for") {
                    const header = /^(?:([A-Za-z_][\w-]*)\s*,\s*)?([A-Za-z_][\w-]*)\s+in\s+([\s\S]+)$/u.exec(words![2]);
                    if (!header) {
                        throw new ExpressionError("a for directive must read `for x in collection`");
                    }
                    const part = { k: "for" as const, keyVar: header[1], valueVar: header[2], collection: new Parser(tokenize(header[3])).whole(), body: [] };
                    target.push(part);
                    stack.push({ kind: "for", part, inElse: false, outer: target });
                    target = part.body;
                } else if ((keyword === "endif" && stack.at(-1)?.kind === "if") || (keyword === "endfor" && stack.at(-1)?.kind === "for")) {
                    target = stack.pop()!.outer;
                } else {
                    throw new ExpressionError(`unexpected template directive %{${directive}}`);
                }
            }
            stripNext = stripAfter;
            i = close + 1;
            continue;
        }
        literal += char;
        i++;
    }
    if (stack.length > 0) {
        throw new ExpressionError(`a %{${stack.at(-1)!.kind}} directive is not closed`);
    }
    flush(false);
    return { k: "tmpl", parts };
}

const TEMPLATE_CACHE = new Map<string, Node>();
const MAX_CACHED = 50_000;

/** The syntax tree of a Terraform JSON string (a template), cached: modules repeat expressions. */
function templateOf(text: string): Node {
    let node = TEMPLATE_CACHE.get(text);
    if (node === undefined) {
        node = parseTemplate(text, false);
        if (TEMPLATE_CACHE.size < MAX_CACHED) {
            TEMPLATE_CACHE.set(text, node);
        }
    }
    return node;
}

/** True when a Terraform JSON string holds an interpolation or directive (otherwise it is literal text). */
export function isTemplate(text: string): boolean {
    return text.includes("${") || text.includes("%{");
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** What an expression can name. Each lookup returns UNKNOWN_VALUE when the name is not known before plan. */
export interface Scope {
    /** `var.x`, `local.x`, `count`, `each`, `path`, `terraform`, `data`, `module`, iterator names. */
    root(name: string): Value | typeof NOT_A_ROOT;
    /** A traversal of a resource (`aws_x.y`, `aws_x.y[0]`, `aws_x.y[*]`): reported as a reference. */
    reference(address: string): void;
    /**
     * What `aws_x.y` reads before plan, when its instances are known: a list (`count`), a map by
     * key (`for_each`) or the one instance, each an object of the values its configuration sets
     * (any other attribute reads as unknown). Undefined when not known: the reference is unknown.
     */
    resource?(type: string, name: string): Value | undefined;
    /**
     * Terraform's working directory, the root module's folder: a relative path given to `file()`
     * or `templatefile()` is read from it (which is why modules write `${path.module}/…`).
     */
    readonly workingDir?: string;
}

/** Returned by `Scope.root` for a name that is not a scope root: a resource type or a typo. */
export const NOT_A_ROOT = Symbol("not a root");

/** The scope of constants (`.tfvars` values, variable defaults, `optional()` defaults): nothing to refer to. */
export const CONSTANT_SCOPE: Scope = { root: () => NOT_A_ROOT, reference: () => undefined };

/** A scope that adds names (for-expression and template variables, iterators) to another. */
export function withNames(outer: Scope, names: Readonly<Record<string, Value>>): Scope {
    return {
        root: (name) => (name in names ? names[name] : outer.root(name)),
        reference: (address) => outer.reference(address),
        resource: outer.resource,
        workingDir: outer.workingDir,
    };
}

function attribute(value: Value, name: string): Value {
    if (unknownValue(value)) {
        return UNKNOWN_VALUE;
    }
    if (isPlainObject(value)) {
        return name in value ? value[name] : UNKNOWN_VALUE;
    }
    return UNKNOWN_VALUE;
}

function indexInto(value: Value, index: Value): Value {
    if (unknownValue(value) || undecided(index)) {
        return UNKNOWN_VALUE;
    }
    if (Array.isArray(value)) {
        const position = typeof index === "number" ? index : Number(index);
        return Number.isInteger(position) && position >= 0 && position < value.length ? value[position] : UNKNOWN_VALUE;
    }
    if (isPlainObject(value)) {
        const key = String(index);
        return key in value ? value[key] : UNKNOWN_VALUE;
    }
    return UNKNOWN_VALUE;
}

const U = UNKNOWN_STRING;
const EXECUTE_API = `arn:aws:execute-api:${U}:${U}:${U}`;

/**
 * Computed attributes whose format the provider documents: what they read as before plan, with
 * unknown parts, so a template built on them keeps its meaning (`${api.execution_arn}/*\/*` is
 * every stage and method of one API; a stage's execution ARN already names its stage).
 */
const ATTRIBUTE_SHAPES: Readonly<Record<string, string>> = {
    "aws_api_gateway_rest_api.execution_arn": EXECUTE_API,
    "aws_apigatewayv2_api.execution_arn": EXECUTE_API,
    "aws_api_gateway_stage.execution_arn": `${EXECUTE_API}/${U}`,
    "aws_apigatewayv2_stage.execution_arn": `${EXECUTE_API}/${U}`,
};

/**
 * The resource a traversal names, when it starts at a resource type (`aws_x.y`, `aws_x.y[0]`,
 * `aws_x.y[*]`), and the value it reads before plan: a documented shape, else unknown.
 */
function resourceReference(node: Node, scope: Scope): { address: string; value: Value } | undefined {
    const steps: Node[] = [];
    let current = node;
    while (current.k === "get" || current.k === "index" || current.k === "splat") {
        steps.unshift(current);
        current = current.of;
    }
    if (current.k !== "name" || !/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(current.name) || scope.root(current.name) !== NOT_A_ROOT) {
        return undefined;
    }
    const name = steps[0];
    if (!name || name.k !== "get") {
        return undefined;
    }
    let address = `${current.name}.${name.name}`;
    let next = 1;
    const instance = steps[1];
    if (instance?.k === "index") {
        next = 2;
        const key = evaluate(instance.index, scope);
        if (typeof key === "number" || (typeof key === "string" && !holdsUnknown(key))) {
            address += typeof key === "number" ? `[${key}]` : `[${JSON.stringify(key)}]`;
        }
    }
    const read = steps[next];
    const shape = read?.k === "get" && steps.length === next + 1 ? ATTRIBUTE_SHAPES[`${current.name}.${read.name}`] : undefined;
    const configured = scope.resource?.(current.name, name.name);
    if (configured === undefined) {
        return { address, value: shape ?? UNKNOWN_VALUE };
    }
    // The rest of the traversal reads what the configuration sets; an attribute it does not set is computed.
    const value = evaluate(rebased(node, name, RESOURCE_BASE), withNames(scope, { [RESOURCE_BASE]: configured }));
    return { address, value: shape !== undefined && unknownValue(value) ? shape : value };
}

/** The scope name a resource's configured values are read under, once its traversal is rebased on them. */
const RESOURCE_BASE = "\u0000resource";

/** A traversal with `base` (a node it goes through) replaced by the scope name `name`. */
function rebased(node: Node, base: Node, name: string): Node {
    if (node === base) {
        return { k: "name", name };
    }
    return node.k === "get" || node.k === "index" || node.k === "splat" ? { ...node, of: rebased(node.of, base, name) } : node;
}

function stringOf(value: Value): string {
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    return UNKNOWN_VALUE; // null, lists and objects cannot be interpolated; Terraform refuses them
}

/** A bool, or the text Terraform converts to one; undefined otherwise (type-constraint.ts converts with it too). */
export function truthy(value: Value): boolean | undefined {
    if (typeof value === "boolean") {
        return value;
    }
    if (value === "true" || value === "false") {
        return value === "true";
    }
    return undefined;
}

/** A number, or the text Terraform converts to one; undefined otherwise. */
export function numberOf(value: Value): number | undefined {
    if (typeof value === "number") {
        return value;
    }
    if (typeof value === "string" && !undecided(value) && value.trim() !== "" && Number.isFinite(Number(value))) {
        return Number(value);
    }
    return undefined;
}

function equal(left: Value, right: Value): boolean {
    if (typeof left === "number" || typeof right === "number") {
        return numberOf(left) !== undefined && numberOf(left) === numberOf(right);
    }
    return JSON.stringify(left) === JSON.stringify(right);
}

function binary(op: string, left: Value, right: Value): Value {
    if (op === "&&" || op === "||") {
        const a = truthy(left);
        const b = truthy(right);
        if (op === "&&") {
            return a === false || b === false ? false : a === true && b === true ? true : UNKNOWN_VALUE;
        }
        return a === true || b === true ? true : a === false && b === false ? false : UNKNOWN_VALUE;
    }
    if (deepUndecided(left) || deepUndecided(right)) {
        return UNKNOWN_VALUE;
    }
    if (op === "==") {
        return equal(left, right);
    }
    if (op === "!=") {
        return !equal(left, right);
    }
    const a = numberOf(left);
    const b = numberOf(right);
    if (a === undefined || b === undefined) {
        return UNKNOWN_VALUE;
    }
    switch (op) {
        case "<": return a < b;
        case ">": return a > b;
        case "<=": return a <= b;
        case ">=": return a >= b;
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return a / b;
        case "%": return a % b;
        default: return UNKNOWN_VALUE;
    }
}

/** The elements of a collection a for expression, directive or `dynamic` block iterates: [key, value] pairs. */
export function entriesOf(collection: Value): [Value, Value][] | undefined {
    if (Array.isArray(collection)) {
        return collection.map((item, index) => [index, item]);
    }
    if (isPlainObject(collection)) {
        return Object.keys(collection).sort().map((key) => [key, collection[key]]);
    }
    return undefined;
}

function evaluateFor(node: Node & { k: "for" }, scope: Scope): Value {
    const entries = entriesOf(evaluate(node.collection, scope));
    if (!entries) {
        return UNKNOWN_VALUE;
    }
    const results: [Value, Value][] = [];
    for (const [key, value] of entries) {
        const inner = withNames(scope, node.keyVar ? { [node.keyVar]: key, [node.valueVar]: value } : { [node.valueVar]: value });
        if (node.test) {
            const keep = truthy(evaluate(node.test, inner));
            if (keep === undefined) {
                return UNKNOWN_VALUE;
            }
            if (!keep) {
                continue;
            }
        }
        results.push([node.key ? evaluate(node.key, inner) : key, evaluate(node.value, inner)]);
    }
    if (!node.object) {
        return results.map(([, value]) => value);
    }
    const out: Record<string, Value> = {};
    for (const [key, value] of results) {
        if (undecided(key)) {
            return UNKNOWN_VALUE;
        }
        const name = stringOf(key);
        if (node.group) {
            ((out[name] ??= []) as Value[]).push(value);
        } else {
            out[name] = value;
        }
    }
    return out;
}

function evaluateTemplate(parts: readonly TemplatePart[], scope: Scope): Value {
    // A template that is one interpolation is that expression's value, of its own type.
    if (parts.length === 1 && typeof parts[0] !== "string" && parts[0].k === "interp") {
        return evaluate(parts[0].expr, scope);
    }
    let out = "";
    for (const part of parts) {
        if (typeof part === "string") {
            out += part;
        } else if (part.k === "interp") {
            out += stringOf(evaluate(part.expr, scope));
        } else if (part.k === "if") {
            const test = truthy(evaluate(part.test, scope));
            out += test === undefined ? UNKNOWN_VALUE : stringOf(evaluateTemplate(test ? part.then : part.else, scope));
        } else {
            const entries = entriesOf(evaluate(part.collection, scope));
            if (!entries) {
                out += UNKNOWN_VALUE;
                continue;
            }
            for (const [key, value] of entries) {
                const inner = withNames(scope, part.keyVar ? { [part.keyVar]: key, [part.valueVar]: value } : { [part.valueVar]: value });
                out += stringOf(evaluateTemplate(part.body, inner));
            }
        }
    }
    return out;
}

/** Evaluates an expression over a scope. */
export function evaluate(node: Node, scope: Scope): Value {
    switch (node.k) {
        case "lit":
            return node.v;
        case "tmpl":
            return evaluateTemplate(node.parts, scope);
        case "tuple":
            return node.items.map((item) => evaluate(item, scope));
        case "object": {
            const out: Record<string, Value> = {};
            for (const item of node.items) {
                const key = evaluate(item.key, scope);
                if (undecided(key)) {
                    return UNKNOWN_VALUE;
                }
                out[stringOf(key)] = evaluate(item.value, scope);
            }
            return out;
        }
        case "name": {
            const value = scope.root(node.name);
            return value === NOT_A_ROOT ? UNKNOWN_VALUE : value;
        }
        case "get":
        case "index":
        case "splat": {
            const resource = resourceReference(node, scope);
            if (resource) {
                scope.reference(resource.address);
                return resource.value; // another resource's attributes are known only after plan
            }
            if (node.k === "get") {
                return attribute(evaluate(node.of, scope), node.name);
            }
            if (node.k === "index") {
                return indexInto(evaluate(node.of, scope), evaluate(node.index, scope));
            }
            const source = evaluate(node.of, scope);
            if (unknownValue(source)) {
                return UNKNOWN_VALUE;
            }
            const items = Array.isArray(source) ? source : source === null ? [] : [source];
            return items.map((item) => evaluate(node.each, withNames(scope, { [SPLAT_ITEM]: item })));
        }
        case "item":
            return scope.root(SPLAT_ITEM);
        case "call":
            return callFunction(node, scope);
        case "cond": {
            const test = truthy(evaluate(node.test, scope));
            if (test === undefined) {
                // Both branches still report their references.
                evaluate(node.then, scope);
                evaluate(node.else, scope);
                return UNKNOWN_VALUE;
            }
            return evaluate(test ? node.then : node.else, scope);
        }
        case "bin":
            return binary(node.op, evaluate(node.left, scope), evaluate(node.right, scope));
        case "not": {
            const value = truthy(evaluate(node.of, scope));
            return value === undefined ? UNKNOWN_VALUE : !value;
        }
        case "neg": {
            const value = numberOf(evaluate(node.of, scope));
            return value === undefined ? UNKNOWN_VALUE : -value;
        }
        case "for":
            return evaluateFor(node, scope);
    }
}

const SPLAT_ITEM = "\u0000splat";

/**
 * Evaluates a value of Terraform's JSON syntax: strings are templates; objects and arrays are
 * evaluated member by member; numbers, booleans and null are themselves.
 */
export function evaluateJson(value: unknown, scope: Scope): Value {
    if (typeof value === "string") {
        return isTemplate(value) ? evaluate(templateOf(value), scope) : value;
    }
    if (Array.isArray(value)) {
        return value.map((item) => evaluateJson(item, scope));
    }
    if (isPlainObject(value)) {
        const out: Record<string, Value> = {};
        for (const key of Object.keys(value)) {
            out[key] = evaluateJson(value[key], scope);
        }
        return out;
    }
    return value;
}

/** The expression a bare reference is written as in Terraform JSON (`"${string}"`, `"${item}"`): `string`, `item`. */
export function bareExpression(text: string): string {
    return text.replace(/^\$\{|\}$/g, "").trim();
}

/** Evaluates the text of an expression (a `.tfvars` value, a `--var` given as HCL). */
export function evaluateExpressionText(text: string, scope: Scope): Value {
    return evaluate(parseExpression(text), scope);
}

/** The syntax tree of an expression's text (a variable's `type`, read by type-constraint.ts). */
export function parseExpression(text: string): Expression {
    return new Parser(tokenize(text)).whole();
}

export type Expression = Node;

// ---------------------------------------------------------------------------------------------
// Functions

function readModuleFile(target: Value, scope: Scope): string | undefined {
    if (typeof target !== "string" || undecided(target) || scope.workingDir === undefined) {
        return undefined;
    }
    const file = path.resolve(scope.workingDir, target);
    try {
        return readTextFile(file);
    } catch {
        throw new FileFunctionError(file); // the file itself, whatever folder the scan was started in
    }
}

/** `jsonencode`: unknown leaves stay in the text as the unknown sentinel, so a document keeps its known parts. */
function jsonencode(value: Value): string {
    return JSON.stringify(value, (_key, item) => (typeof item === "number" && !Number.isFinite(item) ? null : item));
}

/** Go's fmt verbs Terraform's `format` supports, as far as a static reading needs them. */
function format(spec: string, args: readonly Value[]): Value {
    let index = 0;
    let undecidable = false;
    const out = spec.replace(/%(-?\d*(?:\.\d+)?)([sdvqft%])/gu, (_whole, _flags: string, verb: string) => {
        if (verb === "%") {
            return "%";
        }
        const arg = args[index++];
        if (verb === "s" || verb === "v") {
            return stringOf(arg);
        }
        if (verb === "q") {
            return undecided(arg) ? (undecidable = true, UNKNOWN_VALUE) : JSON.stringify(stringOf(arg));
        }
        const number = numberOf(arg);
        if (number === undefined) {
            undecidable = true;
            return UNKNOWN_VALUE;
        }
        return verb === "d" ? String(Math.trunc(number)) : String(number);
    });
    return undecidable && out === UNKNOWN_VALUE ? UNKNOWN_VALUE : out;
}

function flatten(value: Value): Value[] {
    return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

type FunctionBody = (args: Value[], scope: Scope, nodes: readonly Node[]) => Value;

/** Functions whose every argument must be known, deep, for a known result. */
const STRICT: Readonly<Record<string, FunctionBody>> = {
    jsondecode: ([text]) => JSON.parse(String(text)),
    yamldecode: ([text]) => require("yaml").parse(String(text)),
    yamlencode: ([value]) => require("yaml").stringify(value),
    lower: ([text]) => String(text).toLowerCase(),
    upper: ([text]) => String(text).toUpperCase(),
    title: ([text]) => String(text).replace(/\b\w/gu, (char) => char.toUpperCase()),
    trimspace: ([text]) => String(text).trim(),
    trimprefix: ([text, prefix]) => (String(text).startsWith(String(prefix)) ? String(text).slice(String(prefix).length) : text),
    trimsuffix: ([text, suffix]) => (String(text).endsWith(String(suffix)) ? String(text).slice(0, -String(suffix).length || undefined) : text),
    split: ([separator, text]) => String(text).split(String(separator)),
    replace: ([text, search, replacement]) => {
        const pattern = /^\/(.*)\/$/su.exec(String(search));
        return pattern ? String(text).replace(new RegExp(pattern[1], "gu"), String(replacement).replace(/\$\{(\d+)\}/gu, "$$$1")) : String(text).split(String(search)).join(String(replacement));
    },
    substr: ([text, offset, length]) => [...String(text)].slice(Number(offset), Number(length) < 0 ? undefined : Number(offset) + Number(length)).join(""),
    startswith: ([text, prefix]) => String(text).startsWith(String(prefix)),
    endswith: ([text, suffix]) => String(text).endsWith(String(suffix)),
    strcontains: ([text, part]) => String(text).includes(String(part)),
    tonumber: ([value]) => (value === null ? null : numberOf(value) ?? (() => { throw new ExpressionError(`cannot convert ${JSON.stringify(value)} to a number`); })()),
    tobool: ([value]) => (value === null ? null : truthy(value) ?? (() => { throw new ExpressionError(`cannot convert ${JSON.stringify(value)} to a bool`); })()),
    length: ([value]) => (typeof value === "string" ? [...value].length : Array.isArray(value) ? value.length : isPlainObject(value) ? Object.keys(value).length : UNKNOWN_VALUE),
    keys: ([value]) => (isPlainObject(value) ? Object.keys(value).sort() : UNKNOWN_VALUE),
    values: ([value]) => (isPlainObject(value) ? Object.keys(value).sort().map((key) => value[key]) : UNKNOWN_VALUE),
    contains: ([list, item]) => (Array.isArray(list) ? list.some((member) => equal(member, item)) : UNKNOWN_VALUE),
    distinct: ([list]) => (Array.isArray(list) ? list.filter((item, index) => list.findIndex((other) => equal(other, item)) === index) : UNKNOWN_VALUE),
    compact: ([list]) => (Array.isArray(list) ? list.filter((item) => item !== null && item !== "") : UNKNOWN_VALUE),
    reverse: ([list]) => (Array.isArray(list) ? [...list].reverse() : UNKNOWN_VALUE),
    sort: ([list]) => (Array.isArray(list) ? [...list].map(String).sort() : UNKNOWN_VALUE),
    range: (args) => {
        const [start, end, step] = args.length === 1 ? [0, Number(args[0]), 1] : [Number(args[0]), Number(args[1]), Number(args[2] ?? 1)];
        const out: number[] = [];
        for (let i = start; step > 0 ? i < end : i > end; i += step) {
            out.push(i);
            if (out.length > 10_000) {
                throw new ExpressionError("range() would produce more than 10,000 elements");
            }
        }
        return out;
    },
    zipmap: ([keys, values]) => (Array.isArray(keys) && Array.isArray(values) ? Object.fromEntries(keys.map((key, index) => [String(key), values[index]])) : UNKNOWN_VALUE),
    element: ([list, index]) => (Array.isArray(list) && list.length > 0 ? list[Number(index) % list.length] : UNKNOWN_VALUE),
    slice: ([list, from, to]) => (Array.isArray(list) ? list.slice(Number(from), Number(to)) : UNKNOWN_VALUE),
    index: ([list, item]) => (Array.isArray(list) ? list.findIndex((member) => equal(member, item)) : UNKNOWN_VALUE),
    min: (args) => Math.min(...flatten(args).map(Number)),
    max: (args) => Math.max(...flatten(args).map(Number)),
    sum: ([list]) => (Array.isArray(list) ? list.reduce<number>((total, item) => total + Number(item), 0) : UNKNOWN_VALUE),
    abs: ([value]) => Math.abs(Number(value)),
    ceil: ([value]) => Math.ceil(Number(value)),
    floor: ([value]) => Math.floor(Number(value)),
    one: ([list]) => (Array.isArray(list) ? (list.length === 0 ? null : list.length === 1 ? list[0] : UNKNOWN_VALUE) : UNKNOWN_VALUE),
    flatten: ([list]) => flatten(list),
    setunion: (args) => [...new Set(flatten(args).map((item) => JSON.stringify(item)))].map((item) => JSON.parse(item)),
    base64encode: ([text]) => Buffer.from(String(text), "utf8").toString("base64"),
    base64decode: ([text]) => Buffer.from(String(text), "base64").toString("utf8"),
    basename: ([text]) => path.basename(String(text)),
    dirname: ([text]) => path.dirname(String(text)),
    abspath: ([text]) => path.resolve(String(text)),
    tomap: ([value]) => value,
    tolist: ([value]) => value,
    // A set of strings iterates in lexical order, as Terraform's does.
    toset: ([value]) => {
        if (!Array.isArray(value)) {
            return value;
        }
        const unique = value.filter((item, index) => value.findIndex((other) => equal(other, item)) === index);
        return unique.every((item) => typeof item === "string") ? [...unique].sort() : unique;
    },
    coalescelist: (args) => args.find((item) => Array.isArray(item) && item.length > 0) ?? [],
    fileexists: ([target], scope) => {
        try {
            return readModuleFile(target, scope) !== undefined;
        } catch {
            return false;
        }
    },
};

/** Functions that decide with some arguments unknown, or keep known parts. */
const LENIENT: Readonly<Record<string, FunctionBody>> = {
    jsonencode: ([value]) => (unknownValue(value) ? UNKNOWN_VALUE : jsonencode(value)),
    tostring: ([value]) => (value === null ? null : stringOf(value)),
    file: ([target], scope) => readModuleFile(target, scope) ?? UNKNOWN_VALUE,
    templatefile: ([target, variables], scope) => {
        const template = readModuleFile(target, scope);
        if (template === undefined) {
            return UNKNOWN_VALUE;
        }
        const names = isPlainObject(variables) ? variables : {};
        // A template sees only the variables it is given; what it cannot name is unknown.
        const templateScope: Scope = {
            root: (name) => (name in names ? names[name] : unknownValue(variables) ? UNKNOWN_VALUE : NOT_A_ROOT),
            reference: () => undefined,
            workingDir: scope.workingDir,
        };
        return stringOf(evaluate(parseTemplate(template, false), templateScope));
    },
    format: ([spec, ...args]) => (typeof spec === "string" && !undecided(spec) ? format(spec, args) : UNKNOWN_VALUE),
    join: ([separator, ...lists]) => {
        const items = lists.flatMap((list) => (Array.isArray(list) ? list : [UNKNOWN_VALUE]));
        return typeof separator === "string" && !undecided(separator) ? items.map(stringOf).join(separator) : UNKNOWN_VALUE;
    },
    concat: (lists) => (lists.every(Array.isArray) ? lists.flat(1) : UNKNOWN_VALUE),
    merge: (maps) => {
        if (maps.some((item) => unknownValue(item))) {
            return UNKNOWN_VALUE;
        }
        return Object.assign({}, ...maps.filter(isPlainObject));
    },
    lookup: ([map, key, fallback]) => {
        if (unknownValue(map) || undecided(key)) {
            return UNKNOWN_VALUE;
        }
        return isPlainObject(map) && String(key) in map ? map[String(key)] : fallback ?? UNKNOWN_VALUE;
    },
    coalesce: (args) => {
        for (const arg of args) {
            if (undecided(arg)) {
                return UNKNOWN_VALUE;
            }
            if (arg !== null && arg !== "") {
                return arg;
            }
        }
        return UNKNOWN_VALUE;
    },
};

/** `try` and `can` evaluate their arguments themselves: an error is what they catch. */
function tryArguments(nodes: readonly Node[], scope: Scope, can: boolean): Value {
    for (const node of nodes) {
        try {
            const value = evaluate(node, scope);
            if (unknownValue(value)) {
                return UNKNOWN_VALUE;
            }
            return can ? true : value;
        } catch (error) {
            if (!(error instanceof ExpressionError)) {
                throw error;
            }
        }
    }
    return can ? false : UNKNOWN_VALUE;
}

function callFunction(node: Node & { k: "call" }, scope: Scope): Value {
    if (node.name === "try" || node.name === "can") {
        return tryArguments(node.args, scope, node.name === "can");
    }
    let args = node.args.map((arg) => evaluate(arg, scope));
    if (node.expand) {
        const last = args.at(-1);
        if (!Array.isArray(last)) {
            return UNKNOWN_VALUE;
        }
        args = [...args.slice(0, -1), ...last];
    }
    const lenient = LENIENT[node.name];
    if (lenient) {
        return lenient(args, scope, node.args);
    }
    const strict = STRICT[node.name];
    if (!strict || args.some(deepUndecided)) {
        return UNKNOWN_VALUE; // an unsupported function, or unknown input: known after plan
    }
    try {
        return strict(args, scope, node.args);
    } catch (error) {
        if (error instanceof ExpressionError || error instanceof FileFunctionError) {
            throw error;
        }
        throw new ExpressionError(`${node.name}() fails on its arguments`);
    }
}
