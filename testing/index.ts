/**
 * `gatehouse-apigw/testing`: check a Pulumi program against the Gatehouse pack in a unit test,
 * without the Pulumi CLI. The program runs under Pulumi's mocks; what it registers is sent to the
 * real pack, spawned as the CLI spawns it, over the Analyzer gRPC protocol in the engine's order
 * (Configure with the reconciled and validated configuration, Remediate and Analyze per resource,
 * one AnalyzeStack) — as `pulumi preview` (computed outputs unknown) or `pulumi up` would.
 *
 * Plain functions (`assertPassesGatehouse`, `assertGatehouseViolation`) work with any runner;
 * `gatehouseMatchers` adds `toPassGatehouse()` and `toHaveGatehouseViolation()` to jest's `expect`.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { EmulatedEngine } from "./engine";
import type { ConfigVerdict, Diagnostic } from "./engine";
import { PackProcess } from "./pack-process";
import { Mode, runProgram } from "./program";
import { stackResourcesFromExport } from "./state";

export { ConfigParseError, ConfigValidationError } from "./engine";
export type { ConfigVerdict } from "./engine";
export { SchemaCompileError } from "./json-schema";
export type { Mode } from "./program";

/** One policy result, as `pulumi preview` prints it. */
export interface PolicyFinding {
    readonly ruleId: string;
    readonly level: "mandatory" | "advisory";
    /** The resource's name (the last part of its URN); empty for a stack-level finding. */
    readonly resource: string;
    readonly urn: string;
    /** What the rule says about this resource (the policy's description left out). */
    readonly message: string;
    /** "violation", "unverifiable" (a value not known during preview) or "waived". */
    readonly kind: "violation" | "unverifiable" | "waived";
}

export interface PolicyReport {
    readonly mode: Mode;
    readonly findings: readonly PolicyFinding[];
    /** No mandatory violation: what makes `pulumi preview` succeed. */
    readonly passed: boolean;
}

export interface CheckOptions {
    /** `preview` (the default: computed outputs unknown, as before creation) or `up`. */
    readonly mode?: Mode;
    /** The `--policy-pack-config` file's contents: levels, rule settings, waivers. */
    readonly config?: Record<string, unknown>;
    /** Stack configuration the program reads with `new pulumi.Config()` (`"project:key": "value"`). */
    readonly stackConfig?: Record<string, string>;
    readonly project?: string;
    readonly stack?: string;
}

/** The installed package's root: the directory `pulumi preview --policy-pack` would be given. */
const PACK_DIR = path.resolve(__dirname, "..", "..");

function resourceName(urn: string): string {
    return urn === "" ? "" : urn.slice(urn.lastIndexOf("::") + 2);
}

function toFinding(diagnostic: Diagnostic): PolicyFinding {
    // The engine sends the policy's description, a newline, then what was reported.
    const newline = diagnostic.message.indexOf("\n");
    const message = newline >= 0 ? diagnostic.message.slice(newline + 1) : diagnostic.message;
    const kind = /^cannot be verified/.test(message) ? "unverifiable" : /^waived \(/.test(message) ? "waived" : "violation";
    return {
        ruleId: diagnostic.policyName,
        level: diagnostic.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
        resource: resourceName(diagnostic.urn),
        urn: diagnostic.urn,
        message,
        kind,
    };
}

/** What a run's diagnostics say: the findings, and whether `pulumi preview` would succeed (no mandatory one). */
function reportOf(mode: Mode, diagnostics: readonly Diagnostic[]): PolicyReport {
    const findings = diagnostics.map(toFinding);
    return { mode, findings, passed: !findings.some((finding) => finding.level === "mandatory") };
}

/**
 * The pack, running, for several checks in one test file (start once, `stop()` in an after-all
 * hook). `checkProgram` is the one-shot form.
 */
export class GatehousePolicyTester {
    private constructor(private readonly pack: PackProcess, private readonly engine: EmulatedEngine, private readonly options: CheckOptions) {}

    /** Starts the pack as `pulumi preview --policy-pack` starts it. `stackConfig` is what the pack process sees too. */
    static async start(options: CheckOptions & { packDir?: string } = {}): Promise<GatehousePolicyTester> {
        const pack = await PackProcess.start(options.packDir ?? PACK_DIR, {
            stackConfig: options.stackConfig, project: options.project, stack: options.stack, dryRun: (options.mode ?? "preview") === "preview",
        });
        return new GatehousePolicyTester(pack, new EmulatedEngine(pack), options);
    }

    /** Runs the program (a file to require, or a function that declares resources) and returns the pack's findings. */
    async check(program: string | (() => unknown), options: CheckOptions = {}): Promise<PolicyReport> {
        const merged = { ...this.options, ...options };
        const mode = merged.mode ?? "preview";
        const resources = await runProgram(program, { mode, config: merged.stackConfig, project: merged.project, stack: merged.stack });
        const run = await this.engine.run(resources, { dryRun: mode === "preview", config: merged.config, project: merged.project, stack: merged.stack });
        return reportOf(mode, run.diagnostics);
    }

    /**
     * `pulumi policy analyze --file <export>`: the pack over an existing stack's state (a
     * `pulumi stack export` document, or the path of one). Secrets the export holds encrypted reach
     * the pack as "[secret]", as the CLI sends them.
     */
    async analyzeState(exported: string | object, options: Omit<CheckOptions, "mode" | "stackConfig"> = {}): Promise<PolicyReport> {
        const merged = { ...this.options, ...options };
        const document = typeof exported === "string" ? JSON.parse(readFileSync(exported, "utf8")) : exported;
        const run = await this.engine.analyzeExisting(stackResourcesFromExport(document), { config: merged.config, project: merged.project, stack: merged.stack });
        return reportOf("up", run.diagnostics);
    }

    /**
     * `pulumi policy validate-config` of a configuration file (its contents, or the path of one)
     * against this pack's schemas, checked with the engine's JSON Schema rules.
     */
    async validateConfig(config: string | Record<string, unknown>): Promise<ConfigVerdict> {
        return this.engine.validateConfig(typeof config === "string" ? JSON.parse(readFileSync(config, "utf8")) : config);
    }

    async stop(): Promise<void> {
        await this.pack.stop();
    }
}

/** Starts the pack, checks one program, stops the pack. */
export async function checkProgram(program: string | (() => unknown), options: CheckOptions = {}): Promise<PolicyReport> {
    const tester = await GatehousePolicyTester.start(options);
    try {
        return await tester.check(program, options);
    } finally {
        await tester.stop();
    }
}

/** The findings as a readable list, one per line: `mandatory rest-stage-xray on orders-prod: X-Ray tracing is off`. */
export function formatFindings(findings: readonly PolicyFinding[]): string {
    if (findings.length === 0) {
        return "  (no findings)";
    }
    return findings.map((finding) => `  ${finding.level} ${finding.ruleId} on ${finding.resource || "(stack)"}: ${finding.message.split("\n").join(" ")}`).join("\n");
}

export interface ViolationQuery {
    /** The resource's name (as declared in the program) or its URN. */
    readonly resource?: string;
    readonly level?: "mandatory" | "advisory";
}

function matching(report: PolicyReport, ruleId: string, query: ViolationQuery): PolicyFinding[] {
    return report.findings.filter((finding) => finding.kind === "violation" && finding.ruleId === ruleId
        && (query.resource === undefined || finding.resource === query.resource || finding.urn === query.resource)
        && (query.level === undefined || finding.level === query.level));
}

/** Why the report does not pass, or undefined when it does (no mandatory finding; with `strict`, no finding at all). */
export function whyNotPassing(report: PolicyReport, options: { strict?: boolean } = {}): string | undefined {
    const failing = report.findings.filter((finding) => finding.level === "mandatory" || (options.strict === true && finding.kind === "violation"));
    return failing.length === 0 ? undefined
        : `expected the stack to pass Gatehouse (${report.mode}), but ${failing.length} finding${failing.length === 1 ? "" : "s"} ${options.strict ? "were" : "are mandatory"}:\n${formatFindings(failing)}`;
}

/** Throws (an AssertionError-like Error naming each rule and resource) unless the report passes. */
export function assertPassesGatehouse(report: PolicyReport, options: { strict?: boolean } = {}): void {
    const why = whyNotPassing(report, options);
    if (why) {
        throw new Error(why);
    }
}

/** Throws unless the report holds a violation of `ruleId` (on `query.resource`, at `query.level`). */
export function assertGatehouseViolation(report: PolicyReport, ruleId: string, query: ViolationQuery = {}): void {
    if (matching(report, ruleId, query).length === 0) {
        const where = query.resource ? ` on ${query.resource}` : "";
        throw new Error(`expected a ${query.level ?? ""}${query.level ? " " : ""}${ruleId} violation${where} (${report.mode}); the findings were:\n${formatFindings(report.findings)}`);
    }
}

interface MatcherResult {
    pass: boolean;
    message: () => string;
}

/**
 * jest matchers: `expect.extend(gatehouseMatchers)`, then
 * `expect(report).toPassGatehouse()` and `expect(report).toHaveGatehouseViolation("rest-stage-xray", { resource: "prod" })`.
 */
export const gatehouseMatchers = {
    toPassGatehouse(received: PolicyReport, options: { strict?: boolean } = {}): MatcherResult {
        const why = whyNotPassing(received, options);
        return {
            pass: why === undefined,
            message: () => why ?? `expected the stack not to pass Gatehouse (${received.mode}), but it has no ${options.strict ? "" : "mandatory "}finding:\n${formatFindings(received.findings)}`,
        };
    },
    toHaveGatehouseViolation(received: PolicyReport, ruleId: string, query: ViolationQuery = {}): MatcherResult {
        const found = matching(received, ruleId, query);
        const where = query.resource ? ` on ${query.resource}` : "";
        return {
            pass: found.length > 0,
            message: () => (found.length > 0
                ? `expected no ${ruleId} violation${where} (${received.mode}), but found:\n${formatFindings(found)}`
                : `expected a ${ruleId} violation${where} (${received.mode}); the findings were:\n${formatFindings(received.findings)}`),
        };
    },
};

/** Types for `expect(...).toPassGatehouse()` in a jest project: `declare global { namespace jest { interface Matchers<R> extends GatehouseMatchers<R> {} } }`. */
export interface GatehouseMatchers<R> {
    toPassGatehouse(options?: { strict?: boolean }): R;
    toHaveGatehouseViolation(ruleId: string, query?: ViolationQuery): R;
}
