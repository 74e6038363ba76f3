/**
 * A Terraform plan read from its file change by change, never whole: the file is walked in chunks
 * (json-sections.ts byteLayout), the configuration is parsed, and then each resource change is
 * read, converted and dropped. A change whose type no rule reads is not parsed at all: its opening
 * keys give its address, which is all that references to it need. Undefined whenever the file is
 * not a well-formed plan, so that the caller reads it whole and words the error with its position.
 * A large plan is walked in a worker thread (plan-walk.ts) while this one parses and converts.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Resource } from "../engine/resource";
import { canonicalType } from "../terraform/convert";
import { resourcesFromChanges, SkippedChange } from "../terraform/plan";
import {
    byteLayout, CLOSE_BRACE, COLON, COMMA, keyedValueStarts, OPEN_BRACE, OPEN_BRACKET, QUOTE, Span, stringEnd, trailingSpan,
} from "./json-sections";
import { readableConfiguration } from "./plan-configuration";
import type { WalkMessage, WalkRequest } from "./plan-walk";

/** `terraform show -json` writes `format_version` first, in plans and in state. */
const TERRAFORM_JSON = /^\s*\{\s*"format_version"/;

const WINDOW_BYTES = 8 << 20;

/** A change the file holds that JSON.parse rejects: the whole file is read again for the error's position. */
class Unreadable extends Error {}

function readFully(fd: number, buffer: Buffer, length: number, position: number): void {
    for (let done = 0; done < length;) {
        const read = readSync(fd, buffer, done, length - done, position + done);
        if (read <= 0) {
            throw new Unreadable("the file changed while it was read");
        }
        done += read;
    }
}

/** A file's bytes at a position, as the walks read them. */
function readerOf(fd: number): (buffer: Buffer, position: number) => number {
    return (buffer, position) => readSync(fd, buffer, 0, buffer.length, position);
}

function readText(fd: number, [start, end]: Span): string {
    const buffer = Buffer.allocUnsafe(end - start);
    readFully(fd, buffer, end - start, start);
    return buffer.toString("utf8");
}

/** A change's `type`, among its opening keys (those before the first object or array value). */
const OPENING_TYPE = /^\s*\{(?:\s*"(?:[^"\\]|\\.)*"\s*:\s*(?:"(?:[^"\\]|\\.)*"|[-+.\w]+)\s*,)*?\s*"type"\s*:\s*"([^"\\]*)"/;
const STRING_TOKEN = /"(?:[^"\\\u0000-\u001f]|\\.)*"/y;
const SCALAR_TOKEN = /-?[0-9][0-9.eE+-]*|true|false|null/y;
const SEPARATOR = /\s*([,:{}[\]])\s*/y;

const COMPACT_TYPE_KEY = '"type":"';

/**
 * A change's type as a first look gives it, to decide whether to parse it: the first `"type":"`
 * (Terraform writes compact JSON, with `type` among the opening keys), else the anchored pattern.
 * A wrong look only costs time, never a wrong reading: a change taken as skippable has its opening
 * keys read properly (skippedChange), and a parsed change is judged by its own type.
 */
function peekType(text: string): string | undefined {
    const at = text.indexOf(COMPACT_TYPE_KEY);
    if (at < 0) {
        return OPENING_TYPE.exec(text)?.[1];
    }
    const start = at + COMPACT_TYPE_KEY.length;
    const end = text.indexOf('"', start);
    return end < 0 ? undefined : text.slice(start, end);
}

/** What an object's opening keys say: their string values, and the first key whose value is an object or array, with where that value starts. */
interface Opening {
    readonly values: Record<string, string>;
    readonly next?: string;
    readonly index: number;
}

/**
 * The string values of an object's opening keys, up to its first object or array value (a
 * change's `change`): what the change says it is without parsing the rest. Stops early, with what
 * it has, at anything it does not expect.
 */
function openingKeys(text: string): Opening {
    const values: Record<string, string> = {};
    FIRST_NON_SPACE.lastIndex = 0;
    let index = FIRST_NON_SPACE.exec(text)?.index ?? -1;
    if (index < 0 || text.charCodeAt(index) !== OPEN_BRACE) {
        return { values, index: 0 };
    }
    index++;
    for (;;) {
        index = afterSpaces(text, index);
        const key = stringTokenAt(text, index);
        if (key === undefined) {
            return { values, index };
        }
        index = STRING_TOKEN.lastIndex;
        if (separatorAt(text, index) !== ":") {
            return { values, index };
        }
        index = SEPARATOR.lastIndex;
        const value = stringTokenAt(text, index);
        if (value !== undefined) {
            index = STRING_TOKEN.lastIndex;
        } else {
            SCALAR_TOKEN.lastIndex = index;
            if (!SCALAR_TOKEN.test(text)) {
                return { values, next: stringValue(key), index }; // an object or array value, or the end of what was read
            }
            index = SCALAR_TOKEN.lastIndex;
        }
        const separator = separatorAt(text, index);
        if (separator !== "," && separator !== "}") {
            return { values, index };
        }
        index = SEPARATOR.lastIndex;
        if (value !== undefined) {
            // The value parsed, not sliced out of the text: a slice would keep the whole change text alive for as long as an address is kept.
            values[stringValue(key)] = JSON.parse(value);
        }
        if (separator === "}") {
            return { values, index };
        }
    }
}

const FIRST_NON_SPACE = /\S/g;
const SPACES = /\s*/y;

function afterSpaces(text: string, index: number): number {
    SPACES.lastIndex = index;
    SPACES.exec(text);
    return SPACES.lastIndex;
}

/** The JSON string token at `index` (STRING_TOKEN.lastIndex then after it), or undefined. */
function stringTokenAt(text: string, index: number): string | undefined {
    STRING_TOKEN.lastIndex = index;
    return STRING_TOKEN.exec(text)?.[0];
}

/** The separator at `index`, spaces around it skipped (SEPARATOR.lastIndex then after them), or undefined. */
function separatorAt(text: string, index: number): string | undefined {
    SEPARATOR.lastIndex = index;
    return SEPARATOR.exec(text)?.[1];
}

/** A string token's value: its text between the quotes when it escapes nothing (STRING_TOKEN admits no control character), else as JSON.parse reads it. */
function stringValue(token: string): string {
    return token.indexOf("\\") < 0 ? token.slice(1, -1) : JSON.parse(token);
}

/** The opening keys skippedChange reads. */
const OPENING_VALUES = new Set(["address", "mode", "type"]);

/**
 * openingKeys for the compact text Terraform writes (no spaces, no escape in a key), found with
 * string searches instead of tokens: a plan of an estate skips most of its
 * changes, and tokenizing their openings was a quarter of its read. Only the values skippedChange
 * reads are kept, the address parsed rather than sliced (a slice would hold the change's text
 * alive as long as the address is kept). Undefined at anything else: the token reader reads it.
 */
function compactOpening(text: string): Opening | undefined {
    if (text.charCodeAt(0) !== OPEN_BRACE) {
        return undefined;
    }
    const values: Record<string, string> = {};
    for (let index = 1; ;) {
        if (text.charCodeAt(index) !== QUOTE) {
            return undefined;
        }
        const keyEnd = text.indexOf("\"", index + 1);
        if (keyEnd < 0 || text.charCodeAt(keyEnd + 1) !== COLON) {
            return undefined;
        }
        const key = text.slice(index + 1, keyEnd);
        if (key.includes("\\")) {
            return undefined;
        }
        const valueStart = keyEnd + 2;
        const first = text.charCodeAt(valueStart);
        let valueEnd: number;
        if (first === QUOTE) {
            valueEnd = stringEnd(text, valueStart); // past escaped quotes: an instance key's (`fn["blue"]`)
            if (valueEnd < 0) {
                return undefined;
            }
            if (OPENING_VALUES.has(key)) {
                // Parsed: it checks the text as a token would, and the address is a string of its own.
                values[key] = JSON.parse(text.slice(valueStart, valueEnd));
            }
        } else if (first === OPEN_BRACE || first === OPEN_BRACKET) {
            return { values, next: key, index: valueStart };
        } else {
            SCALAR_TOKEN.lastIndex = valueStart;
            if (!SCALAR_TOKEN.test(text)) {
                return undefined;
            }
            valueEnd = SCALAR_TOKEN.lastIndex;
        }
        const separator = text.charCodeAt(valueEnd);
        if (separator === CLOSE_BRACE) {
            return { values, index: valueEnd + 1 };
        }
        if (separator !== COMMA) {
            return undefined;
        }
        index = valueEnd + 1;
    }
}

/** `change` opens with its actions: Terraform writes a change's fields in a fixed order. */
const CHANGE_ACTIONS = /\s*\{\s*"actions"\s*:\s*\[\s*("[a-z]+"(?:\s*,\s*"[a-z]+")*)\s*\]\s*[,}]/y;

/**
 * A change of a type no rule reads, as its opening bytes give it (address, mode and actions, in
 * the order Terraform writes them); undefined when they do not, and the change is parsed whole.
 */
function skippedChange(text: string): SkippedChange | undefined {
    let opening: Opening;
    try {
        opening = compactOpening(text) ?? openingKeys(text);
    } catch {
        return undefined; // a string JSON.parse rejects (a bad escape): the whole parse words the error
    }
    const { address, mode, type } = opening.values;
    // JSON.parse keeps a repeated key's last value: so does openingKeys, and the type is judged on it.
    if (address === undefined || mode === undefined || type === undefined || canonicalType(type) || opening.next !== "change") {
        return undefined;
    }
    CHANGE_ACTIONS.lastIndex = opening.index;
    const actions = CHANGE_ACTIONS.exec(text)?.[1];
    return actions === undefined ? undefined : new SkippedChange(address, mode, JSON.parse(`[${actions}]`));
}

/**
 * The plan's changes in file order: parsed, or a SkippedChange for a type no rule reads. `batches`
 * hold their byte spans in (start, end) pairs, all at once or as a walk finds them.
 */
function* changesOf(fd: number, batches: Iterable<ArrayLike<number>>): Generator<unknown> {
    let window = Buffer.allocUnsafe(0);
    let windowStart = 0;
    let windowEnd = 0;
    for (const elements of batches) {
        for (let i = 0; i < elements.length; i += 2) {
            const start = elements[i];
            const end = elements[i + 1];
            if (start < windowStart || end > windowEnd) {
                // Changes are contiguous: read the next ones with this one, up to a window (or this change alone, if larger).
                let last = i + 1;
                while (last + 2 < elements.length && elements[last + 2] - start <= WINDOW_BYTES) {
                    last += 2;
                }
                const length = elements[last] - start;
                if (window.length < length) {
                    window = Buffer.allocUnsafe(Math.max(length, Math.min(WINDOW_BYTES, elements[elements.length - 1] - start)));
                }
                readFully(fd, window, length, start);
                windowStart = start;
                windowEnd = start + length;
            }
            const from = start - windowStart;
            const to = end - windowStart;
            const text = window.toString("utf8", from, to);
            // A first look: most changes are of types rules read, and they need no tokenizing.
            const type = peekType(text);
            if (type !== undefined && !canonicalType(type)) {
                const skipped = skippedChange(text);
                if (skipped) {
                    yield skipped;
                    continue;
                }
            }
            try {
                yield JSON.parse(text);
            } catch {
                throw new Unreadable();
            }
        }
    }
}

/** How the plan's bytes are walked: in this thread before reading, or in a worker thread while reading. */
export type PlanWalk = "inline" | "parallel" | "auto";

/** `GATEHOUSE_PLAN_WALK=inline` keeps the walk in this thread (where worker threads are not wanted). */
function walkFromEnvironment(): PlanWalk {
    const walk = process.env["GATEHOUSE_PLAN_WALK"];
    return walk === "inline" || walk === "parallel" ? walk : "auto";
}

/** Below this size the walk costs less than starting a thread. */
const PARALLEL_BYTES = 16 << 20;

/** Keys Terraform writes before `configuration`: the backward search for it stops there. */
const BEFORE_CONFIGURATION = new Set(["format_version", "terraform_version", "variables", "planned_values", "resource_drift", "resource_changes",
    "output_changes", "prior_state"]);

/** How long the reader waits for the walker's next message before it walks the file itself. */
const WALKER_TIMEOUT_MS = 30_000;

/** A walk in a worker thread (plan-walk.ts), read message by message; undefined where no worker can be started. */
class Walker {
    private readonly worker: Worker;
    private readonly port: MessagePort;
    private readonly signal = new Int32Array(new SharedArrayBuffer(4));

    private constructor(file: string, script: string) {
        const channel = new MessageChannel();
        this.port = channel.port1;
        const request: WalkRequest = { file, port: channel.port2, signal: this.signal };
        this.worker = new Worker(script, { workerData: request, transferList: [channel.port2] });
        this.worker.unref();
        // A walker that fails to start is noticed by the reader's timeout; its error is not the scan's.
        this.worker.on("error", () => undefined);
    }

    static start(file: string): Walker | undefined {
        const script = join(__dirname, "plan-walk.js");
        try {
            return existsSync(script) ? new Walker(file, script) : undefined;
        } catch {
            return undefined;
        }
    }

    /** The walker's next message, waiting for it; undefined when none comes in time. */
    next(): WalkMessage | undefined {
        for (;;) {
            const seen = Atomics.load(this.signal, 0);
            const received = receiveMessageOnPort(this.port);
            if (received) {
                return received.message as WalkMessage;
            }
            if (Atomics.wait(this.signal, 0, seen, WALKER_TIMEOUT_MS) === "timed-out") {
                return undefined;
            }
        }
    }

    stop(): void {
        this.port.close();
        void this.worker.terminate().catch(() => undefined);
    }
}

/** Positions the key search gives that are tried before the configuration is looked for by walking back from the end. */
const KEYED_TRIES = 3;

/**
 * The configuration near the file's end, with its span: where the search for its key points (in
 * most plans, only the short members after it are walked), else found by walking back member by
 * member; undefined when neither parses. The walker's layout confirms the span afterwards.
 */
function trailingConfiguration(fd: number, size: number): [Span, unknown] | undefined {
    const read = readerOf(fd);
    const parsed = (span: Span): [Span, unknown] | undefined => {
        try {
            return [span, configurationOf(readText(fd, span))];
        } catch {
            return undefined;
        }
    };
    let tries = 0;
    for (const start of keyedValueStarts(read, size, "configuration")) {
        const span = trailingSpan(read, size, "configuration", BEFORE_CONFIGURATION, undefined, start);
        if (!span) {
            return undefined; // the walk back met a key written before the configuration: so would a walk without the search
        }
        // A span from a key nested in the configuration holds the closing brackets around it: it does not parse.
        const found = parsed(span);
        if (found) {
            return found;
        }
        if (++tries === KEYED_TRIES) {
            break;
        }
    }
    const span = trailingSpan(read, size, "configuration", BEFORE_CONFIGURATION);
    return span && parsed(span);
}

/**
 * The configuration in `text`, built only as far as the reading uses it (plan-configuration.ts),
 * else parsed whole; throws when it does not parse.
 */
function configurationOf(text: string): unknown {
    return readableConfiguration(text) ?? JSON.parse(text);
}

/** The walk did not end with a layout: the file is read whole (or walked again in this thread). */
class NoLayout extends Error {}

/**
 * The parallel read: the configuration is found from the file's end and parsed while the worker
 * walks the file from its start; changes are read as the walk finds them. The walker's layout then
 * confirms the file is well-formed and the configuration is where it was looked for. Undefined when
 * it is not; "again" when the read must be redone in this thread (no walker, a configuration not
 * found from the end, or found elsewhere).
 */
function readInParallel(file: string, fd: number, size: number): Resource[] | undefined | "again" {
    const walker = Walker.start(file);
    if (!walker) {
        return "again";
    }
    try {
        const found = trailingConfiguration(fd, size);
        if (!found) {
            return "again"; // the walk in this thread tells a malformed file from a misplaced guess
        }
        const [configurationSpan, configuration] = found;
        let outcome: WalkMessage | undefined;
        /** The walk's next batch of change spans; undefined once its outcome has come. */
        const nextBatch = (): Float64Array | undefined => {
            const message = walker.next();
            if (message === undefined || "failed" in message) {
                throw new NoLayout();
            }
            if ("sections" in message) {
                outcome = message;
                return undefined;
            }
            return message.elements;
        };
        const batches = function* (): Generator<Float64Array> {
            for (let batch = nextBatch(); batch !== undefined; batch = nextBatch()) {
                yield batch;
            }
        };
        let resources: Resource[] | undefined;
        let failure: unknown;
        try {
            resources = resourcesFromChanges(configuration, changesOf(fd, batches()), file);
        } catch (error) {
            failure = error;
        }
        // A change that failed to read stopped the reading: the walk's outcome says whether the file is well-formed.
        try {
            while (outcome === undefined && !(failure instanceof NoLayout)) {
                nextBatch();
            }
        } catch (error) {
            failure = error;
        }
        if (failure instanceof NoLayout) {
            return "again";
        }
        const sections = outcome && "sections" in outcome && outcome.sections ? new Map(outcome.sections) : undefined;
        if (!sections?.has("resource_changes")) {
            return undefined;
        }
        const walked = sections.get("configuration");
        if (walked?.[0] !== configurationSpan[0] || walked[1] !== configurationSpan[1]) {
            return "again";
        }
        if (failure !== undefined) {
            throw failure;
        }
        return resources;
    } finally {
        walker.stop();
    }
}

/**
 * The resources of the plan in `file`, read change by change; undefined when it is not a
 * well-formed plan. A large plan's bytes are walked in a worker thread while this one parses.
 */
export function readPlanFile(file: string, walk: PlanWalk = walkFromEnvironment()): Resource[] | undefined {
    const fd = openSync(file, "r");
    try {
        const head = Buffer.alloc(256);
        const length = readSync(fd, head, 0, head.length, 0);
        const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
        if (!TERRAFORM_JSON.test(head.toString("utf8", bom, length))) {
            return undefined;
        }
        const size = fstatSync(fd).size;
        if (walk === "parallel" || (walk === "auto" && size >= PARALLEL_BYTES)) {
            const resources = readInParallel(file, fd, size);
            if (resources !== "again") {
                return resources;
            }
        }
        const layout = byteLayout(readerOf(fd), "resource_changes");
        if (!layout?.sections.has("resource_changes")) {
            return undefined;
        }
        const configurationSpan = layout.sections.get("configuration");
        let configuration: unknown;
        try {
            configuration = configurationSpan ? configurationOf(readText(fd, configurationSpan)) : undefined;
        } catch {
            return undefined;
        }
        return resourcesFromChanges(configuration, changesOf(fd, [layout.elements]), file);
    } catch (error) {
        if (error instanceof Unreadable) {
            return undefined;
        }
        throw error;
    } finally {
        closeSync(fd);
    }
}
