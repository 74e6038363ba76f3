import { catalog } from "../../policies/catalog";
import { ruleTester } from "../helpers/rule-tester";
import { restDomain, v2Domain } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "custom-domain-tls")!;

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: TLS_1_2 and the TLS 1.3 enhanced policies, REST and v2",
            resources: (stack: CanonicalStack) => {
                restDomain(stack, "pass-tls12", "TLS_1_2");
                restDomain(stack, "pass-tls13", "SecurityPolicy_TLS13_1_3_2025_09", { endpointAccessMode: "STRICT" });
                restDomain(stack, "pass-tls13-and-12", "SecurityPolicy_TLS13_1_2_2021_06", { endpointAccessMode: "BASIC" });
                restDomain(stack, "pass-fips", "SecurityPolicy_TLS13_1_3_FIPS_2025_09", { endpointAccessMode: "STRICT" });
                v2Domain(stack, "pass-v2", "TLS_1_2");
            },
        },
        {
            name: "Compliance: an unclassifiable name allowed by configuration",
            resources: (stack: CanonicalStack) => restDomain(stack, "pass-allowed", "SecurityPolicy_Custom_2030"),
            config: { allowedSecurityPolicies: ["SecurityPolicy_Custom_2030"] },
        },
    ],
    invalid: [
        { name: "Noncompliance 1: TLS_1_0", resources: (stack: CanonicalStack) => restDomain(stack, "fail-tls10", "TLS_1_0"), errors: [{ resource: "fail-tls10", path: "securityPolicy", message: "security policy TLS_1_0 accepts TLS 1.0; TLS 1.2 or later is required" }] },
        { name: "Noncompliance 2: no security policy", resources: (stack: CanonicalStack) => restDomain(stack, "fail-unset", undefined), errors: [{ resource: "fail-unset", path: "securityPolicy", message: "no security policy is set, so the domain may accept TLS 1.0" }] },
        { name: "Noncompliance 3: a v2 domain with TLS_1_0", resources: (stack: CanonicalStack) => v2Domain(stack, "fail-v2", "TLS_1_0"), errors: [{ resource: "fail-v2", path: "domainNameConfiguration.securityPolicy", message: "security policy TLS_1_0 accepts TLS 1.0; TLS 1.2 or later is required" }] },
        {
            name: "Noncompliance 4: TLS 1.2 when configuration requires TLS 1.3",
            resources: (stack: CanonicalStack) => {
                restDomain(stack, "fail-tls12", "TLS_1_2");
                restDomain(stack, "pass-tls13", "SecurityPolicy_TLS13_1_3_2025_09", { endpointAccessMode: "STRICT" });
            },
            config: { minimumTlsVersion: "1.3" },
            errors: [{ resource: "fail-tls12", path: "securityPolicy", message: "security policy TLS_1_2 accepts TLS 1.2; TLS 1.3 or later is required" }],
        },
        {
            name: "Noncompliance 5: a policy name the rule cannot classify is advisory until allowed by configuration",
            resources: (stack: CanonicalStack) => restDomain(stack, "unclassified", "SecurityPolicy_Custom_2030"),
            errors: [{
                resource: "unclassified", path: "securityPolicy", level: "advisory", kind: "unverifiable",
                message: "cannot be verified until apply: security policy SecurityPolicy_Custom_2030 is not one this rule can classify; add it to allowedSecurityPolicies if it requires TLS 1.2 or later",
            }],
        },
    ],
});
