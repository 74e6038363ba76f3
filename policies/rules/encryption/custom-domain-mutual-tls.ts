import { globToRegExp } from "../../engine/glob";
import { msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { known } from "../../engine/values";


export default defineRule<{ domainPatterns: string[] }>({
    id: "custom-domain-mutual-tls",
    title: "Custom domains that require client certificates enforce mutual TLS",
    description: "Custom domain names matching the configured patterns (e.g. partner or machine-to-machine domains) must "
        + "enable mutual TLS with a truststore. With no pattern configured, no domain is required to.",
    rationale: "Mutual TLS authenticates the client before any request reaches the API: for partner and service-to-service "
        + "traffic it is a second, independent factor next to tokens.",
    remediation: "Set `mutualTlsAuthentication: { truststoreUri: \"s3://bucket/truststore.pem\" }` on the domain name.",
    area: "encryption",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.DomainName, T.V2DomainName],
    config: {
        domainPatterns: {
            type: "array",
            description: "Domain names (with `*` wildcards) that must use mutual TLS, e.g. `*.partners.example.com`.",
            items: { type: "string" },
            default: [],
        },
    },
    references: {
        controls: ["nobody:mutual-tls"],
        owasp: ["API2:2023", "API8:2023"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html"],
    },
    check(domain, ctx) {
        if (ctx.config.domainPatterns.length === 0) {
            return;
        }
        const name = known(domain.props, "domainName");
        if (typeof name !== "string" || !ctx.config.domainPatterns.some((pattern) => globToRegExp(pattern, "i").test(name))) {
            return;
        }
        const truststore = known(domain.props, "mutualTlsAuthentication.truststoreUri");
        if (typeof truststore !== "string" || truststore === "") {
            ctx.report({ path: "mutualTlsAuthentication", message: msg`domain ${name} must use mutual TLS (configured) and has no truststore` });
        }
    },
});
