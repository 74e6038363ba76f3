/**
 * The canonical (Pulumi) model → Terraform: the inverse of convert.ts for what components declare.
 * One description of a resource (camelCase, Pulumi's type token) renders as a Pulumi resource or
 * as a hashicorp/aws resource of a CDKTF construct; the schema map holds the names both ways.
 * Values of attributes that are not blocks (tags, dimensions, parameter maps) keep their keys.
 */
import { ATTRIBUTE_RENAMES, BLOCK_SHAPES } from "./schema-map";
import { TERRAFORM_TYPES } from "./types";
import { isObjectLiteral } from "../engine/values";

const BY_CANONICAL: ReadonlyMap<string, string> = new Map(Object.entries(TERRAFORM_TYPES).map(([terraform, canonical]) => [canonical, terraform]));

/** Types components declare that no rule reads (so the rules' type map lacks them). */
const UNREAD_TYPES: Readonly<Record<string, string>> = {
    "aws:kms/key:Key": "aws_kms_key",
    "aws:apigateway/methodResponse:MethodResponse": "aws_api_gateway_method_response",
    "aws:apigateway/usagePlanKey:UsagePlanKey": "aws_api_gateway_usage_plan_key",
    "aws:apigateway/clientCertificate:ClientCertificate": "aws_api_gateway_client_certificate",
};

/** The bridge's renames for those types (the generated map holds only the types rules read). */
const UNREAD_RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    aws_api_gateway_method_response: { rest_api_id: "restApi" },
};

/** The Terraform type of a canonical type token. */
export function terraformTypeOf(canonicalType: string): string {
    const terraform = BY_CANONICAL.get(canonicalType) ?? UNREAD_TYPES[canonicalType];
    if (terraform === undefined) {
        throw new Error(`no Terraform type is known for ${canonicalType}`);
    }
    return terraform;
}

function snake(name: string): string {
    return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

interface ParentShapes {
    /** Pulumi name → [Terraform name, is a block]. */
    readonly keys: Map<string, [string, boolean]>;
}

const SHAPES = new Map<string, Map<string, ParentShapes>>();

/** For one type: under each parent block (Terraform name, "" at the top), Pulumi key → Terraform key. */
function shapesOf(terraformType: string): Map<string, ParentShapes> {
    let shapes = SHAPES.get(terraformType);
    if (!shapes) {
        shapes = new Map();
        const under = (parent: string) => {
            let entry = shapes!.get(parent);
            if (!entry) {
                entry = { keys: new Map() };
                shapes!.set(parent, entry);
            }
            return entry;
        };
        for (const [path, [pulumiName]] of Object.entries(BLOCK_SHAPES[terraformType] ?? {})) {
            const dot = path.lastIndexOf(".");
            under(path.slice(0, dot)).keys.set(pulumiName, [path.slice(dot + 1), true]);
        }
        for (const [path, pulumiName] of Object.entries(ATTRIBUTE_RENAMES[terraformType] ?? UNREAD_RENAMES[terraformType] ?? {})) {
            const dot = path.lastIndexOf(".");
            under(dot < 0 ? "" : path.slice(0, dot)).keys.set(pulumiName, [path.slice(dot + 1), false]);
        }
        SHAPES.set(terraformType, shapes);
    }
    return shapes;
}

function convertBlock(shapes: Map<string, ParentShapes>, parent: string, values: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const keys = shapes.get(parent)?.keys;
    for (const [key, value] of Object.entries(values)) {
        if (value === undefined) {
            continue;
        }
        const known = keys?.get(key);
        const name = known?.[0] ?? snake(key);
        if (known?.[1]) {
            out[name] = Array.isArray(value)
                ? value.map((item) => (isObjectLiteral(item) ? convertBlock(shapes, name, item) : item))
                : isObjectLiteral(value) ? convertBlock(shapes, name, value) : value;
        } else {
            out[name] = value;
        }
    }
    return out;
}

/** Canonical properties as a Terraform resource's attributes (JSON syntax: a single block is an object). */
export function toTerraform(terraformType: string, props: Record<string, unknown>): Record<string, unknown> {
    return convertBlock(shapesOf(terraformType), "", props);
}

/** A canonical attribute name (`executionArn`, `invokeUrl`) as Terraform's. */
export function terraformAttribute(terraformType: string, attribute: string): string {
    return shapesOf(terraformType).get("")?.keys.get(attribute)?.[0] ?? snake(attribute);
}
