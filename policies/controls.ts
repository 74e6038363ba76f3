/**
 * The controls the peers check on API Gateway (C1–C24) and the ones none of them checks, from the
 * rule landscape (../shared/notes/rule-landscape.md). Every entry must be implemented by at least
 * one rule (`references.controls`); a test fails on any gap.
 */

export interface LandscapeControl {
    readonly id: string;
    readonly title: string;
}

export const CONTROLS: readonly LandscapeControl[] = [
    { id: "C1", title: "Every REST method / v2 route requires authorization; an API key alone is not authentication" },
    { id: "C2", title: "REST API resource policy has no Allow to Principal * without a condition" },
    { id: "C3", title: "Access logging on every v1 and v2 stage, with a destination and a format" },
    { id: "C4", title: "Execution logging (ERROR or INFO) and metrics on REST/WebSocket stages" },
    { id: "C5", title: "Full request/response logging (data trace) off" },
    { id: "C6", title: "X-Ray tracing on REST stages" },
    { id: "C7", title: "Caching on (cost/performance, not security; never forced)" },
    { id: "C8", title: "Cache data encrypted whenever caching is on" },
    { id: "C9", title: "Backend client certificate on REST (and WebSocket) stages" },
    { id: "C10", title: "Custom domains use a TLS 1.2+ security policy" },
    { id: "C11", title: "v2 private integrations use TLS" },
    { id: "C12", title: "Public REST stages are associated with a WAFv2 web ACL" },
    { id: "C13", title: "The web ACL has rules and the AWS managed rule groups" },
    { id: "C14", title: "WAF logging configured" },
    { id: "C15", title: "Request validation on REST methods" },
    { id: "C16", title: "Throttling: stage defaults and usage plans with throttle and quota" },
    { id: "C17", title: "CORS does not allow * origins" },
    { id: "C18", title: "Endpoint type allow-list" },
    { id: "C19", title: "Cognito user pools used by authorizers are hardened; identity pools deny unauthenticated access" },
    { id: "C20", title: "Access log groups have a KMS key and finite retention" },
    { id: "C21", title: "Lambda permissions for API Gateway are scoped by source ARN; never principal *" },
    { id: "C22", title: "Least-privilege IAM for roles API Gateway uses; trust limited to the service" },
    { id: "C23", title: "ACM certificates for custom domains: no wildcard, transparency logging" },
    { id: "C24", title: "Deployments and REST APIs are created before the old ones are destroyed" },
    { id: "nobody:rate-based-waf-rule", title: "A rate-based rule on the web ACL protecting the API" },
    { id: "nobody:api-key-not-hardcoded", title: "API key values are not hard-coded" },
    { id: "nobody:usage-plan-limits", title: "Usage plans actually set throttle and quota" },
    { id: "nobody:execute-api-endpoint-disabled", title: "The default execute-api endpoint is disabled when a custom domain is the entry" },
    { id: "nobody:mutual-tls", title: "Mutual TLS on custom domains where configuration requires it" },
    { id: "nobody:account-cloudwatch-role", title: "The account's API Gateway CloudWatch role has only push-to-CloudWatch permissions" },
    { id: "nobody:jwt-issuer-audience", title: "JWT authorizers set issuer and audience" },
    { id: "nobody:authorizer-cache-bounded", title: "Lambda authorizer result caching is bounded" },
    { id: "nobody:websocket-data-trace", title: "v2 default route settings keep data trace off (WebSocket)" },
    { id: "nobody:stage-alarms", title: "Alarms on 4XX, 5XX and latency for each stage" },
    { id: "nobody:stale-assets", title: "Stale assets: stages without a deployment, untagged APIs, deprecated stage names" },
];

/** The peers' false positives every release must keep avoiding; each has a no-violation test case. */
export const PITFALLS: readonly string[] = [
    "cors-preflight-options",
    "api-key-with-authorizer",
    "websocket-non-connect-routes",
    "http-api-never-waf",
    "private-api-without-waf",
    "cache-encryption-with-caching-off",
    "method-settings-without-settings",
    "tls13-policy-names",
    "preview-links-through-dependencies",
    "waivers-with-reasons",
    "v2-throttling-both-values",
    "account-cloudwatch-role-managed-policy",
];
