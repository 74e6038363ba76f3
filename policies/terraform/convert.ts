/**
 * Terraform values → the canonical (Pulumi) model: type tokens, camelCase names, the bridge's
 * renames, single blocks as objects and list blocks pluralized (from the generated schema map),
 * unknowns as Pulumi's sentinels and references as refs keyed by the canonical property.
 */
import { BlockShapes, camel } from "./names";
import { ATTRIBUTE_RENAMES, BLOCK_SHAPES, PROVIDER_DEFAULTED } from "./schema-map";
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

const DEFAULTED = new Map(Object.entries(PROVIDER_DEFAULTED).map(([type, paths]) => [type, new Set(paths)]));
const NONE: Readonly<Record<string, unknown>> = Object.freeze({});

export interface ConversionOptions {
    /** Marks values not known until apply (a plan's `after_unknown`). */
    readonly unknown?: UnknownMask;
    /** Tells which strings are unevaluated expressions (configuration inputs). */
    readonly isExpression?: (value: string) => boolean;
    /**
     * The configuration's expressions for the resource (a plan's `configuration`). With them, an
     * unknown optional attribute the configuration leaves unset (a rest API's `policy`, a
     * certificate's `options`) reads as unset: the provider fills in the service default at apply,
     * as for an unset input in HCL or in a Pulumi preview. What the configuration sets to an
     * unknown value, and computed-only attributes (IDs, ARNs), stay unknown.
     */
    readonly expressions?: Readonly<Record<string, unknown>>;
}

interface Conversion {
    readonly blocks: BlockShapes;
    readonly renames: Readonly<Record<string, string>>;
    readonly defaulted?: ReadonlySet<string>;
    readonly isExpression?: (value: string) => boolean;
}

/** Converts a resource's Terraform values to canonical properties. */
export function toCanonical(terraformType: string, values: Record<string, unknown>, options: ConversionOptions = {}): Record<string, unknown> {
    const conversion: Conversion = {
        blocks: BLOCK_SHAPES[terraformType] ?? {},
        renames: ATTRIBUTE_RENAMES[terraformType] ?? {},
        defaulted: options.expressions ? DEFAULTED.get(terraformType) ?? new Set() : undefined,
        isExpression: options.isExpression,
    };
    return convertObject(values, options.unknown, "", conversion, options.expressions);
}

function convertObject(values: Record<string, unknown>, unknown: UnknownMask, parent: string, conversion: Conversion,
    expressions: unknown): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const mask = isRecord(unknown) ? unknown : NONE;
    for (const key in values) {
        convertKey(key, values[key], mask[key], parent, conversion, expressions, out);
    }
    for (const key in mask) {
        if (!(key in values)) {
            convertKey(key, undefined, mask[key], parent, conversion, expressions, out);
        }
    }
    return out;
}

function convertKey(key: string, value: unknown, keyMask: unknown, parent: string, conversion: Conversion, expressions: unknown,
    out: Record<string, unknown>): void {
    if (key === "//") {
        return; // CDKTF metadata
    }
    const block = conversion.blocks[`${parent}.${key}`];
    // Renames and provider defaults key nested attributes `block.attribute`, top-level ones by name.
    const path = parent === "" ? key : `${parent}.${key}`;
    if (keyMask === true && conversion.defaulted && !(isRecord(expressions) && key in expressions)
        && (block || conversion.defaulted.has(path))) {
        return; // set by the provider to the service default: unset, as the configuration leaves it
    }
    if (block) {
        const [name, single] = block;
        if (keyMask === true) {
            out[name] = UNKNOWN;
            return;
        }
        const items = (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]).filter(isRecord);
        const itemMasks = Array.isArray(keyMask) ? keyMask : [];
        const itemExpressions = isRecord(expressions) && Array.isArray(expressions[key]) ? expressions[key] as unknown[] : [];
        const converted = items.map((item, index) => convertObject(item, itemMasks[index], key, conversion,
            conversion.defaulted ? itemExpressions[index] ?? itemExpressions[0] : undefined));
        if (single) {
            if (converted.length > 0) {
                out[name] = converted[0];
            }
        } else if (converted.length > 0) {
            out[name] = converted;
        }
        return;
    }
    const name = conversion.renames[path] ?? camel(key);
    if (keyMask === true) {
        out[name] = UNKNOWN;
    } else if (value !== null && value !== undefined) {
        out[name] = withUnknowns(value, keyMask, conversion.isExpression);
    }
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
