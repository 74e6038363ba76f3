/** Stage rules over the stages API Gateway creates implicitly: a Deployment's stageName, quick create's $default. */
import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { quickCreate } from "./fixtures";

const byId = (id: string) => catalog.find((candidate) => candidate.id === id)!;
const api = () => resource(T.RestApi, "api", { name: "api", endpointConfiguration: { types: ["REGIONAL"] } });
const deployment = (stageName?: string) => resource(T.Deployment, "deploy", { restApi: "api", ...(stageName ? { stageName } : {}) }, { refs: { restApi: ["api"] } });

ruleTester(byId("stage-access-logging"), {
    valid: [
        { name: "Compliance: a deployment without stageName creates no stage", resources: [api(), deployment()] },
        {
            name: "Compliance: a Stage resource of the same name describes the stage (no implicit one)",
            resources: [api(), deployment("prod"), resource(T.Stage, "prod", {
                restApi: "api", stageName: "prod", accessLogSettings: { destinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:access", format: "{\"requestId\":\"$context.requestId\"}" },
            }, { refs: { restApi: ["api"] } })],
        },
    ],
    invalid: [
        {
            name: "Noncompliance 1: Deployment.stageName creates a stage with no access logs",
            resources: [api(), deployment("prod")],
            errors: [{ resource: "deploy", path: "stageName", message: "implicit stage prod: the stage has no access logging" }],
        },
        {
            name: "Noncompliance 2: quick create's auto-deployed $default stage has no access logs",
            resources: [quickCreate("quick")],
            errors: [{ resource: "quick", path: "target", message: "quick-create stage $default: the stage has no access logging" }],
        },
    ],
});

ruleTester(byId("rest-stage-xray"), {
    valid: [{ name: "Compliance: no implicit stage", resources: [api(), deployment()] }],
    invalid: [{
        name: "Noncompliance 1: an implicit stage has tracing off",
        resources: [api(), deployment("prod")],
        errors: [{ resource: "deploy", path: "stageName", message: "implicit stage prod: X-Ray tracing is off for the stage" }],
    }],
});

ruleTester(byId("stage-throttling"), {
    valid: [{
        name: "Compliance: a declared $default stage with both throttling values replaces quick create's",
        resources: [quickCreate("quick"), resource(T.V2Stage, "default", { apiId: "quick", name: "$default", defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 } }, { refs: { apiId: ["quick"] } })],
    }],
    invalid: [{
        name: "Noncompliance 1: quick create's stage is unthrottled",
        resources: [quickCreate("quick")],
        errors: [
            { resource: "quick", path: "target", message: "quick-create stage $default: the stage sets no burst limit" },
            { resource: "quick", path: "target", message: "quick-create stage $default: the stage sets no rate limit" },
        ],
    }],
});

ruleTester(byId("rest-execution-logging"), {
    valid: [{
        name: "Compliance: MethodSettings naming the deployment's stage (stage_name = aws_api_gateway_deployment.d.stage_name) apply to the implicit stage",
        resources: [api(), deployment("prod"), resource(T.MethodSettings, "all", {
            restApi: "api", stageName: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", methodPath: "*/*",
            settings: { loggingLevel: "INFO", metricsEnabled: true, dataTraceEnabled: false, throttlingBurstLimit: 100, throttlingRateLimit: 50 },
        }, { refs: { restApi: ["api"], stageName: ["deploy"] } })],
    }],
    invalid: [{
        name: "Noncompliance 1: nothing configures the implicit stage's execution logging",
        resources: [api(), deployment("prod")],
        errors: [{ resource: "deploy", path: "stageName", message: "implicit stage prod: no MethodSettings with methodPath */* applies to this stage, so execution logging and metrics are off" }],
    }],
});
