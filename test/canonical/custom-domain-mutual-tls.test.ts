import { catalog } from "../../policies/catalog";
import { ruleTester } from "../helpers/rule-tester";
import { restDomain, v2Domain } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "custom-domain-mutual-tls")!;
const CONFIG = { domainPatterns: ["*-partners.example.com"] };

ruleTester(rule, {
    valid: [
        { name: "Compliance: no domain requires mutual TLS unless configured", resources: (stack: CanonicalStack) => restDomain(stack, "fail-partners", "TLS_1_2") },
        {
            name: "Compliance: matching domains with a truststore; other domains without",
            resources: (stack: CanonicalStack) => {
                restDomain(stack, "pass-partners", "TLS_1_2", { mutualTlsAuthentication: { truststoreUri: "s3://trust/partners.pem" } });
                restDomain(stack, "pass-public", "TLS_1_2");
            },
            config: CONFIG,
        },
    ],
    invalid: [
        { name: "Noncompliance 1: a matching REST domain without a truststore", resources: (stack: CanonicalStack) => restDomain(stack, "fail-partners", "TLS_1_2"), config: CONFIG, errors: [{ resource: "fail-partners", path: "mutualTlsAuthentication", message: "domain fail-partners.example.com must use mutual TLS (configured) and has no truststore" }] },
        { name: "Noncompliance 2: a matching v2 domain without a truststore", resources: (stack: CanonicalStack) => v2Domain(stack, "fail-v2-partners", "TLS_1_2"), config: CONFIG, errors: [{ resource: "fail-v2-partners", path: "mutualTlsAuthentication", message: "domain fail-v2-partners.example.com must use mutual TLS (configured) and has no truststore" }] },
    ],
});
