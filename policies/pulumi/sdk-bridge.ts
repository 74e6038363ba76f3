import { AsyncLocalStorage } from "node:async_hooks";
import * as path from "node:path";
import type { PolicyConfig } from "../engine/config";
import type { EnforcementLevel } from "../engine/rule";

/**
 * Why this module exists: Gatehouse serves one CrossGuard policy per rule (so the engine
 * reconciles each rule's level and configuration, and Pulumi Cloud lists each rule), but
 * evaluates them in two dispatcher policies. @pulumi/policy deserializes every resource once
 * per policy per request, which for a 60-rule catalog costs more than the whole evaluation.
 *
 * The dispatchers need two things the SDK does not hand a policy: the engine's per-policy
 * configuration (Configure), and the raw request, whose wire values say which properties are
 * secret (the SDK unwraps secrets before policies see them). Both are observed here by
 * wrapping the handlers @pulumi/policy registers with gRPC, while the pack is constructed.
 * The SDK's own handlers still serve every call.
 */

export type RequestKind = "analyze" | "analyzeStack" | "remediate";

export interface EngineRequest {
    readonly kind: RequestKind;
    /** The decoded protobuf request (pulumirpc.AnalyzeRequest or AnalyzeStackRequest). */
    readonly request: any;
    /** Per-request memo for derived data (e.g. the URN index of a stack request). */
    readonly memo: Map<string, unknown>;
}

const requests = new AsyncLocalStorage<EngineRequest>();
let engineConfig: Map<string, PolicyConfig> | undefined;
let bridged = false;

/** The engine request being served, when the bridge is installed. */
export function currentRequest(): EngineRequest | undefined {
    return requests.getStore();
}

/** The per-policy configuration the engine sent in Configure, if it has. */
export function configuredPolicies(): ReadonlyMap<string, PolicyConfig> | undefined {
    return engineConfig;
}

export function isBridged(): boolean {
    return bridged;
}

// Wire values of pulumirpc.EnforcementLevel.
const WIRE_LEVELS: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

function readConfigureRequest(request: any): Map<string, PolicyConfig> {
    const result = new Map<string, PolicyConfig>();
    for (const [name, value] of request.getPolicyconfigMap().entries()) {
        const properties = value.getProperties?.()?.toJavaScript() ?? {};
        result.set(name, {
            enforcementLevel: WIRE_LEVELS[value.getEnforcementlevel()] ?? "advisory",
            properties,
        });
    }
    return result;
}

function wrapImplementation(implementation: Record<string, Function>): Record<string, Function> {
    const wrapped: Record<string, Function> = { ...implementation };
    for (const kind of ["analyze", "analyzeStack", "remediate"] as const) {
        const handler = implementation[kind];
        if (typeof handler === "function") {
            wrapped[kind] = (call: any, callback: any) =>
                requests.run({ kind, request: call.request, memo: new Map() }, () => handler.call(implementation, call, callback));
        }
    }
    const configure = implementation["configure"];
    if (typeof configure === "function") {
        wrapped["configure"] = (call: any, callback: any) => {
            try {
                engineConfig = readConfigureRequest(call.request);
            } catch {
                engineConfig = undefined;
            }
            return configure.call(implementation, call, callback);
        };
    }
    return wrapped;
}

/** Resolves a module the way @pulumi/policy itself resolves it, so we touch the same instance. */
function requireFromPolicySdk(id: string): any {
    const sdkDir = path.dirname(require.resolve("@pulumi/policy"));
    return require(require.resolve(id, { paths: [sdkDir] }));
}

/**
 * Constructs the pack (`start` must call `new PolicyPack(...)`, which registers the gRPC
 * service synchronously) with the handlers observed. Returns whether the bridge took hold.
 */
export function startWithEngineBridge(start: () => void): boolean {
    let serverPrototype: any;
    try {
        serverPrototype = requireFromPolicySdk("@grpc/grpc-js").Server?.prototype;
    } catch {
        serverPrototype = undefined;
    }
    const original = serverPrototype?.addService;
    if (typeof original !== "function") {
        start();
    } else {
        serverPrototype.addService = function (this: unknown, service: unknown, implementation: Record<string, Function>) {
            bridged = true;
            return original.call(this, service, wrapImplementation(implementation));
        };
        try {
            start();
        } finally {
            serverPrototype.addService = original;
        }
    }
    if (!bridged) {
        process.stderr.write("gatehouse: could not observe the policy engine's requests with this @pulumi/policy version; "
            + "rules run with their default configuration and finding messages hide all property values.\n");
    }
    return bridged;
}

/** The installed @pulumi/policy version (it reports itself as "v1.21.0"). */
export function policySdkVersion(): [number, number, number] | undefined {
    try {
        const version = String(require("@pulumi/policy/package.json").version).replace(/^v/, "");
        const [major, minor, patch] = version.split(".").map((part) => Number.parseInt(part, 10));
        return [major, minor, patch];
    } catch {
        return undefined;
    }
}
