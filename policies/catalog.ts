import type { Rule } from "./engine/rule";
import restMethodAuthorization from "./rules/authentication/rest-method-authorization";
import v2RouteAuthorization from "./rules/authentication/v2-route-authorization";
import apiGatewayRoleLeastPrivilege from "./rules/iam/api-gateway-role-least-privilege";
import customDomainTls from "./rules/encryption/custom-domain-tls";
import restStageWaf from "./rules/edge-protection/rest-stage-waf";
import restExecutionLogging from "./rules/logging/rest-execution-logging";
import stageAccessLogging from "./rules/logging/stage-access-logging";
import stageThrottling from "./rules/throttling/stage-throttling";

/** Every rule Gatehouse ships, in documentation order (by area, then id). */
export const catalog: readonly Rule[] = [
    restMethodAuthorization,
    v2RouteAuthorization,
    customDomainTls,
    stageThrottling,
    restExecutionLogging,
    stageAccessLogging,
    apiGatewayRoleLeastPrivilege,
    restStageWaf,
];
