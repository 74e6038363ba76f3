import Module = require("node:module");
import * as path from "node:path";

/**
 * @pulumi/policy requires the whole of @pulumi/pulumi when it loads — its automation API, package
 * tooling and runtime, about a fifth of the pack's start — for one module (deserialize.js), which
 * uses it only for asset and archive values and for Output values a remediation returns. Gatehouse
 * never hands it either in Analyze or AnalyzeStack, so the pack defers that load: the first
 * property read from @pulumi/pulumi's exports loads the real module, which then serves every later
 * `require` as usual. Nothing changes if the module is already loaded, or if anything here fails.
 */
export function deferPulumiSdkIndex(): boolean {
    try {
        const sdkDir = path.dirname(require.resolve("@pulumi/policy"));
        const index = require.resolve("@pulumi/pulumi", { paths: [sdkDir] });
        if (require.cache[index]) {
            return false;
        }
        let real: Record<PropertyKey, unknown> | undefined;
        const load = (): Record<PropertyKey, unknown> => {
            if (real === undefined) {
                delete require.cache[index];
                real = require(index) as Record<PropertyKey, unknown>;
            }
            return real;
        };
        const placeholder = new Module(index);
        placeholder.filename = index;
        placeholder.loaded = true;
        placeholder.exports = new Proxy({}, {
            get: (_target, key) => load()[key],
            has: (_target, key) => key in load(),
            ownKeys: () => Reflect.ownKeys(load()),
            getOwnPropertyDescriptor: (_target, key) => {
                const descriptor = Object.getOwnPropertyDescriptor(load(), key);
                return descriptor ? { ...descriptor, configurable: true } : undefined;
            },
        });
        require.cache[index] = placeholder;
        return true;
    } catch {
        return false;
    }
}
