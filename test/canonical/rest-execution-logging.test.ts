import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { resource, ruleTester } from "../helpers/rule-tester";
import { restApi } from "./builders";
import { implicitStage } from "./fixtures";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "rest-execution-logging")!;

ruleTester(rule, {
    valid: [
        {
            name: "Compliance: INFO and ERROR logging linked by reference and by REST API plus stage name",
            resources: (stack: CanonicalStack) => {
                restApi(stack, "pass-info");
                restApi(stack, "pass-error", { settings: { loggingLevel: "ERROR" } });
                restApi(stack, "pass-literal", { literalStageName: true });
                restApi(stack, "pass-override", { methodOverrides: [{ methodPath: "items/GET", settings: { loggingLevel: "ERROR", dataTraceEnabled: false } }] });
                restApi(stack, "pass-trace-elsewhere", { settings: { dataTraceEnabled: true } });
            },
        },
        {
            name: "Compliance: MethodSettings naming the deployment's stage (stage_name = aws_api_gateway_deployment.d.stage_name) apply to the implicit stage",
            resources: [...implicitStage("prod"), resource(T.MethodSettings, "all", {
                restApi: "api", stageName: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", methodPath: "*/*",
                settings: { loggingLevel: "INFO", metricsEnabled: true, dataTraceEnabled: false, throttlingBurstLimit: 100, throttlingRateLimit: 50 },
            }, { refs: { restApi: ["api"], stageName: ["deploy"] } })],
        },
    ],
    invalid: [
        { name: "Noncompliance 1: execution logging OFF", resources: (stack: CanonicalStack) => restApi(stack, "fail-off", { settings: { loggingLevel: "OFF" } }), errors: [{ resource: "fail-off-all", path: "settings.loggingLevel", message: "execution logging level is OFF; expected one of ERROR, INFO" }] },
        { name: "Noncompliance 2: metrics off", resources: (stack: CanonicalStack) => restApi(stack, "fail-metrics", { settings: { metricsEnabled: false } }), errors: [{ resource: "fail-metrics-all", path: "settings.metricsEnabled", message: "CloudWatch metrics are off for the stage" }] },
        { name: "Noncompliance 3: no MethodSettings at all", resources: (stack: CanonicalStack) => restApi(stack, "fail-none", { settings: null }), errors: [{ resource: "fail-none-stage", message: "no MethodSettings with methodPath */* applies to this stage, so execution logging and metrics are off" }] },
        {
            name: "Noncompliance 4: nothing configures the implicit stage's execution logging",
            resources: implicitStage("prod"),
            errors: [{ resource: "deploy", path: "stageName", message: "implicit stage prod: no MethodSettings with methodPath */* applies to this stage, so execution logging and metrics are off" }],
        },
    ],
});
