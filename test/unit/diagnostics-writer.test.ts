/**
 * The diagnostics writer against the generated classes it stands in for: for any findings, the
 * bytes it appends are the bytes the generated AnalyzeResponse writes for them, and it is not used
 * when the installed classes write something else.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { diagnosticsWriter, generatedDiagnostic, LEVEL_TO_WIRE, provenDiagnosticsWriter, SEVERITY_TO_WIRE, WiredViolation } from "../../policies/pulumi/diagnostics-writer";

function generated(packName: string, packVersion: string, violations: readonly WiredViolation[], notApplicable = false): Buffer {
    const response = new analyzer.AnalyzeResponse();
    if (notApplicable) {
        const entry = new analyzer.PolicyNotApplicable();
        entry.setPolicyName("other");
        entry.setReason("not here");
        response.setNotApplicableList([entry]);
    }
    response.setDiagnosticsList(violations.map((violation) => generatedDiagnostic(analyzer, packName, packVersion, violation)));
    return Buffer.from(response.serializeBinary());
}

function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 4294967296;
    };
}

describe("diagnostics written as bytes", () => {
    test("Compliance: 2,000 seeded findings are written exactly as the generated messages write them", () => {
        const next = random(18);
        const pieces = ["", "a", "é", "✓", "\u{1f512}", "\n", "\u0000", "x".repeat(130), "urn:pulumi:dev::p::aws:apigateway/stage:Stage::s"];
        const text = () => Array.from({ length: Math.floor(next() * 4) }, () => pieces[Math.floor(next() * pieces.length)]).join("");
        const levels = ["advisory", "mandatory"] as const;
        const severities = ["low", "medium", "high", "critical"] as const;
        const violations: WiredViolation[] = Array.from({ length: 2000 }, (_, i) => ({
            policyName: `rule-${i % 7}${text()}`,
            description: i % 3 === 0 ? "" : `Description ${i % 5}`,
            message: text() + (i % 11 === 0 ? "y".repeat(20000) : ""),
            urn: text(),
            enforcementLevel: levels[i % 2],
            severity: severities[i % 4],
        }));
        const writer = diagnosticsWriter("gatehouse-apigw", "0.1.0");
        for (const size of [1, 2, 17, 2000]) {
            const some = violations.slice(0, size);
            assert.deepEqual(writer(some), generated("gatehouse-apigw", "0.1.0", some), `${size} findings`);
        }
        // Appended to a response the SDK wrote (with its own entries), the engine reads one list.
        const base = generated("gatehouse-apigw", "0.1.0", [], true);
        const read = analyzer.AnalyzeResponse.deserializeBinary(Buffer.concat([base, writer(violations.slice(0, 5))]));
        assert.equal(read.getNotApplicableList().length, 1);
        assert.deepEqual(read.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getMessage(), d.getUrn(), d.getEnforcementlevel(), d.getSeverity()]),
            violations.slice(0, 5).map((v) => [v.policyName, v.message, v.urn, LEVEL_TO_WIRE[v.enforcementLevel], SEVERITY_TO_WIRE[v.severity]]));
    });

    test("Noncompliance: the writer is not used when the installed classes write the probes differently", () => {
        assert.ok(provenDiagnosticsWriter(analyzer, "gatehouse-apigw", "0.1.0"));
        // A future layout: the same messages, another field number for the diagnostics.
        const moved = {
            AnalyzeDiagnostic: analyzer.AnalyzeDiagnostic,
            AnalyzeResponse: class extends analyzer.AnalyzeResponse {
                override serializeBinary(): Uint8Array {
                    const bytes = Buffer.from(super.serializeBinary());
                    return bytes.length > 0 ? Buffer.concat([Buffer.from([0x0a, 0x00]), bytes]) : bytes;
                }
            },
        };
        assert.equal(provenDiagnosticsWriter(moved, "gatehouse-apigw", "0.1.0"), undefined);
        assert.equal(provenDiagnosticsWriter({}, "gatehouse-apigw", "0.1.0"), undefined);
    });
});
