/**
 * Generates policies/terraform/schema-map.ts: for every Terraform type the rules read, which
 * attributes Pulumi renames and how each nested block maps (single block → object, list block →
 * pluralized array). Inputs: `terraform providers schema -json` output (the provider's real schema)
 * and @pulumi/aws's declarations (the Pulumi names). Run:
 *   node .build/scripts/gen-terraform-mapping.js <schema.json> <provider version>
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { TERRAFORM_TYPES } from "../policies/terraform/types";
import { BlockShape, BlockShapes, camel, pluralize } from "../policies/terraform/names";

interface SchemaBlock {
    attributes?: Record<string, unknown>;
    block_types?: Record<string, { nesting_mode: string; max_items?: number; block: SchemaBlock }>;
}


const AWS_DIR = path.join(require.resolve("@pulumi/aws/package.json"), "..");
const INPUT_TYPES = readFileSync(path.join(AWS_DIR, "types/input.d.ts"), "utf8");

/** A Pulumi declaration body: its members and, per member, the input interface it refers to. */
interface Declaration {
    members: Set<string>;
    refs: Map<string, string>;
}

function declaration(text: string, header: string, closing: string): Declaration | undefined {
    const start = text.indexOf(header);
    if (start < 0) {
        return undefined;
    }
    const body = text.slice(start + header.length, text.indexOf(closing, start));
    const members = new Set<string>();
    const refs = new Map<string, string>();
    for (const match of body.matchAll(/^\s+(?:readonly )?(\w+)\??: (.*);$/gm)) {
        members.add(match[1]);
        const ref = /inputs\.\w+\.(\w+)/.exec(match[2]);
        if (ref) {
            refs.set(match[1], ref[1]);
        }
    }
    return { members, refs };
}

function inputInterface(name: string): Declaration | undefined {
    return declaration(INPUT_TYPES, `    interface ${name} {`, "\n    }");
}

function pick(pulumi: Declaration | undefined, candidates: string[]): string {
    return candidates.find((candidate) => pulumi?.members.has(candidate)) ?? candidates[0];
}

/** Attributes of the type being generated that the user may set and the provider fills in when unset. */
let defaulted = new Set<string>();

/**
 * Settable attributes Pulumi names differently from the camelCase of the Terraform name: `rest_api_id` →
 * `restApi`, `audience` → `audiences`. `prefix` keys nested attributes by their block (`block.attribute`).
 */
function attributeRenames(schema: SchemaBlock, pulumi: Declaration | undefined, prefix: string, into: Record<string, string>): void {
    for (const [name, attribute] of Object.entries<any>(schema.attributes ?? {})) {
        // `id` is optional and computed in every SDKv2 schema, yet never set: it stays unknown until apply.
        if (attribute.optional && attribute.computed && !(prefix === "" && name === "id")) {
            defaulted.add(prefix + name);
        }
    }
    if (!pulumi) {
        return;
    }
    const settable = Object.entries<any>(schema.attributes ?? {}).filter(([, attribute]) => attribute.optional || attribute.required).map(([name]) => name);
    const camelNames = new Set(settable.map(camel));
    for (const name of settable) {
        if (pulumi.members.has(camel(name))) {
            continue;
        }
        // REST API resources refer to their API as `restApi` in Pulumi, whatever the Terraform name (`api_id` of a base path mapping).
        const candidates = [camel(name), camel(name.replace(/_(id|arn|name)$/, "")), pluralize(camel(name)), ...(name === "api_id" ? ["restApi"] : [])];
        const found = candidates.find((candidate) => pulumi.members.has(candidate) && !camelNames.has(candidate));
        if (found && found !== camel(name)) {
            const key = prefix + name;
            if (into[key] !== undefined && into[key] !== found) {
                throw new Error(`attribute ${key} renames to both ${into[key]} and ${found}`);
            }
            into[key] = found;
        }
    }
}

function blocks(schema: SchemaBlock, pulumi: Declaration | undefined, renames: Record<string, string>): BlockShape | undefined {
    const entries = Object.entries(schema.block_types ?? {});
    if (entries.length === 0) {
        return undefined;
    }
    const shape: BlockShape = {};
    for (const [name, type] of entries) {
        const single = type.nesting_mode === "single" || type.max_items === 1;
        const pulumiName = single ? pick(pulumi, [camel(name), pluralize(camel(name))]) : pick(pulumi, [pluralize(camel(name)), camel(name)]);
        const nestedDeclaration = pulumi?.refs.has(pulumiName) ? inputInterface(pulumi.refs.get(pulumiName)!) : undefined;
        attributeRenames(type.block, nestedDeclaration, `${name}.`, renames);
        const nested = blocks(type.block, nestedDeclaration, renames);
        shape[name] = { name: pulumiName, single, ...(nested ? { blocks: nested } : {}) };
    }
    return shape;
}

/** `parent.block` → shape, whatever the depth (a block name alone is ambiguous: `statement` is single under `rule`, a list under `and_statement`). */
function flatten(terraformType: string, shape: BlockShape, parent = "", into: BlockShapes = {}): BlockShapes {
    for (const [name, entry] of Object.entries(shape)) {
        const key = `${parent}.${name}`;
        const known = into[key];
        if (known && (known[0] !== entry.name || known[1] !== entry.single)) {
            throw new Error(`${terraformType}: block ${key} maps to both ${known} and ${entry.name},${entry.single}`);
        }
        into[key] = [entry.name, entry.single];
        if (entry.blocks) {
            flatten(terraformType, entry.blocks, name, into);
        }
    }
    return into;
}

function pulumiArgs(token: string): Declaration {
    const [, modulePath, className] = /^aws:([^:]+):(.+)$/.exec(token)!;
    const text = readFileSync(path.join(AWS_DIR, `${modulePath}.d.ts`), "utf8");
    const found = declaration(text, `export interface ${className}Args {`, "\n}");
    if (!found) {
        throw new Error(`@pulumi/aws declares no ${className}Args for ${token}`);
    }
    return found;
}

/** The source of policies/terraform/schema-map.ts for a provider schema (`terraform providers schema -json`). */
export function generateSchemaMap(schema: any, providerVersion: string): string {
    const resources = schema.provider_schemas["registry.terraform.io/hashicorp/aws"].resource_schemas;
    const renames: Record<string, Record<string, string>> = {};
    const shapes: Record<string, BlockShapes> = {};
    const defaults: Record<string, string[]> = {};
    for (const [terraformType, token] of Object.entries(TERRAFORM_TYPES)) {
        const block: SchemaBlock = resources[terraformType].block;
        const pulumi = pulumiArgs(token);
        const typeRenames: Record<string, string> = {};
        defaulted = new Set();
        attributeRenames(block, pulumi, "", typeRenames);
        const shape = flatten(terraformType, blocks(block, pulumi, typeRenames) ?? {});
        if (Object.keys(typeRenames).length > 0) {
            renames[terraformType] = typeRenames;
        }
        if (Object.keys(shape).length > 0) {
            shapes[terraformType] = shape;
        }
        defaults[terraformType] = [...defaulted].sort();
    }
    return [
        "// Generated by scripts/gen-terraform-mapping.ts from hashicorp/aws " + providerVersion + " and @pulumi/aws: do not edit.",
        "import type { BlockShapes } from \"./names\";",
        "",
        "/** Attributes whose Pulumi name is not the camelCase of the Terraform one; nested ones keyed `block.attribute`. */",
        `export const ATTRIBUTE_RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = ${JSON.stringify(renames, null, 4)};`,
        "",
        "/** Blocks, at any depth: [Pulumi name, single (an object in Pulumi, not a list)]. */",
        `export const BLOCK_SHAPES: Readonly<Record<string, BlockShapes>> = ${JSON.stringify(shapes)};`,
        "",
        "/**",
        " * Optional attributes the provider computes when they are not set (`block.attribute` when nested). A plan",
        " * marks them unknown; unset in the configuration, they take the service's default, as an unset input does.",
        " */",
        `export const PROVIDER_DEFAULTED: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(defaults)};`,
        "",
    ].join("\n");
}

export const SCHEMA_MAP_FILE = path.resolve(__dirname, "../../policies/terraform/schema-map.ts");

if (require.main === module) {
    const [schemaFile, providerVersion] = process.argv.slice(2);
    writeFileSync(SCHEMA_MAP_FILE, generateSchemaMap(JSON.parse(readFileSync(schemaFile, "utf8")), providerVersion ?? ""));
    process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_MAP_FILE)}\n`);
}
