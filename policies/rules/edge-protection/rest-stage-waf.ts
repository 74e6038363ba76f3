import { restApiOf } from "../../engine/links";
import { defineRule } from "../../engine/rule";
import { T } from "../../engine/types";
import { asList, isUnknown, peek } from "../../engine/values";

export default defineRule<Record<string, never>>({
    id: "rest-stage-waf",
    title: "Public REST API stages are protected by AWS WAF",
    description: "Every stage of a public (EDGE or REGIONAL) REST API must be associated with a WAFv2 web ACL. PRIVATE "
        + "APIs are exempt (they are reachable only through VPC endpoints), and HTTP APIs are never checked: API "
        + "Gateway cannot associate them with WAF.",
    rationale: "A web ACL filters injection payloads, known-bad inputs and floods before they reach the integration; "
        + "stage throttling alone does not inspect requests.",
    remediation: "Create an `aws.wafv2.WebAcl` (scope REGIONAL) with the AWS managed rule groups and a rate-based rule, "
        + "and an `aws.wafv2.WebAclAssociation` with `resourceArn: stage.arn`; migrate a WAF Classic (`aws.wafregional`) "
        + "web ACL to WAFv2.",
    area: "edge-protection",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "stack",
    subjects: [T.Stage],
    reads: [T.RestApi, T.WebAclAssociation, T.WafClassicAssociation],
    config: {},
    references: {
        controls: ["C12"],
        owasp: ["API4:2023", "API8:2023"],
        securityHub: ["APIGateway.4"],
        checkov: ["CKV2_AWS_29"],
        cdkNag: ["AwsSolutions-APIG3"],
        docs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html"],
    },
    check(stage, ctx) {
        const api = restApiOf(ctx.graph, stage);
        if (!api) {
            ctx.unverifiable({
                path: "restApi",
                outsideInput: true,
                message: "the stage's REST API is not in the input, so whether it is PRIVATE (exempt) cannot be told",
            });
            return;
        }
        const types = peek(api.props, "endpointConfiguration.types");
        if (isUnknown(types) || asList(types).some(isUnknown)) {
            ctx.unverifiable({ resource: api, path: "endpointConfiguration.types", message: "the API's endpoint type is not known during preview" });
            return;
        }
        if (asList(types).some((type) => typeof type === "string" && type.toUpperCase() === "PRIVATE")) {
            return;
        }
        if (ctx.graph.referrers(stage, T.WebAclAssociation, "resourceArn").length > 0) {
            return;
        }
        if (ctx.graph.referrers(stage, T.WafClassicAssociation, "resourceArn").length > 0) {
            ctx.report({
                message: "this stage of a public REST API is associated only with a WAF Classic web ACL, which is not accepted: "
                    + "WAF Classic reached its end of support on 30 September 2025, and the managed rule groups, rate-based "
                    + "rules and logging the other WAF rules check exist only in AWS WAF (WAFv2)",
            });
            return;
        }
        ctx.report({ message: "no AWS WAF web ACL is associated with this stage of a public REST API" });
    },
});
