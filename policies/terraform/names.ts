/** Terraform → Pulumi naming: camelCase and the bridge's pluralization of list blocks. */

/** A type's blocks by `parent.block` Terraform names (parent "" at the top): [Pulumi name, single block (an object in Pulumi)]. */
export type BlockShapes = Record<string, [string, boolean]>;

export interface BlockShape {
    [terraformName: string]: { name: string; single: boolean; blocks?: BlockShape };
}

const camelCache = new Map<string, string>();

/** snake_case → camelCase; memoized, as a large plan repeats the same few hundred attribute names. */
export function camel(name: string): string {
    let converted = camelCache.get(name);
    if (converted === undefined) {
        converted = name.includes("_") ? name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()) : name;
        if (camelCache.size < 10_000) {
            camelCache.set(name, converted);
        }
    }
    return converted;
}

export function pluralize(name: string): string {
    if (/[^aeiou]y$/.test(name)) {
        return name.slice(0, -1) + "ies";
    }
    if (/(s|x|ch|sh)$/.test(name)) {
        return name + "es";
    }
    return name + "s";
}
