import { ALL_METHODS_PATH, methodSettingsOfStage } from "../../engine/links";
import { lit, msg } from "../../engine/message";
import { EXECUTION_LOGGING_CONFIG, ExecutionLoggingConfig } from "../../engine/logging";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, known } from "../../engine/values";

export default defineRule<ExecutionLoggingConfig>({
    id: "rest-execution-logging",
    title: "REST stages log execution at ERROR or INFO, with metrics",
    description: "Every REST API stage must have a MethodSettings for `*/*` with execution logging at ERROR or INFO and "
        + "CloudWatch metrics on, and no method may turn execution logging off.",
    rationale: "Execution logs show authorizer, integration and throttling failures that access logs do not; metrics feed "
        + "the alarms that tell you an API is failing or being abused.",
    remediation: "Add an `aws.apigateway.MethodSettings` for the stage with `methodPath: \"*/*\"` and "
        + "`settings: { loggingLevel: \"INFO\", metricsEnabled: true }`. The account needs a CloudWatch role "
        + "(aws.apigateway.Account) for execution logs to be written.",
    area: "logging",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.Stage],
    reads: [T.MethodSettings, T.RestApi],
    config: EXECUTION_LOGGING_CONFIG,
    references: {
        controls: ["C4"],
        owasp: ["API8:2023"],
        securityHub: ["APIGateway.1"],
        checkov: ["CKV2_AWS_4"],
        cdkNag: ["AwsSolutions-APIG6"],
        awsConfig: ["api-gw-execution-logging-enabled"],
        controlTower: ["CT.APIGATEWAY.PR.1"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html"],
    },
    check(stage, ctx) {
        const { linked, undecided } = methodSettingsOfStage(ctx.graph, stage);
        const allowed = ctx.config.allowedLoggingLevels.map((level) => level.toUpperCase());
        let stageWide: typeof linked[number] | undefined;
        for (const settings of linked) {
            const methodPath = known(settings.props, "methodPath");
            if (methodPath === ALL_METHODS_PATH) {
                stageWide = settings;
                continue;
            }
            const level = known(settings.props, "settings.loggingLevel");
            if (typeof level === "string" && level.toUpperCase() === "OFF") {
                ctx.report({ resource: settings, path: "settings.loggingLevel", message: msg`execution logging is turned off for ${methodPath}` });
            }
        }
        if (!stageWide) {
            if (undecided.length > 0) {
                ctx.unverifiable({ path: "stageName", message: "MethodSettings of this API name their stage with a value known only after apply" });
                return;
            }
            ctx.report({ message: msg`no MethodSettings with methodPath ${lit(ALL_METHODS_PATH)} applies to this stage, so execution logging and metrics are off` });
            return;
        }
        const level = known(stageWide.props, "settings.loggingLevel");
        if (typeof level !== "string" || !allowed.includes(level.toUpperCase())) {
            ctx.report({
                resource: stageWide,
                path: "settings.loggingLevel",
                message: msg`execution logging level is ${level ?? "OFF"}; expected one of ${lit(allowed.join(", "))}`,
            });
        }
        if (ctx.config.requireMetrics && asBoolean(known(stageWide.props, "settings.metricsEnabled")) !== true) {
            ctx.report({ resource: stageWide, path: "settings.metricsEnabled", message: "CloudWatch metrics are off for the stage" });
        }
    },
});
