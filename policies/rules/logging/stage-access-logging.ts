import { accessLogFormat } from "../../../components/baseline";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { isPlainObject, isUnknown, peek, readField } from "../../engine/values";

function isJsonFormat(format: string): boolean {
    return format.trim().startsWith("{");
}

export default defineRule<{ requireJsonFormat: boolean }>({
    id: "stage-access-logging",
    title: "API stages write access logs",
    description: "Every REST, HTTP and WebSocket API stage must send access logs to a destination, with a log format.",
    rationale: "Access logs are the record of who called the API, from where and with what result: without them "
        + "abuse and incidents cannot be investigated.",
    remediation: "Set `accessLogSettings.destinationArn` to a CloudWatch log group (or Firehose stream) ARN and "
        + "`accessLogSettings.format` to a JSON format that includes `$context.requestId`, `$context.identity.sourceIp` "
        + "and `$context.status`.",
    area: "logging",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.Stage, T.V2Stage],
    config: {
        requireJsonFormat: {
            type: "boolean",
            description: "Require the access log format to be JSON (structured logs are queryable in Logs Insights).",
            default: false,
        },
    },
    references: {
        controls: ["C3"],
        owasp: ["API8:2023"],
        securityHub: ["APIGateway.9"],
        checkov: ["CKV_AWS_76", "CKV_AWS_95"],
        trivy: ["AVD-AWS-0001"],
        cdkNag: ["AwsSolutions-APIG1", "Serverless-APIGWStructuredLogging"],
        controlTower: ["CT.APIGATEWAY.PR.4"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html"],
    },
    check(stage, ctx) {
        // An unknown value here is a reference resolved at apply (a new log group's ARN): the
        // setting is present, which is what this rule decides, so it is not "unverifiable".
        const destination = peek(stage.props, "accessLogSettings.destinationArn");
        const format = peek(stage.props, "accessLogSettings.format");
        const hasDestination = isUnknown(destination) || (typeof destination === "string" && destination.trim() !== "");
        const hasFormat = isUnknown(format) || (typeof format === "string" && format.trim() !== "");
        if (!hasDestination && !hasFormat) {
            ctx.report({ path: "accessLogSettings", message: "the stage has no access logging" });
            return;
        }
        if (!hasDestination) {
            ctx.report({ path: "accessLogSettings.destinationArn", message: "access logging has a format but no destination" });
        }
        if (!hasFormat) {
            ctx.report({ path: "accessLogSettings.format", message: "access logging has a destination but no format" });
        }
        if (ctx.config.requireJsonFormat && typeof format === "string" && !isUnknown(format) && hasFormat && !isJsonFormat(format)) {
            ctx.report({ path: "accessLogSettings.format", message: "the access log format is not JSON (configuration requires JSON)" });
        }
    },
    remediate(props, ctx) {
        // Safe only where logging is set up: a destination exists and the format is missing or not JSON.
        const settings = props["accessLogSettings"];
        if (!isPlainObject(settings)) {
            return false;
        }
        const destination = readField(settings, "destinationArn");
        const format = readField(settings, "format");
        const hasDestination = isUnknown(destination) || (typeof destination === "string" && destination.trim() !== "");
        const missing = typeof format !== "string" || format.trim() === "";
        const notJson = !missing && !isUnknown(format) && ctx.config.requireJsonFormat && !isJsonFormat(format as string);
        if (hasDestination && (missing || notJson)) {
            settings["format"] = accessLogFormat();
            return true;
        }
        return false;
    },
});
