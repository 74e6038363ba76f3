/**
 * A scan: every input read into the canonical model, the catalog evaluated over each input on its
 * own (an input is one stack or configuration), and the outcome the output formats render.
 */
import type { EvaluationContext, Result } from "../engine/evaluate";
import { Evaluator } from "../engine/evaluate";
import { Graph } from "../engine/graph";
import { WaiverUsage } from "../engine/waivers";
import type { VariableInputs } from "../terraform/module";
import { InventoryRow, inventoryRows } from "./inventory/inventory";
import { InputError } from "../engine/input-error";
import type { Rule } from "../engine/rule";
import { asInputError, loadInputs, ScanInput } from "./inputs";

export type FailOn = "mandatory" | "advisory" | "none";

export interface ScanFinding extends Result {
    /** The input the finding came from. */
    readonly input: string;
}

export interface ScanOutcome {
    readonly rules: readonly Rule[];
    readonly inputs: readonly ScanInput[];
    readonly findings: readonly ScanFinding[];
    readonly failOn: FailOn;
    /** The rules that ran (not disabled): JUnit reports a test case for each resource they checked. */
    readonly activeRules: readonly Rule[];
    /**
     * Every endpoint of every input (the inventory), read from each input's graph right after it
     * is evaluated, so no graph outlives its input's evaluation; undefined when not asked for.
     */
    readonly endpoints?: readonly InventoryRow[];
    /** Paths that could not be read, each with why: the other inputs are still scanned and reported. */
    readonly inputErrors: readonly InputError[];
}

export interface ScanOptions {
    /** Read the endpoint inventory too (`gatehouse inventory`, and the JSON report with `--endpoints`). Default: false. */
    readonly endpoints?: boolean;
    /** Root module variables for HCL inputs: `--var-file` and `--var`. */
    readonly variables?: VariableInputs;
    /** The configuration folder plans were made from (`--source`). */
    readonly source?: string;
}

/**
 * True when the finding fails the scan at the given threshold: an unwaived violation (or a broken
 * waiver) at that level or above. Notices that a value is not known yet, and rule errors, never do.
 */
export function fails(finding: Result, failOn: FailOn): boolean {
    if ((finding.kind !== "violation" && finding.kind !== "waiver") || finding.waived || failOn === "none") {
        return false;
    }
    return failOn === "advisory" || finding.level === "mandatory";
}

/** 2 when an input could not be read (whatever the others held), else 1 for a failing finding, else 0. */
export function exitCode(outcome: ScanOutcome): 0 | 1 | 2 {
    if (outcome.inputErrors.length > 0) {
        return 2;
    }
    return outcome.findings.some((finding) => fails(finding, outcome.failOn)) ? 1 : 0;
}

export async function scanPaths(paths: readonly string[], rules: readonly Rule[], context: EvaluationContext, failOn: FailOn, options: ScanOptions = {}): Promise<ScanOutcome> {
    const inputs: ScanInput[] = [];
    const inputErrors: InputError[] = [];
    for (const target of paths) {
        try {
            inputs.push(...await loadInputs(target, inputErrors, { variables: options.variables, source: options.source }));
        } catch (error) {
            inputErrors.push(asInputError(target, error));
        }
    }
    return { ...scanInputs(inputs, rules, context, failOn, options), inputErrors };
}

export function scanInputs(inputs: readonly ScanInput[], rules: readonly Rule[], context: EvaluationContext, failOn: FailOn, options: ScanOptions = {}): ScanOutcome {
    const evaluator = new Evaluator(rules);
    const activeRules = rules.filter((rule) => context.settings(rule).level !== "disabled");
    const findings: ScanFinding[] = [];
    const endpoints: InventoryRow[] | undefined = options.endpoints === true ? [] : undefined;
    // One usage across inputs: a configured waiver is unused only if no input needed it.
    const evaluation = { ...context, waiverUsage: new WaiverUsage() };
    inputs.forEach((input, index) => {
        const graph = new Graph(input.resources);
        const results = evaluator.evaluateGraph(graph, evaluation);
        for (const result of evaluator.unusedTagWaivers(graph, evaluation)) {
            results.push(result);
        }
        if (options.endpoints === true) {
            for (const row of inventoryRows(graph, results, input.path)) {
                endpoints!.push(row);
            }
        }
        for (let i = 0; i < results.length; i++) {
            const result = results[i]; // indexed: a for-of allocates an iterator step per finding until the loop is optimized
            // Problems with configured waivers concern the configuration, not an input: report them once.
            if (result.resource === undefined && index > 0) {
                continue;
            }
            // Results are fresh objects the scan owns: tagging them avoids copying 100k findings.
            (result as { input?: string }).input = input.path;
            findings.push(result as ScanFinding);
        }
    });
    for (const result of inputs.length > 0 ? evaluator.unusedConfigWaivers(evaluation) : []) {
        (result as { input?: string }).input = inputs[0].path;
        findings.push(result as ScanFinding);
    }
    return { rules, inputs, findings, failOn, activeRules, endpoints, inputErrors: [] };
}
