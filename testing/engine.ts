import { PolicyConfig, PolicyInfo, reconcilePolicyPackConfig } from "../policies/engine/config";
import { compileSchema, errorText, validateDocument } from "./json-schema";
import { PackProcess } from "./pack-process";
import { LEVEL_FROM_WIRE, WIRE_LEVEL } from "./protocol";

/** A resource as the engine holds it after registration: wire-format inputs and outputs. */
export interface StackResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** Inputs after the provider's Check (what Analyze receives). */
    inputs: Record<string, unknown>;
    /** Outputs (what AnalyzeStack receives); in a preview, computed outputs are unknown sentinels. */
    outputs: Record<string, unknown>;
    /** Resource options the engine forwards to analyzers. */
    options?: { protect?: boolean; ignoreChanges?: string[]; deleteBeforeReplace?: boolean; additionalSecretOutputs?: string[]; retainOnDelete?: boolean };
}

export interface Diagnostic {
    phase: "analyze" | "analyzeStack" | "remediate";
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: "advisory" | "mandatory" | "disabled" | "remediate";
    urn: string;
    severity: number;
}

export interface Remediation {
    urn: string;
    policyName: string;
    properties?: Record<string, unknown>;
    diagnostic?: string;
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    policies: (PolicyInfo & { description: string; displayName: string; severity: number; tags: string[]; url: string;
        remediationSteps: string; framework?: { name: string; version: string; reference: string }; policyType: number })[];
    initialConfig: Record<string, PolicyConfig>;
}

export interface RunOptions {
    dryRun: boolean;
    /** The user's --policy-pack-config file contents, already parsed (a JSON object). */
    config?: Record<string, unknown>;
    stack?: string;
    project?: string;
    /** Send each Analyze and Remediate concurrently, as the engine does for parallel steps. */
    concurrent?: boolean;
    /**
     * Sends Configure itself instead of the reconciled configuration: what a pack must survive
     * when the engine's validation is not there (another engine, a hand-made request).
     */
    configure?: (engine: EmulatedEngine) => Promise<void>;
}

export interface EngineRun {
    diagnostics: Diagnostic[];
    remediations: Remediation[];
    /** Inputs each resource was analyzed with (after remediation). */
    analyzedInputs: Map<string, Record<string, unknown>>;
}

export class ConfigValidationError extends Error {
    constructor(readonly errors: string[]) {
        super(`policy pack configuration is invalid:\n${errors.join("\n")}`);
    }
}

function stripUndefined(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => (item === undefined ? null : stripUndefined(item)));
    }
    if (value !== null && typeof value === "object") {
        const result: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) {
            if (item !== undefined) {
                result[key] = stripUndefined(item);
            }
        }
        return result;
    }
    return value;
}

const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

/** A configuration file the engine refuses to read (pkg/resource/analyzer/config.go parsePolicyPackConfig). */
export class ConfigParseError extends Error {}

function enforcementLevelOf(value: unknown, name: string): PolicyConfig["enforcementLevel"] {
    if (typeof value !== "string") {
        throw new ConfigParseError(`parsing enforcement level for "${name}": ${JSON.stringify(value)} is not a valid enforcement level; must be a string`);
    }
    if (!LEVELS.includes(value)) {
        throw new ConfigParseError(`parsing enforcement level for "${name}": "${value}" is not a valid enforcement level`);
    }
    return value as PolicyConfig["enforcementLevel"];
}

/**
 * Reads a `--policy-pack-config` file's JSON as the engine does: a string is a level, an object
 * holds an optional level and properties, anything else is refused; empty entries are dropped.
 */
export function parsePolicyPackConfig(config: Record<string, unknown>): Record<string, PolicyConfig> {
    const result: Record<string, PolicyConfig> = {};
    for (const [name, value] of Object.entries(config)) {
        let entry: PolicyConfig;
        if (typeof value === "string") {
            entry = { enforcementLevel: enforcementLevelOf(value, name) };
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            entry = {
                enforcementLevel: "enforcementLevel" in value ? enforcementLevelOf(enforcementLevel, name) : undefined,
                properties: Object.keys(properties).length > 0 ? properties : undefined,
            };
        } else {
            throw new ConfigParseError(`parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
        }
        if (entry.enforcementLevel !== undefined || entry.properties !== undefined) {
            result[name] = entry;
        }
    }
    return result;
}

/** The schema the engine validates a policy's properties against (config.go convertSchema). */
function policySchema(policy: PolicyInfo): Record<string, unknown> | undefined {
    if (!policy.configSchema) {
        return undefined;
    }
    const schema: Record<string, unknown> = { type: "object" };
    if (Object.keys(policy.configSchema.properties).length > 0) {
        schema.properties = policy.configSchema.properties;
    }
    if ((policy.configSchema.required ?? []).length > 0) {
        schema.required = policy.configSchema.required;
    }
    return schema;
}

/** What `pulumi policy validate-config` concludes about a configuration file. */
export interface ConfigVerdict {
    readonly valid: boolean;
    /** The CLI's message: "Policy Pack configuration is valid." or the error it exits with. */
    readonly message: string;
    /** Every invalid policy's errors (the CLI stops at the first policy in Go's map order). */
    readonly errors: readonly { policy: string; field: string; description: string }[];
}

/**
 * Plays the Pulumi engine's side of the Analyzer protocol against a real pack process:
 * ConfigureStack, GetAnalyzerInfo, config reconciliation and validation, Configure, then for
 * each resource Remediate and Analyze, then one AnalyzeStack.
 */
export class EmulatedEngine {
    private info?: AnalyzerInfo;

    constructor(readonly pack: PackProcess) {}

    private get proto() {
        return this.pack.protocol;
    }

    toStruct(value: Record<string, unknown>): any {
        return this.proto.struct.Struct.fromJavaScript(stripUndefined(value) as Record<string, unknown>);
    }

    async handshake(): Promise<"unimplemented" | "ok"> {
        const request = new this.proto.analyzer.AnalyzerHandshakeRequest();
        request.setEngineAddress("127.0.0.1:0");
        request.setRootDirectory(this.pack.dir);
        request.setProgramDirectory(this.pack.dir);
        try {
            await this.pack.call("handshake", request);
            return "ok";
        } catch (error) {
            if ((error as { code?: number }).code === this.proto.grpc.status.UNIMPLEMENTED) {
                return "unimplemented";
            }
            throw error;
        }
    }

    async analyzerInfo(): Promise<AnalyzerInfo> {
        if (this.info) {
            return this.info;
        }
        const response = await this.pack.call("getAnalyzerInfo", new this.proto.empty.Empty());
        const policies = response.getPoliciesList().map((policy: any) => {
            const schema = policy.getConfigschema();
            const framework = policy.getFramework();
            return {
                name: policy.getName(),
                displayName: policy.getDisplayname(),
                description: policy.getDescription(),
                enforcementLevel: LEVEL_FROM_WIRE[policy.getEnforcementlevel()],
                severity: policy.getSeverity(),
                tags: policy.getTagsList(),
                url: policy.getUrl(),
                remediationSteps: policy.getRemediationSteps(),
                policyType: policy.getPolicyType(),
                framework: framework ? { name: framework.getName(), version: framework.getVersion(), reference: framework.getReference() } : undefined,
                configSchema: schema
                    ? { properties: schema.getProperties()?.toJavaScript() ?? {}, required: schema.getRequiredList() }
                    : undefined,
            };
        });
        const initialConfig: Record<string, PolicyConfig> = {};
        response.getInitialconfigMap().forEach((value: any, key: string) => {
            initialConfig[key] = {
                enforcementLevel: LEVEL_FROM_WIRE[value.getEnforcementlevel()],
                properties: value.getProperties()?.toJavaScript(),
            };
        });
        this.info = { name: response.getName(), version: response.getVersion(), policies, initialConfig };
        return this.info;
    }

    /**
     * Reconciles and validates configuration as the engine does before a preview, an update or
     * `policy analyze` (ReconcilePolicyPackConfig): defaults, the pack's initial config, the
     * user's file; then each policy's properties against its schema with the engine's JSON Schema
     * rules. Throws ConfigParseError, SchemaCompileError or ConfigValidationError as the engine fails.
     */
    async reconcile(userConfig: Record<string, unknown> | undefined): Promise<Map<string, PolicyConfig>> {
        const info = await this.analyzerInfo();
        const reconciled = reconcilePolicyPackConfig(info.policies, info.initialConfig, userConfig ? parsePolicyPackConfig(userConfig) : undefined);
        const errors: string[] = [];
        for (const policy of info.policies) {
            const schema = policySchema(policy);
            if (schema) {
                const document = reconciled.get(policy.name)?.properties ?? {};
                errors.push(...validateDocument(compileSchema(schema), document).map((error) => `${policy.name}: ${errorText(error)}`));
            }
        }
        if (errors.length > 0) {
            throw new ConfigValidationError(errors);
        }
        return reconciled;
    }

    /**
     * `pulumi policy validate-config <org>/<pack> <version> --config FILE` against this pack's
     * published schemas: the file read as the engine reads it, each entry sent as an object
     * (level included) and validated on its own, without defaults, against the policy's schema.
     */
    async validateConfig(userConfig: Record<string, unknown>): Promise<ConfigVerdict> {
        const info = await this.analyzerInfo();
        const parsed = parsePolicyPackConfig(userConfig);
        const errors: { policy: string; field: string; description: string }[] = [];
        for (const policy of info.policies) {
            const schema = policySchema(policy);
            if (!schema) {
                continue;
            }
            const entry = parsed[policy.name];
            const document = entry ? { ...entry.properties, ...(entry.enforcementLevel ? { enforcementLevel: entry.enforcementLevel } : {}) } : {};
            errors.push(...validateDocument(compileSchema(schema), document).map((error) => ({ policy: policy.name, ...error })));
        }
        if (errors.length === 0) {
            return { valid: true, message: "Policy Pack configuration is valid.", errors };
        }
        const first = errors.filter((error) => error.policy === errors[0].policy).map((error) => error.description);
        return { valid: false, message: `policy pack configuration is invalid: ${first.join(", ")}`, errors };
    }

    async configureStack(options: RunOptions): Promise<void> {
        const request = new this.proto.analyzer.AnalyzerStackConfigureRequest();
        request.setStack(options.stack ?? "dev");
        request.setProject(options.project ?? "harness");
        request.setOrganization("organization");
        request.setDryRun(options.dryRun);
        await this.pack.call("configureStack", request);
    }

    /** A unary call with request bytes made by hand (requests the generated stubs cannot build). */
    rawCall(method: string, bytes: Buffer): Promise<Buffer> {
        const grpc = this.proto.grpc;
        const client = new grpc.Client(`127.0.0.1:${this.pack.port}`, grpc.credentials.createInsecure());
        return new Promise((resolve, reject) => {
            client.makeUnaryRequest(`/pulumirpc.Analyzer/${method}`, (value: Buffer) => value, (value: Buffer) => value, bytes,
                (error: unknown, response?: Buffer) => {
                    client.close();
                    return error ? reject(error) : resolve(response ?? Buffer.alloc(0));
                });
        });
    }

    async configure(config: Map<string, PolicyConfig>): Promise<void> {
        const request = new this.proto.analyzer.ConfigureAnalyzerRequest();
        const map = request.getPolicyconfigMap();
        for (const [name, entry] of config) {
            const policyConfig = new this.proto.analyzer.PolicyConfig();
            policyConfig.setEnforcementlevel(WIRE_LEVEL[entry.enforcementLevel ?? "advisory"]);
            policyConfig.setProperties(this.toStruct(entry.properties ?? {}));
            map.set(name, policyConfig);
        }
        await this.pack.call("configure", request);
    }

    private resourceOptions(resource: StackResource): any {
        const options = new this.proto.analyzer.AnalyzerResourceOptions();
        options.setProtect(resource.options?.protect ?? false);
        options.setIgnorechangesList(resource.options?.ignoreChanges ?? []);
        options.setAdditionalsecretoutputsList(resource.options?.additionalSecretOutputs ?? []);
        options.setAliasesList([]);
        if (resource.options?.deleteBeforeReplace !== undefined) {
            options.setDeletebeforereplacedefined(true);
            options.setDeletebeforereplace(resource.options.deleteBeforeReplace);
        }
        const timeouts = new this.proto.analyzer.AnalyzerResourceOptions.CustomTimeouts();
        options.setCustomtimeouts(timeouts);
        if (resource.parent) {
            options.setParent(resource.parent);
        }
        return options;
    }

    analyzeRequest(resource: StackResource, properties: Record<string, unknown>): any {
        const request = new this.proto.analyzer.AnalyzeRequest();
        request.setType(resource.type);
        request.setName(resource.name);
        request.setUrn(resource.urn);
        request.setProperties(this.toStruct(properties));
        request.setOptions(this.resourceOptions(resource));
        return request;
    }

    stackRequest(resources: readonly StackResource[]): any {
        const request = new this.proto.analyzer.AnalyzeStackRequest();
        request.setResourcesList(resources.map((resource) => {
            const item = new this.proto.analyzer.AnalyzerResource();
            item.setType(resource.type);
            item.setName(resource.name);
            item.setUrn(resource.urn);
            item.setProperties(this.toStruct(resource.outputs));
            item.setOptions(this.resourceOptions(resource));
            if (resource.parent) {
                item.setParent(resource.parent);
            }
            item.setDependenciesList(resource.dependencies);
            const map = item.getPropertydependenciesMap();
            for (const [prop, urns] of Object.entries(resource.propertyDependencies)) {
                if (urns.length > 0) {
                    const dependencies = new this.proto.analyzer.AnalyzerPropertyDependencies();
                    dependencies.setUrnsList(urns);
                    map.set(prop, dependencies);
                }
            }
            return item;
        }));
        return request;
    }

    private readDiagnostics(response: any, phase: Diagnostic["phase"], urn?: string): Diagnostic[] {
        return response.getDiagnosticsList().map((diagnostic: any) => ({
            phase,
            policyName: diagnostic.getPolicyname(),
            policyPackName: diagnostic.getPolicypackname(),
            policyPackVersion: diagnostic.getPolicypackversion(),
            description: diagnostic.getDescription(),
            message: diagnostic.getMessage(),
            enforcementLevel: LEVEL_FROM_WIRE[diagnostic.getEnforcementlevel()],
            urn: diagnostic.getUrn() || urn || "",
            severity: diagnostic.getSeverity(),
        }));
    }

    private async analyzeOne(resource: StackResource, run: EngineRun): Promise<void> {
        let inputs = resource.inputs;
        const remediation = await this.pack.call("remediate", this.analyzeRequest(resource, inputs));
        for (const item of remediation.getRemediationsList()) {
            const properties = item.getProperties()?.toJavaScript();
            run.remediations.push({ urn: resource.urn, policyName: item.getPolicyname(), properties, diagnostic: item.getDiagnostic() || undefined });
            if (properties) {
                inputs = properties;
            }
        }
        run.analyzedInputs.set(resource.urn, inputs);
        const response = await this.pack.call("analyze", this.analyzeRequest(resource, inputs));
        run.diagnostics.push(...this.readDiagnostics(response, "analyze", resource.urn));
    }

    /**
     * `pulumi policy analyze`: the pack over a stack's existing resources (its state, or a
     * `pulumi stack export` file). Remediations are asked for and reported but not applied; Analyze
     * gets each resource's inputs, AnalyzeStack their outputs.
     */
    async analyzeExisting(resources: readonly StackResource[], options: Omit<RunOptions, "dryRun" | "concurrent">): Promise<EngineRun> {
        await this.handshake();
        await this.configureStack({ ...options, dryRun: false });
        if (options.configure) {
            await options.configure(this);
        } else {
            await this.configure(await this.reconcile(options.config));
        }
        const run: EngineRun = { diagnostics: [], remediations: [], analyzedInputs: new Map() };
        for (const resource of resources) {
            const remediation = await this.pack.call("remediate", this.analyzeRequest(resource, resource.inputs));
            for (const item of remediation.getRemediationsList()) {
                run.remediations.push({ urn: resource.urn, policyName: item.getPolicyname(), properties: item.getProperties()?.toJavaScript(), diagnostic: item.getDiagnostic() || undefined });
            }
            run.analyzedInputs.set(resource.urn, resource.inputs);
            const response = await this.pack.call("analyze", this.analyzeRequest(resource, resource.inputs));
            run.diagnostics.push(...this.readDiagnostics(response, "analyze", resource.urn));
        }
        const response = await this.pack.call("analyzeStack", this.stackRequest(resources));
        run.diagnostics.push(...this.readDiagnostics(response, "analyzeStack"));
        return run;
    }

    /** One `pulumi preview` (dryRun) or `pulumi up` of the given resources through the pack. */
    async run(resources: readonly StackResource[], options: RunOptions): Promise<EngineRun> {
        await this.handshake();
        await this.configureStack(options);
        if (options.configure) {
            await options.configure(this);
        } else {
            await this.configure(await this.reconcile(options.config));
        }
        const run: EngineRun = { diagnostics: [], remediations: [], analyzedInputs: new Map() };
        if (options.concurrent) {
            await Promise.all(resources.map((resource) => this.analyzeOne(resource, run)));
        } else {
            for (const resource of resources) {
                await this.analyzeOne(resource, run);
            }
        }
        // After remediation, outputs carry the remediated inputs (as the provider would return them).
        const stack = resources.map((resource) => {
            const analyzed = run.analyzedInputs.get(resource.urn);
            return analyzed === resource.inputs ? resource : { ...resource, outputs: { ...resource.outputs, ...analyzed } };
        });
        const response = await this.pack.call("analyzeStack", this.stackRequest(stack));
        run.diagnostics.push(...this.readDiagnostics(response, "analyzeStack"));
        return run;
    }
}
