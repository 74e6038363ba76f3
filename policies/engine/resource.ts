import type { Literal, Message } from "./message";

/**
 * The canonical resource model every rule reads. Front ends (the Pulumi pack, the Terraform and
 * CDKTF scanners) translate their own shapes into it; rules never see an engine-specific shape.
 */

export type FrontEnd = "pulumi" | "pulumi-state" | "terraform-plan" | "terraform-config" | "terraform-hcl" | "cdktf";

export interface Origin {
    readonly frontEnd: FrontEnd;
    /** Source file the resource was declared in, where the front end knows it. */
    readonly file?: string;
    readonly line?: number;
    /** Line of each top-level property written in the source (canonical names), where the front end knows it. */
    readonly propertyLines?: ReadonlyMap<string, number>;
    /** `# gatehouse:waive <rule-id> <reason>` comments on or above the resource's block (HCL). */
    readonly waivers?: readonly InlineWaiver[];
}

/** A waiver written as a comment in the source, as Checkov's and Trivy's inline suppressions are. */
export interface InlineWaiver {
    readonly rule: string;
    readonly reason: string;
    readonly line: number;
}

export interface Resource {
    /** Canonical type token (Pulumi's, e.g. `aws:apigateway/stage:Stage`). */
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** Identity: the Pulumi URN or the Terraform address. */
    readonly id: string;
    /** Properties in canonical (Pulumi, camelCase) form; may hold unknown sentinels. */
    readonly props: Readonly<Record<string, unknown>>;
    readonly origin: Origin;
    /**
     * Property name → identities of the resources the property's value was computed from
     * (Pulumi propertyDependencies, Terraform references). The only link that survives a
     * preview, when IDs and ARNs are still unknown.
     */
    readonly refs: Readonly<Record<string, readonly string[]>>;
    readonly parent?: string;
    /** Lifecycle options that matter to rules. */
    readonly options?: ResourceOptions;
    /**
     * The properties the program or configuration set, as opposed to outputs the provider
     * computed (Pulumi: the inputs the resource was analyzed with; Terraform: the attributes
     * written in the configuration). `undefined` when the front end cannot tell.
     */
    readonly declared?: ReadonlySet<string>;
    /**
     * The values of this resource that are secret (leaf strings, and the leaves of JSON
     * documents held in secret strings). `undefined` means the front end cannot tell, and
     * every value is then treated as secret when a message is rendered.
     */
    secretValues(): ReadonlySet<string> | undefined;
    /**
     * Set on resources the engine derives from another one (surface.ts): an OpenAPI operation of
     * an API's `body`, a quick-create route, an implicit stage. Findings on them are reported on
     * the host, at the host's property that defines them.
     */
    readonly derived?: Derivation;
}

export interface Derivation {
    /** The resource the user wrote, which findings are reported on. */
    readonly host: Resource;
    /**
     * What the derived resource is, for messages: `OpenAPI operation POST /orders`. A message, so the
     * user's values in it (a path, a stage name) are hidden like any other value when they are secret.
     */
    readonly label?: Message | Literal | string;
    /** The endpoint it is or belongs to (`POST /orders`, `$connect`), when it is one. */
    readonly endpoint?: string;
    readonly source: "openapi" | "quick-create" | "implicit-stage";
    /** The host's property path (with a JSON pointer into a document) that defines `path` of the derived resource. */
    hostPath(path: string | undefined): string;
    /**
     * Why the derived resource's content cannot be read (a body unknown during preview, or one
     * that does not parse): every rule about it then says it cannot verify it, and why.
     */
    readonly opaque?: { readonly reason: string; readonly untilApply: boolean };
}

export interface ResourceOptions {
    /**
     * True when a replacement deletes the old resource before creating the new one (Pulumi's
     * `deleteBeforeReplace`; Terraform's default without `create_before_destroy`).
     */
    readonly deleteBeforeReplace?: boolean;
}

export const NO_REFS: Readonly<Record<string, readonly string[]>> = Object.freeze({});

export const NO_SECRETS: ReadonlySet<string> = new Set<string>();

/** Builds a resource from plain parts; adapters with lazier needs implement `Resource` themselves. */
export function makeResource(parts: {
    type: string;
    name: string;
    id?: string;
    props: Record<string, unknown>;
    origin: Origin;
    refs?: Record<string, readonly string[]>;
    parent?: string;
    options?: ResourceOptions;
    declared?: ReadonlySet<string>;
    secrets?: ReadonlySet<string>;
    secrecyUnknown?: boolean;
}): Resource {
    const secrets = parts.secrecyUnknown ? undefined : parts.secrets ?? NO_SECRETS;
    return {
        type: parts.type,
        name: parts.name,
        id: parts.id ?? parts.name,
        props: parts.props,
        origin: parts.origin,
        refs: parts.refs ?? NO_REFS,
        parent: parts.parent,
        options: parts.options,
        declared: parts.declared,
        secretValues: () => secrets,
    };
}
