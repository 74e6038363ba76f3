/**
 * The canonical model read backwards (policies/terraform/to-terraform.ts), as the CDKTF components
 * render their pieces: Terraform's types and names, blocks nested and renamed, map values left as
 * the user wrote them, and a round trip through the scanner's converter back to the same model.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { T } from "../../policies/engine/types";
import { toCanonical } from "../../policies/terraform/convert";
import { terraformAttribute, terraformTypeOf, toTerraform } from "../../policies/terraform/to-terraform";
import { webAclPieces } from "../../components/pieces";

test("types, top-level renames and attribute names", () => {
    assert.equal(terraformTypeOf(T.V2Stage), "aws_apigatewayv2_stage");
    assert.equal(terraformTypeOf("aws:apigateway/methodResponse:MethodResponse"), "aws_api_gateway_method_response");
    assert.throws(() => terraformTypeOf("aws:s3/bucket:Bucket"), /no Terraform type is known for aws:s3\/bucket:Bucket/);
    assert.deepEqual(toTerraform("aws_lambda_permission", { function: "f", sourceArn: "arn", principal: "apigateway.amazonaws.com" }),
        { function_name: "f", source_arn: "arn", principal: "apigateway.amazonaws.com" });
    assert.deepEqual(toTerraform("aws_api_gateway_method_response", { restApi: "a", statusCode: "200" }), { rest_api_id: "a", status_code: "200" });
    assert.equal(terraformAttribute("aws_apigatewayv2_api", "executionArn"), "execution_arn");
    assert.equal(terraformAttribute("aws_api_gateway_stage", "stageName"), "stage_name");
});

test("nested blocks renamed at their depth; maps keep their keys", () => {
    assert.deepEqual(toTerraform("aws_apigatewayv2_authorizer", { jwtConfiguration: { issuer: "https://i/", audiences: ["a"] }, identitySources: ["$request.header.Authorization"] }),
        { jwt_configuration: { issuer: "https://i/", audience: ["a"] }, identity_sources: ["$request.header.Authorization"] });
    assert.deepEqual(toTerraform("aws_cloudwatch_metric_alarm", { metricName: "5xx", dimensions: { ApiId: "x", Stage: "$default" }, tags: { costCenter: "c" } }),
        { metric_name: "5xx", dimensions: { ApiId: "x", Stage: "$default" }, tags: { costCenter: "c" } });
    const [acl] = webAclPieces("orders", { managedRuleGroups: ["AWSManagedRulesCommonRuleSet"], rateLimit: 2000 }, 365);
    const rendered = toTerraform("aws_wafv2_web_acl", acl.props as Record<string, unknown>) as any;
    assert.deepEqual(rendered.rule.map((rule: any) => Object.keys(rule.statement)), [["managed_rule_group_statement"], ["rate_based_statement"]]);
    assert.deepEqual(rendered.rule[0].statement.managed_rule_group_statement, { vendor_name: "AWS", name: "AWSManagedRulesCommonRuleSet" });
    assert.deepEqual(rendered.rule[0].override_action, { none: {} });
    assert.deepEqual(rendered.visibility_config, { cloudwatch_metrics_enabled: true, metric_name: "orders", sampled_requests_enabled: true });
});

test("what the components render reads back, through the scanner's converter, as the description it came from", () => {
    const [acl] = webAclPieces("orders", { managedRuleGroups: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"], rateLimit: 2000 }, 365);
    const props = acl.props as Record<string, unknown>;
    assert.deepEqual(toCanonical("aws_wafv2_web_acl", toTerraform("aws_wafv2_web_acl", props)), props);
    const stage = { accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:1:log-group:g", format: "{}" }, defaultRouteSettings: { throttlingBurstLimit: 5, throttlingRateLimit: 2 }, name: "prod" };
    assert.deepEqual(toCanonical("aws_apigatewayv2_stage", toTerraform("aws_apigatewayv2_stage", stage)), stage);
});
