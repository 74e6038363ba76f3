import * as path from "node:path";
import type { PolicyConfig } from "../engine/config";
import type { EnforcementLevel } from "../engine/rule";
import { DiagnosticsWriter, generatedDiagnostic, provenDiagnosticsWriter, WiredViolation } from "./diagnostics-writer";
import { GeneratedClasses, LazyReaders, lazyReaders } from "./lazy-wire";

/**
 * Why this module exists. Gatehouse serves one CrossGuard policy per rule, so that the engine
 * reconciles each rule's level and configuration and Pulumi Cloud lists each rule. But
 * @pulumi/policy runs every policy on every request, deserializing every resource once per
 * policy (per stack policy, every resource of the stack): for a 60-rule catalog that costs more
 * than the evaluation itself, and a secret's secrecy is lost before a policy sees the value.
 *
 * So the pack evaluates the catalog next to the SDK: the gRPC handlers @pulumi/policy registers
 * are wrapped while the pack is constructed. The wrappers read Configure (the engine's
 * per-policy configuration), evaluate Analyze and AnalyzeStack requests straight from the wire
 * (only the resources a rule reads are converted; secrets stay known), and add the findings to
 * the SDK's own response. Everything else — handshake, metadata, configuration, remediation — is
 * served by the SDK. When the handlers cannot be wrapped (a future SDK layout), the pack falls
 * back to evaluating through ordinary SDK policies.
 */

export type Violation = WiredViolation;

export interface BridgeHooks {
    readonly packName: string;
    readonly packVersion: string;
    /** Findings for an Analyze request (pulumirpc.AnalyzeRequest). */
    analyze(request: any): Violation[];
    /** Findings for an AnalyzeStack request (pulumirpc.AnalyzeStackRequest). */
    analyzeStack(request: any): Violation[];
}

let engineConfig: Map<string, PolicyConfig> | undefined;
let configureProblem: string | undefined;
let bridged = false;

/** Why the last Configure request could not be taken (the rules then run with their defaults), if it could not. */
export function configurationProblem(): string | undefined {
    return configureProblem;
}

/** Marks a request whose bytes could not be decoded (nested too deeply, truncated): the handler answers it. */
const UNDECODABLE = Symbol("undecodable request");

/** The per-policy configuration the engine sent in Configure, if it has. */
export function configuredPolicies(): ReadonlyMap<string, PolicyConfig> | undefined {
    return engineConfig;
}

/** True once the SDK's handlers have been wrapped: the bridge evaluates the catalog. */
export function isBridged(): boolean {
    return bridged;
}

// Wire values of pulumirpc.EnforcementLevel (the writer holds the other direction).
const LEVEL_FROM_WIRE: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

function readConfigureRequest(request: any): Map<string, PolicyConfig> {
    const result = new Map<string, PolicyConfig>();
    for (const [name, value] of request.getPolicyconfigMap().entries()) {
        result.set(name, {
            enforcementLevel: LEVEL_FROM_WIRE[value.getEnforcementlevel()] ?? "advisory",
            properties: value.getProperties?.()?.toJavaScript() ?? {},
        });
    }
    return result;
}

/** Resolves a module the way @pulumi/policy itself resolves it, so we touch the same instance. */
function requireFromPolicySdk(id: string): any {
    const sdkDir = path.dirname(require.resolve("@pulumi/policy"));
    return require(require.resolve(id, { paths: [sdkDir] }));
}

type Handler = (call: any, callback: (error: unknown, response?: any) => void) => unknown;

/** An error as a diagnostic may name it: its kind and message, never a stack. */
function describe(error: unknown): string {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return text.split("\n")[0].slice(0, 200);
}

function sdkRefused(error: unknown): string {
    return `@pulumi/policy could not take the Configure request (${describe(error)}); Gatehouse's rules run with the configuration it carried`;
}

/**
 * The lazy readers (lazy-wire.ts) bound to the SDK's own generated classes, unless
 * GATEHOUSE_WIRE_READER=generated asks for the generated deserializer or the classes are not
 * where they are expected (the SDK path is then used as it is).
 */
function sdkLazyReaders(): LazyReaders | undefined {
    if (process.env["GATEHOUSE_WIRE_READER"] === "generated") {
        return undefined;
    }
    try {
        const analyzer = requireFromPolicySdk("@pulumi/pulumi/proto/analyzer_pb");
        const sdkDir = path.dirname(require.resolve("@pulumi/policy"));
        const analyzerPath = require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [sdkDir] });
        const struct = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [path.dirname(analyzerPath)] }));
        const classes: GeneratedClasses = {
            AnalyzeRequest: analyzer.AnalyzeRequest,
            AnalyzeStackRequest: analyzer.AnalyzeStackRequest,
            AnalyzerResource: analyzer.AnalyzerResource,
            AnalyzerResourceOptions: analyzer.AnalyzerResourceOptions,
            AnalyzerProviderResource: analyzer.AnalyzerProviderResource,
            Struct: struct.Struct,
        };
        const usable = Object.values(classes).every((generated) => typeof generated?.deserializeBinary === "function");
        return usable ? lazyReaders(classes) : undefined;
    } catch {
        return undefined;
    }
}

/**
 * The service definition with Configure's request decoding guarded (bytes it cannot decode become
 * a marked request) and Analyze and AnalyzeStack requests read lazily from their bytes.
 */
function guardedDecoding(service: Record<string, any>, writer: DiagnosticsWriter | undefined): Record<string, any> {
    const method = service?.["configure"];
    if (typeof method?.requestDeserialize !== "function") {
        return service;
    }
    const decode = method.requestDeserialize;
    const result: Record<string, any> = {
        ...service,
        configure: {
            ...method,
            requestDeserialize: (bytes: Buffer) => {
                try {
                    return decode(bytes);
                } catch (error) {
                    return { [UNDECODABLE]: describe(error) };
                }
            },
        },
    };
    const readers = sdkLazyReaders();
    const lazily = { analyze: readers?.analyzeRequest, analyzeStack: readers?.analyzeStackRequest };
    for (const [name, read] of Object.entries(lazily)) {
        if (read && typeof service[name]?.requestDeserialize === "function") {
            result[name] = { ...service[name], requestDeserialize: read };
        }
    }
    for (const name of ["analyze", "analyzeStack"]) {
        const serialize = result[name]?.responseSerialize;
        if (writer && typeof serialize === "function") {
            result[name] = {
                ...result[name],
                // The SDK's response, then the pack's findings as bytes (see diagnostics-writer.ts).
                responseSerialize: (response: any) => {
                    const findings: readonly Violation[] | undefined = response?.[PENDING_FINDINGS];
                    const base = serialize(response);
                    return findings && findings.length > 0 ? Buffer.concat([base, writer(findings)]) : base;
                },
            };
        }
    }
    return result;
}

/** The findings a response carries to its serializer, when the diagnostics writer serializes them. */
const PENDING_FINDINGS = Symbol("pending findings");

function wrapImplementation(implementation: Record<string, Handler>, hooks: BridgeHooks, writesBytes: boolean): Record<string, Handler> {
    const analyzerProto = requireFromPolicySdk("@pulumi/pulumi/proto/analyzer_pb");
    const toDiagnostic = (violation: Violation) => generatedDiagnostic(analyzerProto, hooks.packName, hooks.packVersion, violation);
    const evaluating = (handler: Handler, evaluate: (request: any) => Violation[]): Handler => (call, callback) => {
        // The hooks never throw: a rule that fails becomes a finding inside them.
        const violations = evaluate(call.request);
        return handler.call(implementation, call, (error, response) => {
            if (!error && response && violations.length > 0) {
                if (writesBytes) {
                    response[PENDING_FINDINGS] = violations;
                } else {
                    // One list set at once: jspb's addDiagnostics costs more per call the longer the list.
                    response.setDiagnosticsList([...response.getDiagnosticsList(), ...violations.map(toDiagnostic)]);
                }
            }
            callback(error, response);
        });
    };
    const wrapped: Record<string, Handler> = { ...implementation };
    wrapped["analyze"] = evaluating(implementation["analyze"], (request) => hooks.analyze(request));
    wrapped["analyzeStack"] = evaluating(implementation["analyzeStack"], (request) => hooks.analyzeStack(request));
    const configure = implementation["configure"];
    // A Configure the pack cannot take must not fail the RPC (the whole preview would error out):
    // the rules run with their defaults, and the next AnalyzeStack says why.
    wrapped["configure"] = (call, callback) => {
        const empty = () => new (requireFromPolicySdk("google-protobuf/google/protobuf/empty_pb").Empty)();
        const refuse = (why: string) => {
            engineConfig = undefined;
            configureProblem = why;
            callback(null, empty());
        };
        if (call.request?.[UNDECODABLE]) {
            return refuse(`the Configure request could not be decoded (${call.request[UNDECODABLE]}); every rule runs with its default settings`);
        }
        try {
            engineConfig = readConfigureRequest(call.request);
            configureProblem = undefined;
        } catch (error) {
            return refuse(`the Configure request could not be read (${describe(error)}); every rule runs with its default settings`);
        }
        try {
            return configure.call(implementation, call, (error, response) => {
                if (error) {
                    configureProblem = sdkRefused(error);
                    return callback(null, empty());
                }
                callback(null, response);
            });
        } catch (error) {
            configureProblem = sdkRefused(error);
            callback(null, empty());
        }
    };
    return wrapped;
}

/**
 * Constructs the pack (`start` must call `new PolicyPack(...)`, which registers the gRPC service
 * synchronously) with the SDK's handlers wrapped. Returns whether the bridge took hold.
 */
export function startWithEngineBridge(start: () => void, hooks: BridgeHooks): boolean {
    let serverPrototype: any;
    let wrappable = false;
    try {
        serverPrototype = requireFromPolicySdk("@grpc/grpc-js").Server?.prototype;
        requireFromPolicySdk("@pulumi/pulumi/proto/analyzer_pb");
        wrappable = typeof serverPrototype?.addService === "function";
    } catch {
        wrappable = false;
    }
    if (!wrappable) {
        start();
    } else {
        const original = serverPrototype.addService;
        serverPrototype.addService = function (this: unknown, service: unknown, implementation: Record<string, Handler>) {
            const handlers = ["analyze", "analyzeStack", "configure"];
            if (handlers.every((name) => typeof implementation?.[name] === "function")) {
                bridged = true;
                const writer = process.env["GATEHOUSE_WIRE_WRITER"] === "generated" ? undefined
                    : provenDiagnosticsWriter(requireFromPolicySdk("@pulumi/pulumi/proto/analyzer_pb"), hooks.packName, hooks.packVersion);
                const decoding = guardedDecoding(service as Record<string, any>, writer);
                const writesBytes = writer !== undefined && ["analyze", "analyzeStack"].every((name) => decoding[name]?.responseSerialize !== (service as any)[name]?.responseSerialize);
                return original.call(this, decoding, wrapImplementation(implementation, hooks, writesBytes));
            }
            return original.call(this, service, implementation);
        };
        try {
            start();
        } finally {
            serverPrototype.addService = original;
        }
    }
    if (!bridged) {
        process.stderr.write("gatehouse: could not observe the policy engine's requests with this @pulumi/policy version; "
            + "rules run through the SDK with their default configuration, and finding messages hide all property values.\n");
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
