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
