import { restDomain, v2Domain } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "custom-domain-tls";

ruleSuite(RULE, [
    {
        name: "Compliance: TLS_1_2 and the TLS 1.3 enhanced policies, REST and v2",
        program: () => {
            restDomain("pass-tls12", "TLS_1_2");
            restDomain("pass-tls13", "SecurityPolicy_TLS13_1_3_2025_09", { endpointAccessMode: "STRICT" });
            restDomain("pass-tls13-and-12", "SecurityPolicy_TLS13_1_2_2021_06", { endpointAccessMode: "BASIC" });
            restDomain("pass-fips", "SecurityPolicy_TLS13_1_3_FIPS_2025_09", { endpointAccessMode: "STRICT" });
            v2Domain("pass-v2", "TLS_1_2");
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: TLS_1_0",
        program: () => restDomain("fail-tls10", "TLS_1_0"),
        expect: [`mandatory ${RULE} fail-tls10`],
    },
    {
        name: "Noncompliance 2: no security policy",
        program: () => restDomain("fail-unset", undefined),
        expect: [`mandatory ${RULE} fail-unset`],
    },
    {
        name: "Noncompliance 3: a v2 domain with TLS_1_0",
        program: () => v2Domain("fail-v2", "TLS_1_0"),
        expect: [`mandatory ${RULE} fail-v2`],
    },
    {
        name: "Noncompliance 4: TLS 1.2 when configuration requires TLS 1.3",
        program: () => {
            restDomain("fail-tls12", "TLS_1_2");
            restDomain("pass-tls13", "SecurityPolicy_TLS13_1_3_2025_09", { endpointAccessMode: "STRICT" });
        },
        config: { [RULE]: { minimumTlsVersion: "1.3" } },
        expect: [`mandatory ${RULE} fail-tls12`],
    },
    {
        name: "A policy name the rule cannot classify is advisory until allowed by configuration",
        program: () => restDomain("unclassified", "SecurityPolicy_Custom_2030"),
        expect: [`advisory ${RULE} unclassified`],
    },
    {
        name: "Compliance: an unclassifiable name allowed by configuration",
        program: () => restDomain("pass-allowed", "SecurityPolicy_Custom_2030"),
        config: { [RULE]: { allowedSecurityPolicies: ["SecurityPolicy_Custom_2030"] } },
        expect: [],
    },
]);
