/**
 * Terraform values → the canonical (Pulumi) model: type tokens, camelCase names, the bridge's
 * renames, single blocks as objects and list blocks pluralized (from the generated schema map),
 * unknowns as Pulumi's sentinels and references as refs keyed by the canonical property.
 */
import { BlockShapes, camel } from "./names";
import { ATTRIBUTE_RENAMES, BLOCK_SHAPES, PROVIDER_DEFAULTED } from "./schema-map";
import { TERRAFORM_TYPES } from "./types";
import { isUnknown, UNKNOWN } from "../engine/values";

/** Mirrors a value's structure with `true` where the value is unknown (a plan's `after_unknown`). */
export type UnknownMask = unknown;

/** The canonical type of a Terraform type, or undefined when no rule reads it. */
export function canonicalType(terraformType: string): string | undefined {
    return TERRAFORM_TYPES[terraformType];
}

/**
 * What one Terraform key of a type converts to, worked out once per (type, parent block, key): a
 * large plan repeats the same few hundred keys, and the lookups behind this are string-keyed.
 */
interface KeyShape {
    readonly name: string;
    /** [Pulumi name, single block] when the key is a block. */
    readonly block?: readonly [string, boolean];
    /** A block, or an optional attribute the provider computes when the configuration leaves it unset. */
    readonly providerDefaulted: boolean;
}

/** Bounds the cache when a hostile input invents keys. */
const MAX_CACHED_KEYS = 10_000;

class TypeShapes {
    private readonly blocks: BlockShapes;
    private readonly renames: Readonly<Record<string, string>>;
    private readonly defaulted: ReadonlySet<string>;
    private readonly byParent = new Map<string, Map<string, KeyShape>>();
    private cached = 0;

    constructor(terraformType: string) {
        this.blocks = BLOCK_SHAPES[terraformType] ?? {};
        this.renames = ATTRIBUTE_RENAMES[terraformType] ?? {};
        this.defaulted = new Set(PROVIDER_DEFAULTED[terraformType] ?? []);
    }

    /** The shapes of the keys of objects nested under `parent` ("" at the top). */
    under(parent: string): Map<string, KeyShape> {
        let shapes = this.byParent.get(parent);
        if (!shapes) {
            shapes = new Map();
            this.byParent.set(parent, shapes);
        }
        return shapes;
    }

    shape(shapes: Map<string, KeyShape>, parent: string, key: string): KeyShape {
        let shape = shapes.get(key);
        if (shape === undefined) {
            // Renames and provider defaults key nested attributes `block.attribute`, top-level ones by name.
            const path = parent === "" ? key : `${parent}.${key}`;
            const block = this.blocks[`${parent}.${key}`];
            shape = { name: block?.[0] ?? this.renames[path] ?? camel(key), block, providerDefaulted: block !== undefined || this.defaulted.has(path) };
            if (this.cached++ < MAX_CACHED_KEYS) {
                shapes.set(key, shape);
            }
        }
        return shape;
    }
}

const TYPE_SHAPES = new Map<string, TypeShapes>();

function shapesOf(terraformType: string): TypeShapes {
    let shapes = TYPE_SHAPES.get(terraformType);
    if (!shapes) {
        shapes = new TypeShapes(terraformType);
        if (TERRAFORM_TYPES[terraformType]) { // only the types rules read: a bounded set
            TYPE_SHAPES.set(terraformType, shapes);
        }
    }
    return shapes;
}

/** The canonical name of a top-level Terraform attribute or block. */
export function canonicalName(terraformType: string, name: string): string {
    const shapes = shapesOf(terraformType);
    return shapes.shape(shapes.under(""), "", name).name;
}

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
    readonly shapes: TypeShapes;
    /** True when the configuration's expressions are known, so provider-defaulted unknowns can be pruned. */
    readonly pruneDefaults: boolean;
    readonly isExpression?: (value: string) => boolean;
}

/** Converts a resource's Terraform values to canonical properties. */
export function toCanonical(terraformType: string, values: Record<string, unknown>, options: ConversionOptions = {}): Record<string, unknown> {
    const conversion: Conversion = { shapes: shapesOf(terraformType), pruneDefaults: options.expressions !== undefined, isExpression: options.isExpression };
    return convertObject(values, options.unknown, "", conversion, options.expressions);
}

function convertObject(values: Record<string, unknown>, unknown: UnknownMask, parent: string, conversion: Conversion,
    expressions: unknown): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const mask = isRecord(unknown) ? unknown : NONE;
    const shapes = conversion.shapes.under(parent);
    for (const key in values) {
        convertKey(key, values[key], mask[key], parent, shapes, conversion, expressions, out);
    }
    for (const key in mask) {
        if (!(key in values)) {
            convertKey(key, undefined, mask[key], parent, shapes, conversion, expressions, out);
        }
    }
    return out;
}

function convertKey(key: string, value: unknown, keyMask: unknown, parent: string, shapes: Map<string, KeyShape>, conversion: Conversion,
    expressions: unknown, out: Record<string, unknown>): void {
    if (key === "//") {
        return; // CDKTF metadata
    }
    const shape = conversion.shapes.shape(shapes, parent, key);
    if (keyMask === true && conversion.pruneDefaults && shape.providerDefaulted && !(isRecord(expressions) && key in expressions)) {
        return; // set by the provider to the service default: unset, as the configuration leaves it
    }
    const block = shape.block;
    if (block) {
        const [name, single] = block;
        if (keyMask === true) {
            out[name] = UNKNOWN;
            return;
        }
        if (typeof value === "string" && isUnknown(value)) {
            out[name] = UNKNOWN; // blocks a `dynamic` block generates from a collection known only after plan
            return;
        }
        const listed = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
        const items = listed.filter(isRecord);
        if (items.length < listed.length && !(single && items.length > 0)) {
            out[name] = UNKNOWN; // some of the blocks are known only after plan
            return;
        }
        const itemMasks = Array.isArray(keyMask) ? keyMask : [];
        const itemExpressions = isRecord(expressions) && Array.isArray(expressions[key]) ? expressions[key] as unknown[] : [];
        const converted = items.map((item, index) => convertObject(item, itemMasks[index], key, conversion,
            conversion.pruneDefaults ? itemExpressions[index] ?? itemExpressions[0] : undefined));
        if (single) {
            if (converted.length > 0) {
                out[name] = converted[0];
            }
        } else if (converted.length > 0) {
            out[name] = converted;
        }
        return;
    }
    if (keyMask === true) {
        out[shape.name] = UNKNOWN;
    } else if (value !== null && value !== undefined) {
        out[shape.name] = withUnknowns(value, keyMask, conversion.isExpression);
    }
}

/** An attribute's value (map keys kept as they are), with unknown parts and expressions as sentinels. */
function withUnknowns(value: unknown, mask: UnknownMask, isExpression?: (value: string) => boolean): unknown {
    if (mask === true) {
        return UNKNOWN;
    }
    if (isExpression === undefined && !someUnknown(mask)) {
        return value; // nothing to mark: share the parsed value instead of copying it
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

/** True when an `after_unknown` mask marks anything unknown. */
function someUnknown(mask: UnknownMask): boolean {
    if (mask === true) {
        return true;
    }
    if (mask === null || typeof mask !== "object") {
        return false;
    }
    for (const key in mask) {
        if (someUnknown((mask as Record<string, unknown>)[key])) {
            return true;
        }
    }
    return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
