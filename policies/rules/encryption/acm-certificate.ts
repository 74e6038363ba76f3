import { msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asList, isUnknown, known } from "../../engine/values";

export default defineRule<{ allowWildcard: boolean }>({
    id: "acm-certificate",
    title: "Certificates of API custom domains are specific and logged",
    description: "ACM certificates used by API custom domains must not be wildcard certificates and must keep certificate "
        + "transparency logging on.",
    rationale: "A wildcard certificate's key serves every subdomain, so one leaked key impersonates them all; "
        + "transparency logging is how you learn that someone obtained a certificate for your domain.",
    remediation: "Request a certificate for the API's exact domain name, and leave "
        + "`options.certificateTransparencyLoggingPreference` at `ENABLED`.",
    area: "encryption",
    severity: "low",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.AcmCertificate],
    reads: [T.DomainName, T.V2DomainName],
    config: {
        allowWildcard: { type: "boolean", description: "Accept wildcard certificates (`*.example.com`).", default: false },
    },
    references: {
        controls: ["C23"],
        owasp: ["API8:2023"],
        checkov: ["CKV2_AWS_71", "CKV_AWS_234"],
        docs: ["https://docs.aws.amazon.com/acm/latest/userguide/acm-concepts.html#concept-transparency"],
    },
    check(certificate, ctx) {
        const users = [
            ...ctx.graph.referrers(certificate, T.DomainName, "certificateArn"),
            ...ctx.graph.referrers(certificate, T.DomainName, "regionalCertificateArn"),
            ...ctx.graph.referrers(certificate, T.V2DomainName, "domainNameConfiguration"),
        ];
        if (users.length === 0) {
            return;
        }
        if (!ctx.config.allowWildcard) {
            // Point at the name that is a wildcard: the domain name, or one of the alternative names.
            const names: [string, unknown][] = [["domainName", known(certificate.props, "domainName")],
                ...asList(known(certificate.props, "subjectAlternativeNames")).map((name, index): [string, unknown] => [`subjectAlternativeNames.${index}`, name])];
            const wildcard = names.find(([, name]) => typeof name === "string" && !isUnknown(name) && name.startsWith("*."));
            if (wildcard !== undefined) {
                ctx.report({ path: wildcard[0], related: users, message: msg`the certificate covers ${wildcard[1]}, a wildcard name` });
            }
        }
        const transparency = known(certificate.props, "options.certificateTransparencyLoggingPreference");
        if (typeof transparency === "string" && transparency.toUpperCase() === "DISABLED") {
            ctx.report({ path: "options.certificateTransparencyLoggingPreference", message: "certificate transparency logging is disabled" });
        }
    },
});
