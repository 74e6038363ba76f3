/**
 * A variable's `type` constraint, and the conversion Terraform applies to a value given to it.
 * Real modules declare their inputs as `map(object({ … = optional(T, default) }))` and read the
 * attributes a caller leaves out (`each.value.connection_type`); Terraform fills those with null or
 * the declared default before anything reads them, so the evaluator must too, or every such read
 * is unknown and the rule that depends on it cannot decide.
 */
import { isPlainObject, isUnknown } from "../engine/values";
import { CONSTANT_SCOPE, evaluate, Expression, ExpressionError, numberOf, parseExpression, truthy } from "./hcl-eval";

type Value = unknown;

interface ObjectAttribute {
    readonly type: TypeConstraint;
    readonly optional: boolean;
    /** `optional(T, default)`'s default, already converted to T. */
    readonly default?: Value;
}

export type TypeConstraint =
    | { readonly kind: "any" | "string" | "number" | "bool" }
    | { readonly kind: "list" | "set" | "map"; readonly of: TypeConstraint }
    | { readonly kind: "tuple"; readonly items: readonly TypeConstraint[] }
    | { readonly kind: "object"; readonly attributes: ReadonlyMap<string, ObjectAttribute> };

const PRIMITIVES = new Set(["any", "string", "number", "bool"]);
const COLLECTIONS = new Set(["list", "set", "map"]);

function typeOf(node: Expression): TypeConstraint {
    if (node.k === "name" && PRIMITIVES.has(node.name)) {
        return { kind: node.name as "any" | "string" | "number" | "bool" };
    }
    if (node.k === "call" && COLLECTIONS.has(node.name) && node.args.length === 1) {
        return { kind: node.name as "list" | "set" | "map", of: typeOf(node.args[0]) };
    }
    if (node.k === "call" && node.name === "tuple" && node.args.length === 1 && node.args[0].k === "tuple") {
        return { kind: "tuple", items: node.args[0].items.map(typeOf) };
    }
    if (node.k === "call" && node.name === "object" && node.args.length === 1 && node.args[0].k === "object") {
        const attributes = new Map<string, ObjectAttribute>();
        for (const item of node.args[0].items) {
            if (item.key.k !== "lit" || typeof item.key.v !== "string") {
                throw new ExpressionError("an object type's attribute names must be plain words");
            }
            attributes.set(item.key.v, attributeOf(item.value));
        }
        return { kind: "object", attributes };
    }
    throw new ExpressionError("not a type constraint");
}

function attributeOf(node: Expression): ObjectAttribute {
    if (node.k !== "call" || node.name !== "optional") {
        return { type: typeOf(node), optional: false };
    }
    if (node.args.length < 1 || node.args.length > 2) {
        throw new ExpressionError("optional() takes a type and, optionally, a default");
    }
    const type = typeOf(node.args[0]);
    if (node.args.length === 1) {
        return { type, optional: true };
    }
    return { type, optional: true, default: convertToConstraint(evaluate(node.args[1], CONSTANT_SCOPE), type) };
}

const PARSED = new Map<string, TypeConstraint | undefined>();

/**
 * The constraint a `type` expression's text declares, or undefined when it is not one Gatehouse
 * reads (the value is then used as given, which is what it was before conversion existed).
 */
export function typeConstraint(text: string): TypeConstraint | undefined {
    if (!PARSED.has(text)) {
        let type: TypeConstraint | undefined;
        try {
            type = typeOf(parseExpression(text));
        } catch (error) {
            if (!(error instanceof ExpressionError)) {
                throw error;
            }
        }
        PARSED.set(text, type);
    }
    return PARSED.get(text);
}

/**
 * A value converted as Terraform converts it to a type: primitives from their text, object
 * attributes left out or null filled from `optional()` (null or the default) and attributes the
 * type does not declare dropped, element by element through collections. What cannot be converted
 * (an unknown, a value of the wrong shape, which Terraform rejects) is kept as it is.
 */
export function convertToConstraint(value: Value, type: TypeConstraint): Value {
    if (value === null || value === undefined || isUnknown(value)) {
        return value;
    }
    switch (type.kind) {
        case "any":
            return value;
        case "string":
            return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
        case "number":
            return numberOf(value) ?? value;
        case "bool":
            return truthy(value) ?? value;
        case "list":
        case "set":
            return Array.isArray(value) ? value.map((item) => convertToConstraint(item, type.of)) : value;
        case "map":
            return isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, convertToConstraint(item, type.of)])) : value;
        case "tuple":
            return Array.isArray(value) && value.length === type.items.length ? value.map((item, index) => convertToConstraint(item, type.items[index])) : value;
        case "object":
            return isPlainObject(value) ? convertObject(value, type.attributes) : value;
    }
}

function convertObject(value: Record<string, Value>, attributes: ReadonlyMap<string, ObjectAttribute>): Value {
    const out: Record<string, Value> = {};
    for (const [name, attribute] of attributes) {
        const given = value[name];
        if (given !== undefined && given !== null) {
            out[name] = convertToConstraint(given, attribute.type);
        } else if (attribute.optional) {
            out[name] = attribute.default !== undefined ? attribute.default : null;
        } else if (given === null) {
            out[name] = null;
        }
        // A required attribute left out is an error Terraform reports; reading it stays unknown.
    }
    return out;
}
