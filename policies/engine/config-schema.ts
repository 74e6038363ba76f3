/**
 * Validates configured rule properties against a rule's config schema: the subset of JSON Schema
 * rules use (`ConfigProperty`). The Pulumi engine does this before configuring the pack; the
 * scanner has no engine, so it runs this instead and refuses a configuration the engine would.
 */
import type { ConfigProperty } from "./rule";

type Schema = Omit<ConfigProperty, "description"> & { description?: string };

function typeOf(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    return typeof value;
}

function matchesType(value: unknown, type: Schema["type"]): boolean {
    switch (type) {
        case "integer":
            return Number.isInteger(value);
        case "object":
            return typeOf(value) === "object";
        default:
            return typeOf(value) === type;
    }
}

/** Problems with `value` at `path` (empty when it conforms). */
export function schemaProblems(schema: Schema, value: unknown, path: string): string[] {
    if (!matchesType(value, schema.type)) {
        return [`${path}: must be ${schema.type === "array" || schema.type === "object" || schema.type === "integer" ? "an" : "a"} ${schema.type}, not ${typeOf(value)}`];
    }
    const problems: string[] = [];
    if (schema.enum && !schema.enum.includes(value as string | number)) {
        problems.push(`${path}: must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(", ")}`);
    }
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) {
            problems.push(`${path}: must be at least ${schema.minimum}`);
        }
        if (schema.maximum !== undefined && value > schema.maximum) {
            problems.push(`${path}: must be at most ${schema.maximum}`);
        }
    }
    if (typeof value === "string" && schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
        problems.push(`${path}: must match ${schema.pattern}`);
    }
    if (Array.isArray(value) && schema.items) {
        value.forEach((item, index) => problems.push(...schemaProblems(schema.items!, item, `${path}[${index}]`)));
    }
    if (typeOf(value) === "object") {
        const record = value as Record<string, unknown>;
        for (const key of schema.required ?? []) {
            if (!(key in record)) {
                problems.push(`${path}: missing required property "${key}"`);
            }
        }
        for (const [key, item] of Object.entries(record)) {
            const property = schema.properties?.[key];
            if (property) {
                problems.push(...schemaProblems(property, item, `${path}.${key}`));
            } else if (schema.additionalProperties === false) {
                problems.push(`${path}: unexpected property "${key}"`);
            }
        }
    }
    return problems;
}
