import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { restDomain, v2Domain } from "../fixtures/stacks";
import { MODES, summarise, usePack } from "../helpers/pack";

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

describe("custom-domain-tls remediation", () => {
    const pack = usePack();
    for (const mode of MODES) {
        test(`Remediate then Analyze leaves no violation and keeps secret inputs secret (${mode})`, async () => {
            const run = await pack.run(() => {
                restDomain("fix-rest", "TLS_1_0", { tags: { owner: pulumi.secret("platform-team-secret") } });
                restDomain("fix-unset", undefined);
                v2Domain("fix-v2", "TLS_1_0");
                restDomain("keep-tls13", "SecurityPolicy_TLS13_1_3_2025_09", { endpointAccessMode: "STRICT" });
            }, mode, { "custom-domain-tls": "remediate" });
            assert.deepEqual(summarise(run.diagnostics), []);
            const fixed = run.remediations.filter((r) => r.policyName === "custom-domain-tls").map((r) => r.urn.split("::").pop()).sort();
            assert.deepEqual(fixed, ["fix-rest", "fix-unset", "fix-v2"]);
            const inputs = (name: string) => [...run.analyzedInputs].find(([urn]) => urn.endsWith(`::${name}`))![1] as any;
            assert.equal(inputs("fix-rest").securityPolicy, "TLS_1_2");
            assert.equal(inputs("fix-v2").domainNameConfiguration.securityPolicy, "TLS_1_2");
            assert.equal(inputs("keep-tls13").securityPolicy, "SecurityPolicy_TLS13_1_3_2025_09");
            const owner = inputs("fix-rest").tags.owner;
            assert.equal(owner[SECRET_SIG_KEY], "1b47061264138c4ac30d75fd1eb44270", "the secret tag is still a secret");
            assert.equal(owner.value, "platform-team-secret");
        });
    }

    test("a secret security policy stays secret when it is replaced", async () => {
        const run = await pack.run(() => restDomain("fix-secret", pulumi.secret("TLS_1_0")), "up", { "custom-domain-tls": "remediate" });
        assert.deepEqual(summarise(run.diagnostics), []);
        const [, inputs] = [...run.analyzedInputs].find(([urn]) => urn.endsWith("::fix-secret"))! as [string, any];
        assert.deepEqual(inputs.securityPolicy, { [SECRET_SIG_KEY]: "1b47061264138c4ac30d75fd1eb44270", value: "TLS_1_2" });
    });
});
