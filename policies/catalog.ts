import type { Rule } from "./engine/rule";
import accessLogGroup from "./rules/logging/access-log-group";
import accountCloudwatchRole from "./rules/iam/account-cloudwatch-role";
import acmCertificate from "./rules/encryption/acm-certificate";
import apiGatewayRoleLeastPrivilege from "./rules/iam/api-gateway-role-least-privilege";
import apiGatewayRoleTrustPolicy from "./rules/iam/api-gateway-role-trust-policy";
import apiKeyNotHardcoded from "./rules/authentication/api-key-not-hardcoded";
import authorizerCacheTtl from "./rules/authentication/authorizer-cache-ttl";
import cacheEncryption from "./rules/encryption/cache-encryption";
import cognitoIdentityPoolUnauthenticated from "./rules/authentication/cognito-identity-pool-unauthenticated";
import cognitoUserPoolMfa from "./rules/authentication/cognito-user-pool-mfa";
import cognitoUserPoolPasswordPolicy from "./rules/authentication/cognito-user-pool-password-policy";
import cognitoUserPoolThreatProtection from "./rules/authentication/cognito-user-pool-threat-protection";
import corsAllowedOrigins from "./rules/exposure/cors-allowed-origins";
import customDomainMutualTls from "./rules/encryption/custom-domain-mutual-tls";
import customDomainTls from "./rules/encryption/custom-domain-tls";
import dataTraceDisabled from "./rules/logging/data-trace-disabled";
import endpointTypeAllowed from "./rules/exposure/endpoint-type-allowed";
import executeApiEndpointDisabled from "./rules/exposure/execute-api-endpoint-disabled";
import executeApiInvokeScoped from "./rules/iam/execute-api-invoke-scoped";
import jwtAuthorizerConfiguration from "./rules/authentication/jwt-authorizer-configuration";
import lambdaPermissionScoped from "./rules/iam/lambda-permission-scoped";
import replacementAvailability from "./rules/exposure/replacement-availability";
import requiredTags from "./rules/exposure/required-tags";
import restApiResourcePolicy from "./rules/authentication/rest-api-resource-policy";
import restExecutionLogging from "./rules/logging/rest-execution-logging";
import restMethodAuthorization from "./rules/authentication/rest-method-authorization";
import restRequestValidation from "./rules/exposure/rest-request-validation";
import restStageWaf from "./rules/edge-protection/rest-stage-waf";
import restStageXray from "./rules/logging/rest-stage-xray";
import stageAccessLogging from "./rules/logging/stage-access-logging";
import stageAlarms from "./rules/logging/stage-alarms";
import stageCaching from "./rules/throttling/stage-caching";
import stageClientCertificate from "./rules/encryption/stage-client-certificate";
import stageThrottling from "./rules/throttling/stage-throttling";
import staleStages from "./rules/exposure/stale-stages";
import usagePlanLimits from "./rules/throttling/usage-plan-limits";
import v2PrivateIntegrationTls from "./rules/encryption/v2-private-integration-tls";
import v2RouteAuthorization from "./rules/authentication/v2-route-authorization";
import wafLogging from "./rules/logging/waf-logging";
import wafRateBasedRule from "./rules/edge-protection/waf-rate-based-rule";
import wafWebAclRules from "./rules/edge-protection/waf-web-acl-rules";
import websocketExecutionLogging from "./rules/logging/websocket-execution-logging";

/** Every rule Gatehouse ships, by area (authentication, encryption, throttling, logging, IAM, edge protection, exposure). */
export const catalog: readonly Rule[] = [
    apiKeyNotHardcoded,
    authorizerCacheTtl,
    cognitoIdentityPoolUnauthenticated,
    cognitoUserPoolMfa,
    cognitoUserPoolPasswordPolicy,
    cognitoUserPoolThreatProtection,
    jwtAuthorizerConfiguration,
    restApiResourcePolicy,
    restMethodAuthorization,
    v2RouteAuthorization,
    acmCertificate,
    cacheEncryption,
    customDomainMutualTls,
    customDomainTls,
    stageClientCertificate,
    v2PrivateIntegrationTls,
    stageCaching,
    stageThrottling,
    usagePlanLimits,
    accessLogGroup,
    dataTraceDisabled,
    restExecutionLogging,
    restStageXray,
    stageAccessLogging,
    stageAlarms,
    wafLogging,
    websocketExecutionLogging,
    accountCloudwatchRole,
    apiGatewayRoleLeastPrivilege,
    apiGatewayRoleTrustPolicy,
    executeApiInvokeScoped,
    lambdaPermissionScoped,
    restStageWaf,
    wafRateBasedRule,
    wafWebAclRules,
    corsAllowedOrigins,
    endpointTypeAllowed,
    executeApiEndpointDisabled,
    replacementAvailability,
    requiredTags,
    restRequestValidation,
    staleStages,
];
