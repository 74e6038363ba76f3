import { catalog } from "../../policies/catalog";
import { makeResource } from "../../policies/engine/resource";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { ACCESS_LOG_FORMAT, httpApi, restApi, webSocketApi } from "./builders";
import { implicitStage, quickCreate } from "./fixtures";
import { CanonicalStack, Later } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "stage-access-logging")!;

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: REST, HTTP and WebSocket stages with a destination and a JSON format",
            resources: (stack: CanonicalStack) => { restApi(stack, "pass-rest"); httpApi(stack, "pass-http"); webSocketApi(stack, "pass-socket"); },
        },
        { name: "Compliance: a deployment without stageName creates no stage", resources: implicitStage() },
        {
            name: "Compliance: a Stage resource of the same name describes the stage (no implicit one)",
            resources: [...implicitStage("prod"), resource(T.Stage, "prod", {
                restApi: "api", stageName: "prod", accessLogSettings: { destinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:access", format: ACCESS_LOG_FORMAT },
            }, { refs: { restApi: ["api"] } })],
        },
        {
            name: "Compliance: HTTP and WebSocket formats name the method and path by route key and event type; the caller by an authorizer value",
            resources: (stack: CanonicalStack) => {
                const destinationArn = "arn:aws:logs:eu-west-1:123456789012:log-group:access";
                httpApi(stack, "pass-http-route-key", { stage: { extra: { accessLogSettings: { destinationArn, format: JSON.stringify({
                    requestId: "$context.requestId", ip: "$context.identity.sourceIp", sub: "$context.authorizer.claims.sub",
                    time: "$context.requestTimeEpoch", route: "$context.routeKey", status: "$context.status",
                }) } } } });
                webSocketApi(stack, "pass-socket-event", { stage: { extra: { accessLogSettings: { destinationArn, format: JSON.stringify({
                    requestId: "$context.requestId", ip: "$context.identity.sourceIp", principal: "$context.authorizer.principalId",
                    time: "$context.requestTime", event: "$context.eventType", route: "$context.routeKey", status: "$context.status",
                }) } } } });
            },
        },
        {
            // As real modules write them: numbers every request has may stand unquoted, and the line still parses.
            name: "Compliance: a JSON format with the status, latency and length unquoted",
            resources: (stack: CanonicalStack) => restApi(stack, "pass-unquoted-numbers", { accessLogs: {
                format: ACCESS_LOG_FORMAT.replace(/\}$/u, ", \"code\": $context.status, \"latency\": $context.responseLatency, \"bytes\": ${context.responseLength}}"),
            } }),
        },
        {
            name: "Compliance: configuration narrows what a log line must record",
            resources: (stack: CanonicalStack) => restApi(stack, "pass-narrowed", { accessLogs: { format: JSON.stringify({ requestId: "$context.requestId", status: "$context.status" }) } }),
            config: { requiredLogFields: ["requestId", "status"] },
        },
    ],
    invalid: [
        { name: "Noncompliance 1: a REST stage without access logs", resources: (stack: CanonicalStack) => restApi(stack, "fail-rest", { accessLogs: false }), errors: [{ resource: "fail-rest-stage", path: "accessLogSettings", message: "the stage has no access logging" }] },
        { name: "Noncompliance 2: an HTTP stage without access logs", resources: (stack: CanonicalStack) => httpApi(stack, "fail-http", { stage: { accessLogs: false } }), errors: [{ resource: "fail-http-stage", path: "accessLogSettings", message: "the stage has no access logging" }] },
        { name: "Noncompliance 3: a destination without a format", resources: (stack: CanonicalStack) => restApi(stack, "fail-format", { accessLogs: { format: "" } }), errors: [{ resource: "fail-format-stage", path: "accessLogSettings.format", message: "access logging has a destination but no format" }] },
        {
            name: "Noncompliance 4: a non-JSON format when configuration requires JSON",
            resources: (stack: CanonicalStack) => {
                restApi(stack, "fail-clf", { accessLogs: { format: "$context.identity.sourceIp $context.identity.caller [$context.requestTime] \"$context.httpMethod $context.resourcePath\" $context.status $context.requestId" } });
                restApi(stack, "pass-json");
            },
            config: { requireJsonFormat: true },
            errors: [{ resource: "fail-clf-stage", path: "accessLogSettings.format", message: "the access log format is not JSON (configuration requires JSON)" }],
        },
        {
            name: "Noncompliance 5: Deployment.stageName creates a stage with no access logs",
            resources: implicitStage("prod"),
            errors: [{ resource: "deploy", path: "stageName", message: "implicit stage prod: the stage has no access logging" }],
        },
        {
            name: "Noncompliance 7: a secret stage name is never printed, not even in the derived stage's label",
            resources: [
                resource(T.RestApi, "api", { name: "api" }),
                resource(T.Deployment, "deploy", { restApi: "api", stageName: "stage-from-a-secret" }, { refs: { restApi: ["api"] }, secrets: new Set(["stage-from-a-secret"]) }),
            ],
            errors: [{ resource: "deploy", path: "stageName", message: "implicit stage [secret]: the stage has no access logging" }],
        },
        {
            name: "Noncompliance 8: where secrecy cannot be told, the stage name in the label is hidden like every value",
            resources: [
                resource(T.RestApi, "api", { name: "api" }),
                makeResource({ type: T.Deployment, name: "deploy", props: { restApi: "api", stageName: "prod" }, refs: { restApi: ["api"] }, origin: { frontEnd: "pulumi" }, secrecyUnknown: true }),
            ],
            errors: [{ resource: "deploy", path: "stageName", message: "implicit stage [value hidden]: the stage has no access logging" }],
        },
        {
            name: "Noncompliance 9: the word JSON (or CLF) is not a format: it uses no $context variable",
            resources: (stack: CanonicalStack) => {
                restApi(stack, "fail-word", { accessLogs: { format: "JSON" } });
                httpApi(stack, "fail-word-http", { stage: { extra: { accessLogSettings: { destinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:access", format: "CLF" } } } });
            },
            errors: [
                { resource: "fail-word-stage", path: "accessLogSettings.format", message: "the access log format \"JSON\" is not a template: it uses no $context variables, so log lines record nothing about the request" },
                { resource: "fail-word-http-stage", path: "accessLogSettings.format", message: "the access log format \"CLF\" is not a template: it uses no $context variables, so log lines record nothing about the request" },
            ],
        },
        {
            name: "Noncompliance 10: a format without the request id (and what else a log line needs) names each missing field",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-fields", { accessLogs: { format: JSON.stringify({ ip: "$context.identity.sourceIp", status: "$context.status" }) } }),
            errors: [{
                resource: "fail-fields-stage", path: "accessLogSettings.format",
                message: "the access log format does not record the request id ($context.requestId), the caller's identity ($context.identity.caller), the request time ($context.requestTime), the method ($context.httpMethod) and the path ($context.resourcePath)",
            }],
        },
        {
            name: "Noncompliance 11: a format that starts as JSON but does not parse",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-broken-json", { accessLogs: { format: ACCESS_LOG_FORMAT.replace("\"requestId\":", "requestId:") } }),
            errors: [{ resource: "fail-broken-json-stage", path: "accessLogSettings.format", message: "the access log format starts as JSON but does not parse: its log lines cannot be queried as JSON" }],
        },
        {
            name: "Noncompliance 13: a JSON format leaving a value unquoted that a request may lack (API Gateway writes -) names it",
            resources: (stack: CanonicalStack) => restApi(stack, "fail-unquoted", { accessLogs: {
                format: ACCESS_LOG_FORMAT.replace(/\}$/u, ", \"integrationLatency\": $context.integration.latency, \"authorizerStatus\": ${context.authorizer.status}}"),
            } }),
            errors: [{
                resource: "fail-unquoted-stage", path: "accessLogSettings.format",
                message: "the access log format leaves $context.integration.latency and $context.authorizer.status unquoted: API Gateway writes - where a request has no such value, and that log line is not JSON",
            }],
        },
        {
            name: "Noncompliance 12: a format not known during preview cannot be verified",
            resources: (stack: CanonicalStack) => restApi(stack, "later-format", { accessLogs: { format: new Later(ACCESS_LOG_FORMAT) } }),
            errors: {
                up: [],
                preview: [{ resource: "later-format-stage", path: "accessLogSettings.format", kind: "unverifiable", message: "cannot be verified until apply: what the access log format records is not known during preview" }],
            },
        },
        {
            name: "Noncompliance 6: quick create's auto-deployed $default stage has no access logs",
            resources: [quickCreate("quick")],
            errors: [{ resource: "quick", path: "target", message: "quick-create stage $default: the stage has no access logging" }],
        },
    ],
});
