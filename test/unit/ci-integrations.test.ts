/**
 * The GitHub Action and the pre-commit hook, run as CI would run them: the action's scan step
 * executed as the script GitHub runs (inputs as INPUT_* variables, GITHUB_OUTPUT, the action's
 * path), and the hook's entry with its arguments, each with the packed tarball in place of the
 * pinned registry version.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import { parse } from "yaml";
import { packTarball } from "../helpers/packaging";

const ROOT = path.resolve(__dirname, "../../..");
const VERSION = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version as string;
const action = parse(readFileSync(path.join(ROOT, "action.yml"), "utf8"));
const hooks = parse(readFileSync(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8"));

describe("CI integrations", () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "gatehouse-ci-"));
    let tarball = "";
    before(() => {
        tarball = packTarball(scratch).tarball;
    });

    test("both pin the package's own version, never an unpinned name", () => {
        assert.equal(action.inputs.version.default, VERSION);
        assert.equal(hooks[0].entry, `npx --yes --package gatehouse-apigw@${VERSION} gatehouse scan`);
    });

    /** The action's scan step, run as GitHub runs it, in a workspace holding `example`. */
    function runScanStep(example: string) {
        const workspace = mkdtempSync(path.join(scratch, "workspace-"));
        cpSync(path.join(ROOT, "examples", "terraform", example), path.join(workspace, "infra"), { recursive: true });
        const step = action.runs.steps.find((candidate: any) => candidate.id === "scan");
        const inputs: Record<string, string> = Object.fromEntries(Object.entries<any>(action.inputs).map(([name, input]) => [name, String(input.default)]));
        inputs["paths"] = "infra";
        const env: Record<string, string> = { ...(process.env as Record<string, string>), GATEHOUSE_PACKAGE: tarball, GITHUB_OUTPUT: path.join(workspace, "github-output") };
        for (const [name, value] of Object.entries<string>(step.env)) {
            env[name] = value.replace(/\$\{\{ inputs\.([a-z-]+) \}\}/g, (_, input: string) => inputs[input]);
        }
        writeFileSync(env["GITHUB_OUTPUT"], "");
        const script = String(step.run).replace("${{ github.action_path }}", ROOT);
        const result = spawnSync("bash", ["-c", script], { cwd: workspace, env, encoding: "utf8", timeout: 300_000 });
        return { result, workspace, output: readFileSync(env["GITHUB_OUTPUT"], "utf8") };
    }

    test("Noncompliance: the action's scan step writes SARIF, logs the summary and records exit code 1 for the insecure example", () => {
        const { result, workspace, output } = runScanStep("insecure-rest");
        assert.equal(result.status, 0, result.stderr);
        assert.equal(output, "exit-code=1\n");
        assert.match(result.stdout, /^failed: 11 mandatory findings/m);
        const sarif = JSON.parse(readFileSync(path.join(workspace, "gatehouse.sarif"), "utf8"));
        assert.equal(sarif.version, "2.1.0");
        assert.ok(sarif.runs[0].results.some((finding: any) => finding.ruleId === "rest-stage-xray" && finding.level === "error"));
        // The job fails in the action's last step, after the upload.
        const last = action.runs.steps[action.runs.steps.length - 1];
        assert.equal(last.if, "${{ steps.scan.outputs.exit-code != '0' }}");
    });

    test("Compliance: the secure example records exit code 0", () => {
        const { result, output } = runScanStep("secure-rest");
        assert.equal(result.status, 0, result.stderr);
        assert.equal(output, "exit-code=0\n");
    });

    test("the pre-commit hook's entry and arguments fail on the insecure example and pass on the secure one", () => {
        const hook = hooks[0];
        assert.ok(new RegExp(hook.files).test("main.tf") && new RegExp(hook.files).test("cdk.tf.json") && !new RegExp(hook.files).test("README.md"));
        for (const [example, expected] of [["insecure-rest", 1], ["secure-rest", 0]] as const) {
            const repository = mkdtempSync(path.join(scratch, "repository-"));
            cpSync(path.join(ROOT, "examples", "terraform", example), repository, { recursive: true });
            const command = `${String(hook.entry).replace(`gatehouse-apigw@${VERSION}`, tarball)} ${hook.args.join(" ")}`;
            const result = spawnSync("bash", ["-c", command], { cwd: repository, encoding: "utf8", timeout: 300_000 });
            assert.equal(result.status, expected, `${example}: ${result.stdout}${result.stderr}`);
        }
    });
});
