import { apiOfStage, protocolOf } from "../../engine/links";
import { lit, msg } from "../../engine/message";
import { EXECUTION_LOGGING_CONFIG, ExecutionLoggingConfig } from "../../engine/logging";
import { defineRule, ifKnownLater } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, isUnknown, known, peek } from "../../engine/values";

export default defineRule<ExecutionLoggingConfig>({
    id: "websocket-execution-logging",
    title: "WebSocket stages log execution at ERROR or INFO, with metrics",
    description: "WebSocket API stages must set `defaultRouteSettings.loggingLevel` to ERROR or INFO and turn detailed "
        + "metrics on.",
    rationale: "Execution logs are the only record of failed connections, authorizer denials and integration errors on a "
        + "WebSocket API.",
    remediation: "Set `defaultRouteSettings: { loggingLevel: \"ERROR\", detailedMetricsEnabled: true, throttlingBurstLimit, "
        + "throttlingRateLimit }` (set both throttling values: see stage-throttling).",
    area: "logging",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.V2Stage],
    reads: [T.V2Api],
    config: EXECUTION_LOGGING_CONFIG,
    references: {
        controls: ["C4"],
        owasp: ["API8:2023"],
        securityHub: ["APIGateway.1"],
        checkov: ["CKV2_AWS_4"],
        awsConfig: ["api-gw-execution-logging-enabled"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html"],
    },
    check(stage, ctx) {
        const api = apiOfStage(ctx.graph, stage);
        const protocol = api ? peek(api.props, "protocolType") : undefined;
        if (isUnknown(protocol)) {
            ctx.unverifiable({ resource: api, path: "protocolType", message: "the API's protocol type is not known during preview" });
            return;
        }
        // A stage whose API is not in the input may be a WebSocket API's: judge it, and say what could not be seen.
        const checked = api ? ctx : ifKnownLater(ctx, "the stage's API is not in the input, so whether it is a WebSocket API (which this rule is about) cannot be told", { outsideInput: true });
        if (api && protocolOf(api) !== "WEBSOCKET") {
            return;
        }
        const allowed = ctx.config.allowedLoggingLevels.map((level) => level.toUpperCase());
        const level = known(stage.props, "defaultRouteSettings.loggingLevel");
        if (typeof level !== "string" || !allowed.includes(level.toUpperCase())) {
            checked.report({
                path: "defaultRouteSettings.loggingLevel",
                message: msg`execution logging level is ${level ?? "OFF"}; expected one of ${lit(allowed.join(", "))}`,
            });
        }
        if (ctx.config.requireMetrics && asBoolean(known(stage.props, "defaultRouteSettings.detailedMetricsEnabled")) !== true) {
            checked.report({ path: "defaultRouteSettings.detailedMetricsEnabled", message: "detailed CloudWatch metrics are off for the stage" });
        }
    },
});
