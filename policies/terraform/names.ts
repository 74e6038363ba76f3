/** Terraform → Pulumi naming: camelCase and the bridge's pluralization of list blocks. */

/** A type's blocks by `parent.block` Terraform names (parent "" at the top): [Pulumi name, single block (an object in Pulumi)]. */
export type BlockShapes = Record<string, [string, boolean]>;

export interface BlockShape {
    [terraformName: string]: { name: string; single: boolean; blocks?: BlockShape };
}

export function camel(name: string): string {
    return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
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
