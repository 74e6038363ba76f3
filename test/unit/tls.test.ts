import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { minimumTlsVersion } from "../../policies/rules/encryption/custom-domain-tls";

describe("security policy classification", () => {
    const cases: [string, number | undefined][] = [
        ["TLS_1_0", 1.0],
        ["TLS_1_2", 1.2],
        ["SecurityPolicy_TLS13_1_3_2025_09", 1.3],
        ["SecurityPolicy_TLS13_1_3_FIPS_2025_09", 1.3],
        ["SecurityPolicy_TLS13_1_2_2021_06", 1.2],
        ["SecurityPolicy_TLS13_1_2_PQ_2025_09", 1.2],
        ["SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09", 1.2],
        ["SecurityPolicy_TLS12_2018_EDGE", 1.2],
        ["SecurityPolicy_TLS12_PFS_2025_EDGE", 1.2],
        ["SecurityPolicy_TLS13_2025_EDGE", 1.3],
        ["SecurityPolicy_Custom", undefined],
        ["tls-1-2", undefined],
    ];
    for (const [name, expected] of cases) {
        test(`${name} accepts TLS ${expected ?? "(unclassified)"} and later`, () => {
            assert.equal(minimumTlsVersion(name), expected);
        });
    }
});
