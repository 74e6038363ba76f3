import { catalog } from "../../policies/catalog";
import { T } from "../../policies/engine/types";
import { ruleTester } from "../helpers/rule-tester";
import { httpApi, restApi, webSocketApi } from "./builders";
import { CanonicalStack, Later } from "./stack";

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
    }, {
        name: "Compliance 2: APIs whose stages share a name, each alarmed by its own API name",
        resources: (stack: CanonicalStack) => {
            for (const name of ["pass-a", "pass-b", "pass-c"]) {
                restApi(stack, name);
                for (const metric of ["5XXError", "4XXError", "Latency"]) {
                    alarm(stack, `${name}-${metric}`, metric, { ApiName: name, Stage: "prod" });
                }
            }
        },
    }],
    invalid: [
        {
            name: "Noncompliance 5: alarms on another API's stage of the same name do not count",
            resources: (stack: CanonicalStack) => {
                restApi(stack, "pass-alarmed");
                restApi(stack, "fail-unalarmed");
                for (const metric of ["5XXError", "4XXError", "Latency"]) {
                    alarm(stack, `pass-alarmed-${metric}`, metric, { ApiName: "pass-alarmed", Stage: "prod" });
                }
            },
            errors: [{ resource: "fail-unalarmed-stage", message: "the stage has no alarm on 5XXError, 4XXError, Latency", level: "advisory" }],
        },
        {
            name: "Noncompliance 6: in a preview, the first alarm whose stage is not known may be the stage's; one known to name another stage may not",
            resources: (stack: CanonicalStack) => {
                restApi(stack, "fail-undecided");
                stack.add(T.MetricAlarm, "elsewhere", { namespace: new Later("AWS/ApiGateway"), metricName: "Latency", dimensions: { ApiName: "fail-undecided", Stage: "test" } });
                alarm(stack, "maybe-first", "Latency", { ApiName: "fail-undecided", Stage: new Later("test") });
                alarm(stack, "maybe-second", "5XXError", { ApiName: "fail-undecided", Stage: new Later("test") });
            },
            errors: {
                up: [{ resource: "fail-undecided-stage", message: "the stage has no alarm on 5XXError, 4XXError, Latency", level: "advisory" }],
                preview: [{ resource: "maybe-first", kind: "unverifiable",
                    message: "cannot be verified until apply: alarm maybe-first has a namespace, metric or stage not known during preview; it may be the stage's alarm on 5XXError, 4XXError, Latency" }],
            },
        },
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
                // Alarms naming a stage and no API id may be any API's: they count for a stage whose API is not in the input.
                stack.add(T.V2Stage, "any-api-alarmed", { apiId: "f7a8b9", name: "live" });
                for (const metric of ["ExecutionError", "IntegrationError", "ClientError"]) {
                    alarm(stack, `any-api-${metric}`, metric, { Stage: "live" });
                }
            },
            errors: [
                { resource: "http-alarmed", kind: "unverifiable", message: "cannot be verified: the stage's API is not in the input; if it is a WebSocket API, the stage has no alarm on ExecutionError, IntegrationError, ClientError" },
                { resource: "any-api-alarmed", kind: "unverifiable", message: "cannot be verified: the stage's API is not in the input; if it is an HTTP API, the stage has no alarm on 5xx, 4xx, Latency" },
                { resource: "unalarmed", level: "advisory", message: "the stage has no alarm on 5xx, 4xx, Latency (an HTTP API's metrics) nor on ExecutionError, IntegrationError, ClientError (a WebSocket API's); its API is not in the input" },
            ],
        },
    ],
});
