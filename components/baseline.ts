/**
 * The hardening baseline: the values Gatehouse's components use by default, in one place, as
 * pure data. Each entry names the rule it satisfies; components (Pulumi and CDKTF) read these
 * and never restate a default.
 */
import { RECOMMENDED_ACCESS_LOG_FIELDS, RECOMMENDED_WEBSOCKET_ACCESS_LOG_FIELDS, recommendedAccessLogFormat } from "../policies/engine/logging";

export const baseline = {
    /** endpoint-type-allowed, rest-stage-waf: REGIONAL keeps the endpoint where a web ACL can protect it. */
    endpointType: "REGIONAL",
    /** custom-domain-tls */
    securityPolicy: "TLS_1_2",
    /** stage-access-logging: structured, with who called, from where, and the result. */
    accessLogFormat: RECOMMENDED_ACCESS_LOG_FIELDS,
    /** stage-access-logging, WebSocket stages: route key, event type and connection in place of method and path. */
    websocketAccessLogFormat: RECOMMENDED_WEBSOCKET_ACCESS_LOG_FIELDS,
    /** access-log-group: log retention in days (a year covers most audit requirements). */
    logRetentionDays: 365,
    /** access-log-group: days before a deleted customer KMS key for logs is destroyed. */
    kmsDeletionWindowDays: 30,
    /** rest-execution-logging, data-trace-disabled */
    methodSettings: { loggingLevel: "INFO", metricsEnabled: true, dataTraceEnabled: false },
    /** stage-throttling: both values, always (a missing one defaults to 0 on v2 stages). */
    throttling: { burstLimit: 500, rateLimit: 1000 },
    /** cache-encryption: when a cache is turned on, it is encrypted; caching itself stays off. */
    caching: { enabled: false, clusterSize: "0.5", ttlSeconds: 300, dataEncrypted: true },
    /** rest-stage-xray */
    tracingEnabled: true,
    /** rest-request-validation */
    requestValidation: { validateRequestBody: true, validateRequestParameters: true },
    /** authorizer-cache-ttl */
    authorizerResultTtlSeconds: 300,
    /** The stage name components create. */
    stageName: "prod",
    /** waf-web-acl-rules, waf-rate-based-rule */
    waf: {
        managedRuleGroups: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"],
        /** Requests per source IP per 5-minute window before it is blocked. */
        rateLimit: 2000,
    },
    /** usage-plan-limits */
    usagePlan: { throttle: { burstLimit: 100, rateLimit: 50 }, quota: { limit: 100000, period: "MONTH" } },
    /** stage-alarms: metric, statistic and threshold per API family. */
    alarms: {
        periodSeconds: 300,
        evaluationPeriods: 1,
        rest: [
            { metric: "5XXError", statistic: "Sum", threshold: 10 },
            { metric: "4XXError", statistic: "Sum", threshold: 100 },
            { metric: "Latency", statistic: "Average", threshold: 2000 },
        ],
        http: [
            { metric: "5xx", statistic: "Sum", threshold: 10 },
            { metric: "4xx", statistic: "Sum", threshold: 100 },
            { metric: "Latency", statistic: "Average", threshold: 2000 },
        ],
        websocket: [
            { metric: "ExecutionError", statistic: "Sum", threshold: 10 },
            { metric: "IntegrationError", statistic: "Sum", threshold: 10 },
            { metric: "ClientError", statistic: "Sum", threshold: 100 },
        ],
    },
    /** websocket-execution-logging, data-trace-disabled: a WebSocket stage's default route settings. */
    websocketRouteLogging: { loggingLevel: "INFO", dataTraceEnabled: false, detailedMetricsEnabled: true },
    /** A WebSocket stage's name (WebSocket APIs have no `$default` stage). */
    websocketStageName: "prod",
    /** websocket: the route selection expression of a SecureWebSocketApi. */
    routeSelectionExpression: "$request.body.action",
    /** v2-route-authorization: where an HTTP API authorizer reads the caller's token. */
    httpIdentitySources: ["$request.header.Authorization"],
    /** v2-route-authorization: where a WebSocket `$connect` authorizer reads the caller's token. */
    websocketIdentitySources: ["route.request.header.Authorization"],
    /** account-cloudwatch-role: the only policy the account's CloudWatch role holds. */
    cloudWatchRolePolicyArn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
} as const;

export type Baseline = typeof baseline;

/** The access log format as the JSON string API Gateway expects (the rule's own recommendation). */
export const accessLogFormat = recommendedAccessLogFormat;
