import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asBoolean, known } from "../../engine/values";

export default defineRule<Record<string, never>>({
    id: "rest-stage-xray",
    title: "REST stages trace requests with X-Ray",
    description: "REST API stages must enable AWS X-Ray tracing.",
    rationale: "Traces follow a request through the authorizer, the integration and the backend: they show where a "
        + "failure or an abusive pattern really is.",
    remediation: "Set `xrayTracingEnabled: true` on the stage.",
    area: "logging",
    severity: "low",
    enforcementLevel: "mandatory",
    scope: "resource",
    subjects: [T.Stage],
    config: {},
    references: {
        controls: ["C6"],
        owasp: ["API8:2023"],
        securityHub: ["APIGateway.3"],
        checkov: ["CKV_AWS_73"],
        trivy: ["AVD-AWS-0003"],
        controlTower: ["CT.APIGATEWAY.PR.2"],
        docs: ["https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html"],
    },
    check(stage, ctx) {
        if (asBoolean(known(stage.props, "xrayTracingEnabled")) !== true) {
            ctx.report({ path: "xrayTracingEnabled", message: "X-Ray tracing is off for the stage" });
        }
    },
    remediate(props) {
        if (asBoolean(props["xrayTracingEnabled"]) === true) {
            return false;
        }
        props["xrayTracingEnabled"] = true;
        return true;
    },
});
