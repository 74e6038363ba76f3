import * as aws from "@pulumi/aws";
import { restApi } from "../fixtures/stacks";
import { ruleSuite } from "../helpers/rule-suite";

const RULE = "rest-method-authorization";

ruleSuite(RULE, [
    {
        name: "Compliance: IAM, Cognito and Lambda authorizers; a CORS preflight without authorization",
        program: () => {
            restApi("pass-iam", { methods: [{ httpMethod: "GET", authorization: "AWS_IAM" }] });
            restApi("pass-cognito", { methods: [{ httpMethod: "POST", authorization: "COGNITO_USER_POOLS", apiKeyRequired: true }] });
            restApi("pass-cors", { methods: [{ httpMethod: "PUT", authorization: "CUSTOM" }], cors: true });
        },
        expect: [],
    },
    {
        name: "Noncompliance 1: authorization NONE",
        program: () => restApi("fail-open", { methods: [{ httpMethod: "POST", authorization: "NONE" }] }),
        expect: [`mandatory ${RULE} fail-open-POST`],
    },
    {
        name: "Noncompliance 2: an API key alone is not authorization",
        program: () => restApi("fail-key", { methods: [{ httpMethod: "GET", authorization: "NONE", apiKeyRequired: true }] }),
        expect: [`mandatory ${RULE} fail-key-GET`],
    },
    {
        name: "Noncompliance 3: OPTIONS without authorization when preflight is not exempted by configuration",
        program: () => restApi("fail-preflight", { cors: true }),
        config: { [RULE]: { allowCorsPreflight: false } },
        expect: [`mandatory ${RULE} fail-preflight-OPTIONS`],
    },
    {
        name: "Noncompliance 4: reported at the level the configuration sets",
        program: () => restApi("fail-open", { methods: [{ httpMethod: "DELETE", authorization: "NONE" }] }),
        config: { [RULE]: "advisory" },
        expect: [`advisory ${RULE} fail-open-DELETE`],
    },
    {
        name: "Compliance: a disabled rule reports nothing",
        program: () => restApi("fail-open", { methods: [{ httpMethod: "DELETE", authorization: "NONE" }] }),
        config: { [RULE]: "disabled" },
        expect: [],
    },
    {
        name: "Unknown authorization during preview is advisory, never a silent pass",
        program: () => {
            const seed = new aws.cloudwatch.LogGroup("seed", {});
            restApi("decided-at-apply", { methods: [{ httpMethod: "GET", authorization: seed.arn.apply(() => "NONE") }] });
        },
        expect: {
            up: [`mandatory ${RULE} decided-at-apply-GET`],
            preview: [`advisory ${RULE} decided-at-apply-GET`],
        },
    },
]);
