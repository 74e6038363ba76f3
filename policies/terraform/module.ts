/**
 * A Terraform module evaluated as Terraform would before plan: variables (defaults, `.tfvars`,
 * `--var-file`, `--var`, a module call's arguments), locals, `count` and `for_each` expanded
 * into instances addressed as a plan addresses them, `dynamic` blocks expanded, provider
 * `default_tags` merged into tags, `data "aws_iam_policy_document"` rendered to its JSON, and
 * local modules (`source = "./…"`) followed with their resources under `module.<name>.`.
 * What is known only after plan stays unknown; references to resources become refs.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { InputError, parseJsonFile, readTextFile } from "../engine/input-error";
import { collectSecretLeaves } from "../engine/message";
import type { InlineWaiver } from "../engine/resource";
import { holdsUnknown, isPlainObject, isUnknown } from "../engine/values";
import { bareExpression, CONSTANT_SCOPE, entriesOf, evaluateExpressionText, evaluateJson, ExpressionError, FileFunctionError, NOT_A_ROOT, Scope, UNKNOWN_VALUE, withNames } from "./hcl-eval";
import { PROVIDER_DEFAULTED } from "./schema-map";
import { convertToConstraint, typeConstraint } from "./type-constraint";

type Value = unknown;

/** One `.tf` or `.tf.json` file of a module, as Terraform JSON, with the lines of its blocks. */
export interface ModuleFile {
    readonly file: string;
    readonly document: Record<string, unknown>;
    /** Line of each `resource "type" "name"` header, by `type.name`. */
    readonly lines: ReadonlyMap<string, number>;
    readonly attributeLines?: ReadonlyMap<string, ReadonlyMap<string, number>>;
    /** Line of each `module "name"` header. */
    readonly moduleLines?: ReadonlyMap<string, number>;
    /** `# gatehouse:waive` comments of each resource block, by `type.name`. */
    readonly waivers?: ReadonlyMap<string, readonly InlineWaiver[]>;
}

/** A resource instance with its evaluated Terraform values. */
export interface EvaluatedResource {
    readonly terraformType: string;
    /** The block's name (`prod`), as a plan's `name`. */
    readonly name: string;
    /** As in a plan: `module.api.aws_api_gateway_stage.prod["eu"]`. */
    readonly address: string;
    /** Attributes and blocks, meta-arguments left out, `dynamic` blocks expanded. */
    readonly values: Record<string, Value>;
    /** The top-level attributes and blocks the configuration writes. */
    readonly written: readonly string[];
    /** Resource addresses each top-level attribute refers to (instances resolved later). */
    readonly refs: Record<string, Set<string>>;
    readonly file: string;
    readonly line?: number;
    readonly attributeLines?: ReadonlyMap<string, number>;
    readonly waivers?: readonly InlineWaiver[];
    readonly createBeforeDestroy: boolean;
}

export interface EvaluatedModule {
    readonly resources: EvaluatedResource[];
    /** What could not be read offline: remote modules, and why. */
    readonly notices: string[];
    /** Values of sensitive variables: hidden wherever a finding would print them. */
    readonly secrets: Set<string>;
}

export interface VariableInputs {
    /** `--var-file` paths, read after `terraform.tfvars` and `*.auto.tfvars`. */
    readonly varFiles?: readonly string[];
    /** `--var name=value` pairs, last. */
    readonly vars?: readonly string[];
}

/** Reads an HCL or JSON file into Terraform JSON: the caller's parser (hcl2json is loaded lazily). */
export type FileParser = (file: string) => Promise<ModuleFile>;

const META_ARGUMENTS = new Set(["//", "count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection"]);
const MAX_MODULE_DEPTH = 16;


/** The `dynamic "label" { … }` blocks of a body, in order. */
function dynamicBlocks(body: Record<string, unknown>): [string, Record<string, unknown>][] {
    const dynamic = body["dynamic"];
    const entries = Array.isArray(dynamic) ? dynamic.flatMap((item) => (isPlainObject(item) ? Object.entries(item) : [])) : isPlainObject(dynamic) ? Object.entries(dynamic) : [];
    return entries.flatMap(([label, blocks]) => (Array.isArray(blocks) ? blocks : [blocks]).filter(isPlainObject).map((block) => [label, block] as [string, Record<string, unknown>]));
}

/** A block type's labelled blocks across the module's files: `resource.aws_x.name` → [body, file]. */
function blocksOf(files: readonly ModuleFile[], kind: string): { labels: string[]; body: Record<string, unknown>; file: ModuleFile }[] {
    const out: { labels: string[]; body: Record<string, unknown>; file: ModuleFile }[] = [];
    const walk = (value: unknown, labels: string[], depth: number, file: ModuleFile) => {
        if (depth === 0) {
            for (const body of Array.isArray(value) ? value : [value]) {
                if (isPlainObject(body)) {
                    out.push({ labels, body, file });
                }
            }
            return;
        }
        const entries = Array.isArray(value) ? value.flatMap((item) => (isPlainObject(item) ? Object.entries(item) : [])) : isPlainObject(value) ? Object.entries(value) : [];
        for (const [label, inner] of entries) {
            walk(inner, [...labels, label], depth - 1, file);
        }
    };
    const depth = kind === "resource" || kind === "data" ? 2 : kind === "locals" || kind === "terraform" ? 0 : 1;
    for (const file of files) {
        if (file.document[kind] !== undefined) {
            walk(file.document[kind], [], depth, file);
        }
    }
    return out;
}

/** A variable's value converted to its declared type, as Terraform converts a module's inputs and `--var` strings. */
function convertToType(value: Value, type: unknown): Value {
    const constraint = typeof type === "string" ? typeConstraint(bareExpression(type)) : undefined;
    return constraint ? convertToConstraint(value, constraint) : value;
}

/** Variable values from the root module's `.tfvars` files and `--var`s, in Terraform's order. */
export async function rootVariableValues(dir: string, inputs: VariableInputs, parse: FileParser): Promise<Record<string, Value>> {
    const values: Record<string, Value> = {};
    const entries = existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir).sort() : [];
    const files = [
        ...["terraform.tfvars", "terraform.tfvars.json"].filter((name) => entries.includes(name)).map((name) => path.join(dir, name)),
        ...entries.filter((name) => name.endsWith(".auto.tfvars") || name.endsWith(".auto.tfvars.json")).map((name) => path.join(dir, name)),
        ...(inputs.varFiles ?? []),
    ];
    for (const file of files) {
        if (!existsSync(file)) {
            throw new InputError(file, "no such variables file");
        }
        const parsed = await parse(file);
        for (const [name, value] of Object.entries(parsed.document)) {
            try {
                values[name] = evaluateJson(value, CONSTANT_SCOPE);
            } catch (error) {
                throw new InputError(file, `variable ${name}: ${(error as Error).message}`);
            }
        }
    }
    for (const pair of inputs.vars ?? []) {
        const equals = pair.indexOf("=");
        if (equals <= 0) {
            throw new InputError("--var", `expected name=value, got ${JSON.stringify(pair)}`);
        }
        const name = pair.slice(0, equals).trim();
        const text = pair.slice(equals + 1);
        // Terraform reads a --var value as HCL when it looks like a list or an object, else as a string.
        let value: Value = text;
        if (/^\s*[[{]/.test(text)) {
            try {
                value = evaluateExpressionText(text, CONSTANT_SCOPE);
            } catch (error) {
                throw new InputError("--var", `${name}: ${(error as Error).message}`);
            }
        }
        values[name] = value;
    }
    return values;
}

interface ModuleCall {
    readonly dir: string;
    /** `module.api.` (empty at the root). */
    readonly prefix: string;
    /** The call's key in `terraform init`'s module manifest: `api.acm` (empty at the root). */
    readonly key: string;
    /** Values given to the module's variables, with the references each carries. */
    readonly inputs: Record<string, { value: Value; refs: ReadonlySet<string> }>;
    readonly depth: number;
    /** Provider `default_tags` in force (the caller's, unless the module configures its own). */
    readonly defaultTags: Record<string, Value>;
    readonly rootDir: string;
}

/** Collects the references an evaluation makes; nested collectors pass theirs to the outer one. */
class References {
    private stack: Set<string>[] = [];

    collect<T>(into: Set<string>, run: () => T): T {
        this.stack.push(into);
        try {
            return run();
        } finally {
            this.stack.pop();
        }
    }

    add(addresses: Iterable<string>): void {
        const current = this.stack.at(-1);
        if (current) {
            for (const address of addresses) {
                current.add(address);
            }
        }
    }
}

/** A block's instances, and how they are keyed: "unknown" when one instance stands for a number known only after plan. */
interface Instances {
    readonly keyed: "single" | "count" | "each" | "unknown";
    readonly list: readonly { readonly key: Value; readonly suffix: string; readonly names: Record<string, Value> }[];
}

interface EvaluatedInstance {
    readonly key: Value;
    readonly suffix: string;
    readonly values: Record<string, Value>;
    readonly refs: Record<string, Set<string>>;
}

/** Configured values as references read them before plan: a null may be computed by the provider, so it is unknown. */
function nullsUnknown(value: Value): Value {
    if (value === null) {
        return UNKNOWN_VALUE;
    }
    if (Array.isArray(value)) {
        return value.map(nullsUnknown);
    }
    return isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nullsUnknown(item)])) : value;
}

/** A read-only object whose properties are computed on first read, and report their references. */
function lazyObject(names: Iterable<string>, read: (name: string) => Value): Record<string, Value> {
    const known = new Set(names);
    const target: Record<string, Value> = {};
    return new Proxy(target, {
        has: (_target, name) => typeof name === "string" && known.has(name),
        get: (_target, name) => (typeof name === "string" && known.has(name) ? read(name) : undefined),
        ownKeys: () => [...known],
        getOwnPropertyDescriptor: (_target, name) => (typeof name === "string" && known.has(name)
            ? { enumerable: true, configurable: true, value: read(name) } : undefined),
    });
}

/** `aws_iam_policy_document` rendered as the provider renders it (single values as strings). */
function renderPolicyDocument(body: Record<string, Value>): string {
    const one = (value: Value) => (Array.isArray(value) && value.length === 1 ? value[0] : value);
    const statements: Record<string, Value>[] = [];
    for (const source of [body["source_policy_documents"], body["source_json"]].flatMap((item) => (Array.isArray(item) ? item : item === undefined ? [] : [item]))) {
        if (typeof source === "string" && !holdsUnknown(source)) {
            try {
                const parsed = JSON.parse(source) as { Statement?: unknown };
                statements.push(...(Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : []) as Record<string, Value>[]);
            } catch {
                statements.push({ Effect: UNKNOWN_VALUE });
            }
        } else if (source !== undefined) {
            statements.push({ Effect: UNKNOWN_VALUE, Action: UNKNOWN_VALUE, Resource: UNKNOWN_VALUE });
        }
    }
    const principals = (blocks: Value) => {
        if (!Array.isArray(blocks) || blocks.length === 0) {
            return undefined;
        }
        const out: Record<string, Value> = {};
        for (const block of blocks.filter(isPlainObject)) {
            const type = String(block["type"]);
            const identifiers = block["identifiers"];
            if (type === "*" && Array.isArray(identifiers) && identifiers.length === 1 && identifiers[0] === "*") {
                return "*";
            }
            out[type] = one(identifiers);
        }
        return out;
    };
    for (const statement of (Array.isArray(body["statement"]) ? body["statement"] : []).filter(isPlainObject)) {
        const rendered: Record<string, Value> = {};
        if (statement["sid"] !== undefined) {
            rendered["Sid"] = statement["sid"];
        }
        rendered["Effect"] = statement["effect"] ?? "Allow";
        for (const [key, name] of [["actions", "Action"], ["not_actions", "NotAction"], ["resources", "Resource"], ["not_resources", "NotResource"]] as const) {
            if (statement[key] !== undefined) {
                rendered[name] = one(statement[key]);
            }
        }
        const principal = principals(statement["principals"]);
        if (principal !== undefined) {
            rendered["Principal"] = principal;
        }
        const notPrincipal = principals(statement["not_principals"]);
        if (notPrincipal !== undefined) {
            rendered["NotPrincipal"] = notPrincipal;
        }
        const conditions = Array.isArray(statement["condition"]) ? statement["condition"].filter(isPlainObject) : [];
        if (conditions.length > 0) {
            const condition: Record<string, Record<string, Value>> = {};
            for (const item of conditions) {
                const test = String(item["test"]);
                (condition[test] ??= {})[String(item["variable"])] = one(item["values"]);
            }
            rendered["Condition"] = condition;
        }
        statements.push(rendered);
    }
    return JSON.stringify({ Version: body["version"] ?? "2012-10-17", Statement: statements });
}

class ModuleEvaluator {
    private readonly references = new References();
    private readonly files: readonly ModuleFile[];

    constructor(files: readonly ModuleFile[], private readonly call: ModuleCall, private readonly modules: ModuleFolders, private readonly out: EvaluatedModule) {
        this.files = files;
    }

    private fail(file: string, where: string, error: unknown): never {
        if (error instanceof FileFunctionError) {
            throw new InputError(file, `${where} reads ${JSON.stringify(error.target)}, which does not exist`);
        }
        if (error instanceof ExpressionError) {
            throw new InputError(file, `${where}: ${error.message}`);
        }
        throw error;
    }

    private readonly variables = new Map<string, { value: Value; refs: ReadonlySet<string> }>();
    private readonly locals = new Map<string, { expression: Value; file: string; value?: Value; refs?: Set<string>; evaluating?: boolean }>();
    private readonly dataDocuments = new Map<string, { body: Record<string, unknown>; file: string; value?: Value; refs?: Set<string> }>();
    private readonly moduleOutputs = new Map<string, { outputs: Record<string, { value: Value; refs: ReadonlySet<string> }> }>();
    private readonly resourceBlocks = new Map<string, { body: Record<string, unknown>; file: ModuleFile }>();
    /** What references to each resource read (Scope.resource), as first needed; undefined where not known. */
    private readonly configuredResources = new Map<string, Value | undefined>();
    private readonly configuring = new Set<string>();

    private scope(extra: Record<string, Value> = {}): Scope {
        const base: Scope = {
            root: (name) => {
                switch (name) {
                    case "var":
                        return lazyObject(this.variables.keys(), (variable) => {
                            const entry = this.variables.get(variable)!;
                            // Where a value comes from matters: an API key from a variable is not written in the resource.
                            this.references.add([...entry.refs, `${this.call.prefix}var.${variable}`]);
                            return entry.value;
                        });
                    case "local":
                        return lazyObject(this.locals.keys(), (local) => this.local(local));
                    case "path":
                        // As Terraform gives them, run in the root module's folder: path.module is relative to it.
                        return { module: path.relative(this.call.rootDir, this.call.dir) || ".", root: ".", cwd: path.resolve(this.call.rootDir) };
                    case "terraform":
                        return { workspace: "default" };
                    case "data":
                        return { aws_iam_policy_document: lazyObject(this.dataDocuments.keys(), (name) => this.policyDocument(name)) };
                    case "module":
                        return lazyObject(this.moduleOutputs.keys(), (name) => {
                            const outputs = this.moduleOutputs.get(name)!.outputs;
                            return lazyObject(Object.keys(outputs), (output) => {
                                this.references.add(outputs[output].refs);
                                return outputs[output].value;
                            });
                        });
                    default:
                        return NOT_A_ROOT;
                }
            },
            reference: (address) => this.references.add([`${this.call.prefix}${address}`]),
            resource: (type, name) => this.configuredResource(type, name),
            workingDir: this.call.rootDir,
        };
        return Object.keys(extra).length > 0 ? withNames(base, extra) : base;
    }

    private local(name: string): Value {
        const entry = this.locals.get(name)!;
        if (entry.value === undefined) {
            if (entry.evaluating) {
                return UNKNOWN_VALUE; // a cycle: Terraform refuses it; here it stays unknown
            }
            entry.evaluating = true;
            entry.refs = new Set();
            try {
                entry.value = this.references.collect(entry.refs, () => evaluateJson(entry.expression, this.scope()));
            } catch (error) {
                this.fail(entry.file, `local.${name}`, error);
            } finally {
                entry.evaluating = false;
            }
        }
        this.references.add(entry.refs!);
        return entry.value;
    }

    private policyDocument(name: string): Value {
        const entry = this.dataDocuments.get(name)!;
        if (entry.value === undefined) {
            entry.refs = new Set();
            try {
                entry.value = this.references.collect(entry.refs, () => {
                    if (entry.body["count"] !== undefined || entry.body["for_each"] !== undefined) {
                        return UNKNOWN_VALUE; // instances of a document: read by index, rare
                    }
                    const body = this.expandBlocks(entry.body, this.scope()) as Record<string, Value>;
                    const json = renderPolicyDocument(body);
                    return { json, minified_json: json };
                });
            } catch (error) {
                this.fail(entry.file, `data.aws_iam_policy_document.${name}`, error);
            }
        }
        this.references.add(entry.refs!);
        return entry.value;
    }

    /** A block body evaluated: attributes as expressions, nested blocks recursively, `dynamic` blocks expanded. */
    private expandBlocks(body: Record<string, unknown>, scope: Scope): Record<string, Value> {
        const out: Record<string, Value> = {};
        for (const [key, value] of Object.entries(body)) {
            if (key !== "dynamic") {
                out[key] = this.expandValue(value, scope);
            }
        }
        for (const [label, dynamic] of dynamicBlocks(body)) {
            out[label] = this.expandDynamic(dynamic, label, scope, out[label]);
        }
        return out;
    }

    /** An attribute's value, or a list of nested blocks (which may hold `dynamic` blocks of their own). */
    private expandValue(value: unknown, scope: Scope): Value {
        return Array.isArray(value) && value.length > 0 && value.every(isPlainObject)
            ? value.map((block) => this.expandBlocks(block as Record<string, unknown>, scope))
            : evaluateJson(value, scope);
    }

    /** The blocks one `dynamic "label"` generates, after the static blocks of the same label. */
    private expandDynamic(dynamic: Record<string, unknown>, label: string, scope: Scope, existing: Value): Value {
        const before = Array.isArray(existing) ? existing : [];
        const collection = evaluateJson(dynamic["for_each"], scope);
        const iterator = typeof dynamic["iterator"] === "string" ? bareExpression(dynamic["iterator"]) : label;
        const content = (Array.isArray(dynamic["content"]) ? dynamic["content"][0] : dynamic["content"]) as Record<string, unknown> | undefined;
        const items = entriesOf(collection);
        if (collection === null) {
            return before;
        }
        if (items === undefined) {
            // How many blocks there will be is known only after plan.
            return before.length > 0 ? [...before, UNKNOWN_VALUE] : UNKNOWN_VALUE;
        }
        return [...before, ...items.map(([key, value]) => this.expandBlocks(content ?? {}, withNames(scope, { [iterator]: { key, value } })))];
    }

    run(): void {
        for (const { labels, body } of blocksOf(this.files, "variable")) {
            const name = labels[0];
            const given = this.call.inputs[name];
            // `nullable = false`: a null given is the default, as if nothing were given.
            const nonNullable = body["nullable"] === false || body["nullable"] === "false";
            const fromDefault = !given || (given.value === null && nonNullable);
            let value: Value = !fromDefault ? given.value : body["default"] !== undefined ? evaluateJson(body["default"], CONSTANT_SCOPE) : UNKNOWN_VALUE;
            value = convertToType(value, body["type"]);
            if (body["sensitive"] === true || body["sensitive"] === "true") {
                collectSecretLeaves(value, this.out.secrets);
            }
            this.variables.set(name, { value, refs: given?.refs ?? new Set() });
        }
        for (const { body, file } of blocksOf(this.files, "locals")) {
            for (const [name, expression] of Object.entries(body)) {
                this.locals.set(name, { expression, file: file.file });
            }
        }
        for (const { labels, body, file } of blocksOf(this.files, "data")) {
            if (labels[0] === "aws_iam_policy_document") {
                this.dataDocuments.set(labels[1], { body, file: file.file });
            }
        }
        for (const { labels, body, file } of blocksOf(this.files, "resource")) {
            this.resourceBlocks.set(`${labels[0]}.${labels[1]}`, { body, file });
        }
        const defaultTags = this.defaultTags();
        // Module calls first: a resource may refer to their outputs.
        for (const { labels, body, file } of blocksOf(this.files, "module")) {
            this.moduleCall(labels[0], body, file, defaultTags);
        }
        for (const { labels, body, file } of blocksOf(this.files, "resource")) {
            this.resource(labels[0], labels[1], body, file, defaultTags);
        }
    }

    private defaultTags(): Record<string, Value> {
        for (const { labels, body, file } of blocksOf(this.files, "provider")) {
            if (labels[0] !== "aws" || (body["alias"] !== undefined)) {
                continue;
            }
            try {
                const expanded = this.expandBlocks(body, this.scope());
                const block = Array.isArray(expanded["default_tags"]) ? expanded["default_tags"][0] : undefined;
                const tags = isPlainObject(block) ? block["tags"] : undefined;
                if (isPlainObject(tags)) {
                    return tags;
                }
                if (tags !== undefined) {
                    return { [UNKNOWN_VALUE]: UNKNOWN_VALUE };
                }
            } catch (error) {
                this.fail(file.file, "provider \"aws\"", error);
            }
        }
        return this.call.defaultTags;
    }

    /**
     * Instances of a `count` or `for_each` block: their address suffixes and their `count`/`each`
     * scope names, and how they are keyed ("unknown": one instance stands for a number known only after plan).
     */
    private instances(body: Record<string, unknown>, where: string, file: string): Instances {
        try {
            if (body["count"] !== undefined) {
                const count = evaluateJson(body["count"], this.scope());
                if (typeof count === "number" && Number.isInteger(count) && count >= 0) {
                    return {
                        keyed: "count",
                        list: Array.from({ length: Math.min(count, 10_000) }, (_, index) => ({ key: index, suffix: `[${index}]`, names: { count: { index } } })),
                    };
                }
                return { keyed: "unknown", list: [{ key: UNKNOWN_VALUE, suffix: "", names: { count: { index: UNKNOWN_VALUE } } }] };
            }
            if (body["for_each"] !== undefined) {
                const collection = evaluateJson(body["for_each"], this.scope());
                if (Array.isArray(collection) && collection.every((item) => typeof item === "string" && !holdsUnknown(item))) {
                    const keys = [...new Set(collection as string[])].sort();
                    return { keyed: "each", list: keys.map((key) => ({ key, suffix: `[${JSON.stringify(key)}]`, names: { each: { key, value: key } } })) };
                }
                if (isPlainObject(collection) && !Object.keys(collection).some((key) => holdsUnknown(key))) {
                    const keys = Object.keys(collection).sort();
                    return { keyed: "each", list: keys.map((key) => ({ key, suffix: `[${JSON.stringify(key)}]`, names: { each: { key, value: collection[key] } } })) };
                }
                return { keyed: "unknown", list: [{ key: UNKNOWN_VALUE, suffix: "", names: { each: { key: UNKNOWN_VALUE, value: UNKNOWN_VALUE } } }] };
            }
        } catch (error) {
            this.fail(file, where, error);
        }
        return { keyed: "single", list: [{ key: undefined, suffix: "", names: {} }] };
    }

    /** A resource block's instances, each with its values (before provider default tags) and the references of each top-level attribute. */
    private resourceInstances(terraformType: string, name: string, body: Record<string, unknown>, file: ModuleFile): { keyed: Instances["keyed"]; list: EvaluatedInstance[] } {
        const address = `${terraformType}.${name}`;
        const instances = this.instances(body, `resource ${address}`, file.file);
        const list = instances.list.map((instance) => {
            const scope = this.scope(instance.names);
            const refs: Record<string, Set<string>> = {};
            const values: Record<string, Value> = {};
            let current = "";
            try {
                for (const [key, value] of Object.entries(body)) {
                    if (META_ARGUMENTS.has(key) || key === "dynamic") {
                        continue;
                    }
                    current = key;
                    refs[key] = new Set<string>();
                    values[key] = this.references.collect(refs[key], () => this.expandValue(value, scope));
                }
                for (const [label, dynamic] of dynamicBlocks(body)) {
                    current = `dynamic "${label}"`;
                    refs[label] ??= new Set<string>();
                    values[label] = this.references.collect(refs[label], () => this.expandDynamic(dynamic, label, scope, values[label]));
                }
            } catch (error) {
                this.fail(file.file, `resource ${this.call.prefix}${address}${instance.suffix}: ${current}`, error);
            }
            return { key: instance.key, suffix: instance.suffix, values, refs };
        });
        return { keyed: instances.keyed, list };
    }

    /**
     * What a reference to `type.name` of this module reads before plan (Scope.resource): its
     * instances' configured values, where null (which the provider may compute) reads as unknown.
     * Undefined for a resource this module does not declare, and within a cycle.
     */
    private configuredResource(type: string, name: string): Value | undefined {
        const address = `${type}.${name}`;
        const block = this.resourceBlocks.get(address);
        if (!block || this.configuring.has(address)) {
            return undefined;
        }
        if (!this.configuredResources.has(address)) {
            this.configuring.add(address);
            try {
                // Its own references are its own: the referring attribute records this resource alone.
                const { keyed, list } = this.references.collect(new Set(), () => this.resourceInstances(type, name, block.body, block.file));
                const configured = list.map((instance) => nullsUnknown(instance.values));
                this.configuredResources.set(address, keyed === "unknown" ? UNKNOWN_VALUE
                    : keyed === "single" ? configured[0]
                    : keyed === "count" ? configured
                    : Object.fromEntries(list.map((instance, index) => [instance.key as string, configured[index]])));
            } finally {
                this.configuring.delete(address);
            }
        }
        return this.configuredResources.get(address);
    }

    private resource(terraformType: string, name: string, body: Record<string, unknown>, file: ModuleFile, defaultTags: Record<string, Value>): void {
        const address = `${terraformType}.${name}`;
        const lifecycle = Array.isArray(body["lifecycle"]) ? body["lifecycle"][0] : body["lifecycle"];
        const written = Object.keys(body).filter((key) => !META_ARGUMENTS.has(key)).flatMap((key) => (key === "dynamic" && isPlainObject(body["dynamic"]) ? Object.keys(body["dynamic"]) : [key]));
        const taggable = PROVIDER_DEFAULTED[terraformType]?.includes("tags_all") ?? false;
        for (const { suffix, values, refs } of this.resourceInstances(terraformType, name, body, file).list) {
            if (taggable && Object.keys(defaultTags).length > 0) {
                const own = values["tags"];
                values["tags"] = isUnknown(own) ? own : { ...defaultTags, ...(isPlainObject(own) ? own : {}) };
            }
            this.out.resources.push({
                terraformType,
                name,
                address: `${this.call.prefix}${address}${suffix}`,
                values,
                written,
                refs,
                file: file.file,
                line: file.lines.get(address),
                attributeLines: file.attributeLines?.get(address),
                waivers: file.waivers?.get(address),
                createBeforeDestroy: isPlainObject(lifecycle) && lifecycle["create_before_destroy"] === true,
            });
        }
    }

    private moduleCall(name: string, body: Record<string, unknown>, file: ModuleFile, defaultTags: Record<string, Value>): void {
        const source = typeof body["source"] === "string" ? body["source"] : "";
        const line = file.moduleLines?.get(name);
        const where = `${path.relative(this.call.rootDir, file.file) || file.file}${line ? `:${line}` : ""}`;
        const label = `${this.call.prefix}module.${name}`;
        const key = this.call.key ? `${this.call.key}.${name}` : name;
        const found = moduleFolder(this.modules.installed, this.call.dir, key, source);
        if (found.dir === undefined || (!isLocalSource(source) && !this.modules.has(found.dir))) {
            const why = found.installedFrom !== undefined
                ? `\`terraform init\` installed it from ${JSON.stringify(found.installedFrom)}, not from its source ${JSON.stringify(source)}; run \`terraform init\` again`
                : `its source ${JSON.stringify(source)} is not a local folder and \`terraform init\` has not installed it (.terraform/modules); run \`terraform init\` (it needs no cloud credentials)`;
            this.out.notices.push(`${label} (${where}) was not scanned: ${why} or scan the plan (\`terraform show -json\`) to include it`);
            this.moduleOutputs.set(name, { outputs: {} });
            return;
        }
        if (this.call.depth >= MAX_MODULE_DEPTH) {
            throw new InputError(file.file, `module ${name}: modules nest more than ${MAX_MODULE_DEPTH} deep`);
        }
        const dir = found.dir;
        const childFiles = this.modules.get(dir);
        if (childFiles === undefined) {
            if (this.modules.size === 0 && !this.modules.loaded) {
                this.out.notices.push(`${label} (${where}) was not scanned: this front end does not read module folders; scan the plan (\`terraform show -json\`) to include it`);
                this.moduleOutputs.set(name, { outputs: {} });
                return;
            }
            throw new InputError(file.file, `module ${name}: its source ${JSON.stringify(source)} is not a folder of .tf files (${dir})`);
        }
        const outputs: Record<string, { value: Value; refs: ReadonlySet<string> }> = {};
        for (const instance of this.instances(body, `module ${name}`, file.file).list) {
            const scope = this.scope(instance.names);
            const inputs: Record<string, { value: Value; refs: ReadonlySet<string> }> = {};
            for (const [key, value] of Object.entries(body)) {
                if (key === "source" || key === "version" || META_ARGUMENTS.has(key) || key === "providers") {
                    continue;
                }
                const refs = new Set<string>();
                try {
                    inputs[key] = { value: this.references.collect(refs, () => evaluateJson(value, scope)), refs };
                } catch (error) {
                    this.fail(file.file, `module ${name}: ${key}`, error);
                }
            }
            const prefix = `${this.call.prefix}module.${name}${instance.suffix}.`;
            const child = new ModuleEvaluator(childFiles, { dir, prefix, key, inputs, depth: this.call.depth + 1, defaultTags, rootDir: this.call.rootDir }, this.modules, this.out);
            child.run();
            // Outputs of a counted module are read by index; only a single instance's are known here.
            if (instance.suffix === "") {
                Object.assign(outputs, child.outputs());
            }
        }
        this.moduleOutputs.set(name, { outputs });
    }

    outputs(): Record<string, { value: Value; refs: ReadonlySet<string> }> {
        const out: Record<string, { value: Value; refs: ReadonlySet<string> }> = {};
        for (const { labels, body, file } of blocksOf(this.files, "output")) {
            const refs = new Set<string>();
            try {
                out[labels[0]] = { value: this.references.collect(refs, () => evaluateJson(body["value"], this.scope())), refs };
            } catch (error) {
                this.fail(file.file, `output ${labels[0]}`, error);
            }
        }
        return out;
    }
}

/** A module `terraform init` installed: where from, and the folder it is in. */
export interface InstalledModule {
    readonly source: string;
    readonly dir: string;
}

/**
 * The parsed files of every module folder a configuration calls, by folder: local ones, and
 * registry or remote ones `terraform init` installed (`installed`, by manifest key).
 */
export type ModuleFolders = ReadonlyMap<string, readonly ModuleFile[]> & {
    readonly loaded?: boolean;
    readonly installed?: ReadonlyMap<string, InstalledModule>;
};

/** `./x` and `../x`: a folder of this configuration, which Terraform reads in place. */
function isLocalSource(source: string): boolean {
    return /^\.\.?[\\/]/.test(source);
}

/**
 * Whether `terraform init` installed a module from the source a call names now. The manifest
 * records sources as Terraform normalises them: registry addresses with their host, GitHub
 * shorthand as a git URL.
 */
function sameSource(installed: string, source: string): boolean {
    const normalised = (text: string) => text.replace(/^registry\.terraform\.io\//u, "").replace(/^git::https:\/\/(github\.com\/[^/?]+\/[^/?]+?)\.git(?=$|\/\/|\?)/u, "$1");
    return installed === source || normalised(installed) === normalised(source);
}

/**
 * The folder a module call reads: a local source's, or where `terraform init` installed a remote
 * one from the source the call names. Otherwise none, with the other source it was installed from.
 */
function moduleFolder(installed: ReadonlyMap<string, InstalledModule> | undefined, from: string, key: string, source: string): { dir?: string; installedFrom?: string } {
    if (isLocalSource(source)) {
        return { dir: path.join(from, source) };
    }
    const record = installed?.get(key);
    if (!record) {
        return {};
    }
    return sameSource(record.source, source) ? { dir: record.dir } : { installedFrom: record.source };
}

/**
 * `terraform init`'s record of the modules it installed, `.terraform/modules/modules.json`:
 * each call's key (`api`, `api.acm`), source and folder (relative to the root module). Undefined
 * without one; a file that is not one is an input error, as it would stop Terraform too.
 */
function installedModules(rootDir: string): Map<string, InstalledModule> | undefined {
    const file = path.join(rootDir, ".terraform", "modules", "modules.json");
    if (!existsSync(file)) {
        return undefined;
    }
    const manifest = parseJsonFile(file, readTextFile(file));
    const modules = isPlainObject(manifest) ? manifest["Modules"] : undefined;
    if (!Array.isArray(modules)) {
        throw new InputError(file, "not a Terraform module manifest: it has no Modules list; run `terraform init` again");
    }
    const installed = new Map<string, InstalledModule>();
    modules.forEach((entry, index) => {
        if (!isPlainObject(entry) || typeof entry["Key"] !== "string" || typeof entry["Source"] !== "string" || typeof entry["Dir"] !== "string") {
            throw new InputError(file, `Modules[${index}] is not a module record (Key, Source and Dir strings); run \`terraform init\` again`);
        }
        if (entry["Key"] !== "" && entry["Dir"] !== "" && !isLocalSource(entry["Source"])) {
            installed.set(entry["Key"], { source: entry["Source"], dir: path.join(rootDir, entry["Dir"]) });
        }
    });
    return installed;
}

/**
 * The files Terraform reads from a module folder: `.tf` and `.tf.json`, but not editor and system
 * files (a name starting with "." — `.#main.tf` is Emacs's lock symlink — ending with "~", or
 * wrapped in "#"), as Terraform's own loader skips them.
 */
export function isTerraformSource(name: string): boolean {
    if (name.startsWith(".") || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"))) {
        return false;
    }
    return name.endsWith(".tf") || name.endsWith(".tf.json");
}

/** A folder's `.tf` and `.tf.json` files parsed, or undefined when it holds none. */
export async function readModuleFolder(dir: string, parse: FileParser): Promise<ModuleFile[] | undefined> {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        return undefined;
    }
    const files = readdirSync(dir).sort().filter((name) => isTerraformSource(name) && statSync(path.join(dir, name)).isFile());
    if (files.length === 0) {
        return undefined;
    }
    const parsed: ModuleFile[] = [];
    for (const name of files) {
        parsed.push(await parse(path.join(dir, name)));
    }
    return parsed;
}

/**
 * Reads, ahead of evaluation, every local module folder the configuration calls (a module's
 * `source` is always a literal), so evaluation itself needs no I/O but `file()`.
 */
export async function loadModuleFolders(dir: string, files: readonly ModuleFile[], parse: FileParser): Promise<ModuleFolders> {
    const folders = new Map<string, readonly ModuleFile[]>();
    const installed = installedModules(dir);
    const visit = async (from: string, key: string, moduleFiles: readonly ModuleFile[], depth: number) => {
        for (const { labels, body } of blocksOf(moduleFiles, "module")) {
            const source = body["source"];
            const childKey = key ? `${key}.${labels[0]}` : labels[0];
            const child = typeof source === "string" ? moduleFolder(installed, from, childKey, source).dir : undefined;
            if (child === undefined || depth >= MAX_MODULE_DEPTH) {
                continue;
            }
            // A folder called twice is read once; it is walked again only for the installed
            // modules it calls, whose manifest keys depend on the path it was called by.
            if (folders.has(child) && !installed?.size) {
                continue;
            }
            const childFiles = folders.get(child) ?? await readModuleFolder(child, parse);
            if (childFiles) {
                folders.set(child, childFiles);
                await visit(child, childKey, childFiles, depth + 1);
            }
        }
    };
    await visit(dir, "", files, 0);
    return Object.assign(folders, { loaded: true, installed });
}

/** A root module and the local modules it calls, evaluated (`modules` from `loadModuleFolders`). */
export function evaluateRootModule(files: readonly ModuleFile[], dir: string, variables: Record<string, Value>, modules: ModuleFolders = new Map()): EvaluatedModule {
    const out: EvaluatedModule = { resources: [], notices: [], secrets: new Set() };
    const inputs = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, { value, refs: new Set<string>() }]));
    const root = new ModuleEvaluator(files, { dir, prefix: "", key: "", inputs, depth: 0, defaultTags: {}, rootDir: dir }, modules, out);
    root.run();
    return out;
}

/** A reference to `aws_x.y` names every instance of it (`aws_x.y[0]`, `aws_x.y["a"]`); `aws_x.y[0]` names that one. */
export function resolveInstances(references: ReadonlySet<string>, addresses: ReadonlySet<string>, byBase: ReadonlyMap<string, readonly string[]>): string[] {
    const out = new Set<string>();
    for (const reference of references) {
        const instances = byBase.get(reference);
        const standIn = reference.replace(/\[[^\]]*\]$/u, "");
        if (instances && !addresses.has(reference)) {
            instances.forEach((instance) => out.add(instance));
        } else if (standIn !== reference && !addresses.has(reference) && addresses.has(standIn)) {
            // `x[0]` of a resource whose count is known only after plan: the one instance standing for them all.
            out.add(standIn);
        } else {
            out.add(reference); // one instance, or a resource this input does not hold
        }
    }
    return [...out];
}
