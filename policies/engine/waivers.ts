import { globToRegExp } from "./glob";
import { lit, Message, msg } from "./message";
import type { Resource } from "./resource";
import type { ConfigProperty, EnforcementLevel } from "./rule";
import { isPlainObject } from "./values";

/**
 * Waivers: a finding a team has accepted, with the reason recorded. Two sources, the same in every
 * front end:
 *  - resource tags: `gatehouse:waive` = "rule-id: reason rule-id-2: reason", or one tag per rule,
 *    `gatehouse:waive:rule-id` = "reason" (AWS tag values cannot hold ";" or ",");
 *  - the `waivers` list of the `gatehouse-waivers` policy's configuration:
 *    `{ "rule": "rule-id", "resource": "<URN, name or Terraform address; * matches anything>", "reason": "…" }`.
 * A waived finding is reported as waived, never dropped. A waiver without a reason of at least
 * ten characters, or naming a rule that does not exist, waives nothing and is itself a finding.
 */

export const WAIVER_TAG = "gatehouse:waive";
export const WAIVERS_POLICY = "gatehouse-waivers";
export const MIN_REASON_LENGTH = 10;

export interface WaiverSettings {
    readonly level: EnforcementLevel;
    readonly entries: readonly ConfigWaiver[];
}

export interface ConfigWaiver {
    readonly rule: string;
    readonly resource: string;
    readonly reason: string;
}

export interface AppliedWaiver {
    /** A resource tag, the configuration's list, or a `# gatehouse:waive` comment in the source. */
    readonly source: "tag" | "config" | "comment";
    readonly reason: string;
}

export interface WaiverProblem {
    /** The tagged resource; undefined for a configuration entry. */
    readonly resource?: Resource;
    readonly path?: string;
    readonly message: Message;
    /** A waiver that waives nothing in this run: worth cleaning up, never a failure. */
    readonly unused?: boolean;
}

/**
 * Which waivers accepted a finding during one evaluation: a scan of all its inputs, or one
 * Pulumi operation (its Analyze calls and the AnalyzeStack that ends it). A valid waiver that
 * accepted nothing is reported, so stale and mistyped waivers do not linger.
 */
export class WaiverUsage {
    private readonly tags = new Set<string>();
    private readonly entries = new Set<number>();
    /** Configured waivers whose pattern matched at least one resource. */
    private readonly entriesMatching = new Set<number>();
    /** Resources carrying a valid waiver tag or comment, seen since the last `takeCandidates`. */
    private candidates: Resource[] = [];

    addCandidate(resource: Resource): void {
        this.candidates.push(resource);
    }

    /** The resources whose waivers may be unused, once each. */
    takeCandidates(): Resource[] {
        const taken = [...new Map(this.candidates.map((resource) => [resource.id, resource])).values()];
        this.candidates = [];
        return taken;
    }

    private static tagKey(resourceId: string, tag: string, rule: string): string {
        return `${resourceId}\u0000${tag}\u0000${rule}`;
    }

    recordTag(resource: Resource, tag: string, rule: string): void {
        this.tags.add(WaiverUsage.tagKey(resource.id, tag, rule));
    }

    recordEntry(index: number): void {
        this.entries.add(index);
    }

    tagUsed(resource: Resource, tag: string, rule: string): boolean {
        return this.tags.has(WaiverUsage.tagKey(resource.id, tag, rule));
    }

    entryUsed(index: number): boolean {
        return this.entries.has(index);
    }

    /** Notes which configured waivers match some of these resources (one input of a scan, a stack). */
    noteMatches(entries: readonly ConfigWaiver[], resources: readonly Resource[]): void {
        entries.forEach((entry, index) => {
            if (!this.entries.has(index) && !this.entriesMatching.has(index) && resources.some((resource) => matchesResource(entry.resource, resource))) {
                this.entriesMatching.add(index);
            }
        });
    }

    entryMatchesSomething(index: number): boolean {
        return this.entriesMatching.has(index);
    }
}

export const WAIVERS_POLICY_METADATA = {
    id: WAIVERS_POLICY,
    title: "Waivers carry a reason and name a real rule",
    description: "Findings are waived by a `gatehouse:waive` tag or by this policy's `waivers` list; every waiver must name an "
        + "existing rule and give a reason of at least ten characters.",
    rationale: "A waiver is an accepted risk: without a reason nobody can review it later, and a waiver naming a mistyped rule "
        + "silently waives nothing. A waiver that no longer accepts any finding is reported as an advisory: left in place, it "
        + "would hide the next finding of its rule on that resource.",
    remediation: "Tag the resource `gatehouse:waive` = `rule-id: why this is acceptable`, or add "
        + "`{ \"rule\": \"rule-id\", \"resource\": \"name or URN pattern\", \"reason\": \"why\" }` to `waivers`.",
    severity: "medium" as const,
    enforcementLevel: "mandatory" as const,
    config: {
        waivers: {
            type: "array",
            description: "Waived findings: `rule` (a rule id), `resource` (a URN, name or Terraform address; `*` matches any "
                + "characters) and `reason` (at least ten characters).",
            items: {
                type: "object",
                properties: {
                    rule: { type: "string" },
                    resource: { type: "string" },
                    reason: { type: "string" },
                },
                required: ["rule", "resource", "reason"],
                additionalProperties: false,
            },
            default: [],
        } satisfies ConfigProperty,
    },
};

interface TagWaiver {
    readonly rule: string;
    readonly reason: string;
    /** The tag's key, or `comment on line N`. */
    readonly tag: string;
    readonly comment?: boolean;
}

function commentWaiver(waiver: { rule: string; reason: string; line: number }): TagWaiver {
    return { rule: waiver.rule, reason: waiver.reason, tag: `comment on line ${waiver.line}`, comment: true };
}

/** Rule ids are kebab-case with at least one hyphen, followed by a colon: they start each entry. */
const ENTRY_START = /(?:^|[\s;,/])([a-z][a-z0-9]*(?:-[a-z0-9]+)+):\s*/g;

/** Parses `rule-id: reason rule-id-2: reason` into entries. */
export function parseWaiverTagValue(value: string): { rule: string; reason: string }[] {
    const starts: { rule: string; start: number; end: number }[] = [];
    for (const match of value.matchAll(ENTRY_START)) {
        const start = match.index! + match[0].indexOf(match[1]);
        starts.push({ rule: match[1], start, end: match.index! + match[0].length });
    }
    return starts.map((entry, index) => ({
        rule: entry.rule,
        reason: value.slice(entry.end, index + 1 < starts.length ? starts[index + 1].start : undefined).replace(/[\s;,/]+$/, "").trim(),
    }));
}

const NO_TAG_WAIVERS: readonly TagWaiver[] = Object.freeze([]);

/** True when some tag key is a waiver tag: checked without allocating, as most resources carry none. */
function hasWaiverTag(tags: Record<string, unknown>): boolean {
    for (const key in tags) {
        if (key.startsWith(WAIVER_TAG)) {
            return true;
        }
    }
    return false;
}

/** The waivers a resource carries itself: its waiver tags, and waiver comments on its block. */
function tagWaivers(resource: Resource): readonly TagWaiver[] {
    const comments = resource.origin.waivers ?? [];
    const tags = resource.props["tags"];
    if (!isPlainObject(tags) || !hasWaiverTag(tags)) {
        return comments.length === 0 ? NO_TAG_WAIVERS : comments.map(commentWaiver);
    }
    const waivers: TagWaiver[] = comments.map(commentWaiver);
    for (const [key, value] of Object.entries(tags)) {
        if (typeof value !== "string") {
            continue;
        }
        if (key === WAIVER_TAG) {
            const entries = parseWaiverTagValue(value);
            if (entries.length === 0) {
                waivers.push({ rule: "", reason: value, tag: key });
            }
            for (const entry of entries) {
                waivers.push({ ...entry, tag: key });
            }
        } else if (key.startsWith(`${WAIVER_TAG}:`)) {
            waivers.push({ rule: key.slice(WAIVER_TAG.length + 1), reason: value.trim(), tag: key });
        }
    }
    return waivers;
}


function matchesResource(pattern: string, resource: Resource): boolean {
    const regex = globToRegExp(pattern);
    return regex.test(resource.id) || regex.test(resource.name);
}

export function readWaiverEntries(value: unknown): ConfigWaiver[] {
    if (!Array.isArray(value)) {
        return [];
    }
    return value.filter(isPlainObject).map((entry) => ({
        rule: typeof entry["rule"] === "string" ? entry["rule"] : "",
        resource: typeof entry["resource"] === "string" ? entry["resource"] : "",
        reason: typeof entry["reason"] === "string" ? entry["reason"].trim() : "",
    }));
}

const NO_PROBLEMS: readonly WaiverProblem[] = Object.freeze([]);

/** Applies and validates waivers against a set of known rule ids. */
export class Waivers {
    constructor(private readonly knownRules: ReadonlySet<string>, private readonly settings: WaiverSettings, private readonly usage?: WaiverUsage) {}

    private valid(rule: string, reason: string): boolean {
        return this.knownRules.has(rule) && reason.length >= MIN_REASON_LENGTH;
    }

    /** The waiver that applies to a finding of `rule` on `resource` (or on the check's subject). */
    find(rule: string, resources: readonly Resource[]): AppliedWaiver | undefined {
        for (const resource of resources) {
            for (const waiver of tagWaivers(resource)) {
                if (waiver.rule === rule && this.valid(waiver.rule, waiver.reason)) {
                    this.usage?.recordTag(resource, waiver.tag, rule);
                    return { source: waiver.comment ? "comment" : "tag", reason: waiver.reason };
                }
            }
        }
        const entries = this.settings.entries;
        for (let index = 0; index < entries.length; index++) {
            const entry = entries[index];
            if (entry.rule === rule && this.valid(entry.rule, entry.reason) && resources.some((r) => matchesResource(entry.resource, r))) {
                this.usage?.recordEntry(index);
                return { source: "config", reason: entry.reason };
            }
        }
        return undefined;
    }

    /**
     * Valid waiver tags of a resource that accepted no finding. `active` says whether a rule ran:
     * a waiver of a disabled rule may be meant for another stack's configuration.
     */
    unusedTags(resource: Resource, usage: WaiverUsage, active: (rule: string) => boolean): WaiverProblem[] {
        return tagWaivers(resource)
            .filter((waiver) => this.valid(waiver.rule, waiver.reason) && active(waiver.rule) && !usage.tagUsed(resource, waiver.tag, waiver.rule))
            .map((waiver) => ({
                resource,
                path: waiver.comment ? undefined : `tags.${waiver.tag}`,
                message: msg`${lit(waiver.comment ? waiver.tag : `tag ${waiver.tag}`)} waives ${waiver.rule}, which reports nothing on this resource: the waiver can be removed`,
                unused: true,
            }));
    }

    /** Valid configured waivers that accepted no finding (call after every input was evaluated). */
    unusedEntries(usage: WaiverUsage, active: (rule: string) => boolean): WaiverProblem[] {
        return this.settings.entries.flatMap((entry, index) => {
            if (!this.valid(entry.rule, entry.reason) || !active(entry.rule) || usage.entryUsed(index)) {
                return [];
            }
            const place = lit(`waivers[${index}]`);
            const message = usage.entryMatchesSomething(index)
                ? msg`${place} waives ${entry.rule} on ${entry.resource}, but ${entry.rule} reports nothing on the resources it matches: the waiver can be removed`
                : msg`${place} waives ${entry.rule} on ${entry.resource}, which matches no resource: the waiver can be removed, or its pattern is mistyped`;
            return [{ path: `waivers.${index}`, message, unused: true }];
        });
    }

    /** Problems with the waiver tags of one resource. */
    tagProblems(resource: Resource): readonly WaiverProblem[] {
        const waivers = tagWaivers(resource);
        if (waivers.length === 0) {
            return NO_PROBLEMS;
        }
        if (this.usage && waivers.some((waiver) => this.valid(waiver.rule, waiver.reason))) {
            this.usage.addCandidate(resource); // so unused waivers are looked for on these resources only
        }
        return waivers.flatMap((waiver) => this.problem(waiver.rule, waiver.reason, waiver.comment ? waiver.tag : `tag ${waiver.tag}`)
            .map((message) => ({ resource, path: waiver.comment ? undefined : `tags.${waiver.tag}`, message })));
    }

    /** Problems with the configuration's waiver list. */
    configProblems(): WaiverProblem[] {
        return this.settings.entries.flatMap((entry, index) => this.problem(entry.rule, entry.reason, `waivers[${index}]`)
            .map((message) => ({ path: `waivers.${index}`, message })));
    }

    private problem(rule: string, reason: string, where: string): Message[] {
        const problems: Message[] = [];
        const place = lit(where);
        if (rule === "") {
            problems.push(msg`${place} does not name a rule (expected "rule-id: reason")`);
        } else if (!this.knownRules.has(rule)) {
            problems.push(msg`${place} names ${rule}, which is not a Gatehouse rule, so it waives nothing`);
        }
        if (rule !== "" && reason.length < MIN_REASON_LENGTH) {
            problems.push(msg`${place} waives ${rule} without a reason of at least ${lit(MIN_REASON_LENGTH)} characters, so it waives nothing`);
        }
        return problems;
    }
}
