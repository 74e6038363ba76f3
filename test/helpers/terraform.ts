/**
 * Real, offline Terraform for tests: the image's `terraform` binary and its filesystem mirror of
 * hashicorp/aws 5.100.0. Neither comes from a registry, so tests ask `offlineTerraform()` and
 * skip, saying why, when either is missing.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const PROVIDER_VERSION = "5.100.0";
const PROVIDER = "registry.terraform.io/hashicorp/aws";

export interface OfflineTerraform {
    readonly binary: string;
    readonly mirror: string;
    /** A scratch copy of `folder`, initialized against the mirror with fake credentials. */
    init(folder: string): string;
    /** `terraform validate` of an initialized copy (throws with terraform's diagnostics). */
    validate(workdir: string): void;
    /** `terraform plan` then `show -json` of an initialized copy: the plan JSON's path. */
    plan(workdir: string): string;
    /** `terraform providers schema -json` of an initialized copy. */
    schema(workdir: string): unknown;
}

function onPath(command: string): string | undefined {
    for (const dir of (process.env["PATH"] ?? "").split(path.delimiter)) {
        const candidate = path.join(dir, command);
        if (dir && existsSync(candidate)) {
            return candidate;
        }
    }
    return undefined;
}

function findMirror(): string | undefined {
    const candidates = [process.env["GATEHOUSE_TF_MIRROR"], "/opt/tf-plugins", "/usr/share/terraform/plugins", "/usr/local/share/terraform/plugins",
        path.join(os.homedir(), ".terraform.d/plugins")];
    return candidates.find((dir): dir is string => dir !== undefined && existsSync(path.join(dir, PROVIDER, PROVIDER_VERSION)));
}

const OVERRIDE = `# Written by the Gatehouse tests: plan offline against the filesystem mirror, no AWS account.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "${PROVIDER_VERSION}" }
  }
}
provider "aws" {
  access_key                  = "AKIAOFFLINEPLAN00000"
  secret_key                  = "offline-plan-not-a-secret"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
`;

/** The offline Terraform of this machine, or the reason tests that need it are skipped. */
export function offlineTerraform(): OfflineTerraform | string {
    const binary = onPath("terraform");
    if (!binary) {
        return "terraform is not installed on this machine: the plan part of this test is skipped";
    }
    const mirror = findMirror();
    if (!mirror) {
        return `no filesystem mirror of ${PROVIDER} ${PROVIDER_VERSION} found (set GATEHOUSE_TF_MIRROR): the plan part of this test is skipped`;
    }
    const scratch = mkdtempSync(path.join(os.tmpdir(), "gatehouse-tf-"));
    const cliConfig = path.join(scratch, "cli.tfrc");
    writeFileSync(cliConfig, `disable_checkpoint = true\nprovider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["${PROVIDER}"]\n  }\n}\n`);
    const home = path.join(scratch, "home");
    mkdirSync(home);
    const run = (workdir: string, args: string[]): string => {
        const result = spawnSync(binary, args, {
            cwd: workdir,
            encoding: "utf8",
            maxBuffer: 512 * 1024 * 1024,
            env: { PATH: process.env["PATH"], HOME: home, TMPDIR: scratch, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" },
        });
        if (result.status !== 0) {
            throw new Error(`terraform ${args.join(" ")} failed in ${workdir}:\n${result.stderr}${result.stdout}`);
        }
        return result.stdout;
    };
    let copies = 0;
    return {
        binary,
        mirror,
        init(folder) {
            const workdir = path.join(scratch, `${path.basename(folder)}-${copies++}`);
            cpSync(folder, workdir, { recursive: true, filter: (source) => !/(^|[\\/])(\.terraform|terraform\.tfstate)/.test(path.relative(folder, source)) });
            writeFileSync(path.join(workdir, "gatehouse_offline_override.tf"), OVERRIDE);
            run(workdir, ["init", "-input=false", "-no-color"]);
            return workdir;
        },
        validate(workdir) {
            run(workdir, ["validate", "-no-color"]);
        },
        plan(workdir) {
            run(workdir, ["plan", "-input=false", "-no-color", "-lock=false", "-out=plan.tfplan"]);
            const file = path.join(workdir, "plan.json");
            writeFileSync(file, run(workdir, ["show", "-json", "-no-color", "plan.tfplan"]));
            return file;
        },
        schema(workdir) {
            return JSON.parse(run(workdir, ["providers", "schema", "-json"]));
        },
    };
}
