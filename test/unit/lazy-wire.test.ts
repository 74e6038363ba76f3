import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, test } from "node:test";
import { lazyReaders } from "../../policies/pulumi/lazy-wire";
import { hasWaiverTag, propertyNames, SECRET_SIG, SIG_KEY, WireResource } from "../../policies/pulumi/wire";
import { UNKNOWN_STRING } from "../../policies/engine/values";
import { loadProtocol } from "../../testing/protocol";

/**
 * The lazy request readers against the generated deserializer they stand in for: every request of
 * a corpus, and thousands of mutations of them, read both ways must give the same types, names,
 * properties (values, key order, -0, NaN), secrets, unknowns, property dependencies and options;
 * where the generated deserializer fails, the lazy reading must fail too (at once, or on the
 * field that holds the bad bytes).
 */

const proto = loadProtocol(path.resolve(__dirname, "../../.."));
const analyzer = proto.analyzer;
const { Struct } = proto.struct;
const readers = lazyReaders({
    AnalyzeRequest: analyzer.AnalyzeRequest,
    AnalyzeStackRequest: analyzer.AnalyzeStackRequest,
    AnalyzerResource: analyzer.AnalyzerResource,
    AnalyzerResourceOptions: analyzer.AnalyzerResourceOptions,
    AnalyzerProviderResource: analyzer.AnalyzerProviderResource,
    Struct,
});

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });
const reference = (urn: string, id: string) => ({ [SIG_KEY]: "5cf8f73096256a8f31e491e813e4eb8e", urn, id });

/** Property bags covering what the engine sends: secrets (nested too), unknowns, references, odd keys and numbers. */
const PROPERTY_BAGS: Record<string, unknown>[] = [
    {},
    { name: "api", tags: { owner: "team", "gatehouse:waive:rest-stage-waf": "fronted by CloudFront WAF" } },
    { zeta: 1, alpha: "a", "10": true, "2": null, Mid: [1, "two", false, null, { b: 2, a: 1 }], nested: { deeper: { deepest: [[[]]] } } },
    { apiKey: secret("pk_live_0123456789"), policy: secret(JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] })) },
    { settings: secret({ loggingLevel: "INFO", dataTraceEnabled: secret(true) }), list: [secret("a"), "b"] },
    { restApi: UNKNOWN_STRING, stageName: "prod", variables: { x: UNKNOWN_STRING }, count: -0, big: 1e308, small: 5e-324, negative: -12.5 },
    { notANumber: Number.NaN, infinite: Number.POSITIVE_INFINITY, minusInfinite: Number.NEGATIVE_INFINITY },
    { "emoji 🔐": "ключ", "日本語": "値", "": "empty key", "\u0000": "nul", text: "line\nbreak \"quoted\" \\ slash \uFFFD" },
    { restApi: reference("urn:pulumi:dev::p::aws:apigateway/restApi:RestApi::api", "abc123"), redacted: "[secret]" },
    { body: JSON.stringify({ openapi: "3.0.1", paths: { "/": { get: { security: [] } } } }), endpointConfiguration: { types: "PRIVATE" } },
];

function options(index: number): any {
    const result = new analyzer.AnalyzerResourceOptions();
    result.setProtect(index % 2 === 0);
    result.setIgnorechangesList(index % 3 === 0 ? ["tags"] : []);
    if (index % 4 === 1) {
        result.setDeletebeforereplacedefined(true);
        result.setDeletebeforereplace(index % 8 === 1);
    }
    result.setParent(index % 2 ? `urn:pulumi:dev::p::pkg:index:Parent::p${index}` : "");
    return result;
}

function provider(index: number): any | undefined {
    if (index % 3 !== 0) {
        return undefined;
    }
    const result = new analyzer.AnalyzerProviderResource();
    result.setType("pulumi:providers:aws");
    result.setName("default");
    result.setUrn("urn:pulumi:dev::p::pulumi:providers:aws::default");
    result.setProperties(Struct.fromJavaScript({ region: "us-east-1" }));
    return result;
}

function stackRequest(): Buffer {
    const request = new analyzer.AnalyzeStackRequest();
    request.setResourcesList(PROPERTY_BAGS.map((bag, index) => {
        const resource = new analyzer.AnalyzerResource();
        resource.setType(index % 2 ? "aws:apigateway/stage:Stage" : "aws:apigateway/restApi:RestApi");
        resource.setName(`resource-${index}`);
        resource.setUrn(`urn:pulumi:dev::p::aws:apigateway/stage:Stage::resource-${index}`);
        if (index !== 0) {
            resource.setProperties(Struct.fromJavaScript(bag));
        }
        resource.setOptions(options(index));
        const providerResource = provider(index);
        if (providerResource) {
            resource.setProvider(providerResource);
        }
        if (index % 2) {
            resource.setParent(`urn:pulumi:dev::p::pkg:index:Parent::p${index}`);
        }
        resource.setDependenciesList(index % 2 ? [`urn:a${index}`, `urn:b${index}`] : []);
        const dependencies = resource.getPropertydependenciesMap();
        for (const [prop, urns] of [["restApi", [`urn:api${index}`]], ["stageName", []], ["deployment", [`urn:d${index}`, `urn:e${index}`]], ["alpha", ["urn:z"]]] as const) {
            if (index % 3 !== 2) {
                const value = new analyzer.AnalyzerPropertyDependencies();
                value.setUrnsList([...urns]);
                dependencies.set(prop, value);
            }
        }
        return resource;
    }));
    return Buffer.from(request.serializeBinary());
}

function analyzeRequests(): Buffer[] {
    return PROPERTY_BAGS.map((bag, index) => {
        const request = new analyzer.AnalyzeRequest();
        request.setType("aws:apigateway/method:Method");
        request.setName(`method-${index}`);
        request.setUrn(`urn:pulumi:dev::p::aws:apigateway/method:Method::method-${index}`);
        if (index !== 0) {
            request.setProperties(Struct.fromJavaScript(bag));
        }
        if (index !== 1) {
            request.setOptions(options(index));
        }
        const providerResource = provider(index);
        if (providerResource) {
            request.setProvider(providerResource);
        }
        return Buffer.from(request.serializeBinary());
    });
}

type Attempt = { value: unknown } | { error: true };

function attempt(read: () => unknown): Attempt {
    try {
        return { value: read() };
    } catch {
        return { error: true };
    }
}

/** What the pack reads from one resource message, and everything else the SDK could. */
function observeResource(message: any, stack: boolean): Record<string, Attempt> {
    const wire = new WireResource(message);
    const observation: Record<string, Attempt> = {
        type: attempt(() => message.getType()),
        urn: attempt(() => message.getUrn()),
        name: attempt(() => message.getName()),
        properties: attempt(() => message.getProperties()?.toJavaScript()),
        names: attempt(() => [...new Set(propertyNames(message))].sort()),
        waiverTag: attempt(() => hasWaiverTag(message, "gatehouse:waive")),
        converted: attempt(() => ({ props: wire.props, secrets: [...wire.secretValues()].sort() })),
        options: attempt(() => message.getOptions()?.toObject()),
        deleteBeforeReplace: attempt(() => wire.options),
        provider: attempt(() => message.getProvider()?.toObject()),
        serialized: attempt(() => Buffer.from(message.serializeBinary()).toString("hex")),
    };
    if (stack) {
        observation["parent"] = attempt(() => message.getParent());
        observation["dependencies"] = attempt(() => message.getDependenciesList());
        observation["refs"] = attempt(() => wire.refs);
        observation["propertyDependencies"] = attempt(() => {
            const entries: [string, string[]][] = [];
            message.getPropertydependenciesMap().forEach((value: any, key: string) => entries.push([key, value.getUrnsList()]));
            return entries;
        });
    }
    return observation;
}

/** Strict equality that also compares key order, prototypes, -0 and NaN. */
function same(a: unknown, b: unknown, at = "$"): string | undefined {
    if (typeof a !== typeof b) {
        return `${at}: ${typeof a} vs ${typeof b}`;
    }
    if (a === null || b === null || typeof a !== "object") {
        return Object.is(a, b) ? undefined : `${at}: ${String(a)} vs ${String(b)}`;
    }
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
        return `${at}: prototypes differ`;
    }
    const keysA = Object.keys(a as object);
    const keysB = Object.keys(b as object);
    if (keysA.join("\u0001") !== keysB.join("\u0001")) {
        return `${at}: keys ${JSON.stringify(keysA)} vs ${JSON.stringify(keysB)}`;
    }
    for (const key of keysA) {
        const difference = same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
        if (difference) {
            return difference;
        }
    }
    return undefined;
}

function hasError(observations: Record<string, Attempt>[]): boolean {
    return observations.some((observation) => Object.values(observation).some((value) => "error" in value));
}

/** Compares both readings of one request; returns a description of the first difference. */
function compare(kind: "analyze" | "stack", bytes: Buffer): string | undefined {
    return compareReadings(kind, bytes).difference;
}

function compareReadings(kind: "analyze" | "stack", bytes: Buffer): { difference?: string; refused: boolean } {
    const generatedClass = kind === "stack" ? analyzer.AnalyzeStackRequest : analyzer.AnalyzeRequest;
    const read = kind === "stack" ? readers.analyzeStackRequest : readers.analyzeRequest;
    const observe = (request: any) => kind === "stack"
        ? request.getResourcesList().map((message: any) => observeResource(message, true))
        : [observeResource(request, false)];
    let generated: Record<string, Attempt>[] | undefined;
    try {
        generated = observe(generatedClass.deserializeBinary(bytes));
    } catch {
        generated = undefined;
    }
    let lazy: Record<string, Attempt>[] | undefined;
    try {
        lazy = observe(read(bytes));
    } catch {
        lazy = undefined;
    }
    if (generated === undefined) {
        // The generated deserializer refuses these bytes: the lazy reading must not pass them off as whole.
        return { refused: true, difference: lazy === undefined || hasError(lazy) ? undefined : "the generated deserializer fails, the lazy reader read every field" };
    }
    if (lazy === undefined) {
        return { refused: false, difference: "the lazy reader fails where the generated deserializer reads the request" };
    }
    return { refused: false, difference: same(lazy, generated) };
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
    return () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function mutate(bytes: Buffer, next: () => number): Buffer {
    let result = Buffer.from(bytes);
    const mutations = 1 + Math.floor(next() * 3);
    for (let i = 0; i < mutations; i++) {
        const at = Math.floor(next() * Math.max(1, result.length));
        switch (Math.floor(next() * 6)) {
            case 0: // flip one bit
                if (result.length > 0) {
                    result[at] ^= 1 << Math.floor(next() * 8);
                }
                break;
            case 1: // any byte
                if (result.length > 0) {
                    result[at] = Math.floor(next() * 256);
                }
                break;
            case 2: // truncate
                result = result.subarray(0, at);
                break;
            case 3: { // insert random bytes
                const inserted = Buffer.from(Array.from({ length: 1 + Math.floor(next() * 4) }, () => Math.floor(next() * 256)));
                result = Buffer.concat([result.subarray(0, at), inserted, result.subarray(at)]);
                break;
            }
            case 4: { // repeat a range (duplicate fields, entries, keys)
                const length = Math.floor(next() * 40);
                result = Buffer.concat([result.subarray(0, at + length), result.subarray(at, at + length), result.subarray(at + length)]);
                break;
            }
            default: // drop a range
                result = Buffer.concat([result.subarray(0, at), result.subarray(at + 1 + Math.floor(next() * 8))]);
        }
    }
    return result;
}

/** Protobuf encoding by hand, for shapes the generated encoder cannot produce. */
const varint = (value: number): number[] => {
    const bytes: number[] = [];
    while (value > 0x7f) {
        bytes.push((value & 0x7f) | 0x80);
        value = Math.floor(value / 128);
    }
    bytes.push(value);
    return bytes;
};
const field = (number: number, wireType: number, payload: number[]): number[] =>
    wireType === 2 ? [...varint((number << 3) | 2), ...varint(payload.length), ...payload] : [...varint((number << 3) | wireType), ...payload];
const utf8 = (text: string) => [...Buffer.from(text, "utf8")];
const stringValue = (text: string) => field(3, 2, utf8(text));
const entry = (key: number[], value: number[]) => field(1, 2, [...field(1, 2, key), ...field(2, 2, value)]);
const stackOf = (resourceFields: number[]) => Buffer.from(field(1, 2, resourceFields));
const resourceWith = (properties: number[]) => [...field(1, 2, utf8("aws:apigateway/stage:Stage")), ...field(2, 2, properties), ...field(3, 2, utf8("urn:x"))];

describe("lazy request readers against the generated deserializer", () => {
    test("the corpus reads the same both ways, and the lazy reading is not the generated one in disguise", () => {
        const stack = stackRequest();
        assert.equal(compare("stack", stack), undefined);
        for (const request of analyzeRequests()) {
            assert.equal(compare("analyze", request), undefined);
        }
        const lazy = readers.analyzeStackRequest(stack);
        assert.equal(lazy instanceof analyzer.AnalyzeStackRequest, false);
        assert.equal(lazy.getResourcesList()[3].getProperties() instanceof Struct, false);
        // Secrets and unknowns come through the pack's conversion as they always have.
        const converted = new WireResource(lazy.getResourcesList()[4]);
        assert.deepEqual(converted.props, { list: ["a", "b"], settings: { dataTraceEnabled: true, loggingLevel: "INFO" } });
        assert.deepEqual([...converted.secretValues()].sort(), ["INFO", "a", "true"]);
        assert.deepEqual(new WireResource(lazy.getResourcesList()[1]).refs, { alpha: ["urn:z"], deployment: ["urn:d1", "urn:e1"], restApi: ["urn:api1"] });
    });

    test("shapes the generated encoder never writes: duplicates, unknown fields, odd values", () => {
        // Each case is a resource's fields (AnalyzerResource and AnalyzeRequest share fields 1–6), read in both requests.
        const cases: [string, number[]][] = [
            ["a key twice (the last wins)", resourceWith([...entry(utf8("k"), stringValue("first")), ...entry(utf8("k"), stringValue("second"))])],
            ["type twice (the last wins)", [...field(1, 2, utf8("first")), ...field(1, 2, utf8("aws:apigateway/stage:Stage"))]],
            ["properties twice (the last wins)", [...field(2, 2, entry(utf8("a"), stringValue("x"))), ...field(2, 2, entry(utf8("b"), stringValue("y")))]],
            ["unknown fields at every level", [...resourceWith([...entry(utf8("k"), [...stringValue("v"), ...field(9, 0, [5])]), ...field(7, 5, [1, 2, 3, 4])]), ...field(15, 1, [1, 2, 3, 4, 5, 6, 7, 8])]],
            ["an unknown field inside a map entry", resourceWith(field(1, 2, [...field(1, 2, utf8("k")), ...field(630, 5, [0x2a, 0x25, 0x0a, 0x23]), ...field(2, 2, stringValue("v"))]))],
            ["the value twice in one entry (merged)", resourceWith(field(1, 2, [...field(1, 2, utf8("k")), ...field(2, 2, stringValue("v")), ...field(2, 2, [])]))],
            ["two kinds in one Value (the last wins)", resourceWith(entry(utf8("k"), [...stringValue("text"), ...field(4, 0, [1])]))],
            ["a Value without a kind", resourceWith(entry(utf8("k"), []))],
            ["an entry without a value", resourceWith(field(1, 2, field(1, 2, utf8("k"))))],
            ["an entry without a key", resourceWith(field(1, 2, field(2, 2, stringValue("v"))))],
            ["a null_value enum other than 0", resourceWith(entry(utf8("k"), field(1, 0, [7])))],
            ["a bool as a long varint", resourceWith(entry(utf8("k"), field(4, 0, [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])))],
            ["invalid UTF-8 in a value", resourceWith(entry(utf8("k"), field(3, 2, [0xff, 0xfe, 0x41])))],
            ["invalid UTF-8 in a key", resourceWith(entry([0xc3], stringValue("v")))],
            ["invalid UTF-8 in the type", field(1, 2, [0xed, 0xa0, 0x80])],
            ["a __proto__ key", resourceWith([...entry(utf8("__proto__"), stringValue("v")), ...entry(utf8("a"), stringValue("b"))])],
            ["a number with the wrong wire type", resourceWith(entry(utf8("k"), field(2, 0, [5])))],
            ["a group", resourceWith([...varint((9 << 3) | 3), ...varint((9 << 3) | 4)])],
            ["a string field as a varint", field(3, 0, [1])],
            ["a length past the end", [0x1a, 0x7f, 0x0a, 0x01]],
            ["field number zero", [0x02, 0x00]],
            ["no field at all", []],
        ];
        let nested: number[] = stringValue("bottom");
        for (let depth = 0; depth < 300; depth++) {
            nested = field(6, 2, field(1, 2, nested)); // list_value holding the previous value
        }
        cases.push(["values nested 300 deep", resourceWith(entry(utf8("k"), nested))]);
        for (const [name, fields] of cases) {
            assert.equal(compare("stack", stackOf(fields)), undefined, name);
            assert.equal(compare("analyze", Buffer.from(fields)), undefined, `${name} (Analyze)`);
        }
        for (const [name, bytes] of [["a resource longer than the request", [0x0a, 0x7f, 0x0a, 0x01]], ["a tag cut short", [0x0a, 0x01, 0x8a]]] as const) {
            assert.equal(compare("stack", Buffer.from(bytes)), undefined, name);
        }
    });

    test("1,500 mutations of the corpus read the same both ways, or fail in both", () => {
        const next = random(Number(process.env["LAZY_WIRE_SEED"] ?? 20261202));
        const stack = stackRequest();
        const requests = analyzeRequests();
        const failures: string[] = [];
        let refused = 0;
        const count = 1500;
        for (let i = 0; i < count; i++) {
            const kind = i % 2 ? "stack" : "analyze";
            const original = kind === "stack" ? stack : requests[i % requests.length];
            const bytes = mutate(original, next);
            const { difference, refused: wasRefused } = compareReadings(kind, bytes);
            refused += wasRefused ? 1 : 0;
            if (difference) {
                if (process.env["LAZY_WIRE_DUMP"]) {
                    require("node:fs").writeFileSync(`${process.env["LAZY_WIRE_DUMP"]}-${i}.bin`, bytes);
                }
                failures.push(`case ${i} (${kind}, ${bytes.toString("hex").slice(0, 80)}…): ${difference}`);
            }
        }
        assert.deepEqual(failures.slice(0, 5), []);
        // The mutations reach both outcomes: bytes the generated reader takes and bytes it refuses.
        assert.ok(refused > count * 0.1 && refused < count * 0.9, `${refused} of ${count} mutations refused by the generated reader`);
    });
});
