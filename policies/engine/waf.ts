import type { RuleContext } from "./rule";
import { stagesProtectedBy } from "./links";
import type { Resource } from "./resource";
import { asList, isPlainObject, isUnknown, peek } from "./values";

/**
 * The rules AWS documents for the managed groups Gatehouse requires by default, so a rule can tell
 * when overrides leave a group blocking nothing.
 */
export const MANAGED_GROUP_RULES: Readonly<Record<string, readonly string[]>> = {
    AWSManagedRulesCommonRuleSet: [
        "NoUserAgent_HEADER", "UserAgent_BadBots_HEADER", "SizeRestrictions_QUERYSTRING", "SizeRestrictions_Cookie_HEADER",
        "SizeRestrictions_BODY", "SizeRestrictions_URIPATH", "EC2MetaDataSSRF_BODY", "EC2MetaDataSSRF_COOKIE",
        "EC2MetaDataSSRF_URIPATH", "EC2MetaDataSSRF_QUERYARGUMENTS", "GenericLFI_QUERYARGUMENTS", "GenericLFI_URIPATH",
        "GenericLFI_BODY", "RestrictedExtensions_URIPATH", "RestrictedExtensions_QUERYARGUMENTS", "GenericRFI_QUERYARGUMENTS",
        "GenericRFI_BODY", "GenericRFI_URIPATH", "CrossSiteScripting_COOKIE", "CrossSiteScripting_QUERYARGUMENTS",
        "CrossSiteScripting_BODY", "CrossSiteScripting_URIPATH",
    ],
    AWSManagedRulesKnownBadInputsRuleSet: [
        "JavaDeserializationRCE_HEADER", "JavaDeserializationRCE_BODY", "JavaDeserializationRCE_URIPATH",
        "JavaDeserializationRCE_QUERYSTRING", "Host_localhost_HEADER", "PROPFIND_METHOD", "ExploitablePaths_URIPATH",
        "Log4JRCE_HEADER", "Log4JRCE_QUERYSTRING", "Log4JRCE_BODY", "Log4JRCE_URIPATH",
    ],
};

/**
 * A web ACL rule, normalised from the provider's `rules` blocks or from `ruleJson` (WAF API
 * shape). A value not known during preview is kept as unknown, so a rule can say it cannot
 * verify rather than judge a sentinel.
 */
export interface WafRule {
    readonly name: string;
    /**
     * Set for a managed rule group statement; `known` is false while its vendor or name is unknown.
     * `weakened` lists the group's rules that no longer block (overridden to count or allow, or
     * excluded); undefined while the overrides are unknown.
     */
    readonly managedGroup?: { readonly vendor: string; readonly name: string; readonly known: boolean; readonly weakened: readonly WeakenedRule[] | undefined };
    /** Set for a rate-based statement: its limit, or `"unknown"` during preview. */
    readonly rateLimit?: number | "unknown";
    /** The rule only counts: a managed group overridden to count, or a rule whose action is count; undefined while unknown. */
    readonly countOnly: boolean | undefined;
    /** False when what kind of statement the rule holds is itself unknown. */
    readonly statementKnown: boolean;
}

/** A rule inside a managed group that no longer blocks, and how. */
export interface WeakenedRule {
    readonly name: string;
    readonly how: "count" | "allow" | "excluded";
}

/**
 * The group's weakened rules: `ruleActionOverrides` (provider blocks and the WAF API), and the
 * older `excludedRules` (provider v4 `excluded_rule`, the WAF API's `ExcludedRules`), which count.
 */
function weakenedRules(group: Record<string, unknown>): WeakenedRule[] | undefined {
    const overrides = pick(group, "ruleActionOverrides", "RuleActionOverrides", "ruleActionOverride");
    const excluded = pick(group, "excludedRules", "ExcludedRules", "excludedRule");
    if (unknownBlock(overrides) || unknownBlock(excluded)) {
        return undefined;
    }
    const weakened: WeakenedRule[] = [];
    for (const override of asList(overrides)) {
        if (!isPlainObject(override)) {
            continue;
        }
        const name = pick(override, "name", "Name");
        const action = block(pick(override, "actionToUse", "ActionToUse"));
        if (isUnknown(name) || (action && Object.values(action).some(isUnknown))) {
            return undefined;
        }
        const how = !action ? undefined : present(action, "count", "Count") ? "count" : present(action, "allow", "Allow") ? "allow" : undefined;
        if (how && typeof name === "string") {
            weakened.push({ name, how });
        }
    }
    for (const exclusion of asList(excluded)) {
        const name = isPlainObject(exclusion) ? pick(exclusion, "name", "Name") : undefined;
        if (isUnknown(name)) {
            return undefined;
        }
        if (typeof name === "string") {
            weakened.push({ name, how: "excluded" });
        }
    }
    return weakened;
}

/** An action block is set: a Terraform plan writes the blocks not chosen as empty lists. */
function present(action: Record<string, unknown>, ...keys: string[]): boolean {
    const value = pick(action, ...keys);
    return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

function pick(record: Record<string, unknown>, ...keys: string[]): unknown {
    for (const key of keys) {
        if (record[key] !== undefined) {
            return record[key];
        }
    }
    return undefined;
}

/** A block that may be written as an object or as a one-item list (Terraform). */
function block(value: unknown): Record<string, unknown> | undefined {
    return isPlainObject(value) ? value : Array.isArray(value) && isPlainObject(value[0]) ? value[0] : undefined;
}

function unknownBlock(value: unknown): boolean {
    return isUnknown(value) || (Array.isArray(value) && value.some(isUnknown));
}

function countsOnly(value: unknown): boolean | undefined {
    const action = Array.isArray(value) ? value[0] : value;
    if (isUnknown(action) || (isPlainObject(action) && Object.values(action).some(isUnknown))) {
        return undefined;
    }
    return isPlainObject(action) && present(action, "count", "Count");
}

/** A rule not known during preview at all: it may be anything. */
const UNKNOWN_RULE: WafRule = { name: "", countOnly: undefined, statementKnown: false };

function normalise(raw: unknown): WafRule | undefined {
    if (isUnknown(raw)) {
        return UNKNOWN_RULE;
    }
    if (!isPlainObject(raw)) {
        return undefined;
    }
    const statement = pick(raw, "statement", "Statement");
    const statementBlock = block(statement) ?? {};
    const managed = pick(statementBlock, "managedRuleGroupStatement", "ManagedRuleGroupStatement");
    const managedRecord = block(managed);
    const rate = pick(statementBlock, "rateBasedStatement", "RateBasedStatement");
    const rateRecord = block(rate);
    const vendor = managedRecord ? pick(managedRecord, "vendorName", "VendorName") : undefined;
    const groupName = managedRecord ? pick(managedRecord, "name", "Name") : undefined;
    const limit = rateRecord ? pick(rateRecord, "limit", "Limit") : undefined;
    const override = countsOnly(pick(raw, "overrideAction", "OverrideAction"));
    const action = countsOnly(pick(raw, "action", "Action"));
    return {
        name: String(pick(raw, "name", "Name") ?? ""),
        managedGroup: managedRecord ? {
            vendor: String(vendor ?? ""),
            name: String(groupName ?? ""),
            known: !isUnknown(vendor) && !isUnknown(groupName),
            weakened: weakenedRules(managedRecord),
        } : undefined,
        rateLimit: rateRecord ? (isUnknown(limit) ? "unknown" : Number(limit)) : undefined,
        countOnly: override === true || action === true ? true : override === undefined || action === undefined ? undefined : false,
        statementKnown: !unknownBlock(statement) && !unknownBlock(managed) && !unknownBlock(rate),
    };
}

/** The web ACL's rules; undefined while they are unknown (preview) or unreadable. */
export function wafRules(acl: { props: Readonly<Record<string, unknown>> }): WafRule[] | undefined {
    const json = peek(acl.props, "ruleJson");
    if (isUnknown(json)) {
        return undefined;
    }
    if (typeof json === "string" && json.trim() !== "") {
        try {
            return asList(JSON.parse(json)).map(normalise).filter((rule): rule is WafRule => rule !== undefined);
        } catch {
            return undefined;
        }
    }
    const rules = peek(acl.props, "rules");
    if (isUnknown(rules)) {
        return undefined;
    }
    return asList(rules).map(normalise).filter((rule): rule is WafRule => rule !== undefined);
}

/**
 * The rules of a web ACL that protects an API stage, for a rule to check; undefined when there is
 * nothing to check: the ACL protects no stage, or its rules are not known yet (preview) or
 * unreadable — then reported through `ctx` as unverifiable.
 */
export function rulesOfProtectingAcl(ctx: RuleContext<unknown>, acl: Resource): WafRule[] | undefined {
    if (stagesProtectedBy(ctx.graph, acl).length === 0) {
        return undefined;
    }
    const rules = wafRules(acl);
    if (rules === undefined) {
        ctx.unverifiable({ path: "rules", message: "the web ACL's rules are not known during preview" });
    }
    return rules;
}
