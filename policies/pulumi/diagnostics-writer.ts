/**
 * The pack's findings written straight to protobuf bytes: the diagnostics field of a
 * pulumirpc.AnalyzeResponse, appended to the bytes of the SDK's own response (a repeated field's
 * entries may arrive in any number of pieces, so the engine reads one list). A 10,000-resource
 * AnalyzeStack answers ~4,000 findings: building a generated message for each and serializing
 * them costs more than the pack's evaluation of some rules. The writer proves itself against the
 * installed generated classes before it is used; when it cannot, the bridge builds the messages.
 */
import type { Severity } from "../engine/rule";

export interface WiredViolation {
    readonly policyName: string;
    readonly description: string;
    readonly message: string;
    readonly urn: string;
    readonly enforcementLevel: "advisory" | "mandatory";
    readonly severity: Severity;
}

export const LEVEL_TO_WIRE = { advisory: 0, mandatory: 1 } as const;
export const SEVERITY_TO_WIRE: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

/** pulumirpc.AnalyzeResponse.diagnostics and pulumirpc.AnalyzeDiagnostic's fields (analyzer.proto). */
const RESPONSE_DIAGNOSTICS = 2;
const FIELD = { policyName: 1, packName: 2, packVersion: 3, description: 4, message: 5, level: 7, urn: 8, severity: 9 } as const;

const LENGTH_DELIMITED = 2;
const VARINT = 0;

function varintSize(value: number): number {
    let size = 1;
    while (value >= 0x80) {
        value = Math.floor(value / 128);
        size++;
    }
    return size;
}

function writeVarint(buffer: Buffer, offset: number, value: number): number {
    while (value >= 0x80) {
        buffer[offset++] = (value & 0x7f) | 0x80;
        value = Math.floor(value / 128);
    }
    buffer[offset++] = value;
    return offset;
}

/** A string field's size on the wire; proto3 leaves an empty string out. */
function stringFieldSize(bytes: number): number {
    return bytes === 0 ? 0 : 1 + varintSize(bytes) + bytes;
}

function writeStringField(buffer: Buffer, offset: number, field: number, value: string, bytes: number): number {
    if (bytes === 0) {
        return offset;
    }
    buffer[offset++] = (field << 3) | LENGTH_DELIMITED;
    offset = writeVarint(buffer, offset, bytes);
    return offset + buffer.write(value, offset, bytes, "utf8");
}

function enumFieldSize(value: number): number {
    return value === 0 ? 0 : 1 + varintSize(value);
}

function writeEnumField(buffer: Buffer, offset: number, field: number, value: number): number {
    if (value === 0) {
        return offset;
    }
    buffer[offset++] = (field << 3) | VARINT;
    return writeVarint(buffer, offset, value);
}

export type DiagnosticsWriter = (violations: readonly WiredViolation[]) => Buffer;

/** Writes `violations` as AnalyzeResponse.diagnostics entries of the pack `packName`@`packVersion`. */
export function diagnosticsWriter(packName: string, packVersion: string): DiagnosticsWriter {
    // A rule's name and description open each of its diagnostics: written once per rule.
    const openings = new Map<string, Map<string, Buffer>>();
    const opening = (violation: WiredViolation): Buffer => {
        let byDescription = openings.get(violation.policyName);
        if (!byDescription) {
            byDescription = new Map();
            openings.set(violation.policyName, byDescription);
        }
        let bytes = byDescription.get(violation.description);
        if (!bytes) {
            const parts: [number, string][] = [[FIELD.policyName, violation.policyName], [FIELD.packName, packName],
                [FIELD.packVersion, packVersion], [FIELD.description, violation.description]];
            const sizes = parts.map(([, value]) => Buffer.byteLength(value, "utf8"));
            bytes = Buffer.alloc(sizes.reduce((total, size) => total + stringFieldSize(size), 0));
            let offset = 0;
            parts.forEach(([field, value], index) => {
                offset = writeStringField(bytes!, offset, field, value, sizes[index]);
            });
            byDescription.set(violation.description, bytes);
        }
        return bytes;
    };
    return (violations) => {
        const messageBytes = new Array<number>(violations.length);
        const urnBytes = new Array<number>(violations.length);
        const bodySizes = new Array<number>(violations.length);
        let total = 0;
        for (let i = 0; i < violations.length; i++) {
            const violation = violations[i];
            messageBytes[i] = Buffer.byteLength(violation.message, "utf8");
            urnBytes[i] = Buffer.byteLength(violation.urn, "utf8");
            const body = opening(violation).length + stringFieldSize(messageBytes[i]) + enumFieldSize(LEVEL_TO_WIRE[violation.enforcementLevel])
                + stringFieldSize(urnBytes[i]) + enumFieldSize(SEVERITY_TO_WIRE[violation.severity]);
            bodySizes[i] = body;
            total += 1 + varintSize(body) + body;
        }
        const buffer = Buffer.allocUnsafe(total);
        let offset = 0;
        for (let i = 0; i < violations.length; i++) {
            const violation = violations[i];
            buffer[offset++] = (RESPONSE_DIAGNOSTICS << 3) | LENGTH_DELIMITED;
            offset = writeVarint(buffer, offset, bodySizes[i]);
            offset += opening(violation).copy(buffer, offset);
            offset = writeStringField(buffer, offset, FIELD.message, violation.message, messageBytes[i]);
            offset = writeEnumField(buffer, offset, FIELD.level, LEVEL_TO_WIRE[violation.enforcementLevel]);
            offset = writeStringField(buffer, offset, FIELD.urn, violation.urn, urnBytes[i]);
            offset = writeEnumField(buffer, offset, FIELD.severity, SEVERITY_TO_WIRE[violation.severity]);
        }
        return buffer;
    };
}

/** The generated message for a violation, set field by field with the SDK's setters. */
export function generatedDiagnostic(analyzerProto: any, packName: string, packVersion: string, violation: WiredViolation): any {
    const diagnostic = new analyzerProto.AnalyzeDiagnostic();
    diagnostic.setPolicyname(violation.policyName);
    diagnostic.setPolicypackname(packName);
    diagnostic.setPolicypackversion(packVersion);
    diagnostic.setDescription(violation.description);
    diagnostic.setMessage(violation.message);
    diagnostic.setEnforcementlevel(LEVEL_TO_WIRE[violation.enforcementLevel]);
    diagnostic.setUrn(violation.urn);
    diagnostic.setSeverity(SEVERITY_TO_WIRE[violation.severity]);
    return diagnostic;
}

/** Violations that exercise every field's edge: empty strings, level 0, multi-byte text, long messages. */
const PROBES: readonly WiredViolation[] = [
    { policyName: "probe-a", description: "A probe.", message: "café ✓ \u{1f512}", urn: "", enforcementLevel: "advisory", severity: "low" },
    { policyName: "probe-b", description: "", message: "x".repeat(300), urn: "urn:pulumi:s::p::aws:apigateway/restApi:RestApi::a", enforcementLevel: "mandatory", severity: "critical" },
    { policyName: "probe-a", description: "A probe.", message: "", urn: "urn", enforcementLevel: "mandatory", severity: "high" },
];

/**
 * The writer, if it writes exactly what the installed generated classes write for the probes (a
 * message set with the SDK's setters and serialized by its serializer); otherwise undefined.
 */
export function provenDiagnosticsWriter(analyzerProto: any, packName: string, packVersion: string): DiagnosticsWriter | undefined {
    try {
        const writer = diagnosticsWriter(packName, packVersion);
        const response = new analyzerProto.AnalyzeResponse();
        response.setDiagnosticsList(PROBES.map((violation) => generatedDiagnostic(analyzerProto, packName, packVersion, violation)));
        const expected = Buffer.from(response.serializeBinary());
        return writer(PROBES).equals(expected) ? writer : undefined;
    } catch {
        return undefined;
    }
}
