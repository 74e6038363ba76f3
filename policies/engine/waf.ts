import type { RuleContext } from "./rule";
import { stagesProtectedBy } from "./links";
import type { Resource } from "./resource";
import { asList, isPlainObject, isUnknown, peek } from "./values";

/** A web ACL rule, normalised from the provider's `rules` blocks or from `ruleJson` (WAF API shape). */
export interface WafRule {
    readonly name: string;
    readonly managedGroup?: { readonly vendor: string; readonly name: string };
    readonly rateLimit?: number;
    /** The rule only counts: a managed group overridden to count, or a rule whose action is count. */
    readonly countOnly: boolean;
}

function pick(record: Record<string, unknown>, ...keys: string[]): unknown {
    for (const key of keys) {
        if (record[key] !== undefined) {
            return record[key];
        }
    }
    return undefined;
}

function normalise(raw: unknown): WafRule | undefined {
    if (!isPlainObject(raw)) {
        return undefined;
    }
    const statement = pick(raw, "statement", "Statement");
    const block = isPlainObject(statement) ? statement : Array.isArray(statement) && isPlainObject(statement[0]) ? statement[0] : {};
    const managed = pick(block, "managedRuleGroupStatement", "ManagedRuleGroupStatement");
    const managedRecord = isPlainObject(managed) ? managed : Array.isArray(managed) && isPlainObject(managed[0]) ? managed[0] : undefined;
    const rate = pick(block, "rateBasedStatement", "RateBasedStatement");
    const rateRecord = isPlainObject(rate) ? rate : Array.isArray(rate) && isPlainObject(rate[0]) ? rate[0] : undefined;
    const override = pick(raw, "overrideAction", "OverrideAction");
    const action = pick(raw, "action", "Action");
    const counts = (value: unknown) => isPlainObject(value) && (value["count"] !== undefined || value["Count"] !== undefined);
    return {
        name: String(pick(raw, "name", "Name") ?? ""),
        managedGroup: managedRecord ? {
            vendor: String(pick(managedRecord, "vendorName", "VendorName") ?? ""),
            name: String(pick(managedRecord, "name", "Name") ?? ""),
        } : undefined,
        rateLimit: rateRecord ? Number(pick(rateRecord, "limit", "Limit")) : undefined,
        countOnly: counts(Array.isArray(override) ? override[0] : override) || counts(Array.isArray(action) ? action[0] : action),
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
