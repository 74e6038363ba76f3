/**
 * Hardened building blocks for secure APIs. Importing this module never starts a policy server.
 */
export { baseline, accessLogFormat } from "./baseline";
export type { Baseline } from "./baseline";
export { resolveRestSettings, resolveHttpSettings, routeArnSuffix } from "./defaults";
export type { Weakening, ResolvedRestSettings, ResolvedHttpSettings, ThrottleSettings, CachingSettings, StageLoggingSettings, WafSettings, AlarmSettings, CorsSettings, RouteAuthorization } from "./defaults";
export type { ApiRoute, CommonApiArgs, DomainArgs, LambdaHandler, OwnedOrExisting, AccessLogArgs, ExistingLogGroup, KmsKeyArgs } from "./shared";
export { SecureRestApi } from "./rest-api";
export type { SecureRestApiArgs, RestRoute, RestAuthorizer, RestDomainArgs, UsagePlanDefinition } from "./rest-api";
export { SecureHttpApi } from "./http-api";
export type { SecureHttpApiArgs, HttpRoute, HttpAuthorizer, HttpDomainArgs } from "./http-api";
export { ApiGatewayAccountLogging } from "./account-logging";
export type { ApiGatewayAccountLoggingArgs } from "./account-logging";
