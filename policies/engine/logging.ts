import type { ConfigProperty } from "./rule";

/** Configuration shared by the execution-logging rules (REST and WebSocket). */
export const EXECUTION_LOGGING_CONFIG = {
    allowedLoggingLevels: {
        type: "array",
        description: "Execution logging levels that satisfy the rule.",
        items: { type: "string", enum: ["ERROR", "INFO"] },
        default: ["ERROR", "INFO"],
    } satisfies ConfigProperty,
    requireMetrics: {
        type: "boolean",
        description: "Also require CloudWatch metrics (REST `metricsEnabled`, WebSocket `detailedMetricsEnabled`).",
        default: true,
    } satisfies ConfigProperty,
};

export interface ExecutionLoggingConfig {
    allowedLoggingLevels: string[];
    requireMetrics: boolean;
}

/** Who called, from where and when: what every recommended access log format starts with. */
const CALLER_LOG_FIELDS = {
    requestId: "$context.requestId",
    extendedRequestId: "$context.extendedRequestId",
    sourceIp: "$context.identity.sourceIp",
    userAgent: "$context.identity.userAgent",
    caller: "$context.identity.caller",
    user: "$context.identity.user",
    requestTime: "$context.requestTime",
} as const;

/**
 * The access log format stage-access-logging's remediation writes and Gatehouse's components use:
 * structured JSON with who called, from where, and the result.
 */
export const RECOMMENDED_ACCESS_LOG_FIELDS = {
    ...CALLER_LOG_FIELDS,
    httpMethod: "$context.httpMethod",
    resourcePath: "$context.resourcePath",
    protocol: "$context.protocol",
    status: "$context.status",
    responseLength: "$context.responseLength",
    responseLatency: "$context.responseLatency",
    integrationError: "$context.integration.error",
    authorizerError: "$context.authorizer.error",
} as const;

/** The recommended access log format as the JSON string API Gateway expects. */
export function recommendedAccessLogFormat(): string {
    return JSON.stringify(RECOMMENDED_ACCESS_LOG_FIELDS);
}

/**
 * The WebSocket variant: WebSocket requests have no HTTP method or resource path; the route key,
 * the event type and the connection say what happened.
 */
export const RECOMMENDED_WEBSOCKET_ACCESS_LOG_FIELDS = {
    ...CALLER_LOG_FIELDS,
    routeKey: "$context.routeKey",
    eventType: "$context.eventType",
    connectionId: "$context.connectionId",
    status: "$context.status",
    integrationError: "$context.integrationErrorMessage",
    authorizerError: "$context.authorizer.error",
} as const;
