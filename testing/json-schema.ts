/**
 * The Pulumi engine's JSON Schema checks, reproduced for the harness: the engine (and
 * `pulumi policy validate-config`) validates policy configuration with gojsonschema
 * (github.com/xeipuuv/gojsonschema, draft "hybrid" since the schemas name no $schema). This
 * module does what that library does for the keywords policy schemas use, with its messages, so
 * the harness refuses exactly what the engine refuses — independently of the scanner's own
 * validator (policies/engine/config-schema.ts), which tests compare against it.
 *
 * Two steps, as in gojsonschema: compiling the schema (a malformed schema fails every preview
 * that loads the pack), then validating a document against it.
 */

const JSON_TYPES = ["array", "boolean", "integer", "number", "null", "object", "string"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A compiled schema node: the subset of gojsonschema's subSchema the keywords below fill. */
interface CompiledSchema {
    pass?: boolean;
    types: string[];
    properties: [string, CompiledSchema][];
    additionalProperties?: boolean | CompiledSchema;
    items?: CompiledSchema | CompiledSchema[];
    additionalItems?: boolean | CompiledSchema;
    required: string[];
    enumValues?: string[];
    constValue?: string;
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    exclusiveMaximum?: number;
    multipleOf?: number;
    minLength?: number;
    maxLength?: number;
    pattern?: RegExp;
    patternSource?: string;
    minItems?: number;
    maxItems?: number;
    uniqueItems?: boolean;
    minProperties?: number;
    maxProperties?: number;
}

/** A schema gojsonschema refuses to compile; the engine fails the whole operation with it. */
export class SchemaCompileError extends Error {}

export interface SchemaError {
    /** Where, as gojsonschema's Field(): `(root)`, `allowedOrigins`, `waivers.0.reason`. */
    readonly field: string;
    readonly description: string;
}

function kind(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    return typeof value === "object" ? "object" : typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return kind(value) === "object";
}

function invalidType(expected: string, given: string): SchemaCompileError {
    return new SchemaCompileError(`Invalid type. Expected: ${expected}, given: ${given}`);
}

function integerKeyword(schema: Record<string, unknown>, key: string): number | undefined {
    if (!(key in schema)) {
        return undefined;
    }
    const value = schema[key];
    if (typeof value !== "number" || !Number.isInteger(value)) {
        throw new SchemaCompileError(`${key} must be of an integer`);
    }
    if (value < 0) {
        throw new SchemaCompileError(`${key} must be greater than or equal to 0`);
    }
    return value;
}

function numberKeyword(schema: Record<string, unknown>, key: string): number | undefined {
    if (!(key in schema)) {
        return undefined;
    }
    const value = schema[key];
    if (typeof value !== "number") {
        throw new SchemaCompileError(`${key} must be of a number`);
    }
    return value;
}

/** Go's RE2 has no lookaround and no backreferences; JavaScript accepts both. */
const RE2_UNSUPPORTED = /\(\?<?[=!]|\\[1-9]|\\k</u;

function compileGoRegex(pattern: string): RegExp | undefined {
    let outsideClasses = "";
    let inClass = false;
    for (let index = 0; index < pattern.length; index++) {
        const char = pattern[index];
        if (char === "\\") {
            outsideClasses += inClass ? "" : pattern.slice(index, index + 2);
            index++;
        } else if (inClass) {
            inClass = char !== "]";
        } else {
            inClass = char === "[";
            outsideClasses += char;
        }
    }
    if (RE2_UNSUPPORTED.test(outsideClasses)) {
        return undefined;
    }
    try {
        return new RegExp(pattern, "u");
    } catch {
        try {
            return new RegExp(pattern);
        } catch {
            return undefined;
        }
    }
}

/** Go's encoding/json form of a value, with object keys sorted: how gojsonschema compares enum and const. */
function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(canonicalJson).join(",")}]`;
    }
    if (isObject(value)) {
        return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
    }
    return JSON.stringify(value);
}

/** `additionalProperties` and `additionalItems`: a boolean, or a schema for what is not listed. */
function flagOrSchema(schema: Record<string, unknown>, key: string): boolean | CompiledSchema {
    const value = schema[key];
    if (typeof value === "boolean") {
        return value;
    }
    if (isObject(value)) {
        return compileNode(value, false);
    }
    throw invalidType("boolean/valid schema", key);
}

function compileNode(schema: unknown, topLevel: boolean): CompiledSchema {
    const node: CompiledSchema = { types: [], properties: [], required: [] };
    // Draft 6 and later (hybrid included): true and false are schemas.
    if (typeof schema === "boolean") {
        node.pass = schema;
        return node;
    }
    if (!isObject(schema)) {
        throw new SchemaCompileError("Expected: valid schema, given: Invalid JSON");
    }
    for (const key of ["title", "description", "$ref", "$id", ...(topLevel ? [] : ["id"])]) {
        if (key in schema && typeof schema[key] !== "string") {
            throw invalidType("string", key);
        }
    }
    if ("$ref" in schema) {
        throw new SchemaCompileError("$ref is not reproduced by the harness; policy schemas do not use it");
    }
    if ("type" in schema) {
        const types = typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : undefined;
        if (!types || types.some((item) => typeof item !== "string")) {
            throw invalidType("string/array of strings", "type");
        }
        for (const type of types as string[]) {
            if (!JSON_TYPES.includes(type)) {
                throw new SchemaCompileError(`has a primitive type that is NOT VALID -- given: /${type}/ Expected valid values are:[${JSON_TYPES.join(" ")}]`);
            }
            if (node.types.includes(type)) {
                throw new SchemaCompileError(`${type} type is duplicated`);
            }
            node.types.push(type);
        }
    }
    if ("properties" in schema) {
        if (!isObject(schema.properties)) {
            throw new SchemaCompileError("properties must be of type object");
        }
        for (const [key, child] of Object.entries(schema.properties)) {
            node.properties.push([key, compileNode(child, false)]);
        }
    }
    if ("additionalProperties" in schema) {
        node.additionalProperties = flagOrSchema(schema, "additionalProperties");
    }
    if ("items" in schema) {
        const value = schema.items;
        if (Array.isArray(value)) {
            node.items = value.map((item) => {
                if (!isObject(item) && typeof item !== "boolean") {
                    throw invalidType("valid schema", "items");
                }
                return compileNode(item, false);
            });
        } else if (isObject(value) || typeof value === "boolean") {
            node.items = compileNode(value, false);
        } else {
            throw invalidType("valid schema/array of schemas", "items");
        }
    }
    if ("additionalItems" in schema) {
        node.additionalItems = flagOrSchema(schema, "additionalItems");
    }
    if ("multipleOf" in schema) {
        if (typeof schema.multipleOf !== "number") {
            throw invalidType("number", "multipleOf");
        }
        if (schema.multipleOf <= 0) {
            throw new SchemaCompileError("multipleOf must be strictly greater than 0");
        }
        node.multipleOf = schema.multipleOf;
    }
    node.minimum = numberKeyword(schema, "minimum");
    node.maximum = numberKeyword(schema, "maximum");
    for (const [key, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
        if (!(key in schema)) {
            continue;
        }
        const value = schema[key];
        if (typeof value === "boolean") {
            // Draft 4's form: a flag on minimum/maximum.
            if (node[bound] === undefined) {
                throw new SchemaCompileError(`${key} cannot be used without ${bound}`);
            }
            if (value) {
                node[key] = node[bound];
                node[bound] = undefined;
            }
        } else if (typeof value === "number") {
            node[key] = value;
        } else {
            throw invalidType("boolean/number", key);
        }
    }
    node.minLength = integerKeyword(schema, "minLength");
    node.maxLength = integerKeyword(schema, "maxLength");
    if (node.minLength !== undefined && node.maxLength !== undefined && node.minLength > node.maxLength) {
        throw new SchemaCompileError("minLength cannot be greater than maxLength");
    }
    if ("pattern" in schema) {
        if (typeof schema.pattern !== "string") {
            throw new SchemaCompileError("pattern must be of a string");
        }
        node.pattern = compileGoRegex(schema.pattern);
        if (!node.pattern) {
            throw new SchemaCompileError("pattern must be a valid regex");
        }
        node.patternSource = schema.pattern;
    }
    if ("format" in schema && typeof schema.format !== "string") {
        throw new SchemaCompileError("format must be of type string");
    }
    node.minProperties = integerKeyword(schema, "minProperties");
    node.maxProperties = integerKeyword(schema, "maxProperties");
    if (node.minProperties !== undefined && node.maxProperties !== undefined && node.minProperties > node.maxProperties) {
        throw new SchemaCompileError("minProperties cannot be greater than maxProperties");
    }
    if ("required" in schema) {
        if (!Array.isArray(schema.required)) {
            throw new SchemaCompileError("required must be of an array");
        }
        for (const item of schema.required) {
            if (typeof item !== "string") {
                throw new SchemaCompileError("required items must be string");
            }
            if (node.required.includes(item)) {
                throw new SchemaCompileError("required items must be unique");
            }
            node.required.push(item);
        }
    }
    node.minItems = integerKeyword(schema, "minItems");
    node.maxItems = integerKeyword(schema, "maxItems");
    if ("uniqueItems" in schema) {
        if (typeof schema.uniqueItems !== "boolean") {
            throw new SchemaCompileError("uniqueItems must be of a boolean");
        }
        node.uniqueItems = schema.uniqueItems;
    }
    if ("const" in schema) {
        node.constValue = canonicalJson(schema.const);
    }
    if ("enum" in schema) {
        if (!Array.isArray(schema.enum)) {
            throw new SchemaCompileError("enum must be of an array");
        }
        node.enumValues = [];
        for (const item of schema.enum) {
            const text = canonicalJson(item);
            if (node.enumValues.includes(text)) {
                throw new SchemaCompileError("enum items must be unique");
            }
            node.enumValues.push(text);
        }
    }
    for (const key of ["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependencies", "patternProperties", "propertyNames", "contains", "definitions"]) {
        if (key in schema) {
            throw new SchemaCompileError(`${key} is not reproduced by the harness; policy schemas do not use it`);
        }
    }
    return node;
}

/** Compiles a schema as gojsonschema does; throws SchemaCompileError with its message. */
export function compileSchema(schema: unknown): CompiledSchema {
    return compileNode(schema, true);
}

/** A number as Go's `%v` prints a big.Float: shortest digits, exponent form from 1e6 or below 1e-4. */
export function goNumber(value: number): string {
    const exponent = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
    if (exponent < -4 || exponent >= 6) {
        const [mantissa, power] = value.toExponential().split("e");
        const sign = power.startsWith("-") ? "-" : "+";
        return `${mantissa}e${sign}${power.replace(/^[-+]/u, "").padStart(2, "0")}`;
    }
    return String(value);
}

function typeName(value: unknown): string {
    const type = kind(value);
    return type === "number" ? (Number.isInteger(value) ? "integer" : "number") : type;
}

function typesText(types: readonly string[]): string {
    return types.length > 1 ? `[${types.join(",")}]` : types[0];
}

function fieldOf(context: readonly string[]): string {
    return context.length === 0 ? "(root)" : context.join(".");
}

function validateNode(node: CompiledSchema, value: unknown, context: string[], errors: SchemaError[]): void {
    const report = (description: string, at: string[] = context) => errors.push({ field: fieldOf(at), description });
    if (node.pass !== undefined) {
        if (!node.pass) {
            report("False always fails validation");
        }
        return;
    }
    const given = typeName(value);
    if (node.types.length > 0) {
        const accepted = given === "integer" ? node.types.includes("integer") || node.types.includes("number") : node.types.includes(given);
        if (!accepted) {
            report(`Invalid type. Expected: ${typesText(node.types)}, given: ${given}`);
            return;
        }
    }
    if (Array.isArray(value)) {
        validateArray(node, value, context, errors, report);
    } else if (isObject(value)) {
        validateObject(node, value, context, errors, report);
    }
    if (typeof value === "number") {
        validateNumber(node, value, report);
    }
    if (node.constValue !== undefined && canonicalJson(value) !== node.constValue) {
        report(`${fieldOf(context)} does not match: ${node.constValue}`);
    }
    if (node.enumValues && !node.enumValues.includes(canonicalJson(value))) {
        report(`${fieldOf(context)} must be one of the following: ${node.enumValues.join(", ")}`);
    }
    if (typeof value === "string") {
        const length = [...value].length;
        if (node.minLength !== undefined && length < node.minLength) {
            report(`String length must be greater than or equal to ${node.minLength}`);
        }
        if (node.maxLength !== undefined && length > node.maxLength) {
            report(`String length must be less than or equal to ${node.maxLength}`);
        }
        if (node.pattern && !node.pattern.test(value)) {
            report(`Does not match pattern '${node.patternSource}'`);
        }
    }
    if (isObject(value)) {
        for (const [key, child] of node.properties) {
            if (key in value) {
                validateNode(child, value[key], [...context, key], errors);
            }
        }
    }
}

function validateNumber(node: CompiledSchema, value: number, report: (description: string) => void): void {
    if (node.multipleOf !== undefined && !Number.isInteger(value / node.multipleOf)) {
        report(`Must be a multiple of ${goNumber(node.multipleOf)}`);
    }
    if (node.maximum !== undefined && value > node.maximum) {
        report(`Must be less than or equal to ${goNumber(node.maximum)}`);
    }
    if (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum) {
        report(`Must be less than ${goNumber(node.exclusiveMaximum)}`);
    }
    if (node.minimum !== undefined && value < node.minimum) {
        report(`Must be greater than or equal to ${goNumber(node.minimum)}`);
    }
    if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) {
        report(`Must be greater than ${goNumber(node.exclusiveMinimum)}`);
    }
}

function validateArray(node: CompiledSchema, value: unknown[], context: string[], errors: SchemaError[], report: (description: string) => void): void {
    if (Array.isArray(node.items)) {
        node.items.forEach((schema, index) => {
            if (index < value.length) {
                validateNode(schema, value[index], [...context, String(index)], errors);
            }
        });
        if (value.length > node.items.length) {
            if (node.additionalItems === false) {
                report("No additional items allowed on array");
            } else if (typeof node.additionalItems === "object") {
                for (let index = node.items.length; index < value.length; index++) {
                    validateNode(node.additionalItems, value[index], [...context, String(index)], errors);
                }
            }
        }
    } else if (node.items) {
        value.forEach((item, index) => validateNode(node.items as CompiledSchema, item, [...context, String(index)], errors));
    }
    if (node.minItems !== undefined && value.length < node.minItems) {
        report(`Array must have at least ${node.minItems} items`);
    }
    if (node.maxItems !== undefined && value.length > node.maxItems) {
        report(`Array must have at most ${node.maxItems} items`);
    }
    if (node.uniqueItems) {
        const seen = new Map<string, number>();
        value.forEach((item, index) => {
            const text = canonicalJson(item);
            const first = seen.get(text);
            if (first !== undefined) {
                report(`array items[${first},${index}] must be unique`);
            }
            seen.set(text, index);
        });
    }
}

function validateObject(node: CompiledSchema, value: Record<string, unknown>, context: string[], errors: SchemaError[], report: (description: string) => void): void {
    const count = Object.keys(value).length;
    if (node.minProperties !== undefined && count < node.minProperties) {
        report(`Must have at least ${node.minProperties} properties`);
    }
    if (node.maxProperties !== undefined && count > node.maxProperties) {
        report(`Must have at most ${node.maxProperties} properties`);
    }
    for (const key of node.required) {
        if (!(key in value)) {
            report(`${key} is required`);
        }
    }
    if (node.additionalProperties !== undefined && node.additionalProperties !== true) {
        const declared = new Set(node.properties.map(([key]) => key));
        for (const [key, item] of Object.entries(value)) {
            if (declared.has(key)) {
                continue;
            }
            if (node.additionalProperties === false) {
                report(`Additional property ${key} is not allowed`);
            } else {
                validateNode(node.additionalProperties, item, [...context, key], errors);
            }
        }
    }
}

/** Validates a document against a compiled schema; the errors gojsonschema reports, in its order. */
export function validateDocument(schema: CompiledSchema, document: Json | unknown): SchemaError[] {
    const errors: SchemaError[] = [];
    validateNode(schema, document, [], errors);
    return errors;
}

/** gojsonschema's ResultError.String(), as the engine prints it after trimming "(root): ". */
export function errorText(error: SchemaError): string {
    return error.field === "(root)" ? error.description : `${error.field}: ${error.description}`;
}
