import { catalog } from "../../policies/catalog";
import { makeResource } from "../../policies/engine/resource";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { httpApi, restApi, webSocketApi } from "./builders";
import { implicitStage, quickCreate } from "./fixtures";
import { CanonicalStack } from "./stack";

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
                restApi: "api", stageName: "prod", accessLogSettings: { destinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:access", format: "{\"requestId\":\"$context.requestId\"}" },
            }, { refs: { restApi: ["api"] } })],
        },
    ],
    invalid: [
        { name: "Noncompliance 1: a REST stage without access logs", resources: (stack: CanonicalStack) => restApi(stack, "fail-rest", { accessLogs: false }), errors: [{ resource: "fail-rest-stage", path: "accessLogSettings", message: "the stage has no access logging" }] },
        { name: "Noncompliance 2: an HTTP stage without access logs", resources: (stack: CanonicalStack) => httpApi(stack, "fail-http", { stage: { accessLogs: false } }), errors: [{ resource: "fail-http-stage", path: "accessLogSettings", message: "the stage has no access logging" }] },
        { name: "Noncompliance 3: a destination without a format", resources: (stack: CanonicalStack) => restApi(stack, "fail-format", { accessLogs: { format: "" } }), errors: [{ resource: "fail-format-stage", path: "accessLogSettings.format", message: "access logging has a destination but no format" }] },
        {
            name: "Noncompliance 4: a non-JSON format when configuration requires JSON",
            resources: (stack: CanonicalStack) => {
                restApi(stack, "fail-clf", { accessLogs: { format: "$context.identity.sourceIp $context.requestId $context.status" } });
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
            name: "Noncompliance 6: quick create's auto-deployed $default stage has no access logs",
            resources: [quickCreate("quick")],
            errors: [{ resource: "quick", path: "target", message: "quick-create stage $default: the stage has no access logging" }],
        },
    ],
});
