import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { catalog } from "../../policies/catalog";
import { compliantStack, Knobs } from "../fixtures/compliant-stack";
import { MODES, summarise, usePack } from "../helpers/pack";

/**
 * One mutation per rule: a knob of the compliant stack (or, for rules that depend on
 * configuration, a configuration entry) that breaks exactly that rule.
 */
const MUTATIONS: Record<string, { knobs?: Partial<Knobs>; config?: Record<string, unknown>; resources: string[] }> = {
    "rest-method-authorization": { knobs: { getAuthorization: "NONE" }, resources: ["get-orders"] },
    "v2-route-authorization": { knobs: { httpRouteAuthorization: "NONE" }, resources: ["catalog-items"] },
    "rest-api-resource-policy": { knobs: { resourcePolicyCondition: false }, resources: ["orders"] },
    "jwt-authorizer-configuration": { knobs: { jwtAudiences: [] }, resources: ["catalog-jwt"] },
    "authorizer-cache-ttl": { knobs: { tokenAuthorizerTtl: 3600 }, resources: ["token"] },
    "cognito-user-pool-mfa": { knobs: { userPoolMfa: "OFF" }, resources: ["users"] },
    "cognito-user-pool-password-policy": { knobs: { passwordMinimumLength: 8 }, resources: ["users"] },
    "cognito-user-pool-threat-protection": { knobs: { threatProtection: "AUDIT" }, resources: ["users"] },
    "cognito-identity-pool-unauthenticated": { knobs: { identityPoolGuests: true }, resources: ["identities"] },
    "api-key-not-hardcoded": { knobs: { apiKeyValue: "partner-a-0123456789abcdef" }, resources: ["partner-a"] },
    "custom-domain-tls": { knobs: { restDomainSecurityPolicy: "TLS_1_0" }, resources: ["orders"] },
    "custom-domain-mutual-tls": { config: { "custom-domain-mutual-tls": { domainPatterns: ["orders.example.com"] } }, resources: ["orders"] },
    "cache-encryption": { knobs: { restCacheCluster: true }, resources: ["orders-prod-all"] },
    "stage-client-certificate": { knobs: { restClientCertificate: false }, resources: ["orders-prod"] },
    "v2-private-integration-tls": { knobs: { vpcLinkTls: false }, resources: ["catalog-private"] },
    "acm-certificate": { knobs: { certificateDomain: "*.example.com" }, resources: ["orders"] },
    "stage-throttling": { knobs: { httpStageThrottling: { throttlingBurstLimit: 200 } }, resources: ["catalog-default"] },
    "usage-plan-limits": { knobs: { usagePlanQuota: false }, resources: ["partners"] },
    "stage-caching": { config: { "stage-caching": "mandatory" }, resources: ["orders-prod"] },
    "stage-access-logging": { knobs: { restAccessLogs: false }, resources: ["orders-prod"] },
    "rest-execution-logging": { knobs: { restLoggingLevel: "OFF" }, resources: ["orders-prod-all"] },
    "websocket-execution-logging": { knobs: { socketLoggingLevel: "OFF" }, resources: ["updates-prod"] },
    "data-trace-disabled": { knobs: { restDataTrace: true }, resources: ["orders-prod-all"] },
    "rest-stage-xray": { knobs: { restXray: false }, resources: ["orders-prod"] },
    "access-log-group": { knobs: { accessLogRetentionDays: 30 }, resources: ["access-logs", "access-logs", "access-logs"] },
    "waf-logging": { knobs: { wafLogging: false }, resources: ["orders"] },
    "stage-alarms": { knobs: { restAlarmMetrics: ["5XXError", "4XXError"] }, resources: ["orders-prod"] },
    "api-gateway-role-least-privilege": { knobs: { integrationRoleActions: ["*"] }, resources: ["integration-role"] },
    "api-gateway-role-trust-policy": { knobs: { integrationRoleTrustedServices: ["apigateway.amazonaws.com", "lambda.amazonaws.com"] }, resources: ["integration-role"] },
    "lambda-permission-scoped": { knobs: { permissionRoute: "*/*" }, resources: ["health-invoke"] },
    "account-cloudwatch-role": { knobs: { cloudwatchRoleExtraPolicy: "arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess" }, resources: ["apigateway-cloudwatch"] },
    "execute-api-invoke-scoped": { knobs: { invokePolicyResource: "*" }, resources: ["invoke-health"] },
    "rest-stage-waf": { knobs: { wafAssociation: false }, resources: ["orders-prod"] },
    "waf-web-acl-rules": { knobs: { wafManagedGroups: ["AWSManagedRulesCommonRuleSet"] }, resources: ["orders"] },
    "waf-rate-based-rule": { knobs: { wafRateRule: false }, resources: ["orders"] },
    "cors-allowed-origins": { knobs: { httpCorsOrigins: ["*"] }, resources: ["catalog"] },
    "endpoint-type-allowed": { knobs: { restEndpointType: "EDGE" }, resources: ["orders"] },
    "execute-api-endpoint-disabled": { knobs: { restDisableExecuteApi: false }, resources: ["orders"] },
    "replacement-availability": { knobs: { deploymentDeleteBeforeReplace: true }, resources: ["orders"] },
    "required-tags": { knobs: { apiTags: undefined }, resources: ["catalog", "orders", "updates"] },
    "stale-stages": { knobs: { socketDeployment: false }, resources: ["updates-prod"] },
    "rest-request-validation": { knobs: { getValidator: false }, resources: ["get-orders"] },
};

describe("the full catalog over a compliant stack", () => {
    const pack = usePack();

    test("every rule of the catalog has a single-mutation case", () => {
        assert.deepEqual(Object.keys(MUTATIONS).sort(), catalog.map((rule) => rule.id).sort());
    });

    for (const mode of MODES) {
        test(`Compliance: the stack covering every type the catalog reads yields no diagnostic (${mode})`, async () => {
            const run = await pack.run(() => compliantStack(), mode);
            assert.deepEqual(summarise(run.diagnostics), []);
        });
    }

    for (const rule of catalog) {
        const mutation = MUTATIONS[rule.id];
        for (const mode of MODES) {
            test(`Noncompliance: one mutation fires exactly ${rule.id} (${mode})`, async () => {
                const run = await pack.run(() => compliantStack(mutation.knobs), mode, mutation.config);
                const configured = mutation.config?.[rule.id];
                const level = typeof configured === "string" ? configured : rule.enforcementLevel;
                assert.deepEqual(summarise(run.diagnostics), mutation.resources.map((name) => `${level} ${rule.id} ${name}`).sort());
            });
        }
    }
});
