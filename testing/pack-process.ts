import { ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadProtocol, Protocol } from "./protocol";

export interface SpawnOptions {
    /** Environment the engine passes: stack config (PULUMI_CONFIG) and stack identity. */
    stackConfig?: Record<string, string>;
    organization?: string;
    project?: string;
    stack?: string;
    dryRun?: boolean;
    /** Extra environment for the pack process (tests only). */
    env?: Record<string, string>;
    startTimeoutMs?: number;
}

/**
 * A policy pack started the way `pulumi preview --policy-pack DIR` starts it: the
 * `pulumi-analyzer-policy` shim runs `node <@pulumi/pulumi/cmd/run-policy-pack> ENGINE_ADDR .`
 * with cwd = DIR and the engine's environment, and reads the port from the first stdout line.
 */
export class PackProcess {
    private exited = false;

    private constructor(
        readonly dir: string,
        readonly child: ChildProcess,
        readonly port: number,
        readonly coldStartMs: number,
        readonly protocol: Protocol,
        readonly client: any,
        private readonly log: { stderr: string },
    ) {
        child.on("exit", () => {
            this.exited = true;
        });
    }

    static async start(dir: string, options: SpawnOptions = {}): Promise<PackProcess> {
        const protocol = loadProtocol(dir);
        const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
        const project = options.project ?? "harness";
        const stack = options.stack ?? "dev";
        const organization = options.organization ?? "organization";
        const dryRun = String(options.dryRun ?? true);
        const env: Record<string, string> = {
            ...(process.env as Record<string, string>),
            PULUMI_CONFIG: JSON.stringify(options.stackConfig ?? {}),
            PULUMI_ORGANIZATION: organization,
            PULUMI_PROJECT: project,
            PULUMI_STACK: stack,
            PULUMI_DRY_RUN: dryRun,
            PULUMI_NODEJS_ORGANIZATION: organization,
            PULUMI_NODEJS_PROJECT: project,
            PULUMI_NODEJS_STACK: stack,
            PULUMI_NODEJS_DRY_RUN: dryRun,
            ...(options.env ?? {}),
        };
        const started = process.hrtime.bigint();
        // detached: the process group can be killed as a whole, as the CLI's shim does not exec.
        const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:0", "."], {
            cwd: dir,
            env,
            stdio: ["ignore", "pipe", "pipe"],
            detached: true,
        });
        const log = { stderr: "" };
        child.stderr!.on("data", (chunk) => {
            log.stderr += String(chunk);
        });
        const port = await new Promise<number>((resolve, reject) => {
            let stdout = "";
            const timer = setTimeout(() => reject(new Error(`pack at ${dir} printed no port within the timeout\n${log.stderr}`)),
                options.startTimeoutMs ?? 60_000);
            child.stdout!.on("data", (chunk) => {
                stdout += String(chunk);
                const newline = stdout.indexOf("\n");
                if (newline >= 0) {
                    clearTimeout(timer);
                    const first = stdout.slice(0, newline).trim();
                    if (!/^\d+$/.test(first)) {
                        reject(new Error(`pack printed "${first}" before its port; the engine would fail the handshake`));
                    } else {
                        resolve(Number(first));
                    }
                }
            });
            child.on("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`pack exited with code ${code} before printing a port\n${log.stderr}`));
            });
        });
        const coldStartMs = Number(process.hrtime.bigint() - started) / 1e6;
        const client = new protocol.services.AnalyzerClient(`127.0.0.1:${port}`, protocol.grpc.credentials.createInsecure(), {
            // A 10,000-resource AnalyzeStack request exceeds gRPC's default 4 MB.
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        return new PackProcess(dir, child, port, coldStartMs, protocol, client, log);
    }

    /** Calls a unary Analyzer method. */
    call<T = any>(method: string, request: unknown): Promise<T> {
        return new Promise((resolve, reject) => {
            this.client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response)));
        });
    }

    get stderr(): string {
        return this.log.stderr;
    }

    get alive(): boolean {
        return !this.exited;
    }

    /** Peak resident set size of the pack process, from /proc (kB), while it runs. */
    peakRssKb(): number | undefined {
        try {
            const status = readFileSync(`/proc/${this.child.pid}/status`, "utf8");
            const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
            return match ? Number(match[1]) : undefined;
        } catch {
            return undefined;
        }
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.exited || this.child.pid === undefined) {
            return;
        }
        const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
        try {
            process.kill(-this.child.pid, "SIGKILL");
        } catch {
            // Already gone.
        }
        await exited;
    }
}
