/**
 * Every bundled example as an input `gatehouse scan` and `gatehouse inventory` read: the Pulumi
 * programs run under mocks (as `pulumi up` would record them) and written as stack exports, the
 * CDKTF apps synthesized, and the Terraform folders as they are.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { synth as synthInsecureCdktf } from "../../examples/cdktf-insecure/main";
import { secureApp } from "../../examples/cdktf-secure/main";
import { runProgram } from "../../testing/program";
import { stackExport } from "./stack-export";

export const PULUMI_EXAMPLES = ["secure-rest-api", "secure-http-api", "secure-websocket-api", "compliant", "insecure"] as const;
/** The source examples folder (its Terraform configurations are scanned where they are). */
export const EXAMPLES_DIR = path.resolve(__dirname, "../../../examples");

export interface ExampleInputs {
    /** The paths to hand `gatehouse scan`/`inventory`: examples/ itself, each stack export, each cdktf.out. */
    readonly paths: readonly string[];
    /** Example name → the stack export written for it. */
    readonly exports: ReadonlyMap<string, string>;
}

export async function exampleInputs(dir: string): Promise<ExampleInputs> {
    mkdirSync(dir, { recursive: true });
    const stackExports = new Map<string, string>();
    for (const example of PULUMI_EXAMPLES) {
        const program = path.resolve(__dirname, "../../examples", example, "index.js");
        const resources = await runProgram(program, { mode: "up", project: example });
        const file = path.join(dir, `${example}.stack.json`);
        writeFileSync(file, JSON.stringify(stackExport(resources)));
        stackExports.set(example, file);
    }
    const secureOut = path.join(dir, "cdktf-secure", "cdktf.out");
    const insecureOut = path.join(dir, "cdktf-insecure", "cdktf.out");
    mkdirSync(path.dirname(secureOut), { recursive: true });
    mkdirSync(path.dirname(insecureOut), { recursive: true });
    secureApp(secureOut).synth();
    synthInsecureCdktf(insecureOut);
    return { paths: [EXAMPLES_DIR, ...stackExports.values(), secureOut, insecureOut], exports: stackExports };
}
