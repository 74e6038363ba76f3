import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { httpApi, restApi, webSocketApi } from "./builders";
import { CanonicalStack } from "./stack";

const rule = catalog.find((candidate) => candidate.id === "stage-alarms")!;

function alarm(stack: CanonicalStack, name: string, metricName: string, dimensions: Record<string, unknown>) {
    stack.add(T.MetricAlarm, name, { namespace: "AWS/ApiGateway", metricName, dimensions, statistic: "Sum", period: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: "GreaterThanThreshold" });
}

ruleTester(rule, {
    valid: [{
        name: "Compliance: REST alarms by API name and stage; HTTP alarms by reference",
        resources: (stack: CanonicalStack) => {
            const { api, stage } = restApi(stack, "pass-rest");
            for (const metric of ["5XXError", "4XXError", "Latency"]) {
                alarm(stack, `pass-rest-${metric}`, metric, { ApiName: api.out("name"), Stage: stage.out("stageName") });
            }
            const { api: http } = httpApi(stack, "pass-http");
            for (const metric of ["5xx", "4xx", "Latency"]) {
                alarm(stack, `pass-http-${metric}`, metric, { ApiId: http.out("id"), Stage: "$default" });
            }
        },
    }],
    invalid: [
        {
            name: "Noncompliance 1: a REST stage without a latency alarm",
            resources: (stack: CanonicalStack) => {
                const { api, stage } = restApi(stack, "fail-latency");
                alarm(stack, "fail-latency-5xx", "5XXError", { ApiName: api.out("name"), Stage: stage.out("stageName") });
                alarm(stack, "fail-latency-4xx", "4XXError", { ApiName: api.out("name"), Stage: stage.out("stageName") });
            },
            errors: [{ resource: "fail-latency-stage", message: "the stage has no alarm on Latency", level: "advisory" }],
        },
        { name: "Noncompliance 2: a WebSocket stage without alarms", resources: (stack: CanonicalStack) => webSocketApi(stack, "fail-socket"), errors: [{ resource: "fail-socket-stage", message: "the stage has no alarm on ExecutionError, IntegrationError, ClientError", level: "advisory" }] },
        {
            name: "Noncompliance 3: alarms on another stage do not count",
            resources: (stack: CanonicalStack) => {
                const { api } = restApi(stack, "fail-other");
                for (const metric of ["5XXError", "4XXError", "Latency"]) {
                    alarm(stack, `other-${metric}`, metric, { ApiName: api.out("name"), Stage: "test" });
                }
            },
            errors: [{ resource: "fail-other-stage", message: "the stage has no alarm on 5XXError, 4XXError, Latency", level: "advisory" }],
        },
        {
            name: "Noncompliance 4: a v2 stage whose API is not in the input: HTTP alarms alone leave the WebSocket case open; none at all fails either way",
            resources: (stack: CanonicalStack) => {
                stack.add(T.V2Stage, "http-alarmed", { apiId: "a1b2c3", name: "prod" });
                for (const metric of ["5xx", "4xx", "Latency"]) {
                    alarm(stack, `http-alarmed-${metric}`, metric, { ApiId: "a1b2c3", Stage: "prod" });
                }
                stack.add(T.V2Stage, "unalarmed", { apiId: "d4e5f6", name: "prod" });
            },
            errors: [
                { resource: "http-alarmed", kind: "unverifiable", message: "cannot be verified: the stage's API is not in the input; if it is a WebSocket API, the stage has no alarm on ExecutionError, IntegrationError, ClientError" },
                { resource: "unalarmed", level: "advisory", message: "the stage has no alarm on 5xx, 4xx, Latency (an HTTP API's metrics) nor on ExecutionError, IntegrationError, ClientError (a WebSocket API's); its API is not in the input" },
            ],
        },
    ],
});
