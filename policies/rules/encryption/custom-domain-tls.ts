import { lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { known } from "../../engine/values";

/**
 * The minimum TLS version a security policy accepts, or undefined for a name we cannot read.
 * Legacy names: TLS_1_0, TLS_1_2. Enhanced names: SecurityPolicy_TLS13_1_3_2025_09 (TLS 1.3
 * only), SecurityPolicy_TLS13_1_2_2021_06 (1.3 and 1.2), SecurityPolicy_TLS12_2018_EDGE,
 * SecurityPolicy_TLS13_2025_EDGE — reading the version numbers keeps names AWS adds later
 * working, where a fixed allow-list goes stale.
 */
export function minimumTlsVersion(policy: string): number | undefined {
    const legacy = /^TLS_1_(\d)$/i.exec(policy);
    if (legacy) {
        return 1 + Number(legacy[1]) / 10;
    }
    const enhanced = /^SecurityPolicy_TLS1(\d)(?:_1_(\d))?(?:_|$)/i.exec(policy);
    if (enhanced) {
        return 1 + Number(enhanced[2] ?? enhanced[1]) / 10;
    }
    return undefined;
}

export default defineRule<{ minimumTlsVersion: string; allowedSecurityPolicies: string[] }>({
    id: "custom-domain-tls",
    title: "Custom domains require TLS 1.2 or later",
    description: "REST, HTTP and WebSocket custom domain names must use a security policy whose minimum TLS version is "
        + "1.2 or later (TLS_1_2 and every SecurityPolicy_TLS12_* / SecurityPolicy_TLS13_* policy).",
    rationale: "TLS 1.0 and 1.1 have known weaknesses (BEAST, weak cipher suites) and are disallowed by PCI DSS; "
        + "a domain without an explicit policy may accept them.",
    remediation: "Set `securityPolicy` (REST) or `domainNameConfiguration.securityPolicy` (HTTP/WebSocket) to "
        + "`TLS_1_2`, or to an enhanced policy such as `SecurityPolicy_TLS13_1_3_2025_09` with an endpoint access mode.",
    area: "encryption",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.DomainName, T.V2DomainName],
    config: {
        minimumTlsVersion: {
            type: "string",
            description: "Lowest TLS version a custom domain may accept.",
            enum: ["1.2", "1.3"],
            default: "1.2",
        },
        allowedSecurityPolicies: {
            type: "array",
            description: "Security policy names accepted in addition to those meeting the minimum version (for names "
                + "this rule cannot classify). Empty: only the version check applies.",
            items: { type: "string" },
            default: [],
        },
    },
    references: {
        controls: ["C10"],
        owasp: ["API8:2023"],
        checkov: ["CKV_AWS_206"],
        trivy: ["AVD-AWS-0005"],
        controlTower: ["CT.APIGATEWAY.PR.6"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html"],
    },
    check(domain, ctx) {
        const path = domain.type === T.V2DomainName ? "domainNameConfiguration.securityPolicy" : "securityPolicy";
        const policy = known(domain.props, path);
        if (typeof policy !== "string" || policy === "") {
            ctx.report({ path, message: "no security policy is set, so the domain may accept TLS 1.0" });
            return;
        }
        if (ctx.config.allowedSecurityPolicies.includes(policy)) {
            return;
        }
        const required = Number(ctx.config.minimumTlsVersion);
        const minimum = minimumTlsVersion(policy);
        if (minimum === undefined) {
            ctx.unverifiable({
                path,
                message: msg`security policy ${policy} is not one this rule can classify; add it to allowedSecurityPolicies if it requires TLS ${lit(ctx.config.minimumTlsVersion)} or later`,
            });
            return;
        }
        if (minimum < required) {
            ctx.report({
                path,
                message: msg`security policy ${policy} accepts TLS ${lit(minimum.toFixed(1))}; TLS ${lit(ctx.config.minimumTlsVersion)} or later is required`,
            });
        }
    },
    remediate(props, ctx) {
        const holder = ctx.type === T.V2DomainName ? props["domainNameConfiguration"] : props;
        if (holder === null || typeof holder !== "object" || Array.isArray(holder)) {
            return false;
        }
        const settings = holder as Record<string, unknown>;
        const current = settings["securityPolicy"];
        const minimum = typeof current === "string" ? minimumTlsVersion(current) : undefined;
        if (current === undefined || current === "" || (minimum !== undefined && minimum < Number(ctx.config.minimumTlsVersion))) {
            if (ctx.config.minimumTlsVersion !== "1.2") {
                // TLS 1.3-only policies need an endpoint access mode too: not a safe automatic change.
                return false;
            }
            settings["securityPolicy"] = "TLS_1_2";
            return true;
        }
        return false;
    },
});
