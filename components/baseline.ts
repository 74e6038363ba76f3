/**
 * The hardening baseline: the values Gatehouse's components use by default, in one place, as
 * pure data. Each entry names the rule it satisfies; components read these and never restate
 * a default.
 */

export const baseline = {
    /** REGIONAL keeps the endpoint in the account's region, where a web ACL can protect it. */
    endpointType: "REGIONAL",
    /** custom-domain-tls */
    securityPolicy: "TLS_1_2",
    /** stage-access-logging: structured, with who called, from where, and the result. */
    accessLogFormat: {
        requestId: "$context.requestId",
        extendedRequestId: "$context.extendedRequestId",
        sourceIp: "$context.identity.sourceIp",
        userAgent: "$context.identity.userAgent",
        caller: "$context.identity.caller",
        user: "$context.identity.user",
        requestTime: "$context.requestTime",
        httpMethod: "$context.httpMethod",
        resourcePath: "$context.resourcePath",
        protocol: "$context.protocol",
        status: "$context.status",
        responseLength: "$context.responseLength",
        responseLatency: "$context.responseLatency",
        integrationError: "$context.integration.error",
        authorizerError: "$context.authorizer.error",
    },
    /** Log retention in days (a year covers most audit requirements). */
    logRetentionDays: 365,
    /** rest-execution-logging */
    methodSettings: { loggingLevel: "INFO", metricsEnabled: true, dataTraceEnabled: false },
    /** stage-throttling: both values, always (a missing one defaults to 0 on v2 stages). */
    throttling: { burstLimit: 500, rateLimit: 1000 },
} as const;

export type Baseline = typeof baseline;

/** The access log format as the JSON string API Gateway expects. */
export function accessLogFormat(): string {
    return JSON.stringify(baseline.accessLogFormat);
}
