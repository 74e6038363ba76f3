/**
 * Hardened building blocks for secure APIs. Importing this module never starts a policy server.
 */
export { baseline, accessLogFormat } from "./baseline";
export type { Baseline } from "./baseline";
