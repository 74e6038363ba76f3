#!/usr/bin/env node
/**
 * `gatehouse scan`: the rule catalog over Terraform plans, Terraform/CDKTF JSON, HCL sources and
 * Pulumi state, for CI. Exit codes: 0 no failing finding, 1 a failing finding (mandatory, or any
 * violation with --fail-on advisory), 2 bad usage, configuration or input, 3 an internal error.
 */
import { readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { catalog } from "../catalog";
import { ConfigError } from "../engine/config";
import { InputError } from "../engine/input-error";
import { scanConfiguration } from "./config";
import { renderJson } from "./formats/json";
import { renderJunit } from "./formats/junit";
import { renderSarif } from "./formats/sarif";
import { renderText } from "./formats/text";
import { renderInventoryHtml } from "./inventory/html";
import { inventoryOf, renderInventoryJson, renderInventoryMarkdown, renderInventoryText } from "./inventory/inventory";
import { exitCode, FailOn, scanPaths, ScanOptions } from "./scan";

const FORMATS = ["text", "json", "sarif", "junit"] as const;
type Format = (typeof FORMATS)[number];
const INVENTORY_FORMATS = ["text", "json", "markdown", "html"] as const;
type InventoryFormat = (typeof INVENTORY_FORMATS)[number];
const FAIL_ON: readonly FailOn[] = ["mandatory", "advisory", "none"];

const USAGE = `Usage: gatehouse scan <path>... [options]

Runs Gatehouse's API Gateway rules over each path:
  a Terraform plan as JSON        terraform show -json plan.tfplan > plan.json
  Terraform JSON configuration    *.tf.json, cdk.tf.json, or a cdktf.out folder (every stack)
  Terraform HCL                   a folder of .tf files, or one .tf file
  Pulumi state                    pulumi stack export > stack.json

Options:
  --format <text|json|sarif|junit>   output format (default: text)
  --output <file>                    write the report to a file instead of standard output
  --config <file>                    the file you pass to pulumi preview --policy-pack-config:
                                     enforcement levels, rule settings and waivers
  --fail-on <mandatory|advisory|none>
                                     which violations make the exit code 1 (default: mandatory)
  --color / --no-color               colours in text output (default: only on a terminal)
  --endpoints                        with --format json: add the endpoint inventory (as gatehouse inventory
                                     --format json lists it) to the report
  --var <name=value>, --var-file <file>
                                     values of the root module's variables for HCL inputs, as terraform
                                     plan takes them (after terraform.tfvars and *.auto.tfvars)
  --source <folder>                  for a plan: the configuration it was made from, for file and line of
                                     each finding and the known parts of values the plan has as unknown
                                     (default: the plan's own folder, when it holds .tf files)

Exit codes: 0 passed, 1 a failing finding, 2 bad usage, configuration or input, 3 internal error.

Other commands:
  gatehouse inventory <path>... [--format text|json|markdown|html] [--output <file>] [--config <file>]
                        lists every endpoint of every API (method and path or route key) with its
                        authorization, API key, throttling, WAF, access logs, exposure and failing rules
  gatehouse rules [<rule-id>...] [--format text|json]
                        lists the rules with their default levels; with ids, each rule's documentation;
                        --format json: the catalog (or the named rules) as JSON
  gatehouse --version`;

class UsageError extends Error {}

interface Options<F extends string = Format> {
    paths: string[];
    format: F;
    output?: string;
    config?: string;
    failOn: FailOn;
    colour?: boolean;
    endpoints?: boolean;
    vars: string[];
    varFiles: string[];
    source?: string;
}

function parseScanArguments<F extends string = Format>(args: readonly string[], formats: readonly F[] = FORMATS as unknown as readonly F[]): Options<F> {
    const options: Options<F> = { paths: [], format: "text" as F, failOn: "mandatory", vars: [], varFiles: [] };
    const valueOf = (flag: string, index: number): string => {
        const value = args[index + 1];
        if (value === undefined || value.startsWith("--")) {
            throw new UsageError(`${flag} needs a value`);
        }
        return value;
    };
    for (let index = 0; index < args.length; index++) {
        const arg = args[index];
        const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
        const take = () => inline ?? valueOf(flag, index++);
        switch (flag) {
            case "--format": {
                const format = take();
                if (!(formats as readonly string[]).includes(format)) {
                    throw new UsageError(`--format must be one of ${formats.join(", ")}, not "${format}"`);
                }
                options.format = format as F;
                break;
            }
            case "--output":
                options.output = take();
                break;
            case "--config":
                options.config = take();
                break;
            case "--fail-on": {
                const failOn = take();
                if (!(FAIL_ON as readonly string[]).includes(failOn)) {
                    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(", ")}, not "${failOn}"`);
                }
                options.failOn = failOn as FailOn;
                break;
            }
            case "--endpoints":
                options.endpoints = true;
                break;
            case "--var":
                options.vars.push(take());
                break;
            case "--var-file":
                options.varFiles.push(take());
                break;
            case "--source":
                options.source = take();
                break;
            case "--color":
            case "--colour":
                options.colour = true;
                break;
            case "--no-color":
            case "--no-colour":
                options.colour = false;
                break;
            default:
                if (arg.startsWith("-") && arg !== "-") {
                    throw new UsageError(unknownOption(arg));
                }
                options.paths.push(arg);
        }
    }
    if (options.paths.length === 0) {
        throw new UsageError("name at least one file or folder to scan");
    }
    return options;
}

/** How inputs are read: variables for HCL, the source folder of a plan. */
function readOptions(options: Options<string>): Pick<ScanOptions, "variables" | "source"> {
    return { variables: { vars: options.vars, varFiles: options.varFiles }, source: options.source };
}

function version(): string {
    return JSON.parse(readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")).version;
}

/** Where writing in place is the only right way: devices, pipes, `/dev/stdout`, `/dev/fd/N`, process substitution. */
function writesInPlace(file: string): boolean {
    if (/^\/(dev|proc)\//.test(path.resolve(file))) {
        return true;
    }
    try {
        return !statSync(file).isFile();
    } catch {
        return false; // does not exist yet: created whole
    }
}

/**
 * Writes the report. A regular file is replaced whole or not at all (a reader never sees half a
 * file, and a failed write leaves the old one); the file behind a symlink is replaced, not the
 * link. Devices, pipes and descriptors are written in place: renaming over `/dev/null` would
 * replace the device with a file.
 */
function cannotWrite(file: string, error: unknown): InputError {
    return new InputError(file, `cannot write the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
}

function writeReport(file: string, text: string): void {
    if (writesInPlace(file)) {
        try {
            writeFileSync(file, text);
        } catch (error) {
            throw cannotWrite(file, error);
        }
        return;
    }
    let target = file;
    let mode: number | undefined;
    try {
        target = realpathSync(file);
        mode = statSync(target).mode & 0o7777;
    } catch {
        // A new file (or a dangling link, whose target the rename creates).
    }
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    try {
        writeFileSync(temporary, text, mode === undefined ? {} : { mode });
        renameSync(temporary, target);
    } catch (error) {
        rmSync(temporary, { force: true });
        throw cannotWrite(file, error);
    }
}

function readConfig(file: string): string {
    try {
        return readFileSync(file, "utf8");
    } catch (error) {
        throw new InputError(file, `cannot read the configuration (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
}

/** The configuration file (or the defaults), its warnings said on stderr. */
function loadConfiguration(file: string | undefined) {
    const configuration = scanConfiguration(catalog, file === undefined ? undefined : readConfig(file), file ?? "configuration");
    configuration.warnings.forEach((warning) => process.stderr.write(`gatehouse: warning: ${warning}\n`));
    return configuration;
}

/** The descriptor a path names when it is one of the process's own (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`). */
function ownDescriptor(file: string): number | undefined {
    const resolved = path.resolve(file);
    const named = { "/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2 }[resolved];
    const numbered = /^\/(?:dev\/fd|proc\/self\/fd|proc\/\d+\/fd)\/(\d+)$/.exec(resolved);
    return named ?? (numbered ? Number(numbered[1]) : undefined);
}

/**
 * The report to its file (whole or not at all), or to standard output. Our own descriptors are
 * written directly: a socket behind `/dev/stdout` cannot be opened by path (ENXIO).
 */
function emit(report: string, output: string | undefined): void {
    const descriptor = output === undefined ? 1 : ownDescriptor(output);
    if (descriptor === 1) {
        process.stdout.write(report);
    } else if (descriptor === 2) {
        process.stderr.write(report);
    } else if (descriptor !== undefined) {
        try {
            writeFileSync(descriptor, report);
        } catch (error) {
            throw cannotWrite(output!, error);
        }
    } else {
        writeReport(output!, report);
    }
}

/** Every input that could not be read, named on stderr (the report holds what the others gave). */
function reportInputErrors(errors: readonly InputError[]): void {
    for (const error of errors) {
        process.stderr.write(`gatehouse: ${error.message}\n`);
    }
}

/** No input could be read: no report (it would claim a pass over nothing), each path named. */
function nothingRead(errors: readonly InputError[]): number {
    reportInputErrors(errors);
    return 2;
}

async function scanCommand(args: readonly string[]): Promise<number> {
    const options = parseScanArguments(args);
    const configuration = loadConfiguration(options.config);
    if (options.endpoints && options.format !== "json") {
        throw new UsageError("--endpoints adds the endpoint inventory to the JSON report: use it with --format json (or run gatehouse inventory)");
    }
    const outcome = await scanPaths(options.paths, catalog, configuration, options.failOn, { endpoints: options.endpoints === true, ...readOptions(options) });
    if (outcome.inputs.length === 0) {
        return nothingRead(outcome.inputErrors);
    }
    const levelOf = (ruleId: string) => {
        const rule = catalog.find((candidate) => candidate.id === ruleId);
        const level = rule ? configuration.settings(rule).level : configuration.waivers.level;
        return level === "disabled" ? "none" : level === "advisory" ? "warning" : "error";
    };
    const colour = options.colour ?? (options.output === undefined && process.stdout.isTTY === true && !process.env["NO_COLOR"]);
    const report = options.format === "json" ? renderJson(outcome, version())
        : options.format === "sarif" ? renderSarif(outcome, version(), levelOf)
            : options.format === "junit" ? renderJunit(outcome)
                : renderText(outcome, { colour });
    emit(report, options.output);
    reportInputErrors(outcome.inputErrors);
    return exitCode(outcome);
}

/** The endpoint inventory: a report, so its exit code is 0 whatever the endpoints (2 and 3 as for scan). */
async function inventoryCommand(args: readonly string[]): Promise<number> {
    const options = parseScanArguments<InventoryFormat>(args, INVENTORY_FORMATS);
    const outcome = await scanPaths(options.paths, catalog, loadConfiguration(options.config), options.failOn, { endpoints: true, ...readOptions(options) });
    if (outcome.inputs.length === 0) {
        return nothingRead(outcome.inputErrors);
    }
    const rows = inventoryOf(outcome);
    const report = options.format === "json" ? renderInventoryJson(rows, version())
        : options.format === "markdown" ? renderInventoryMarkdown(rows)
            : options.format === "html" ? renderInventoryHtml(rows, version())
                : renderInventoryText(rows);
    emit(report, options.output);
    reportInputErrors(outcome.inputErrors);
    return outcome.inputErrors.length > 0 ? 2 : 0;
}

/** The closest of `candidates` to `given` (two edits off, or a third of its letters), for "did you mean". */
function closest(given: string, candidates: readonly string[]): string | undefined {
    const distance = (a: string, b: string): number => {
        let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
        for (let i = 1; i <= a.length; i++) {
            const current = [i];
            for (let j = 1; j <= b.length; j++) {
                current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.length];
    };
    const extending = candidates.filter((candidate) => given.length >= 3 && candidate.startsWith(given));
    if (extending.length === 1) {
        return extending[0];
    }
    let best: { candidate: string; score: number } | undefined;
    for (const candidate of candidates) {
        const score = distance(given, candidate);
        if (score <= Math.max(2, Math.floor(given.length / 3)) && (!best || score < best.score)) {
            best = { candidate, score };
        }
    }
    return best?.candidate;
}

/** One rule's documentation, as `gatehouse rules <id>` prints it. */
function ruleText(rule: (typeof catalog)[number]): string {
    const settings = Object.entries(rule.config as Record<string, { description?: string; default?: unknown }>)
        .map(([key, property]) => `  ${key} (default ${JSON.stringify(property.default)}): ${property.description ?? ""}`);
    const references = [...rule.references.owasp, ...rule.references.controls].join(", ");
    return [
        `${rule.id}: ${rule.title}`,
        `level ${rule.enforcementLevel}, severity ${rule.severity}, area ${rule.area}; checks ${rule.subjects.join(", ")}`,
        "",
        rule.description,
        "",
        `Why: ${rule.rationale}`,
        "",
        `Fix: ${rule.remediation}`,
        ...(settings.length > 0 ? ["", "Settings:", ...settings] : []),
        ...(references ? ["", `References: ${references}`] : []),
        ...(rule.references.docs?.length ? rule.references.docs.map((doc) => `  ${doc}`) : []),
        "",
    ].join("\n");
}

/** `gatehouse rules` (the list), `gatehouse rules <id>` (one rule's docs), `gatehouse rules --format json` (the catalog). */
function rulesCommand(args: readonly string[]): number {
    let format = "text";
    const ids: string[] = [];
    for (let index = 0; index < args.length; index++) {
        const arg = args[index];
        if (arg === "--format" || arg.startsWith("--format=")) {
            format = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[++index] ?? "";
            if (format !== "text" && format !== "json") {
                throw new UsageError(`--format must be one of text, json, not "${format}"`);
            }
        } else if (arg.startsWith("-")) {
            throw new UsageError(unknownOption(arg, ["--format"]));
        } else {
            ids.push(arg);
        }
    }
    const chosen = ids.map((id) => {
        const rule = catalog.find((candidate) => candidate.id === id);
        if (!rule) {
            const suggestion = closest(id, catalog.map((candidate) => candidate.id));
            throw new UsageError(`no rule ${id}${suggestion ? ` (did you mean ${suggestion}?)` : ""}; gatehouse rules lists them`);
        }
        return rule;
    });
    const rules = chosen.length > 0 ? chosen : catalog;
    if (format === "json") {
        process.stdout.write(`${JSON.stringify(rules.map((rule) => ({
            id: rule.id, title: rule.title, description: rule.description, rationale: rule.rationale, remediation: rule.remediation,
            area: rule.area, severity: rule.severity, enforcementLevel: rule.enforcementLevel, scope: rule.scope, subjects: rule.subjects,
            config: rule.config, references: rule.references,
        })), null, 2)}\n`);
    } else if (chosen.length > 0) {
        process.stdout.write(chosen.map(ruleText).join("\n"));
    } else {
        const width = Math.max(...catalog.map((rule) => rule.id.length));
        for (const rule of catalog) {
            process.stdout.write(`${rule.id.padEnd(width)}  ${rule.enforcementLevel.padEnd(9)}  ${rule.severity.padEnd(8)}  ${rule.title}\n`);
        }
    }
    return 0;
}

/** The options of `scan` and `inventory`, for "did you mean". */
const OPTIONS = ["--format", "--output", "--config", "--fail-on", "--color", "--colour", "--no-color", "--no-colour", "--endpoints", "--var", "--var-file", "--source", "--help"];

function unknownOption(arg: string, options: readonly string[] = OPTIONS): string {
    const flag = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
    const suggestion = closest(flag, options);
    return `unknown option ${flag}${suggestion ? ` (did you mean ${suggestion}?)` : ""}`;
}

export async function main(args: readonly string[]): Promise<number> {
    const [command, ...rest] = args;
    try {
        if (command === "--version" || command === "-v") {
            process.stdout.write(`${version()}\n`);
            return 0;
        }
        if (command === undefined || command === "--help" || command === "-h" || command === "help") {
            (command === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
            return command === undefined ? 2 : 0;
        }
        if (command === "rules") {
            return rulesCommand(rest);
        }
        if (command !== "scan" && command !== "inventory") {
            const suggestion = closest(command, ["scan", "inventory", "rules"]);
            throw new UsageError(`unknown command "${command}"${suggestion ? ` (did you mean ${suggestion}?)` : ""}`);
        }
        if (rest.includes("--help") || rest.includes("-h")) {
            process.stdout.write(`${USAGE}\n`);
            return 0;
        }
        return command === "inventory" ? await inventoryCommand(rest) : await scanCommand(rest);
    } catch (error) {
        if (error instanceof UsageError) {
            // One line: the whole usage would bury what went wrong.
            process.stderr.write(`gatehouse: ${error.message}${error.message.includes("gatehouse ") ? "" : "; gatehouse --help shows the usage"}\n`);
            return 2;
        }
        if (error instanceof InputError || error instanceof ConfigError) {
            process.stderr.write(`gatehouse: ${error.message}\n`);
            return 2;
        }
        process.stderr.write(`gatehouse: internal error: ${(error as Error)?.stack ?? error}\nThis is a Gatehouse bug: please report it.\n`);
        return 3;
    }
}

/**
 * A reader that stops early (`gatehouse scan plan.json | head -1`) closes the pipe: the rest of
 * the report has nowhere to go, which is not an error of the scan, so the scan still exits with
 * the code it earned.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
    stream.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code !== "EPIPE") {
            throw error;
        }
    });
}

if (require.main === module) {
    quietOnClosedPipe(process.stdout);
    quietOnClosedPipe(process.stderr);
    main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
