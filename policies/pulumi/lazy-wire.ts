import { isUtf8 } from "node:buffer";

/**
 * Analyze and AnalyzeStack requests read from their bytes. The generated deserializer builds a
 * protobuf message object for every resource, property and nested value of a request before the
 * pack sees it; a 10,000-resource AnalyzeStack is ~9 MB of them, and most belong to resources no
 * rule reads. These readers index a request's resources and decode a field when it is asked for:
 * a resource's properties go from bytes to plain values in one pass, without Value objects.
 *
 * Exactness comes first. Anything this reader does not handle itself — a method the pack does not
 * call, bytes it finds malformed, a shape it does not expect (groups, a misplaced wire type,
 * invalid UTF-8, a `__proto__` key) — is answered by the generated deserializer over the same
 * bytes, so the outcome is the SDK's own: its values, or its error. test/unit/lazy-wire.test.ts
 * decodes a corpus of requests, and mutations of them, both ways and compares.
 */

/** The generated classes of @pulumi/pulumi's analyzer_pb and google-protobuf's struct_pb the readers answer for. */
export interface GeneratedClasses {
    readonly AnalyzeRequest: GeneratedClass;
    readonly AnalyzeStackRequest: GeneratedClass;
    readonly AnalyzerResource: GeneratedClass;
    readonly AnalyzerResourceOptions: GeneratedClass;
    readonly AnalyzerProviderResource: GeneratedClass;
    readonly Struct: GeneratedClass;
}

export interface GeneratedClass {
    deserializeBinary(bytes: Uint8Array): any;
    readonly prototype: object;
}

/** Thrown where the bytes are not what this reader handles; the generated deserializer then decides. */
class NotHandled extends Error {}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;
/** Deeper values are left to the generated deserializer (which either decodes them or fails as it always has). */
const MAX_NESTING = 200;

/** A position in one message's bytes; `start`/`end` hold the span of the last length-delimited field read. */
class Cursor {
    start = 0;
    end = 0;

    constructor(readonly bytes: Buffer, public pos: number, readonly limit: number) {}

    more(): boolean {
        return this.pos < this.limit;
    }

    /** An unsigned varint known to fit 32 bits (tags, lengths). */
    uint32(): number {
        const bytes = this.bytes;
        let result = 0;
        for (let shift = 0; shift < 35; shift += 7) {
            if (this.pos >= this.limit) {
                throw new NotHandled();
            }
            const byte = bytes[this.pos++];
            result += (byte & 0x7f) * 2 ** shift;
            if (byte < 0x80) {
                if (result > 0xffffffff) {
                    throw new NotHandled();
                }
                return result;
            }
        }
        throw new NotHandled();
    }

    /** A varint of any width, as "is it non-zero" (bool) — the value itself is not needed. */
    nonZeroVarint(): boolean {
        let nonZero = false;
        for (let i = 0; i < 10; i++) {
            if (this.pos >= this.limit) {
                throw new NotHandled();
            }
            const byte = this.bytes[this.pos++];
            nonZero = nonZero || (byte & 0x7f) !== 0;
            if (byte < 0x80) {
                return nonZero;
            }
        }
        throw new NotHandled();
    }

    /** A bool: jspb reads only part of a long varint, so anything longer than 28 bits is its to read. */
    bool(): boolean {
        const start = this.pos;
        const nonZero = this.nonZeroVarint();
        if (this.pos - start > 4) {
            throw new NotHandled();
        }
        return nonZero;
    }

    /** The next field's tag: field number × 8 + wire type. */
    tag(): number {
        const tag = this.uint32();
        if (tag >>> 3 === 0) {
            throw new NotHandled();
        }
        return tag;
    }

    /** Reads a length-delimited field's span into start/end. */
    span(): void {
        const length = this.uint32();
        const start = this.pos;
        if (length > this.limit - start) {
            throw new NotHandled();
        }
        this.start = start;
        this.end = start + length;
        this.pos = this.end;
    }

    double(): number {
        if (this.limit - this.pos < 8) {
            throw new NotHandled();
        }
        const value = this.bytes.readDoubleLE(this.pos);
        this.pos += 8;
        return value;
    }

    skip(wireType: number): void {
        switch (wireType) {
            case WIRE_VARINT:
                this.nonZeroVarint();
                return;
            case WIRE_FIXED64:
                this.skipBytes(8);
                return;
            case WIRE_BYTES:
                this.span();
                return;
            case WIRE_FIXED32:
                this.skipBytes(4);
                return;
            default:
                // Groups (3, 4) and reserved wire types: the generated reader's business.
                throw new NotHandled();
        }
    }

    private skipBytes(count: number): void {
        if (this.limit - this.pos < count) {
            throw new NotHandled();
        }
        this.pos += count;
    }
}

/** Buffer's own slice decoder, without toString's argument handling (feature-detected). */
const utf8Slice: ((this: Buffer, start: number, end: number) => string) | undefined = (Buffer.prototype as any).utf8Slice;

function text(bytes: Buffer, start: number, end: number): string {
    const value = utf8Slice ? utf8Slice.call(bytes, start, end) : bytes.toString("utf8", start, end);
    // Node replaces invalid sequences with U+FFFD; jspb decodes them its own way.
    if (value.includes("\uFFFD") && !isUtf8(bytes.subarray(start, end))) {
        throw new NotHandled();
    }
    return value;
}

/** Calls `entry(key, valueStart, valueEnd)` for each map entry of a Struct (or any string-keyed map) at bytes[start, end). */
function forEachEntry(bytes: Buffer, start: number, end: number, entry: (key: string, valueStart: number, valueEnd: number) => void): void {
    const cursor = new Cursor(bytes, start, end);
    while (cursor.more()) {
        const tag = cursor.tag();
        if (tag !== ((1 << 3) | WIRE_BYTES)) {
            if (tag >>> 3 === 1) {
                throw new NotHandled();
            }
            cursor.skip(tag & 7);
            continue;
        }
        cursor.span();
        const inner = new Cursor(bytes, cursor.start, cursor.end);
        let key = "";
        let valueStart = -1;
        let valueEnd = -1;
        while (inner.more()) {
            const entryTag = inner.tag();
            if (entryTag === ((1 << 3) | WIRE_BYTES)) {
                inner.span();
                key = text(bytes, inner.start, inner.end);
            } else if (entryTag === ((2 << 3) | WIRE_BYTES)) {
                inner.span();
                valueStart = inner.start;
                valueEnd = inner.end;
            } else {
                // jspb's map reader does not skip other fields the way its message readers do.
                throw new NotHandled();
            }
        }
        if (valueStart < 0 || key === "__proto__") {
            // A missing value is the default message (jspb decides what that reads as); jspb's map
            // never holds "__proto__".
            throw new NotHandled();
        }
        entry(key, valueStart, valueEnd);
    }
}

/** The span of a Value's struct_value when that is its kind (the last kind field wins). */
function structValueSpan(bytes: Buffer, start: number, end: number): Span | undefined {
    const cursor = new Cursor(bytes, start, end);
    let span: Span | undefined;
    let set = false;
    while (cursor.more()) {
        const tag = cursor.tag();
        const field = tag >>> 3;
        if (field > 6) {
            cursor.skip(tag & 7);
            continue;
        }
        const expected = field === 2 ? WIRE_FIXED64 : field === 1 || field === 4 ? WIRE_VARINT : WIRE_BYTES;
        if ((tag & 7) !== expected) {
            throw new NotHandled();
        }
        cursor.skip(expected);
        span = field === 5 ? { start: cursor.start, end: cursor.end } : undefined;
        set = true;
    }
    if (!set) {
        throw new NotHandled();
    }
    return span;
}

/** jspb's Map iterates its keys sorted; Struct.toJavaScript() assigns them in that order. */
function sortedKeys(values: Map<string, unknown>): string[] {
    return [...values.keys()].sort();
}

/**
 * Struct → plain object, the hot path: one pass over the bytes with the position in module state
 * (no cursor or closure per value), entries collected in order and sorted only when the encoder
 * did not already write them sorted. Synchronous and not re-entrant; the buffer is released after.
 */
function structToJs(bytes: Buffer, start: number, end: number, depth: number): Record<string, unknown> {
    input = bytes;
    at = start;
    try {
        return readStruct(end, depth);
    } finally {
        input = EMPTY;
    }
}

const EMPTY = Buffer.alloc(0);
const NOT_HANDLED = new NotHandled();
let input: Buffer = EMPTY;
let at = 0;

function readUint32(limit: number): number {
    if (at < limit) {
        const first = input[at];
        if (first < 0x80) {
            at++;
            return first;
        }
    }
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
        if (at >= limit) {
            throw NOT_HANDLED;
        }
        const byte = input[at++];
        result += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) {
            if (result > 0xffffffff) {
                throw NOT_HANDLED;
            }
            return result;
        }
    }
    throw NOT_HANDLED;
}

/** A varint of any width, as "is it non-zero"; longer than `maxBytes` is not handled. */
function readNonZero(limit: number, maxBytes: number): boolean {
    let nonZero = false;
    for (let i = 0; i < maxBytes; i++) {
        if (at >= limit) {
            throw NOT_HANDLED;
        }
        const byte = input[at++];
        nonZero = nonZero || (byte & 0x7f) !== 0;
        if (byte < 0x80) {
            return nonZero;
        }
    }
    throw NOT_HANDLED;
}

/** The end of the length-delimited payload starting at `at`. */
function readLength(limit: number): number {
    const length = readUint32(limit);
    if (length > limit - at) {
        throw NOT_HANDLED;
    }
    return at + length;
}

function readText(end: number): string {
    const start = at;
    at = end;
    return text(input, start, end);
}

function skipUnknown(wireType: number, limit: number): void {
    if (wireType === WIRE_VARINT) {
        readNonZero(limit, 10);
    } else if (wireType === WIRE_BYTES) {
        at = readLength(limit);
    } else if (wireType === WIRE_FIXED64 || wireType === WIRE_FIXED32) {
        const size = wireType === WIRE_FIXED64 ? 8 : 4;
        if (limit - at < size) {
            throw NOT_HANDLED;
        }
        at += size;
    } else {
        throw NOT_HANDLED; // groups and reserved wire types: the generated reader's business
    }
}

/** The one-of value of a google.protobuf.Value ending at `end`, as Value.toJavaScript() returns it. */
function readValue(end: number, depth: number): unknown {
    let value: unknown;
    let set = false;
    while (at < end) {
        const tag = readUint32(end);
        switch (tag) {
            case (1 << 3) | WIRE_VARINT: // null_value (any enum value reads as null)
                readNonZero(end, 10);
                value = null;
                break;
            case (2 << 3) | WIRE_FIXED64: // number_value
                if (end - at < 8) {
                    throw NOT_HANDLED;
                }
                value = input.readDoubleLE(at);
                at += 8;
                break;
            case (3 << 3) | WIRE_BYTES: // string_value
                value = readText(readLength(end));
                break;
            case (4 << 3) | WIRE_VARINT: // bool_value: jspb reads only part of a long varint
                value = readNonZero(end, 4);
                break;
            case (5 << 3) | WIRE_BYTES: { // struct_value
                const inner = readLength(end);
                value = readStruct(inner, depth + 1);
                break;
            }
            case (6 << 3) | WIRE_BYTES: { // list_value
                const inner = readLength(end);
                value = readList(inner, depth + 1);
                break;
            }
            default:
                if (tag >>> 3 === 0 || tag >>> 3 <= 6) {
                    throw NOT_HANDLED; // field zero, or a known field with the wrong wire type
                }
                skipUnknown(tag & 7, end);
                continue;
        }
        set = true;
    }
    if (!set) {
        throw NOT_HANDLED; // Value.toJavaScript() rejects a Value without a kind
    }
    return value;
}

function readList(end: number, depth: number): unknown[] {
    if (depth > MAX_NESTING) {
        throw NOT_HANDLED;
    }
    const result: unknown[] = [];
    while (at < end) {
        const tag = readUint32(end);
        if (tag === ((1 << 3) | WIRE_BYTES)) {
            const inner = readLength(end);
            result.push(readValue(inner, depth));
            at = inner;
        } else if (tag >>> 3 <= 1) {
            throw NOT_HANDLED;
        } else {
            skipUnknown(tag & 7, end);
        }
    }
    return result;
}

function readStruct(end: number, depth: number): Record<string, unknown> {
    if (depth > MAX_NESTING) {
        throw NOT_HANDLED;
    }
    const keys: string[] = [];
    const values: unknown[] = [];
    let sorted = true;
    while (at < end) {
        const tag = readUint32(end);
        if (tag !== ((1 << 3) | WIRE_BYTES)) {
            if (tag >>> 3 <= 1) {
                throw NOT_HANDLED;
            }
            skipUnknown(tag & 7, end);
            continue;
        }
        const entryEnd = readLength(end);
        let key = "";
        let value: unknown;
        let hasValue = false;
        while (at < entryEnd) {
            const entryTag = readUint32(entryEnd);
            if (entryTag === ((1 << 3) | WIRE_BYTES)) {
                key = readText(readLength(entryEnd));
            } else if (entryTag === ((2 << 3) | WIRE_BYTES) && !hasValue) {
                const valueEnd = readLength(entryEnd);
                value = readValue(valueEnd, depth);
                at = valueEnd;
                hasValue = true;
            } else {
                // A value written twice is merged by jspb; other fields its map reader does not skip as message readers do.
                throw NOT_HANDLED;
            }
        }
        if (!hasValue || key === "__proto__") {
            // A missing value is the default message (jspb decides what that reads as); jspb's map never holds "__proto__".
            throw NOT_HANDLED;
        }
        if (keys.length > 0 && !(key > keys[keys.length - 1])) {
            sorted = false;
        }
        keys.push(key);
        values.push(value);
    }
    const result: Record<string, unknown> = {};
    if (sorted) {
        for (let i = 0; i < keys.length; i++) {
            result[keys[i]] = values[i];
        }
        return result;
    }
    // jspb's map keeps the last value of a key and iterates its keys sorted.
    const last = new Map<string, unknown>();
    for (let i = 0; i < keys.length; i++) {
        last.set(keys[i], values[i]);
    }
    for (const key of sortedKeys(last)) {
        result[key] = last.get(key);
    }
    return result;
}

/** A field's span in the message's bytes. */
interface Span {
    readonly start: number;
    readonly end: number;
}

/**
 * The spans of a message's fields by number (singular fields: the last occurrence wins, as in
 * jspb; repeated fields: every occurrence). Unknown fields are skipped; a known field with
 * another wire type is not handled.
 */
function indexFields(bytes: Buffer, start: number, end: number, lengthDelimited: readonly number[], repeated: readonly number[]): Map<number, Span[]> {
    const fields = new Map<number, Span[]>();
    const cursor = new Cursor(bytes, start, end);
    while (cursor.more()) {
        const tag = cursor.tag();
        const field = tag >>> 3;
        if (!lengthDelimited.includes(field)) {
            cursor.skip(tag & 7);
            continue;
        }
        if ((tag & 7) !== WIRE_BYTES) {
            throw new NotHandled();
        }
        cursor.span();
        const span = { start: cursor.start, end: cursor.end };
        const seen = fields.get(field);
        if (seen && repeated.includes(field)) {
            seen.push(span);
        } else {
            fields.set(field, [span]);
        }
    }
    return fields;
}

/**
 * A message read lazily, which answers every generated method it does not implement itself by
 * materialising the generated message from its bytes (once).
 */
abstract class LazyMessage {
    private materialized?: any;

    constructor(protected readonly bytes: Buffer, protected readonly start: number, protected readonly end: number) {}

    protected abstract generated(): GeneratedClass;

    /** The generated message over the same bytes: the SDK's own reading. */
    materialize(): any {
        if (this.materialized === undefined) {
            this.materialized = this.generated().deserializeBinary(this.bytes.subarray(this.start, this.end));
        }
        return this.materialized;
    }

    protected get isMaterialized(): boolean {
        return this.materialized !== undefined;
    }
}

/** Gives a lazy class every method of the generated class (and its jspb.Message base) it lacks, by delegation. */
function delegateTheRest(lazy: { prototype: object }, generated: GeneratedClass): void {
    for (let proto: object | null = generated.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
        for (const name of Object.getOwnPropertyNames(proto)) {
            if (name === "constructor" || name in lazy.prototype || typeof (proto as Record<string, unknown>)[name] !== "function") {
                continue;
            }
            Object.defineProperty(lazy.prototype, name, {
                value: function (this: LazyMessage, ...args: unknown[]) {
                    const full = this.materialize();
                    return full[name](...args);
                },
                writable: true,
                configurable: true,
            });
        }
    }
}

export interface LazyReaders {
    /** A pulumirpc.AnalyzeRequest over `bytes`; the generated message when the bytes are not this reader's to read. */
    analyzeRequest(bytes: Buffer): any;
    /** A pulumirpc.AnalyzeStackRequest over `bytes`, likewise. */
    analyzeStackRequest(bytes: Buffer): any;
}

/** Readers bound to the generated classes the SDK itself uses. */
export function lazyReaders(classes: GeneratedClasses): LazyReaders {
    class LazyStruct extends LazyMessage {
        protected generated(): GeneratedClass {
            return classes.Struct;
        }

        /** A fresh plain object on every call, as the generated toJavaScript() returns. */
        toJavaScript(): Record<string, unknown> {
            if (!this.isMaterialized) {
                try {
                    return structToJs(this.bytes, this.start, this.end, 0);
                } catch (error) {
                    if (!(error instanceof NotHandled) && !(error instanceof RangeError)) {
                        throw error;
                    }
                }
            }
            return this.materialize().toJavaScript();
        }

        /** The property names, sorted as the generated map lists them, without decoding a value. */
        fieldNames(): string[] {
            if (!this.isMaterialized) {
                try {
                    const names = new Map<string, unknown>();
                    forEachEntry(this.bytes, this.start, this.end, (key) => names.set(key, true));
                    return sortedKeys(names);
                } catch (error) {
                    if (!(error instanceof NotHandled)) {
                        throw error;
                    }
                }
            }
            return [...this.materialize().getFieldsMap().keys()].sort();
        }

        /** The names inside the property `name` when it holds an object (sorted); undefined otherwise. Decodes no other value. */
        nestedFieldNames(name: string): string[] | undefined {
            if (!this.isMaterialized) {
                try {
                    let inner: Span | undefined | null = null;
                    forEachEntry(this.bytes, this.start, this.end, (key, valueStart, valueEnd) => {
                        if (key === name) {
                            inner = structValueSpan(this.bytes, valueStart, valueEnd);
                        }
                    });
                    if (inner === null || inner === undefined) {
                        return undefined;
                    }
                    const names = new Map<string, unknown>();
                    const span: Span = inner;
                    forEachEntry(this.bytes, span.start, span.end, (key) => names.set(key, true));
                    return sortedKeys(names);
                } catch (error) {
                    if (!(error instanceof NotHandled)) {
                        throw error;
                    }
                }
            }
            const inner = this.materialize().getFieldsMap().get(name)?.getStructValue?.();
            return inner ? [...inner.getFieldsMap().keys()].sort() : undefined;
        }
    }
    delegateTheRest(LazyStruct, classes.Struct);

    /** The fields AnalyzeRequest and AnalyzerResource share: 1 type, 2 properties, 3 urn, 4 name, 5 options, 6 provider. */
    abstract class LazyResourceMessage extends LazyMessage {
        protected readonly fields: Map<number, Span[]>;
        private strings = new Map<number, string>();
        private structs?: LazyStruct | null;

        constructor(bytes: Buffer, start: number, end: number, lengthDelimited: readonly number[], repeated: readonly number[]) {
            super(bytes, start, end);
            this.fields = indexFields(bytes, start, end, lengthDelimited, repeated);
            // Strings are validated now: a malformed request falls back to the generated reader as a whole.
            for (const field of [1, 3, 4, 7]) {
                const span = this.fields.get(field)?.[0];
                if (span && lengthDelimited.includes(field)) {
                    this.strings.set(field, text(bytes, span.start, span.end));
                }
            }
        }

        protected string(field: number, generatedGetter: string): string {
            return this.isMaterialized ? this.materialize()[generatedGetter]() : (this.strings.get(field) ?? "");
        }

        getType(): string {
            return this.string(1, "getType");
        }

        getUrn(): string {
            return this.string(3, "getUrn");
        }

        getName(): string {
            return this.string(4, "getName");
        }

        getProperties(): LazyStruct | any {
            if (this.isMaterialized) {
                return this.materialize().getProperties();
            }
            if (this.structs === undefined) {
                const span = this.fields.get(2)?.[0];
                this.structs = span ? new LazyStruct(this.bytes, span.start, span.end) : null;
            }
            return this.structs ?? undefined;
        }

        getOptions(): any {
            if (this.isMaterialized) {
                return this.materialize().getOptions();
            }
            const span = this.fields.get(5)?.[0];
            return span ? classes.AnalyzerResourceOptions.deserializeBinary(this.bytes.subarray(span.start, span.end)) : undefined;
        }
    }

    class LazyAnalyzeRequest extends LazyResourceMessage {
        constructor(bytes: Buffer) {
            super(bytes, 0, bytes.length, [1, 2, 3, 4, 5, 6], []);
        }

        protected generated(): GeneratedClass {
            return classes.AnalyzeRequest;
        }
    }
    delegateTheRest(LazyAnalyzeRequest, classes.AnalyzeRequest);

    class LazyAnalyzerResource extends LazyResourceMessage {
        constructor(bytes: Buffer, start: number, end: number) {
            // 7 parent, 8 dependencies (repeated), 9 propertyDependencies (map entries, repeated).
            super(bytes, start, end, [1, 2, 3, 4, 5, 6, 7, 8, 9], [8, 9]);
        }

        protected generated(): GeneratedClass {
            return classes.AnalyzerResource;
        }

        getParent(): string {
            return this.string(7, "getParent");
        }

        /**
         * Property name → dependency URNs, in the generated map's order, without building the map.
         * Empty lists are kept, as the generated map keeps them.
         */
        propertyDependencyEntries(): [string, string[]][] {
            if (!this.isMaterialized) {
                try {
                    const entries = new Map<string, string[]>();
                    for (const span of this.fields.get(9) ?? []) {
                        forEachMapEntry(this.bytes, span.start, span.end, (key, valueStart, valueEnd) => {
                            entries.set(key, repeatedStrings(this.bytes, valueStart, valueEnd, 1));
                        });
                    }
                    return [...entries.keys()].sort().map((key) => [key, entries.get(key)!]);
                } catch (error) {
                    if (!(error instanceof NotHandled)) {
                        throw error;
                    }
                }
            }
            const entries: [string, string[]][] = [];
            this.materialize().getPropertydependenciesMap().forEach((value: { getUrnsList(): string[] }, key: string) => {
                entries.push([key, value.getUrnsList()]);
            });
            return entries;
        }
    }
    delegateTheRest(LazyAnalyzerResource, classes.AnalyzerResource);

    class LazyAnalyzeStackRequest extends LazyMessage {
        private readonly resources: LazyAnalyzerResource[];

        constructor(bytes: Buffer) {
            super(bytes, 0, bytes.length);
            this.resources = (indexFields(bytes, 0, bytes.length, [1], [1]).get(1) ?? [])
                .map((span) => new LazyAnalyzerResource(bytes, span.start, span.end));
        }

        protected generated(): GeneratedClass {
            return classes.AnalyzeStackRequest;
        }

        getResourcesList(): LazyAnalyzerResource[] | any[] {
            return this.isMaterialized ? this.materialize().getResourcesList() : this.resources;
        }
    }
    delegateTheRest(LazyAnalyzeStackRequest, classes.AnalyzeStackRequest);

    const orGenerated = (read: () => unknown, generated: GeneratedClass, bytes: Buffer) => {
        try {
            return read();
        } catch (error) {
            if (!(error instanceof NotHandled)) {
                throw error;
            }
            return generated.deserializeBinary(bytes);
        }
    };
    return {
        analyzeRequest: (bytes) => orGenerated(() => new LazyAnalyzeRequest(bytes), classes.AnalyzeRequest, bytes),
        analyzeStackRequest: (bytes) => orGenerated(() => new LazyAnalyzeStackRequest(bytes), classes.AnalyzeStackRequest, bytes),
    };
}

/** A map entry whose value is a message (AnalyzerPropertyDependencies): like Struct's, but a missing value is an empty message. */
function forEachMapEntry(bytes: Buffer, start: number, end: number, entry: (key: string, valueStart: number, valueEnd: number) => void): void {
    const cursor = new Cursor(bytes, start, end);
    let key = "";
    let valueStart = end;
    let valueEnd = end;
    while (cursor.more()) {
        const tag = cursor.tag();
        if (tag === ((1 << 3) | WIRE_BYTES)) {
            cursor.span();
            key = text(bytes, cursor.start, cursor.end);
        } else if (tag === ((2 << 3) | WIRE_BYTES)) {
            cursor.span();
            valueStart = cursor.start;
            valueEnd = cursor.end;
        } else {
            throw new NotHandled(); // as in a Struct's entries
        }
    }
    if (key === "__proto__") {
        throw new NotHandled();
    }
    entry(key, valueStart, valueEnd);
}

/** Every occurrence of a repeated string field of the message at bytes[start, end). */
function repeatedStrings(bytes: Buffer, start: number, end: number, field: number): string[] {
    const cursor = new Cursor(bytes, start, end);
    const result: string[] = [];
    while (cursor.more()) {
        const tag = cursor.tag();
        if (tag === ((field << 3) | WIRE_BYTES)) {
            cursor.span();
            result.push(text(bytes, cursor.start, cursor.end));
        } else if (tag >>> 3 === field) {
            throw new NotHandled();
        } else {
            cursor.skip(tag & 7);
        }
    }
    return result;
}
