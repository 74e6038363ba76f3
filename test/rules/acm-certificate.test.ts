import * as aws from "@pulumi/aws";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "acm-certificate";

function served(name: string, args: aws.acm.CertificateArgs) {
    const certificate = new aws.acm.Certificate(name, { validationMethod: "DNS", ...args });
    new aws.apigateway.DomainName(`${name}-domain`, { domainName: "api.example.com", regionalCertificateArn: certificate.arn, endpointConfiguration: { types: "REGIONAL" }, securityPolicy: "TLS_1_2" });
}

ruleSuite(RULE, [
    {
        name: "Compliance: an exact name with transparency logging; certificates no API domain uses are not checked",
        program: () => { served("pass-exact", { domainName: "api.example.com" }); new aws.acm.Certificate("pass-unused", { domainName: "*.example.com", validationMethod: "DNS" }); },
        expect: [],
    },
    { name: "Noncompliance 1: a wildcard certificate", program: () => served("fail-wildcard", { domainName: "*.example.com" }), expect: [`mandatory ${RULE} fail-wildcard`] },
    { name: "Noncompliance 2: a wildcard alternative name", program: () => served("fail-san", { domainName: "api.example.com", subjectAlternativeNames: ["*.example.com"] }), expect: [`mandatory ${RULE} fail-san`] },
    {
        name: "Noncompliance 3: transparency logging disabled",
        program: () => served("fail-ct", { domainName: "api.example.com", options: { certificateTransparencyLoggingPreference: "DISABLED" } }),
        expect: [`mandatory ${RULE} fail-ct`],
    },
    { name: "Compliance: wildcards allowed by configuration", program: () => served("pass-allowed", { domainName: "*.example.com" }), config: { [RULE]: { allowWildcard: true } }, expect: [] },
]);
