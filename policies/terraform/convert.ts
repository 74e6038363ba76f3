/**
 * Terraform values → the canonical (Pulumi) model: type tokens, camelCase names, the bridge's
 * renames, single blocks as objects and list blocks pluralized (from the generated schema map),
 * unknowns as Pulumi's sentinels and references as refs keyed by the canonical property.
 */
import { BlockShapes, camel } from "./names";
import { ATTRIBUTE_RENAMES, BLOCK_SHAPES } from "./schema-map";
import { TERRAFORM_TYPES } from "./types";
import { UNKNOWN } from "../engine/values";

/** Mirrors a value's structure with `true` where the value is unknown (a plan's `after_unknown`). */
export type UnknownMask = unknown;

/** The canonical type of a Terraform type, or undefined when no rule reads it. */
export function canonicalType(terraformType: string): string | undefined {
    return TERRAFORM_TYPES[terraformType];
}

/** The canonical name of a top-level Terraform attribute or block. */
export function canonicalName(terraformType: string, name: string): string {
    return ATTRIBUTE_RENAMES[terraformType]?.[name] ?? BLOCK_SHAPES[terraformType]?.[`.${name}`]?.[0] ?? camel(name);
}

/**
 * Converts a resource's Terraform values. `unknown` marks values not known until apply;
 * `isExpression` tells which strings are unevaluated expressions (configuration inputs).
 */
export function toCanonical(terraformType: string, values: Record<string, unknown>, unknown?: UnknownMask,
    isExpression?: (value: string) => boolean): Record<string, unknown> {
    const blocks = BLOCK_SHAPES[terraformType] ?? {};
    return convertObject(values, unknown, "", blocks, ATTRIBUTE_RENAMES[terraformType] ?? {}, isExpression);
}

function convertObject(values: Record<string, unknown>, unknown: UnknownMask, parent: string, blocks: BlockShapes,
    renames: Readonly<Record<string, string>>, isExpression?: (value: string) => boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const mask = isRecord(unknown) ? unknown : {};
    for (const key of new Set([...Object.keys(values), ...Object.keys(mask)])) {
        if (key === "//") {
            continue; // CDKTF metadata
        }
        const value = values[key];
        const keyMask = mask[key];
        const block = blocks[`${parent}.${key}`];
        if (block) {
            const [name, single] = block;
            if (keyMask === true) {
                out[name] = UNKNOWN;
                continue;
            }
            const items = (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]).filter(isRecord);
            const itemMasks = Array.isArray(keyMask) ? keyMask : [];
            const converted = items.map((item, index) => convertObject(item, itemMasks[index], key, blocks, renames, isExpression));
            if (single) {
                if (converted.length > 0) {
                    out[name] = converted[0];
                }
            } else if (converted.length > 0) {
                out[name] = converted;
            }
            continue;
        }
        const name = renames[parent === "" ? key : `${parent}.${key}`] ?? camel(key);
        if (keyMask === true) {
            out[name] = UNKNOWN;
        } else if (value !== null && value !== undefined) {
            out[name] = withUnknowns(value, keyMask, isExpression);
        }
    }
    return out;
}

/** An attribute's value (map keys kept as they are), with unknown parts and expressions as sentinels. */
function withUnknowns(value: unknown, mask: UnknownMask, isExpression?: (value: string) => boolean): unknown {
    if (mask === true) {
        return UNKNOWN;
    }
    if (typeof value === "string") {
        return isExpression?.(value) ? UNKNOWN : value;
    }
    if (Array.isArray(value)) {
        const masks = Array.isArray(mask) ? mask : [];
        return value.map((item, index) => withUnknowns(item, masks[index], isExpression));
    }
    if (isRecord(value)) {
        const masks = isRecord(mask) ? mask : {};
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withUnknowns(item, masks[key], isExpression)]));
    }
    return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
