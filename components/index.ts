/**
 * Hardened building blocks for secure APIs. Importing this module never starts a policy server.
 */
export { baseline, accessLogFormat } from "./baseline";
export type { Baseline } from "./baseline";
export { resolveRestSettings, resolveHttpSettings, resolveWebSocketSettings, routeArnSuffix } from "./defaults";
export type { Weakening, ResolvedRestSettings, ResolvedHttpSettings, ResolvedWebSocketSettings, WebSocketLoggingSettings, ThrottleSettings, CachingSettings, StageLoggingSettings, WafSettings, AlarmSettings, CorsSettings, RouteAuthorization } from "./defaults";
export type { ApiRoute, CommonApiArgs, DomainArgs, LambdaHandler, OwnedOrExisting, AccessLogArgs, ExistingLogGroup, KmsKeyArgs } from "./shared";
export { SecureRestApi } from "./rest-api";
export type { SecureRestApiArgs, RestRoute, RestAuthorizer, RestDomainArgs, UsagePlanDefinition } from "./rest-api";
export { SecureHttpApi } from "./http-api";
export type { SecureHttpApiArgs, HttpRoute, HttpAuthorizer, HttpDomainArgs } from "./http-api";
export { SecureWebSocketApi } from "./websocket-api";
export type { SecureWebSocketApiArgs, WebSocketRoute } from "./websocket-api";
export { ApiGatewayAccountLogging } from "./account-logging";
export type { ApiGatewayAccountLoggingArgs } from "./account-logging";
