import { restDomain, v2Domain } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "custom-domain-mutual-tls";
const CONFIG = { [RULE]: { domainPatterns: ["*-partners.example.com"] } };

ruleSuite(RULE, [
    { name: "Compliance: no domain requires mutual TLS unless configured", program: () => restDomain("fail-partners", "TLS_1_2"), expect: [] },
    {
        name: "Compliance: matching domains with a truststore; other domains without",
        program: () => { restDomain("pass-partners", "TLS_1_2", { mutualTlsAuthentication: { truststoreUri: "s3://trust/partners.pem" } }); restDomain("pass-public", "TLS_1_2"); },
        config: CONFIG,
        expect: [],
    },
    { name: "Noncompliance 1: a matching REST domain without a truststore", program: () => restDomain("fail-partners", "TLS_1_2"), config: CONFIG, expect: [`mandatory ${RULE} fail-partners`] },
    { name: "Noncompliance 2: a matching v2 domain without a truststore", program: () => v2Domain("fail-v2-partners", "TLS_1_2"), config: CONFIG, expect: [`mandatory ${RULE} fail-v2-partners`] },
]);
