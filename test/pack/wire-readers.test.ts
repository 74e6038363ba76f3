/**
 * The pack reads Analyze and AnalyzeStack requests lazily from their bytes (policies/pulumi/lazy-wire.ts)
 * and writes its findings into the responses as bytes (policies/pulumi/diagnostics-writer.ts);
 * GATEHOUSE_WIRE_READER=generated and GATEHOUSE_WIRE_WRITER=generated make it use the generated
 * deserializer and messages, as before. Over the real
 * protocol, both give the same diagnostics — messages, levels, secrets hidden, unknowns in preview,
 * waivers — and the lazy reader no longer fails a whole call for bytes no rule reads.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { restDocument } from "../fixtures/openapi";
import { apiRole, httpApi, restApi, restDomain, statement, v2Domain, webSocketApi } from "../fixtures/stacks";
import type { Diagnostic } from "../../testing/engine";
import { MODES, PACK_DIR, resourceName, usePack } from "../helpers/pack";

function mixedStack(): void {
    for (const index of [0, 1]) {
        const p = `s${index}`;
        restApi(`${p}-rest`);
        restApi(`${p}-legacy`, { endpointType: "EDGE", waf: false, accessLogs: false, methods: [{ httpMethod: "GET", authorization: "NONE" }] });
        httpApi(`${p}-http`);
        webSocketApi(`${p}-socket`);
        apiRole(`${p}-role`, { inlinePolicy: statement("lambda:InvokeFunction", `arn:aws:lambda:us-east-1:123456789012:function:${p}`) });
        restDomain(`${p}-domain`, index ? pulumi.secret("TLS_1_0") : "TLS_1_2");
        v2Domain(`${p}-v2-domain`, "TLS_1_0");
        new aws.apigateway.RestApi(`${p}-openapi`, { body: JSON.stringify(restDocument("openapi3", index === 0)), endpointConfiguration: { types: "REGIONAL" } });
    }
    new aws.apigateway.ApiKey("hardcoded-key", { value: pulumi.secret("pk_live_0123456789abcdef") });
    new aws.cloudwatch.LogGroup("waived-logs", { retentionInDays: 1, tags: { "gatehouse:waive": "access-log-group: sandbox account, deleted nightly" } });
}

const shown = (diagnostics: readonly Diagnostic[]) => diagnostics
    .map((d) => [d.phase, d.policyName, d.enforcementLevel, d.severity, resourceName(d.urn), d.message].join(" | "))
    .sort();

/** Protobuf encoding by hand, for bytes the generated encoder cannot write. */
const varint = (value: number): number[] => {
    const bytes: number[] = [];
    while (value > 0x7f) {
        bytes.push((value & 0x7f) | 0x80);
        value >>>= 7;
    }
    bytes.push(value);
    return bytes;
};
const field = (number: number, payload: number[]): number[] => [...varint((number << 3) | 2), ...varint(payload.length), ...payload];
const utf8 = (text: string) => [...Buffer.from(text, "utf8")];

/**
 * An AnalyzeRequest whose property `name` holds a Value without a kind (the generated reader
 * decodes it, Value.toJavaScript() refuses it), or a number with the wrong wire type (the
 * generated reader refuses the whole request).
 */
function requestWith(value: "kindless" | "misencoded", type: string, name: string): Buffer {
    const encoded = value === "kindless" ? [] : [...varint((2 << 3) | 0), 5];
    const properties = field(1, [...field(1, utf8("name")), ...field(2, encoded)]);
    return Buffer.from([
        ...field(1, utf8(type)), ...field(2, properties), ...field(3, utf8(`urn:pulumi:dev::p::${type}::${name}`)), ...field(4, utf8(name)), ...field(5, []),
    ]);
}

describe("lazy and generated request readers", () => {
    const lazy = usePack();
    const generated = usePack(PACK_DIR, { env: { GATEHOUSE_WIRE_READER: "generated", GATEHOUSE_WIRE_WRITER: "generated" } });

    for (const mode of MODES) {
        test(`give the same diagnostics, message for message (${mode})`, async () => {
            const [fromLazy, fromGenerated] = [await lazy.run(mixedStack, mode), await generated.run(mixedStack, mode)];
            assert.ok(fromLazy.diagnostics.length > 40, `${fromLazy.diagnostics.length} diagnostics`);
            assert.deepEqual(shown(fromLazy.diagnostics), shown(fromGenerated.diagnostics));
            assert.ok(fromLazy.diagnostics.every((d) => !d.message.includes("pk_live_0123456789abcdef") && !d.message.includes("TLS_1_0\"")));
        });
    }

    const decode = (bytes: Buffer) => lazy.process.protocol.analyzer.AnalyzeResponse.deserializeBinary(bytes).getDiagnosticsList();
    const stageUrn = "urn:pulumi:dev::p::aws:apigateway/stage:Stage::stage";

    test("a value Value.toJavaScript() refuses is a finding naming the resource, with either reader", async () => {
        for (const pack of [lazy, generated]) {
            const read = decode(await pack.engine.rawCall("Analyze", requestWith("kindless", "aws:apigateway/stage:Stage", "stage")));
            assert.deepEqual(read.map((d: any) => `${d.getPolicyname()} ${d.getEnforcementlevel()} ${d.getUrn()}`), [`gatehouse-resource-rules 0 ${stageUrn}`]);
            assert.equal(read[0].getMessage(), "Gatehouse could not read the request: the properties of "
                + `${stageUrn} could not be decoded (Error: Unexpected struct type); no rule was evaluated for it.`);
        }
    });

    test("bytes the generated reader refuses fail the call there; the lazy reader answers, and reports them where a rule reads them", async () => {
        await assert.rejects(generated.engine.rawCall("Analyze", requestWith("misencoded", "aws:s3/bucket:Bucket", "bucket")), /Assertion failed|deserializ/i);
        assert.deepEqual(decode(await lazy.engine.rawCall("Analyze", requestWith("misencoded", "aws:s3/bucket:Bucket", "bucket"))).length, 0);
        const read = decode(await lazy.engine.rawCall("Analyze", requestWith("misencoded", "aws:apigateway/stage:Stage", "stage")));
        assert.deepEqual(read.map((d: any) => d.getMessage()), ["Gatehouse could not read the request: the properties of "
            + `${stageUrn} could not be decoded (Error: Assertion failed); no rule was evaluated for it.`]);
    });
});
