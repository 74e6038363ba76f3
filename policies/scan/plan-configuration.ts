/**
 * A plan's `configuration` read from its text without building what no rule reads. An estate's
 * plan configures mostly resources of other types (buckets, instances, queues): the reader needs
 * the configuration only of resources whose changes it converts, so the others are passed over as
 * their changes are, with the structural check the walk gives every byte of the file; everything
 * else (providers, variables, outputs, module calls) is parsed, as a whole parse would. What is read
 * is returned in the shape JSON.parse gives (a configuration holding only those resources), for
 * the plan's own reading (terraform/plan.ts) to index as it indexes a whole one.
 */
import { canonicalType } from "../terraform/convert";
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, isWhitespace, OPEN_BRACE, OPEN_BRACKET, QUOTE, stringEnd } from "./json-sections";

/** The most text of a run of resources parsed at once (a run's text is copied): about a megabyte. */
const RUN_CHARS = 1 << 20;

/** Not the shape this reader takes: the caller parses the text whole, and words any error as for any input. */
class Unexpected extends Error {}

const UNEXPECTED = new Unexpected();

/** How a resource opens in the compact JSON Terraform writes: what the sample looks for. */
const COMPACT_OPENING = "{\"address\":\"";

/** A configuration resource's address as its text opens (Terraform writes it first), when it escapes nothing: an escape may spell a type rules read, and such a resource is parsed. */
const OPENING_ADDRESS = /\{\s*"address"\s*:\s*"([^"\\]*)"/y;

/**
 * True when the resource at `start` is one whose configuration no change the reader converts can
 * use: a data source, or a managed resource of a type no rule reads. Its address says so (Terraform
 * addresses a managed resource `type.name`, relative to its module); any other opening is parsed.
 */
function passedOver(text: string, start: number): boolean {
    OPENING_ADDRESS.lastIndex = start;
    const address = OPENING_ADDRESS.exec(text)?.[1];
    if (address === undefined || address.startsWith("data.")) {
        return address !== undefined;
    }
    const dot = address.indexOf(".");
    const type = dot < 0 ? address : address.slice(0, dot);
    return type !== "module" && canonicalType(type) === undefined;
}

/** stringEnd, or the walk stops: the text is not shaped as expected. */
function afterString(text: string, start: number): number {
    const end = stringEnd(text, start);
    if (end < 0) {
        throw UNEXPECTED;
    }
    return end;
}

/**
 * After the object or array that opens at `start`: brackets counted, strings skipped. A function of
 * its own over locals: it runs over most of the configuration's text.
 */
function containerEnd(text: string, start: number): number {
    let depth = 0;
    for (let index = start; index < text.length;) {
        const code = text.charCodeAt(index);
        if (code === QUOTE) {
            index = afterString(text, index);
            continue;
        }
        if (code === OPEN_BRACE || code === OPEN_BRACKET) {
            depth++;
        } else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --depth === 0) {
            return index + 1;
        }
        index++;
    }
    throw UNEXPECTED;
}

/** Parsed resources, each an object with an address, as the indexing takes them; else the whole parse words the error. */
function resourcesIn(parsed: unknown): unknown[] {
    const resources = parsed as unknown[];
    for (let i = 0; i < resources.length; i++) {
        const resource = resources[i];
        if (resource === null || typeof resource !== "object" || Array.isArray(resource) || typeof (resource as Record<string, unknown>)["address"] !== "string") {
            throw UNEXPECTED;
        }
    }
    return resources;
}

/** Walks the text of a configuration: a cursor over it, with the few JSON steps the walk takes. */
class Walk {
    index = 0;

    constructor(private readonly text: string) {}

    private code(): number {
        return this.text.charCodeAt(this.index);
    }

    skipSpaces(): void {
        while (isWhitespace(this.code())) {
            this.index++;
        }
    }

    expect(code: number): void {
        this.skipSpaces();
        if (this.code() !== code) {
            throw UNEXPECTED;
        }
        this.index++;
    }

    /** After the string whose opening quote is at the cursor. */
    skipString(): void {
        this.index = afterString(this.text, this.index);
    }

    /** A member's key, as JSON.parse reads it. */
    key(): string {
        this.skipSpaces();
        if (this.code() !== QUOTE) {
            throw UNEXPECTED;
        }
        const start = this.index;
        this.skipString();
        const raw = this.text.slice(start + 1, this.index - 1);
        return raw.includes("\\") || /[\u0000-\u001f]/.test(raw) ? JSON.parse(this.text.slice(start, this.index)) : raw;
    }

    /** Past the value at the cursor, without building it (brackets counted, strings skipped: the walk checks the rest). */
    skipValue(): void {
        this.skipSpaces();
        const text = this.text;
        const first = this.code();
        if (first === QUOTE) {
            this.skipString();
            return;
        }
        if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
            // A number, true, false or null: up to what ends it.
            const start = this.index;
            while (this.index < text.length && !isWhitespace(this.code()) && this.code() !== COMMA && this.code() !== CLOSE_BRACE && this.code() !== CLOSE_BRACKET) {
                this.index++;
            }
            if (this.index === start) {
                throw UNEXPECTED;
            }
            return;
        }
        this.index = containerEnd(text, this.index);
    }

    /** True when `null` is at the cursor, which it passes. */
    isNull(): boolean {
        this.skipSpaces();
        if (this.text.startsWith("null", this.index)) {
            this.index += 4;
            return true;
        }
        return false;
    }

    /** Calls `member` for each member of the object at the cursor, the cursor at its value, which `member` passes. */
    members(member: (key: string) => void): void {
        this.sequence(OPEN_BRACE, CLOSE_BRACE, () => {
            const key = this.key();
            this.expect(COLON);
            member(key);
        });
    }

    /** Calls `element` for each element of the array at the cursor, the cursor at its start, which `element` passes. */
    elements(element: () => void): void {
        this.sequence(OPEN_BRACKET, CLOSE_BRACKET, () => {
            this.skipSpaces();
            element();
        });
    }

    /** The items of the object or array at the cursor, separated by commas, each passed by `item`. */
    private sequence(open: number, close: number, item: () => void): void {
        this.expect(open);
        this.skipSpaces();
        if (this.code() === close) {
            this.index++;
            return;
        }
        for (;;) {
            item();
            this.skipSpaces();
            const code = this.code();
            this.index++;
            if (code === close) {
                return;
            }
            if (code !== COMMA) {
                throw UNEXPECTED;
            }
        }
    }

    /** The value at the cursor parsed, which it passes. */
    parsed(): unknown {
        const start = this.index;
        this.skipValue();
        return JSON.parse(this.text.slice(start, this.index));
    }

    atEnd(): boolean {
        this.skipSpaces();
        return this.index === this.text.length;
    }

    /**
     * The resources that rules may read, of the module object at the cursor. When it holds no
     * other, the array is parsed as it stands; else each run of consecutive ones is parsed as the
     * array its text makes (a parse per resource cost a tenth of a 100k-resource read).
     */
    resources(): unknown[] {
        this.skipSpaces();
        const arrayStart = this.index;
        const runs: number[] = []; // start and end of each run of resources kept
        let previousKept = false;
        let passed = 0;
        this.elements(() => {
            if (this.code() !== OPEN_BRACE) {
                throw UNEXPECTED; // not a resource: the whole parse names it
            }
            const start = this.index;
            const kept = !passedOver(this.text, start);
            this.skipValue();
            if (!kept) {
                passed++;
            } else if (previousKept && this.index - runs[runs.length - 2] < RUN_CHARS) {
                runs[runs.length - 1] = this.index;
            } else {
                runs.push(start, this.index);
            }
            previousKept = kept;
        });
        if (passed === 0) {
            return resourcesIn(JSON.parse(this.text.slice(arrayStart, this.index)));
        }
        const kept: unknown[] = [];
        for (let i = 0; i < runs.length; i += 2) {
            // A run's text is copied to be parsed: a bounded copy (RUN_CHARS), not the configuration's.
            const run = resourcesIn(JSON.parse(`[${this.text.slice(runs[i], runs[i + 1])}]`));
            for (let j = 0; j < run.length; j++) {
                kept.push(run[j]);
            }
        }
        return kept;
    }

    /** The module object at the cursor, holding only what a reading indexes: resources rules may read, and module calls. */
    module(): Record<string, unknown> | null {
        if (this.isNull()) {
            return null;
        }
        const module: Record<string, unknown> = {};
        this.members((key) => {
            if (key === "resources") {
                // As JSON.parse does, a key given twice keeps its last value.
                module[key] = this.isNull() ? null : this.resources();
            } else if (key === "module_calls") {
                module[key] = this.isNull() ? null : this.calls();
            } else {
                this.parsed(); // outputs, variables: small, and parsed so that they are checked as a whole parse checks them
            }
        });
        return module;
    }

    /** The module calls at the cursor: each call's module. */
    calls(): Record<string, unknown> {
        const calls: Record<string, unknown> = {};
        this.members((name) => {
            if (name === "__proto__") {
                throw UNEXPECTED; // an own property JSON.parse makes and assignment would not
            }
            if (this.isNull()) {
                calls[name] = null;
                return;
            }
            const call: Record<string, unknown> = {};
            this.members((key) => {
                if (key === "module") {
                    call[key] = this.module();
                } else {
                    this.parsed();
                }
            });
            calls[name] = call;
        });
        return calls;
    }
}

/** Below this, a configuration is parsed whole: there is little to pass over. */
const MIN_CHARS = 1 << 20;
/** Resources sampled to tell how much of a configuration rules read. */
const SAMPLES = 32;
/** The share of sampled resources passed over from which the walk pays: it costs about a fifth of parsing what it passes. */
const MIN_SHARE_PASSED = 0.25;

/**
 * True when enough of the configuration is of resources no rule reads that walking it costs less
 * than parsing it whole (a walk over a configuration of API resources alone would only add to the
 * parse): resource openings at evenly spaced places are sampled. A guess that only costs time:
 * either way the reading is the same.
 */
function worthPassingOver(text: string): boolean {
    if (text.length < MIN_CHARS) {
        return false;
    }
    let sampled = 0;
    let passed = 0;
    for (let k = 0; k < SAMPLES; k++) {
        const at = text.indexOf(COMPACT_OPENING, Math.floor((k * text.length) / SAMPLES));
        if (at < 0) {
            break;
        }
        sampled++;
        passed += passedOver(text, at) ? 1 : 0;
    }
    return sampled > 0 && passed >= sampled * MIN_SHARE_PASSED;
}

/**
 * The configuration in `text` as JSON.parse gives it, holding only the resources rules may read
 * (and the module calls around them); undefined when the text is not an object shaped as Terraform
 * writes a configuration, or when it is mostly of resources rules read, for the caller to parse whole.
 */
export function readableConfiguration(text: string): Record<string, unknown> | undefined {
    if (!worthPassingOver(text)) {
        return undefined;
    }
    const walk = new Walk(text);
    const configuration: Record<string, unknown> = {};
    try {
        walk.members((key) => {
            if (key === "root_module") {
                configuration[key] = walk.module();
            } else {
                walk.parsed();
            }
        });
        return walk.atEnd() ? configuration : undefined;
    } catch (error) {
        if (error instanceof Unexpected || error instanceof SyntaxError) {
            return undefined;
        }
        throw error;
    }
}
