import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN_STRING } from "../policies/engine/values";
import type { StackResource } from "./engine";

/**
 * Runs a Pulumi TypeScript program under `pulumi.runtime.setMocks` and records every resource it
 * registers the way the engine would hold it: URN, parent, dependencies, propertyDependencies,
 * wire-format inputs (secrets as secret signatures, unknowns as sentinels, resource references
 * as IDs) and outputs. In a preview, computed outputs (IDs, ARNs, endpoints) are unknown, as
 * they are before a resource is created.
 */

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const ACCOUNT = "123456789012";
const REGION = "us-east-1";

export type Mode = "up" | "preview";

export interface ProgramOptions {
    mode: Mode;
    project?: string;
    stack?: string;
    /** Stack configuration visible to `new pulumi.Config()` (keys like "aws:region" or "project:key"). */
    config?: Record<string, string>;
}

/** Types whose provider assigns a physical name (Pulumi auto-naming) when none is given. */
const AUTONAMED = new Set([
    "aws:iam/role:Role", "aws:iam/policy:Policy", "aws:lambda/function:Function", "aws:cloudwatch/logGroup:LogGroup",
    "aws:wafv2/webAcl:WebAcl", "aws:apigateway/restApi:RestApi", "aws:apigatewayv2/api:Api", "aws:cognito/userPool:UserPool",
    "aws:sqs/queue:Queue", "aws:kms/key:Key", "aws:iam/rolePolicy:RolePolicy", "aws:apigateway/apiKey:ApiKey",
    "aws:apigateway/usagePlan:UsagePlan", "aws:cloudwatch/metricAlarm:MetricAlarm",
]);

/** The provider's Check assigns an auto-name, so a physical name is known even in a preview. */
function withAutoName(type: string, name: string, custom: boolean, inputs: Record<string, any>): Record<string, any> {
    if (custom && AUTONAMED.has(type) && inputs.name === undefined) {
        return { ...inputs, name: `${name}-a1b2c3d` };
    }
    return inputs;
}

function service(type: string): string {
    return type.split(":")[1]?.split("/")[0] ?? "unknown";
}

/** Outputs the provider computes on create, by type. */
function computedOutputs(type: string, name: string, id: string, inputs: Record<string, any>): Record<string, unknown> {
    const physical = typeof inputs.name === "string" ? inputs.name : name;
    const common = { id, arn: `arn:aws:${service(type)}:${REGION}:${ACCOUNT}:${name}` };
    switch (type) {
        case "aws:apigateway/restApi:RestApi":
            return { ...common, arn: `arn:aws:apigateway:${REGION}::/restapis/${id}`, rootResourceId: `${id}-root`,
                executionArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${id}`, createdDate: "2026-01-01T00:00:00Z" };
        case "aws:apigateway/stage:Stage":
            return { ...common, arn: `arn:aws:apigateway:${REGION}::/restapis/${inputs.restApi}/stages/${inputs.stageName}`,
                invokeUrl: `https://${inputs.restApi}.execute-api.${REGION}.amazonaws.com/${inputs.stageName}`,
                executionArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${inputs.restApi}/${inputs.stageName}` };
        case "aws:apigateway/deployment:Deployment":
            return { ...common, createdDate: "2026-01-01T00:00:00Z", executionArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${inputs.restApi}/` };
        case "aws:apigatewayv2/api:Api":
            return { ...common, arn: `arn:aws:apigateway:${REGION}::/apis/${id}`, apiEndpoint: `https://${id}.execute-api.${REGION}.amazonaws.com`,
                executionArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${id}` };
        case "aws:apigatewayv2/stage:Stage":
            return { ...common, arn: `arn:aws:apigateway:${REGION}::/apis/${inputs.apiId}/stages/${physical}`,
                invokeUrl: `https://${inputs.apiId}.execute-api.${REGION}.amazonaws.com/${physical}`,
                executionArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${inputs.apiId}/${physical}` };
        case "aws:cloudwatch/logGroup:LogGroup":
            return { ...common, id: physical, arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${physical}` };
        case "aws:iam/role:Role":
            return { ...common, id: physical, arn: `arn:aws:iam::${ACCOUNT}:role/${physical}`, uniqueId: `AROA${id.toUpperCase()}` };
        case "aws:iam/policy:Policy":
            return { ...common, arn: `arn:aws:iam::${ACCOUNT}:policy/${physical}`, policyId: `ANPA${id.toUpperCase()}` };
        case "aws:lambda/function:Function":
            return { ...common, id: physical, arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}`,
                invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}/invocations`,
                qualifiedArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}:$LATEST`, version: "$LATEST" };
        case "aws:wafv2/webAcl:WebAcl":
            return { ...common, arn: `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/${physical}/${id}` };
        case "aws:cognito/userPool:UserPool":
            return { ...common, arn: `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_${id}`, endpoint: `cognito-idp.${REGION}.amazonaws.com/${REGION}_${id}` };
        case "aws:kms/key:Key":
            return { ...common, arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`, keyId: id };
        case "aws:apigateway/apiKey:ApiKey":
            // API Gateway generates the value when none is given.
            return { ...common, value: inputs.value ?? `generated-${id}-key-value` };
        case "aws:acm/certificate:Certificate":
            return { ...common, arn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${id}` };
        default:
            return common;
    }
}

/** Replaces resource references by the referenced resource's ID, as the engine does for analyzers. */
function resolveReferences(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(resolveReferences);
    }
    if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[SIG_KEY] === RESOURCE_REF_SIG) {
            const id = record["id"];
            return typeof id === "string" && id !== "" ? id : (typeof id === "string" ? UNKNOWN_STRING : record["urn"]);
        }
        const result: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(record)) {
            result[key] = resolveReferences(item);
        }
        return result;
    }
    return value;
}

/**
 * Loads a program module afresh (its top-level code declares the resources, so it must run on
 * every call), with the program's own files fresh too and packages shared: the program must
 * register with the same @pulumi/pulumi the harness mocks. Done by hand rather than through the
 * require cache, which test runners such as jest keep to themselves.
 */
function loadProgram(file: string, loading = new Map<string, { exports: unknown }>()): unknown {
    const cached = loading.get(file);
    if (cached) {
        return cached.exports;
    }
    const dir = path.dirname(file);
    const own = (resolved: string) => !resolved.includes(`${path.sep}node_modules${path.sep}`) && resolved.startsWith(dir + path.sep) && resolved.endsWith(".js");
    const module = { exports: {} as unknown };
    loading.set(file, module);
    const localRequire = (id: string) => {
        const resolved = require.resolve(id, { paths: [dir] });
        return own(resolved) ? loadProgram(resolved, loading) : require(resolved);
    };
    const source = readFileSync(file, "utf8").replace(/^#!.*/, "");
    const wrapped = new Function("exports", "require", "module", "__filename", "__dirname", source);
    wrapped(module.exports, localRequire, module, file, dir);
    return module.exports;
}


let running = false;

/**
 * Runs `program` (a function creating resources, or the path of a compiled program module)
 * and returns what it registered, in registration order.
 */
export async function runProgram(program: string | (() => unknown), options: ProgramOptions): Promise<StackResource[]> {
    if (running) {
        throw new Error("runProgram is not re-entrant: Pulumi's runtime state is global");
    }
    running = true;
    // @pulumi/pulumi captures a stack trace for every promise it creates, only to describe
    // leaked promises; shallow traces keep large programs fast and change nothing else.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 1;
    try {
        return await runUnderMocks(program, options);
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
        running = false;
    }
}

async function runUnderMocks(program: string | (() => unknown), options: ProgramOptions): Promise<StackResource[]> {
    const preview = options.mode === "preview";
    const project = options.project ?? "harness";
    const stack = options.stack ?? "dev";
    const settings = require("@pulumi/pulumi/runtime/settings");
    const runtimeConfig = require("@pulumi/pulumi/runtime/config");
    let counter = 0;
    await pulumi.runtime.setMocks({
        newResource(args: pulumi.runtime.MockResourceArgs) {
            const id = `${args.name}-${(++counter).toString(36).padStart(4, "0")}`;
            const inputs = withAutoName(args.type, args.name, args.custom !== false, args.inputs);
            const state = { ...inputs };
            if (!preview) {
                Object.assign(state, computedOutputs(args.type, args.name, id, inputs), inputs);
            }
            return { id: preview ? undefined : id, state };
        },
        call(args: pulumi.runtime.MockCallArgs) {
            if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") {
                return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/harness`, userId: "harness", id: ACCOUNT };
            }
            if (args.token === "aws:index/getRegion:getRegion") {
                return { name: REGION, region: REGION, id: REGION, endpoint: `ec2.${REGION}.amazonaws.com`, description: "US East" };
            }
            if (args.token === "aws:index/getPartition:getPartition") {
                return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
            }
            return args.inputs;
        },
    }, project, stack, preview);
    runtimeConfig.setAllConfig({ "aws:region": REGION, ...(options.config ?? {}) }, []);

    const monitor = settings.getMonitor();
    const recorded: StackResource[] = [];
    const originalRegister = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request: any, callback: (error: Error | null, response?: any) => void) => {
        const type: string = request.getType();
        const name: string = request.getName();
        const custom: boolean = request.getCustom();
        const inputsWire = request.getObject()?.toJavaScript() ?? {};
        const propertyDependencies: Record<string, string[]> = {};
        request.getPropertydependenciesMap().forEach((value: any, key: string) => {
            propertyDependencies[key] = value.getUrnsList();
        });
        const dependencies: string[] = request.getDependenciesList();
        const parent: string = request.getParent();
        const options = {
            protect: request.getProtect?.() ?? false,
            ignoreChanges: request.getIgnorechangesList?.() ?? [],
            additionalSecretOutputs: request.getAdditionalsecretoutputsList?.() ?? [],
            deleteBeforeReplace: request.getDeletebeforereplacedefined?.() ? request.getDeletebeforereplace() : undefined,
            retainOnDelete: request.getRetainondelete?.() ?? false,
        };
        originalRegister(request, (error: Error | null, response: any) => {
            if (!error && response) {
                const urn: string = response.getUrn();
                const inputs = withAutoName(type, name, custom, resolveReferences(inputsWire) as Record<string, unknown>);
                const id: string = response.getId() || `${name}-id`;
                const computed = custom ? computedOutputs(type, name, id, inputs) : {};
                const outputs: Record<string, unknown> = { ...inputs };
                for (const [key, value] of Object.entries(computed)) {
                    if (!(key in inputs)) {
                        outputs[key] = preview ? UNKNOWN_STRING : value;
                    }
                }
                // The engine marks these outputs secret (the provider SDK asks for it, e.g. an API key's value).
                for (const key of options.additionalSecretOutputs) {
                    const output = outputs[key];
                    if (output !== undefined && !(output !== null && typeof output === "object" && (output as Record<string, unknown>)[SIG_KEY] === SECRET_SIG)) {
                        outputs[key] = { [SIG_KEY]: SECRET_SIG, value: output };
                    }
                }
                recorded.push({ urn, type, name, custom, parent: parent || undefined, dependencies, propertyDependencies, inputs, outputs, options });
            }
            callback(error, response);
        });
    };

    const stackModule = require("@pulumi/pulumi/runtime/stack");
    // A program that throws is reported after its registrations settle, not as a failed stack
    // (whose pending outputs would reject again, after the caller has moved on).
    let failure: { error: unknown } | undefined;
    await stackModule.runInPulumiStack(async () => {
        try {
            if (typeof program === "function") {
                return await program();
            }
            const resolved = require.resolve(program);
            const exported = resolved.endsWith(".js") ? loadProgram(resolved) : require(resolved);
            return typeof exported === "function" ? await exported() : exported;
        } catch (error) {
            failure = { error };
            return undefined;
        }
    });
    await settings.waitForRPCs();
    if (failure) {
        throw failure.error;
    }
    return recorded;
}
