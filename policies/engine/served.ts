/**
 * What a resource with a generated name serves. Component libraries name their children after a
 * hash (`api-7d810aea`, `api3454b704`), so "Permission: api-7d810aea" tells a user nothing; the
 * finding names the function and route the permission is for.
 */
import type { Graph } from "./graph";
import { Message, msg } from "./message";
import type { Resource } from "./resource";
import { T } from "./types";
import { peek } from "./values";

/** A name, then exactly eight hex digits of a hash with both digits and letters (not a date, not a word). */
const GENERATED_NAME = /[^0-9a-f]([0-9a-f]{8})$/;

export function isGeneratedName(name: string): boolean {
    const hash = GENERATED_NAME.exec(name)?.[1];
    return hash !== undefined && /[0-9]/.test(hash) && /[a-f]/.test(hash);
}

/** arn:aws:execute-api:region:account:api-id/stage/METHOD/path */
const EXECUTE_API_ROUTE = /^arn:aws[a-z-]*:execute-api:[^:]*:[^:]*:[^/]+\/[^/]*\/([^/]+)(\/.*)?$/;

/** The name a resource identity ends with: a URN's name, a Terraform address's last label. */
function nameOfIdentity(identity: string): string {
    return identity.startsWith("urn:") ? identity.slice(identity.lastIndexOf("::") + 2) : identity.slice(identity.lastIndexOf(".") + 1);
}

function permissionLabel(permission: Resource, graph: Graph): Message | undefined {
    const functionRef = permission.refs["function"]?.[0];
    const fn = functionRef !== undefined ? graph.get(functionRef)?.name ?? nameOfIdentity(functionRef) : peek(permission.props, "function");
    if (typeof fn !== "string" || fn === "") {
        return undefined;
    }
    const sourceArn = peek(permission.props, "sourceArn");
    const route = typeof sourceArn === "string" ? EXECUTE_API_ROUTE.exec(sourceArn) : null;
    return route && route[1] !== "*"
        ? msg`the permission for function ${fn} on ${route[1]} ${route[2] ?? "/"}`
        : msg`the permission for function ${fn}`;
}

/** What a resource with a generated name is for, as a finding's message starts; undefined when its name says it. */
export function servedLabel(resource: Resource, graph: Graph): Message | undefined {
    if (resource.type !== T.LambdaPermission || !isGeneratedName(resource.name)) {
        return undefined;
    }
    return permissionLabel(resource, graph);
}
