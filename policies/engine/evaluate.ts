import type { RuleSettings } from "./config";
import { componentFix } from "./component-libraries";
import { Graph } from "./graph";
import { escapeControl, hideIfSecret, joinMessages, msg, render } from "./message";
import type { Resource } from "./resource";
import type { Finding, Rule, RuleContext } from "./rule";
import { servedLabel } from "./served";
import { HOST_TYPES } from "./surface";
import { UnknownValueError } from "./values";
import { AppliedWaiver, WaiverProblem, Waivers, WaiverSettings, WAIVERS_POLICY, WaiverUsage } from "./waivers";

export type ResultKind = "violation" | "unverifiable" | "error" | "waiver";

/** A rendered finding, ready for any front end to print. */
export interface Result {
    /** The rule, or `gatehouse-waivers` for a problem with a waiver. */
    readonly ruleId: string;
    /** The resource the finding is about; undefined for a stack-level finding (a configured waiver). */
    readonly resource?: Resource;
    readonly path?: string;
    readonly message: string;
    /** The level the finding is reported at (unverifiable, error and waived results are advisory). */
    readonly level: "mandatory" | "advisory";
    readonly kind: ResultKind;
    /** Set when a waiver with a reason accepts this finding. */
    readonly waived?: AppliedWaiver;
    /**
     * The endpoint the finding is about when the resource defines several (`POST /orders` of an
     * OpenAPI body, a quick-create `$default` route).
     */
    readonly endpoint?: string;
    /** The canonical resource the rule judged: `resource` itself, or one derived from it (surface.ts). */
    readonly about?: Resource;
    /**
     * How to fix this violation where the rule's own remediation does not apply as written: the
     * resource was created by a component library (component-libraries.ts).
     */
    readonly fix?: string;
}

export type SettingsLookup = (rule: Rule) => RuleSettings;

/** What an evaluation runs with: each rule's settings and the waivers in force. */
export interface EvaluationContext {
    readonly settings: SettingsLookup;
    readonly waivers: WaiverSettings;
    /**
     * Records which waivers accepted a finding, when one evaluation spans several calls (a scan's
     * inputs, a Pulumi operation's Analyze calls); its owner reports the unused ones (`unusedWaivers`).
     */
    readonly waiverUsage?: WaiverUsage;
}

const NO_RULES: readonly Rule[] = Object.freeze([]);

/** The scope of a resource no rule judges: nothing in it is read. */
const EMPTY_GRAPH = new Graph([]);

const UNTIL_APPLY = "cannot be verified until apply: ";
const CANNOT_VERIFY = "cannot be verified: ";

/** An endpoint as findings may print it: an OpenAPI path of a secret body is secret too. */
function endpointOf(endpoint: string | undefined, involved: readonly Resource[]): string | undefined {
    return endpoint === undefined ? undefined : render(msg`${endpoint}`, unionSecrets(involved));
}

export const NO_WAIVERS: WaiverSettings = { level: "mandatory", entries: [] };

/** Shared by every finding whose resources hold no secret: most of them. */
const NO_SECRET_VALUES: ReadonlySet<string> = new Set();

function unionSecrets(resources: readonly Resource[]): ReadonlySet<string> | undefined {
    let only: ReadonlySet<string> | undefined;
    let union: Set<string> | undefined;
    for (let i = 0; i < resources.length; i++) {
        const secrets = resources[i].secretValues();
        if (secrets === undefined) {
            return undefined;
        }
        if (secrets.size === 0 || secrets === only) {
            continue;
        }
        if (only === undefined) {
            only = secrets; // one resource's secrets are the union: not copied
        } else {
            union ??= new Set(only);
            for (const secret of secrets) {
                union.add(secret);
            }
        }
    }
    return union ?? only ?? NO_SECRET_VALUES;
}

/**
 * A waiver as findings print it: a reason read from a tag is the user's value, hidden when the tag
 * is secret (a reason from the configuration file is the configuration's own text).
 */
function shownWaiver(waiver: AppliedWaiver | undefined, involved: readonly Resource[]): AppliedWaiver | undefined {
    return waiver?.source === "config" || waiver === undefined ? waiver : { ...waiver, reason: hideIfSecret(waiver.reason, unionSecrets(involved)) };
}

/** Where in our code a rule failed: enough to report the bug, never the user's values. */
function failureLocation(error: unknown): string {
    const name = error instanceof Error ? error.name : typeof error;
    const stack = error instanceof Error ? error.stack ?? "" : "";
    const frame = stack.split("\n").find((line) => /^\s+at /.test(line));
    const where = frame?.match(/\(?([^()\s]+:\d+:\d+)\)?\s*$/)?.[1];
    return where ? `${name} at ${where.replace(/^.*[\\/](policies[\\/])/, "$1")}` : name;
}

/**
 * Runs rules over canonical resources. Rules are indexed by subject type, so a resource costs
 * only the rules that apply to it. A rule that throws, or reads a value unknown during preview,
 * yields a finding; it never stops the other rules and never passes silently. Waivers turn a
 * finding into a waived one; a waiver without a reason is a finding of its own.
 */
export class Evaluator {
    private readonly resourceRules = new Map<string, Rule[]>();
    private readonly stackRules = new Map<string, Rule[]>();
    private readonly byId: ReadonlyMap<string, Rule>;
    readonly ruleIds: ReadonlySet<string>;
    /** Types whose rules read `Resource.declared`. */
    readonly declaredInputTypes: ReadonlySet<string>;

    constructor(readonly rules: readonly Rule[]) {
        for (const rule of rules) {
            const index = rule.scope === "resource" ? this.resourceRules : this.stackRules;
            for (const type of rule.subjects) {
                const list = index.get(type) ?? [];
                list.push(rule);
                index.set(type, list);
            }
        }
        this.byId = new Map(rules.map((rule) => [rule.id, rule]));
        this.ruleIds = new Set(this.byId.keys());
        this.declaredInputTypes = new Set(rules.filter((rule) => rule.readsDeclared).flatMap((rule) => rule.subjects));
    }

    /** True when a resource of this type may yield a finding in the resource phase. */
    hasResourceRulesFor(type: string): boolean {
        // An API's body can define authorizers and responses, which have resource rules of their own.
        return this.resourceRules.has(type) || HOST_TYPES.has(type);
    }

    /**
     * Single-resource rules (what a Pulumi resource policy runs before the resource is created),
     * and the resource's waiver tags. `props.tags` is all a waiver tag check needs, so resources
     * of other types only cost this lookup.
     */
    evaluateResource(subject: Resource, context: EvaluationContext, graph?: Graph): Result[] {
        const results: Result[] = [];
        // A resource no rule judges needs no graph of its own: only its waiver tags are checked.
        const scope = graph ?? (this.hasResourceRulesFor(subject.type) ? new Graph([subject]) : EMPTY_GRAPH);
        this.evaluateResourceInto(subject, context, scope, new Waivers(this.ruleIds, context.waivers, context.waiverUsage), results);
        return results;
    }

    /**
     * evaluateResource, adding to `out`: a graph's evaluation runs it for every resource, and
     * allocates per resource only what a finding needs (at 100k resources, per-resource sets and
     * arrays were most of what evaluation allocated).
     */
    private evaluateResourceInto(subject: Resource, context: EvaluationContext, scope: Graph, waivers: Waivers, out: Result[]): void {
        if (HOST_TYPES.has(subject.type)) {
            // A body that cannot be read stands in for several kinds; a rule judging two of them says so once.
            let opaqueNoticeGiven: Set<string> | undefined;
            // Indexed loops here and below: a for-of allocates an iterator step per item until the loop is optimized, 100k times over.
            const surface = scope.surfaceOf(subject);
            for (let j = 0; j < surface.length; j++) {
                const judged = surface[j];
                const rules = this.resourceRules.get(judged.type) ?? NO_RULES;
                for (let r = 0; r < rules.length; r++) {
                    const rule = rules[r];
                    if (judged.derived?.opaque) {
                        opaqueNoticeGiven ??= new Set();
                        if (opaqueNoticeGiven.has(rule.id)) {
                            continue;
                        }
                        opaqueNoticeGiven.add(rule.id);
                    }
                    this.run(rule, judged, scope, context.settings(rule), waivers, out);
                }
            }
        } else {
            const rules = this.resourceRules.get(subject.type) ?? NO_RULES;
            for (let r = 0; r < rules.length; r++) {
                this.run(rules[r], subject, scope, context.settings(rules[r]), waivers, out);
            }
        }
        this.reportWaiverProblems(waivers.tagProblems(subject), context.waivers, out);
    }

    /** Cross-resource rules over a whole stack, and the configured waivers. */
    evaluateStack(graph: Graph, context: EvaluationContext): Result[] {
        const waivers = new Waivers(this.ruleIds, context.waivers, context.waiverUsage);
        const results: Result[] = [];
        for (const [type, rules] of this.stackRules) {
            const subjects = graph.ofType(type);
            if (subjects.length === 0) {
                continue;
            }
            for (const rule of rules) {
                const ruleSettings = context.settings(rule);
                for (let i = 0; i < subjects.length; i++) {
                    this.run(rule, subjects[i], graph, ruleSettings, waivers, results);
                }
            }
        }
        this.reportWaiverProblems(waivers.configProblems(), context.waivers, results);
        this.reportSettingProblems(context, results);
        return results;
    }

    /** Settings that do not match a rule's schema: said once per stack, naming the rule and the setting. */
    private reportSettingProblems(context: EvaluationContext, out: Result[]): void {
        for (const rule of this.rules) {
            const settings = context.settings(rule);
            for (const problem of settings.problems ?? []) {
                if (settings.level !== "disabled") {
                    out.push({ ruleId: rule.id, message: `invalid configuration: ${escapeControl(problem)}`, level: "advisory", kind: "error" });
                }
            }
        }
    }

    /** Every rule over a set of resources: what a scanner (no create-time phase) runs. */
    evaluateAll(resources: readonly Resource[], context: EvaluationContext): Result[] {
        return this.evaluateGraph(new Graph(resources), context);
    }

    /**
     * Every rule over a graph's declared resources and the surface they define, then the waivers
     * that accepted nothing. With a `waiverUsage` in the context the caller spans several graphs
     * and reports unused waivers itself (`unusedTagWaivers`, `unusedConfigWaivers`).
     */
    evaluateGraph(graph: Graph, context: EvaluationContext): Result[] {
        const shared = context.waiverUsage !== undefined;
        const evaluation = shared ? context : { ...context, waiverUsage: new WaiverUsage() };
        const results: Result[] = [];
        const waivers = new Waivers(this.ruleIds, evaluation.waivers, evaluation.waiverUsage);
        const resources = graph.resources;
        for (let i = 0; i < resources.length; i++) {
            this.evaluateResourceInto(resources[i], evaluation, graph, waivers, results);
        }
        const stackResults = this.evaluateStack(graph, evaluation);
        for (let i = 0; i < stackResults.length; i++) {
            results.push(stackResults[i]); // not push(...): a large stack's results can exceed the engine's argument limit
        }
        if (!shared) {
            for (const result of [...this.unusedTagWaivers(graph, evaluation), ...this.unusedConfigWaivers(evaluation)]) {
                results.push(result);
            }
        }
        return results;
    }

    /**
     * Valid waiver tags and comments, on the resources evaluated since the last call, that accepted
     * no finding; also notes which
     * configured waivers match a resource here, for `unusedConfigWaivers`. Reported as
     * advisories: a stale waiver hides nothing today, but would hide a future finding.
     */
    unusedTagWaivers(graph: Graph, context: EvaluationContext): Result[] {
        const usage = context.waiverUsage;
        if (!usage || context.waivers.level === "disabled") {
            return [];
        }
        const waivers = new Waivers(this.ruleIds, context.waivers);
        const results: Result[] = [];
        // The resources with valid waivers the evaluation met (evaluateResource notes them), not the whole graph.
        for (const resource of usage.takeCandidates()) {
            this.reportWaiverProblems(waivers.unusedTags(resource, usage, this.activeRule(context)), context.waivers, results);
        }
        usage.noteMatches(context.waivers.entries, graph.resources);
        return results;
    }

    /** Valid configured waivers that accepted no finding in any graph evaluated with the context's usage. */
    unusedConfigWaivers(context: EvaluationContext): Result[] {
        const usage = context.waiverUsage;
        if (!usage || context.waivers.level === "disabled") {
            return [];
        }
        const results: Result[] = [];
        this.reportWaiverProblems(new Waivers(this.ruleIds, context.waivers).unusedEntries(usage, this.activeRule(context)), context.waivers, results);
        return results;
    }

    /** Whether a rule runs: a waiver of a disabled rule may be meant for another stack's configuration. */
    private activeRule(context: EvaluationContext): (ruleId: string) => boolean {
        return (ruleId) => {
            const rule = this.byId.get(ruleId);
            return rule !== undefined && context.settings(rule).level !== "disabled";
        };
    }

    private reportWaiverProblems(problems: readonly WaiverProblem[], settings: WaiverSettings, out: Result[]): void {
        if (settings.level === "disabled" || problems.length === 0) {
            return;
        }
        for (const problem of problems) {
            out.push({
                ruleId: WAIVERS_POLICY,
                resource: problem.resource,
                path: problem.path,
                message: render(problem.message, problem.resource ? unionSecrets([problem.resource]) : new Set()),
                level: settings.level === "advisory" || problem.unused ? "advisory" : "mandatory",
                kind: "waiver",
            });
        }
    }

    private run(rule: Rule, subject: Resource, graph: Graph, settings: RuleSettings, waivers: Waivers, out: Result[]): void {
        if (settings.level === "disabled") {
            return;
        }
        // One object per check: it runs for every rule on every resource, and most checks report nothing.
        const ctx = new CheckContext(rule, subject, graph, settings, waivers, out);
        const opaque = subject.derived?.opaque;
        if (opaque) {
            // What decides the rule cannot be read: say so once, never pass.
            ctx.add({ message: opaque.reason }, "unverifiable", "advisory", opaque.untilApply ? UNTIL_APPLY : CANNOT_VERIFY);
            return;
        }
        try {
            rule.check(subject, ctx);
        } catch (error) {
            if (error instanceof UnknownValueError) {
                ctx.add({ path: error.path, message: `${error.path} is not known during preview` }, "unverifiable", "advisory", UNTIL_APPLY);
            } else {
                ctx.add({
                    message: `rule failed to evaluate this resource (${failureLocation(error)}); the control is unverified here. `
                        + "This is a Gatehouse bug: please report it.",
                }, "error", "advisory");
            }
        }
    }
}

/** What a rule's check reports through, turning its findings into results on the resources the user wrote. */
class CheckContext implements RuleContext<any> {
    readonly config: unknown;

    constructor(private readonly rule: Rule, private readonly subject: Resource, readonly graph: Graph, private readonly settings: RuleSettings,
        private readonly waivers: Waivers, private readonly out: Result[]) {
        this.config = settings.config;
    }

    report(finding: Finding): void {
        this.add(finding, "violation", this.settings.level === "advisory" ? "advisory" : "mandatory");
    }

    unverifiable(finding: Finding): void {
        this.add(finding, "unverifiable", "advisory", finding.outsideInput ? CANNOT_VERIFY : UNTIL_APPLY);
    }

    add(finding: Finding, kind: ResultKind, findingLevel: "mandatory" | "advisory", qualifier = ""): void {
        const { rule, subject, graph } = this;
        const about = finding.resource ?? subject;
        const involved = about === subject ? [subject, ...(finding.related ?? [])] : [about, subject, ...(finding.related ?? [])];
        // A derived resource's finding is reported on what the user wrote, at the property that defines it.
        const derivation = about.derived;
        const resource = derivation?.host ?? about;
        const subjectHost = subject.derived?.host ?? subject;
        const waived = shownWaiver(this.waivers.find(rule.id, resource === subjectHost ? [resource] : [resource, subjectHost]), involved);
        // Name what was judged: an operation, even when the finding is on its validator or integration.
        const judged = subject.derived ?? derivation;
        // A generated name (a library's hash) says nothing: name what the resource serves.
        const label = judged?.label && !judged.opaque ? judged.label : judged ? undefined : servedLabel(resource, graph);
        const message = label ? joinMessages(qualifier, label, ": ", finding.message) : qualifier ? joinMessages(qualifier, finding.message) : finding.message;
        const path = derivation ? derivation.hostPath(finding.path) : finding.path;
        const endpoint = endpointOf(derivation?.endpoint ?? subject.derived?.endpoint, involved);
        const fix = kind === "violation"
            ? componentFix({ ruleId: rule.id, resource, path, endpoint, fromBody: judged?.source === "openapi" })
            : undefined;
        this.out.push({
            ruleId: rule.id,
            resource,
            path,
            message: render(message, unionSecrets(involved)),
            level: waived ? "advisory" : findingLevel,
            kind,
            waived,
            endpoint,
            about: about === resource ? undefined : about,
            ...(fix !== undefined ? { fix } : {}),
        });
    }
}
