import { recommendedAccessLogFormat } from "../../engine/logging";
import { joinMessages, listing, lit, msg } from "../../engine/message";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { isPlainObject, isUnknown, peek, readField } from "../../engine/values";

function isJsonFormat(format: string): boolean {
    return format.trim().startsWith("{");
}

/**
 * What a usable access log line records, and the `$context` variables that record it on REST,
 * HTTP or WebSocket stages (a WebSocket line's method and path are its route key and event type).
 */
const LOG_FIELDS = {
    requestId: { label: "the request id", variables: ["$context.requestId", "$context.extendedRequestId", "$context.awsEndpointRequestId"] },
    sourceIp: { label: "the source IP", variables: ["$context.identity.sourceIp"] },
    caller: {
        label: "the caller's identity",
        variables: ["$context.identity.caller", "$context.identity.user", "$context.identity.userArn", "$context.identity.accountId",
            "$context.identity.cognitoIdentityId", "$context.identity.principalOrgId", "$context.identity.clientCert.subjectDN", "$context.authorizer.*"],
    },
    time: { label: "the request time", variables: ["$context.requestTime", "$context.requestTimeEpoch"] },
    method: { label: "the method", variables: ["$context.httpMethod", "$context.routeKey", "$context.eventType"] },
    path: { label: "the path", variables: ["$context.resourcePath", "$context.path", "$context.routeKey"] },
    status: { label: "the status", variables: ["$context.status"] },
} as const;

type LogField = keyof typeof LOG_FIELDS;
const LOG_FIELD_NAMES = Object.keys(LOG_FIELDS) as LogField[];

function records(variables: ReadonlySet<string>, field: LogField): boolean {
    return LOG_FIELDS[field].variables.some((wanted) => wanted.endsWith(".*")
        ? [...variables].some((variable) => variable.startsWith(wanted.slice(0, -1)))
        : variables.has(wanted));
}

/** The `$context.…` variables a format uses (also written `${context.…}` in some templates). */
function contextVariables(format: string): Set<string> {
    return new Set([...format.matchAll(/\$\{?(context(?:\.[A-Za-z0-9_-]+)+)/g)].map((match) => `$${match[1]}`));
}

function parses(text: string): boolean {
    try {
        JSON.parse(text);
        return true;
    } catch {
        return false;
    }
}

/**
 * Numbers every request has, so a format may leave them unquoted (`"status": $context.status`)
 * and its lines still parse. Any other value may be missing, and API Gateway then writes `-`.
 */
const ALWAYS_NUMBERS = new Set(["$context.status", "$context.responseLatency", "$context.responseLength", "$context.requestTimeEpoch"]);

/** `$context.…` variables outside JSON strings, each with where it stands. */
function unquotedVariables(format: string): { variable: string; at: number; end: number }[] {
    const out: { variable: string; at: number; end: number }[] = [];
    let inString = false;
    for (let i = 0; i < format.length; i++) {
        const char = format[i];
        if (inString) {
            if (char === "\\") {
                i++;
            } else if (char === "\"") {
                inString = false;
            }
        } else if (char === "\"") {
            inString = true;
        } else if (char === "$") {
            // `${context.x}` in braces, or `$context.x` (whose next `}` closes the object).
            const match = /^\$(?:\{(context(?:\.[A-Za-z0-9_-]+)+)\}|(context(?:\.[A-Za-z0-9_-]+)+))/u.exec(format.slice(i, i + 200));
            if (match) {
                out.push({ variable: `$${match[1] ?? match[2]}`, at: i, end: i + match[0].length });
                i += match[0].length - 1;
            }
        }
    }
    return out;
}

/**
 * Whether a JSON format's lines parse once API Gateway puts its values in, and if not because of
 * unquoted values that may be missing, which ones.
 */
function jsonFormatProblem(format: string): { unquoted?: string[] } | undefined {
    const unquoted = unquotedVariables(format);
    const withValues = (replace: (variable: string) => boolean) => {
        let text = "";
        let from = 0;
        for (const { variable, at, end } of unquoted) {
            text += format.slice(from, at) + (replace(variable) ? "0" : format.slice(at, end));
            from = end;
        }
        return text + format.slice(from);
    };
    if (parses(withValues((variable) => ALWAYS_NUMBERS.has(variable)))) {
        return undefined;
    }
    const mayBeMissing = [...new Set(unquoted.map(({ variable }) => variable).filter((variable) => !ALWAYS_NUMBERS.has(variable)))];
    return mayBeMissing.length > 0 && parses(withValues(() => true)) ? { unquoted: mayBeMissing } : {};
}

export default defineRule<{ requireJsonFormat: boolean; requiredLogFields: LogField[] }>({
    id: "stage-access-logging",
    title: "API stages write access logs",
    description: "Every REST, HTTP and WebSocket API stage must send access logs to a destination, with a log format "
        + "that is a template (JSON that parses, or CLF, XML or CSV) recording at least the request id, source IP, caller "
        + "identity, request time, method, path and status.",
    rationale: "Access logs are the record of who called the API, from where and with what result: without them "
        + "abuse and incidents cannot be investigated.",
    remediation: "Set `accessLogSettings.destinationArn` to a CloudWatch log group (or Firehose stream) ARN and "
        + "`accessLogSettings.format` to a JSON format that includes `$context.requestId`, `$context.identity.sourceIp`, "
        + "`$context.identity.caller` (or `$context.identity.user`, or an `$context.authorizer` value), "
        + "`$context.requestTime`, `$context.httpMethod` and `$context.resourcePath` (`$context.routeKey` on HTTP and "
        + "WebSocket APIs) and `$context.status`.",
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
        requiredLogFields: {
            type: "array",
            description: "What every access log line must record (each by any of its `$context` variables): requestId, "
                + "sourceIp, caller, time, method, path, status.",
            items: { type: "string", enum: LOG_FIELD_NAMES },
            default: LOG_FIELD_NAMES,
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
        if (!hasFormat) {
            return;
        }
        if (isUnknown(format)) {
            ctx.unverifiable({ path: "accessLogSettings.format", message: "what the access log format records is not known during preview" });
            return;
        }
        const text = format as string;
        const variables = contextVariables(text);
        if (variables.size === 0) {
            ctx.report({ path: "accessLogSettings.format", message: msg`the access log format "${text}" is not a template: it uses no $context variables, so log lines record nothing about the request` });
            return;
        }
        const problem = isJsonFormat(text) ? jsonFormatProblem(text) : undefined;
        if (problem?.unquoted) {
            ctx.report({ path: "accessLogSettings.format", message: joinMessages("the access log format leaves ", lit(listing(problem.unquoted)),
                " unquoted: API Gateway writes - where a request has no such value, and that log line is not JSON") });
        } else if (problem) {
            ctx.report({ path: "accessLogSettings.format", message: "the access log format starts as JSON but does not parse: its log lines cannot be queried as JSON" });
        } else if (ctx.config.requireJsonFormat && !isJsonFormat(text)) {
            ctx.report({ path: "accessLogSettings.format", message: "the access log format is not JSON (configuration requires JSON)" });
        }
        const missing = LOG_FIELD_NAMES.filter((field) => ctx.config.requiredLogFields.includes(field) && !records(variables, field));
        if (missing.length > 0) {
            const named = missing.map((field) => `${LOG_FIELDS[field].label} (${LOG_FIELDS[field].variables[0]})`);
            ctx.report({ path: "accessLogSettings.format", message: joinMessages("the access log format does not record ", lit(listing(named))) });
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
        // A format with no $context variable ("JSON", "CLF") records nothing: replacing it loses nothing.
        const missing = typeof format !== "string" || format.trim() === "" || (!isUnknown(format) && contextVariables(format).size === 0);
        const notJson = !missing && !isUnknown(format) && ctx.config.requireJsonFormat && !isJsonFormat(format as string);
        if (hasDestination && (missing || notJson)) {
            settings["format"] = recommendedAccessLogFormat();
            return true;
        }
        return false;
    },
});
