/**
 * Terraform's words for what the canonical (Pulumi) model says: a Terraform user reads
 * `access_log_settings.format`, `aws_api_gateway_method_settings` and "until apply", never
 * `accessLogSettings.format`, `MethodSettings` or "preview". Findings are rendered in these words
 * for Terraform and CDKTF inputs; the model and the rules stay as they are.
 */
import type { Resource } from "../engine/resource";
import { ATTRIBUTE_RENAMES, BLOCK_SHAPES } from "./schema-map";
import { TERRAFORM_TYPES } from "./types";

const TERRAFORM_FRONT_ENDS = new Set(["terraform-plan", "terraform-config", "terraform-hcl", "cdktf"]);

export function speaksTerraform(resource: Resource | undefined): boolean {
    return resource !== undefined && TERRAFORM_FRONT_ENDS.has(resource.origin.frontEnd);
}

function snake(name: string): string {
    return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The Terraform type of an address: `module.api.aws_api_gateway_stage.prod["eu"]` → `aws_api_gateway_stage`. */
function typeOfAddress(address: string): string | undefined {
    const withoutModules = address.startsWith("module.") ? address.replace(/^(?:module\.[^.[]+(?:\[[^\]]*\])?\.)+/u, "") : address;
    const type = withoutModules.slice(0, withoutModules.indexOf("."));
    return type in TERRAFORM_TYPES ? type : undefined;
}

/** Pulumi name → Terraform name of each key under a parent block (`""` at the top), per Terraform type. */
const REVERSE = new Map<string, Map<string, string>>();

function reverseOf(terraformType: string): Map<string, string> {
    let reverse = REVERSE.get(terraformType);
    if (!reverse) {
        reverse = new Map();
        for (const [key, [pulumiName]] of Object.entries(BLOCK_SHAPES[terraformType] ?? {})) {
            const dot = key.lastIndexOf(".");
            reverse.set(`${key.slice(0, dot)}\u0000${pulumiName}`, key.slice(dot + 1));
        }
        for (const [key, pulumiName] of Object.entries(ATTRIBUTE_RENAMES[terraformType] ?? {})) {
            const dot = key.lastIndexOf(".");
            reverse.set(`${dot < 0 ? "" : key.slice(0, dot)}\u0000${pulumiName}`, key.slice(dot + 1));
        }
        REVERSE.set(terraformType, reverse);
    }
    return reverse;
}

/** A finding's property path in Terraform's names; an OpenAPI pointer (`body#/…`) keeps its document's words. */
export function terraformPath(address: string, path: string): string {
    const terraformType = typeOfAddress(address);
    // By type, then by path: a report asks for each finding's path, and a joined key would be a new string to hash each time.
    let byPath = PATHS.get(terraformType);
    if (!byPath) {
        byPath = new Map();
        PATHS.set(terraformType, byPath);
    }
    let converted = byPath.get(path);
    if (converted === undefined) {
        converted = convertPath(terraformType, path);
        if (cachedPaths++ < MAX_CACHED) {
            byPath.set(path, converted);
        }
    }
    return converted;
}

function convertPath(terraformType: string | undefined, path: string): string {
    const hash = path.indexOf("#");
    const attributes = hash < 0 ? path : path.slice(0, hash);
    const reverse = terraformType ? reverseOf(terraformType) : new Map<string, string>();
    let parent = "";
    const converted = attributes.split(".").map((segment) => {
        if (/^\d+$/.test(segment) || segment === "") {
            return segment;
        }
        const name = reverse.get(`${parent}\u0000${segment}`) ?? snake(segment);
        parent = name;
        return name;
    }).join(".");
    return hash < 0 ? converted : converted + path.slice(hash);
}

/** Canonical type names (`MethodSettings`, `aws:apigateway/methodSettings:MethodSettings`) → Terraform types. */
const TYPE_WORDS: ReadonlyMap<string, string> = (() => {
    const byClass = new Map<string, string[]>();
    const words = new Map<string, string>();
    for (const [terraformType, token] of Object.entries(TERRAFORM_TYPES)) {
        words.set(token, terraformType);
        const className = token.slice(token.lastIndexOf(":") + 1);
        byClass.set(className, [...byClass.get(className) ?? [], terraformType]);
    }
    // A class name is replaced only when it names one Terraform type and reads as a name (two words or more).
    for (const [className, types] of byClass) {
        if (types.length === 1 && /^[A-Z][a-z0-9]+[A-Z]/.test(className)) {
            words.set(className, types[0]);
        }
    }
    return words;
})();

/** Every canonical attribute name the rules can mention, with its Terraform name. */
const ATTRIBUTE_WORDS: ReadonlyMap<string, string> = (() => {
    const words = new Map<string, string>();
    for (const terraformType of Object.keys(TERRAFORM_TYPES)) {
        for (const [key, name] of reverseOf(terraformType)) {
            words.set(key.slice(key.indexOf("\u0000") + 1), name);
        }
    }
    return words;
})();

const PHRASES: readonly [RegExp, string][] = [
    [/\(not known yet\)/gu, "(known after apply)"],
    [/\bis not known during preview\b/gu, "is known only after apply"],
    [/\bare not known during preview\b/gu, "are known only after apply"],
    [/\bnot known during preview\b/gu, "known only after apply"],
    [/\bduring preview\b/gu, "before apply"],
    [/\bin a preview\b/gu, "in a plan"],
    [/\bpreview\b/gu, "plan"],
];

/** Bounds the caches below: a report of 100k findings repeats a few hundred messages and paths. */
const MAX_CACHED = 10_000;
const MESSAGES = new Map<string, string>();
const PATHS = new Map<string | undefined, Map<string, string>>();
let cachedPaths = 0;

function cached(cache: Map<string, string>, key: string, compute: () => string): string {
    let value = cache.get(key);
    if (value === undefined) {
        value = compute();
        if (cache.size < MAX_CACHED) {
            cache.set(key, value);
        }
    }
    return value;
}

/** A message in Terraform's words: type names, camelCase attribute names and Pulumi's phrases replaced. */
export function inTerraformWords(message: string): string {
    // Most messages hold none of Pulumi's words: one scan of the text tells.
    return PULUMI_WORD.test(message) ? cached(MESSAGES, message, () => translate(message)) : message;
}

/** Anything `translate` may change: a camelCase or PascalCase word, a type token, a phrase about previews or unknowns. */
const PULUMI_WORD = /[a-z0-9][A-Z]|preview|not known yet|aws:/u;

function translate(message: string): string {
    let text = message;
    for (const [pattern, replacement] of PHRASES) {
        text = text.replace(pattern, replacement);
    }
    // Type tokens and class names first, then camelCase words (two humps or more: one-word names are the same in both).
    text = text.replace(/\baws:[a-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]+\b/gu, (token) => TYPE_WORDS.get(token) ?? token);
    text = text.replace(/\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b/gu, (word) => TYPE_WORDS.get(word) ?? word);
    // Not inside a value: `$context.requestId`, an ARN, a path or a quoted name keep their case.
    return text.replace(/(?<![$.:/\-"'`{\w])[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+\b/gu, (word) => ATTRIBUTE_WORDS.get(word) ?? snake(word));
}
