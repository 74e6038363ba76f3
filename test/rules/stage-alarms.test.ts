import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { httpApi, restApi, webSocketApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "stage-alarms";

function alarm(name: string, metricName: string, dimensions: pulumi.Input<Record<string, pulumi.Input<string>>>) {
    new aws.cloudwatch.MetricAlarm(name, { namespace: "AWS/ApiGateway", metricName, dimensions, statistic: "Sum", period: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: "GreaterThanThreshold" });
}

ruleSuite(RULE, [
    {
        name: "Compliance: REST alarms by API name and stage; HTTP alarms by reference",
        program: () => {
            const { api, stage } = restApi("pass-rest");
            for (const metric of ["5XXError", "4XXError", "Latency"]) {
                alarm(`pass-rest-${metric}`, metric, { ApiName: api.name, Stage: stage.stageName });
            }
            const http = httpApi("pass-http");
            for (const metric of ["5xx", "4xx", "Latency"]) {
                alarm(`pass-http-${metric}`, metric, { ApiId: http.id, Stage: "$default" });
            }
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: a REST stage without a latency alarm",
        program: () => {
            const { api, stage } = restApi("fail-latency");
            alarm("fail-latency-5xx", "5XXError", { ApiName: api.name, Stage: stage.stageName });
            alarm("fail-latency-4xx", "4XXError", { ApiName: api.name, Stage: stage.stageName });
        },
        expect: [`advisory ${RULE} fail-latency-stage`],
    },
    { name: "Noncompliance 2: a WebSocket stage without alarms", program: () => webSocketApi("fail-socket"), expect: [`advisory ${RULE} fail-socket-stage`] },
    {
        name: "Noncompliance 3: alarms on another stage do not count",
        program: () => {
            const { api } = restApi("fail-other");
            for (const metric of ["5XXError", "4XXError", "Latency"]) {
                alarm(`other-${metric}`, metric, { ApiName: api.name, Stage: "test" });
            }
        },
        expect: [`advisory ${RULE} fail-other-stage`],
    },
]);
