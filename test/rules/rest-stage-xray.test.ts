import * as aws from "@pulumi/aws";
import { restApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "rest-stage-xray";

ruleSuite(RULE, [
    { name: "Compliance: tracing on", program: () => restApi("pass"), expect: [] },
    {
        name: "Noncompliance 1: tracing off",
        program: () => {
            const { api, stage } = restApi("base");
            new aws.apigateway.Stage("fail-untraced", { restApi: api.id, deployment: stage.deployment, stageName: "untraced" });
        },
        expect: [`mandatory ${RULE} fail-untraced`],
    },
]);
