import { globToRegExp } from "./glob";
import type { ConfigProperty } from "./rule";

/**
 * Public route patterns: "GET /health", "/docs/*" (any method) or "ANY /public/*". `*` matches
 * any characters. The same notation serves REST methods (method + resource path) and v2 route
 * keys ("GET /items", "$default").
 */

export const PUBLIC_ROUTES_CONFIG: ConfigProperty = {
    type: "array",
    description: "Routes that are public by design and need no authorization: \"GET /health\", \"/docs/*\" (any method). "
        + "`*` matches any characters. Prefer a waiver with a reason for one-off exceptions.",
    items: { type: "string" },
    default: [],
};


/** True when `method path` (e.g. "GET", "/health") matches one of the public route patterns. */
export function isPublicRoute(patterns: readonly string[], method: string, path: string): boolean {
    return patterns.some((pattern) => {
        const trimmed = pattern.trim();
        const space = trimmed.indexOf(" ");
        const patternMethod = space > 0 ? trimmed.slice(0, space) : "ANY";
        const patternPath = space > 0 ? trimmed.slice(space + 1).trim() : trimmed;
        const methodMatches = patternMethod.toUpperCase() === "ANY" || patternMethod === "*" || patternMethod.toUpperCase() === method.toUpperCase();
        return methodMatches && globToRegExp(patternPath, "i").test(path);
    });
}
