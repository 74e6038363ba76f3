/**
 * Gatehouse as a library: the rule catalog and the engine that runs it, for front ends and
 * tooling. Importing this module never starts a policy server (that is `gatehouse/pack`).
 */
export { catalog } from "./catalog";
export { Evaluator } from "./engine/evaluate";
export type { Result, ResultKind, SettingsLookup } from "./engine/evaluate";
export { Graph } from "./engine/graph";
export { endpointInventory, isUnauthenticated } from "./engine/inventory";
export type { InventoryEndpoint, ApiKind } from "./engine/inventory";
export { makeResource } from "./engine/resource";
export type { Resource, Origin, FrontEnd } from "./engine/resource";
export { defineRule, AREAS } from "./engine/rule";
export type { Rule, RuleDefinition, RuleContext, Finding, Area, Severity, EnforcementLevel } from "./engine/rule";
export { msg } from "./engine/message";
export {
    configDefaults, parsePolicyPackConfig, reconcilePolicyPackConfig, settingsFor, ConfigError,
} from "./engine/config";
export type { PolicyConfig, PolicyInfo, RuleSettings } from "./engine/config";
export { T } from "./engine/types";
export * as values from "./engine/values";
