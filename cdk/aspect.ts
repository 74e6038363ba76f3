/**
 * GatehouseAspect: the catalog run over a CDKTF stack at synth, on the stack's resolved Terraform
 * JSON (overrides and escape hatches included, exactly what `cdk.tf.json` will hold).
 * Mandatory findings fail synth: they are the stack's validation errors and error annotations on
 * the resources. Advisory findings and values unknown until apply are warnings, waived findings
 * informational. Configuration and waivers are those of the pack and of `gatehouse scan`.
 */
import { readFileSync } from "node:fs";
import { Annotations, App, Aspects, IAspect, TerraformResource, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { catalog } from "../policies/catalog";
import type { Result } from "../policies/engine/evaluate";
import { Evaluator } from "../policies/engine/evaluate";
import type { Rule } from "../policies/engine/rule";
import { scanConfiguration, ScanConfiguration } from "../policies/scan/config";
import { resourcesFromConfiguration } from "../policies/terraform/configuration";
import { inTerraformWords } from "../policies/terraform/vocabulary";

export interface GatehouseAspectOptions {
    /**
     * The configuration `pulumi preview --policy-pack-config` and `gatehouse scan --config` take
     * (enforcement levels, rule settings, `gatehouse-waivers`), as an object.
     */
    config?: Record<string, unknown>;
    /** The same configuration, read from a JSON file. */
    configFile?: string;
    /** The rules to run (default: the whole catalog). */
    rules?: readonly Rule[];
}

/** What one evaluation of a stack found, for callers that want more than annotations. */
export interface StackFindings {
    readonly stack: string;
    readonly results: readonly Result[];
}

export class GatehouseAspect implements IAspect {
    private readonly rules: readonly Rule[];
    private readonly configuration: ScanConfiguration;
    private readonly evaluated = new WeakSet<TerraformStack>();
    /** The findings of each stack this aspect evaluated, in evaluation order. */
    readonly findings: StackFindings[] = [];

    constructor(options: GatehouseAspectOptions = {}) {
        if (options.config !== undefined && options.configFile !== undefined) {
            throw new Error("GatehouseAspect: give `config` or `configFile`, not both");
        }
        this.rules = options.rules ?? catalog;
        const text = options.configFile !== undefined ? readFileSync(options.configFile, "utf8")
            : options.config !== undefined ? JSON.stringify(options.config) : undefined;
        // A configuration mistake fails here, when the app is built, naming what is wrong.
        this.configuration = scanConfiguration(this.rules, text, options.configFile ?? "GatehouseAspect config");
    }

    /** Set to true to leave out the one-line summary a passing synth prints on stderr. */
    quiet = false;
    private readonly pendingErrors: string[] = [];

    visit(node: IConstruct): void {
        if (!TerraformStack.isStack(node) || this.evaluated.has(node)) {
            return;
        }
        this.evaluated.add(node);
        const stack = node;
        for (const warning of this.configuration.warnings) {
            Annotations.of(stack).addWarning(warning);
        }
        // Evaluated when the stack validates: after every aspect (ours runs first, top-down) has
        // changed what it will, and before anything is written.
        stack.node.addValidation({ validate: () => this.validate(stack) });
    }

    /** The stacks of the app this aspect applies to, in the order the app synthesizes them. */
    private stacksOf(stack: TerraformStack): TerraformStack[] {
        const root = stack.node.root;
        return root.node.findAll().filter(TerraformStack.isStack)
            .filter((candidate) => candidate.node.scopes.some((scope) => Aspects.of(scope).all.includes(this)));
    }

    /**
     * A stack's validation. Mandatory findings of every stack fail the synth together, at the last
     * stack the aspect applies to, so one synth lists them all; until then they are recorded.
     */
    private validate(stack: TerraformStack): string[] {
        const stacks = this.stacksOf(stack);
        const last = stacks.length === 0 || stacks[stacks.length - 1] === stack;
        this.pendingErrors.push(...this.evaluate(stack, last));
        if (!last) {
            return [];
        }
        const errors = this.pendingErrors.splice(0);
        if (errors.length === 0 && !this.quiet) {
            const results = this.findings.flatMap((entry) => entry.results);
            const advisory = results.filter((result) => result.level === "advisory" && !result.waived).length;
            process.stderr.write(`gatehouse: GatehouseAspect checked ${this.findings.length} stack${this.findings.length === 1 ? "" : "s"}: `
                + `no mandatory finding, ${advisory} advisory, ${results.filter((result) => result.waived).length} waived\n`);
        }
        return errors;
    }

    /**
     * Runs the rules over the stack; returns its mandatory findings. They are error annotations on
     * the last stack, and warnings (saying they fail the synth) on the others: cdktf stops at the
     * first stack holding an error annotation, before the later ones are checked.
     */
    private evaluate(stack: TerraformStack, last: boolean): string[] {
        const document = stack.toTerraform();
        const resources = resourcesFromConfiguration(document, { file: stack.node.path, frontEnd: "cdktf" });
        const results = new Evaluator(this.rules).evaluateAll(resources, this.configuration);
        this.findings.push({ stack: stack.node.path, results });
        const constructs = constructsByAddress(stack);
        const errors: string[] = [];
        for (const result of results) {
            const target = (result.resource && constructs.get(result.resource.id)) ?? stack;
            const text = `[${result.ruleId}] ${inTerraformWords(result.message)}${result.waived ? ` (waived: ${result.waived.reason})` : ""}`;
            if (result.waived) {
                Annotations.of(target).addInfo(text);
            } else if (result.level === "mandatory" && (result.kind === "violation" || result.kind === "waiver")) {
                if (last) {
                    Annotations.of(target).addError(text);
                } else {
                    Annotations.of(target).addWarning(`${text} (mandatory: fails the synth)`);
                }
                errors.push(`${result.resource ? target.node.path : stack.node.path}: ${text}`);
            } else {
                Annotations.of(target).addWarning(text);
            }
        }
        return errors;
    }
}

/**
 * cdk-nag's habit, `Aspects.of(app).add(aspect)`: cdktf invokes only the aspects of a stack and
 * its children, so an aspect on the app would silently do nothing. Before the app synthesizes,
 * every GatehouseAspect on the app (or on a construct above stacks) is added to each stack below it.
 */
function forwardAppAspects(app: App): void {
    const above = [app, ...app.node.findAll().filter((node) => !TerraformStack.isStack(node) && !node.node.scopes.some((scope) => TerraformStack.isStack(scope)))];
    for (const scope of above) {
        for (const aspect of Aspects.of(scope).all) {
            if (!(aspect instanceof GatehouseAspect)) {
                continue;
            }
            for (const stack of scope.node.findAll().filter(TerraformStack.isStack)) {
                if (!Aspects.of(stack).all.includes(aspect)) {
                    Aspects.of(stack).add(aspect);
                }
            }
        }
    }
}

const FORWARDING = Symbol.for("gatehouse-apigw.forwardAppAspects");
const appPrototype = App.prototype as unknown as { synth: () => void; [FORWARDING]?: boolean };
if (!appPrototype[FORWARDING]) {
    const synth = appPrototype.synth;
    appPrototype.synth = function (this: App) {
        forwardAppAspects(this);
        return synth.call(this);
    };
    appPrototype[FORWARDING] = true;
}

/** The stack's resource constructs by Terraform address (`type.name`, the name CDKTF synthesizes). */
function constructsByAddress(stack: TerraformStack): Map<string, IConstruct> {
    const byAddress = new Map<string, IConstruct>();
    for (const construct of stack.node.findAll()) {
        if (TerraformResource.isTerraformResource(construct)) {
            byAddress.set(`${construct.terraformResourceType}.${construct.friendlyUniqueId}`, construct);
        }
    }
    return byAddress;
}
