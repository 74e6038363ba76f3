import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "acm-certificate")!;

function served(stack: CanonicalStack, name: string, args: Record<string, unknown>) {
    const certificate = stack.add(T.AcmCertificate, name, { validationMethod: "DNS", ...args });
    stack.add(T.DomainName, `${name}-domain`, { domainName: "api.example.com", regionalCertificateArn: certificate.out("arn"), endpointConfiguration: { types: ["REGIONAL"] }, securityPolicy: "TLS_1_2" });
}

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: an exact name with transparency logging; certificates no API domain uses are not checked",
            resources: (stack: CanonicalStack) => { served(stack, "pass-exact", { domainName: "api.example.com" }); stack.add(T.AcmCertificate, "pass-unused", { domainName: "*.example.com", validationMethod: "DNS" }); },
        },
        { name: "Compliance: wildcards allowed by configuration", resources: (stack: CanonicalStack) => served(stack, "pass-allowed", { domainName: "*.example.com" }), config: { allowWildcard: true } },
    ],
    invalid: [
        { name: "Noncompliance 1: a wildcard certificate", resources: (stack: CanonicalStack) => served(stack, "fail-wildcard", { domainName: "*.example.com" }), errors: [{ resource: "fail-wildcard", path: "domainName", message: "the certificate covers *.example.com, a wildcard name" }] },
        { name: "Noncompliance 2: a wildcard alternative name", resources: (stack: CanonicalStack) => served(stack, "fail-san", { domainName: "api.example.com", subjectAlternativeNames: ["*.example.com"] }), errors: [{ resource: "fail-san", path: "subjectAlternativeNames.0", message: "the certificate covers *.example.com, a wildcard name" }] },
        {
            name: "Noncompliance 3: transparency logging disabled",
            resources: (stack: CanonicalStack) => served(stack, "fail-ct", { domainName: "api.example.com", options: { certificateTransparencyLoggingPreference: "DISABLED" } }),
            errors: [{ resource: "fail-ct", path: "options.certificateTransparencyLoggingPreference", message: "certificate transparency logging is disabled" }],
        },
    ],
});
