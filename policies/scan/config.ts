/**
 * The scanner's configuration: the same file users give `pulumi preview --policy-pack-config`,
 * reconciled and validated as the Pulumi engine does it, so one file governs both.
 */
import { ConfigError, parsePolicyPackConfig, PolicyInfo, reconcilePolicyPackConfig, RuleSettings, settingsFor } from "../engine/config";
import { schemaProblems } from "../engine/config-schema";
import type { EvaluationContext } from "../engine/evaluate";
import type { ConfigProperty, Rule } from "../engine/rule";
import { readWaiverEntries, WAIVERS_POLICY, WAIVERS_POLICY_METADATA } from "../engine/waivers";

export interface ScanConfiguration extends EvaluationContext {
    /** Notes for the user that do not stop the scan (an entry naming no Gatehouse policy). */
    readonly warnings: readonly string[];
}

function policyInfos(rules: readonly Rule[]): PolicyInfo[] {
    const schemaOf = (config: Record<string, ConfigProperty>) => ({ properties: config as unknown as Record<string, Record<string, unknown>> });
    return [
        ...rules.map((rule) => ({ name: rule.id, enforcementLevel: rule.enforcementLevel, configSchema: schemaOf(rule.config) })),
        { name: WAIVERS_POLICY, enforcementLevel: WAIVERS_POLICY_METADATA.enforcementLevel, configSchema: schemaOf(WAIVERS_POLICY_METADATA.config) },
    ];
}

/** Settings and waivers from a configuration file's text (`undefined`: no file, defaults only). */
export function scanConfiguration(rules: readonly Rule[], text: string | undefined, source: string): ScanConfiguration {
    const user = text === undefined ? undefined : parsePolicyPackConfig(text, source);
    const infos = policyInfos(rules);
    const reconciled = reconcilePolicyPackConfig(infos, undefined, user);
    const known = new Set(infos.map((info) => info.name));
    const warnings = Object.keys(user ?? {}).filter((name) => name !== "all" && !known.has(name))
        .map((name) => `${source}: "${name}" is not a Gatehouse policy; its settings apply to nothing`);
    const problems: string[] = [];
    for (const info of infos) {
        const properties = reconciled.get(info.name)?.properties ?? {};
        for (const [key, value] of Object.entries(properties)) {
            const schema = info.configSchema?.properties[key] as ConfigProperty | undefined;
            if (schema) {
                problems.push(...schemaProblems(schema, value, `${info.name}.${key}`));
            } else {
                problems.push(`${info.name}: unknown property "${key}"`);
            }
        }
    }
    if (problems.length > 0) {
        throw new ConfigError(`${source}: invalid configuration:\n  ${problems.join("\n  ")}`);
    }
    // Computed once: evaluation asks for a rule's settings for every resource it checks.
    const byRule = new Map<Rule, RuleSettings>(rules.map((rule) => [rule, settingsFor(rule, reconciled.get(rule.id))]));
    const waiverConfig = reconciled.get(WAIVERS_POLICY);
    return {
        settings: (rule) => byRule.get(rule) ?? settingsFor(rule, undefined),
        waivers: {
            level: waiverConfig?.enforcementLevel ?? WAIVERS_POLICY_METADATA.enforcementLevel,
            entries: readWaiverEntries(waiverConfig?.properties?.["waivers"]),
        },
        warnings,
    };
}
