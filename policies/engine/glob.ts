/** `*` matches any characters; everything else matches itself. */
export function globToRegExp(pattern: string, flags = ""): RegExp {
    return new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, flags);
}
