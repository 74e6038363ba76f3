/**
 * Gatehouse for CDKTF (`gatehouse/cdktf`): the aspect that runs the catalog at synth, and the
 * hardened API constructs. cdktf and constructs are peer dependencies: the app's own copies are
 * used, so the aspect is registered where the app's synth finds it.
 */
export { GatehouseAspect } from "./aspect";
export type { GatehouseAspectOptions, StackFindings } from "./aspect";
export { SecureRestApi } from "./rest-api";
export type { RestAuthorizer, RestRoute, SecureRestApiArgs, UsagePlanDefinition } from "./rest-api";
export { SecureHttpApi } from "./http-api";
export type { HttpAuthorizer, HttpDomainArgs, HttpRoute, SecureHttpApiArgs } from "./http-api";
export { SecureWebSocketApi } from "./websocket-api";
export type { SecureWebSocketApiArgs, WebSocketRoute } from "./websocket-api";
export { AwsProvider, AwsResource } from "./resource";
export type { AwsProviderConfig, AwsResourceOptions } from "./resource";
export type { AccessLogArgs, ApiRoute, CommonApiArgs, DomainArgs, LambdaHandler } from "./shared";
