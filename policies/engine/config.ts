import { schemaProblems } from "./config-schema";
import { describeJsonError, jsonErrorText } from "./json-text";
import type { ConfigProperty, EnforcementLevel, Rule } from "./rule";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

/** One policy's configuration as the engine holds it: a level and free properties. */
export interface PolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

/** What the engine knows of a policy from GetAnalyzerInfo. */
export interface PolicyInfo {
    name: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: { properties: Record<string, Record<string, unknown>>; required?: string[] };
}

export class ConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigError";
    }
}

/**
 * Parses a `--policy-pack-config` file the way the Pulumi engine does: each key maps to an
 * enforcement level string or to an object of properties that may carry `enforcementLevel`.
 * `source` names the file in errors.
 */
export function parsePolicyPackConfig(text: string, source: string): Record<string, PolicyConfig> {
    if (text.trim() === "") {
        return {};
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        throw new ConfigError(`${source}: not valid JSON ${jsonErrorText(describeJsonError(text, error))}`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new ConfigError(`${source}: expected a JSON object mapping policy names to settings`);
    }
    const result: Record<string, PolicyConfig> = {};
    for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                throw new ConfigError(`${source}: "${name}": "${value}" is not a valid enforcement level`);
            }
            result[name] = { enforcementLevel: value };
            continue;
        }
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            throw new ConfigError(`${source}: "${name}": must be an enforcement level string or an object`);
        }
        const { enforcementLevel, ...properties } = value as Record<string, unknown>;
        if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
            throw new ConfigError(`${source}: "${name}.enforcementLevel": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
        }
        if (enforcementLevel === undefined && Object.keys(properties).length === 0) {
            continue;
        }
        result[name] = {
            enforcementLevel: enforcementLevel as EnforcementLevel | undefined,
            properties: Object.keys(properties).length > 0 ? properties : undefined,
        };
    }
    return result;
}

function applyConfig(result: Map<string, PolicyConfig>, toApply: Record<string, PolicyConfig>): void {
    const all = toApply["all"];
    if (all?.enforcementLevel) {
        for (const [name, value] of result) {
            result.set(name, { enforcementLevel: all.enforcementLevel, properties: value.properties });
        }
    }
    for (const [name, given] of Object.entries(toApply)) {
        const current = result.get(name);
        let properties = current?.properties;
        if (given.properties && Object.keys(given.properties).length > 0) {
            properties = { ...(properties ?? {}), ...given.properties };
        }
        result.set(name, {
            enforcementLevel: given.enforcementLevel ?? current?.enforcementLevel,
            properties,
        });
    }
}

/**
 * The engine's config reconciliation (pkg/resource/analyzer/config.go ReconcilePolicyPackConfig):
 * schema defaults and each policy's own level, then the pack's initial config, then the user's
 * config; an `all` entry sets every policy's level. Validation against the schemas is separate.
 */
export function reconcilePolicyPackConfig(
    policies: readonly PolicyInfo[],
    initialConfig: Record<string, PolicyConfig> | undefined,
    userConfig: Record<string, PolicyConfig> | undefined,
): Map<string, PolicyConfig> {
    const result = new Map<string, PolicyConfig>();
    for (const policy of policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if ("default" in schema) {
                properties = properties ?? {};
                properties[key] = schema.default;
            }
        }
        result.set(policy.name, { enforcementLevel: policy.enforcementLevel, properties });
    }
    if (initialConfig) {
        applyConfig(result, initialConfig);
    }
    if (userConfig) {
        applyConfig(result, userConfig);
    }
    return result;
}

/** Defaults of a rule's configuration, from its schema. */
export function configDefaults(rule: Rule): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(rule.config as Record<string, ConfigProperty>)) {
        defaults[key] = structuredClone(property.default);
    }
    return defaults;
}

/** The settings a rule runs with: its effective level and its configuration with defaults applied. */
export interface RuleSettings {
    readonly level: EnforcementLevel;
    readonly config: Record<string, unknown>;
    /**
     * Configured settings that do not match the rule's schema, each replaced by its default. The
     * engine validates the user's file, but a pack must not depend on it: these are reported.
     */
    readonly problems?: readonly string[];
}

/**
 * Settings per rule, recomputed only when the configuration entry changes (the engine sends a
 * new one with each Configure).
 */
export function cachedSettings(lookup: (rule: Rule) => PolicyConfig | undefined): (rule: Rule) => RuleSettings {
    const cache = new Map<Rule, { source: PolicyConfig | undefined; settings: RuleSettings }>();
    return (rule) => {
        const source = lookup(rule);
        const hit = cache.get(rule);
        if (hit && hit.source === source) {
            return hit.settings;
        }
        const settings = settingsFor(rule, source);
        cache.set(rule, { source, settings });
        return settings;
    };
}

export function settingsFor(rule: Rule, configured: PolicyConfig | undefined): RuleSettings {
    const config = configDefaults(rule);
    const problems: string[] = [];
    const schema = rule.config as Record<string, ConfigProperty>;
    for (const [key, value] of Object.entries(configured?.properties ?? {})) {
        const property = Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
        if (!property) {
            // The engine passes unknown keys through; they configure nothing.
            continue;
        }
        const found = schemaProblems(property, value, key);
        if (found.length > 0) {
            problems.push(...found.map((problem) => `${problem}; the rule runs with its default, ${JSON.stringify(property.default)}`));
            continue;
        }
        config[key] = value;
    }
    const level = configured?.enforcementLevel;
    if (level !== undefined && !isEnforcementLevel(level)) {
        problems.push(`enforcementLevel: ${JSON.stringify(level)} is not an enforcement level; the rule runs at its default, ${rule.enforcementLevel}`);
    }
    return {
        level: level !== undefined && isEnforcementLevel(level) ? level : rule.enforcementLevel,
        config,
        ...(problems.length > 0 ? { problems } : {}),
    };
}
