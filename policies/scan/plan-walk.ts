/**
 * The worker thread that walks a plan's bytes (json-sections.ts byteLayout) while the reader in
 * the main thread parses what the walk has found so far: the spans of resource changes, a batch
 * per chunk walked, then the top-level sections, or `sections: undefined` when the file is not
 * well-formed JSON. Each message is followed by a bump of `signal`, which the reader waits on.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { setPriority } from "node:os";
import { MessagePort, workerData } from "node:worker_threads";
import { byteLayout } from "./json-sections";

/** What the reader hands the walker. */
export interface WalkRequest {
    readonly file: string;
    readonly port: MessagePort;
    readonly signal: Int32Array;
}

/** What the walker sends: a batch of change spans (start, end pairs), then the outcome. */
export type WalkMessage =
    | { readonly elements: Float64Array }
    | { readonly sections: readonly (readonly [string, readonly [number, number]])[] | undefined }
    | { readonly failed: string };

/**
 * The walk stays ahead of the reader with time to spare: on a busy machine it yields the CPU to
 * the reader (and the engine's compiler and collector threads), which the scan waits on. Linux
 * sets a thread's niceness on its own; where that fails, the walk runs as it is.
 */
function yieldToTheReader(): void {
    if (process.platform !== "linux") {
        return; // elsewhere the call sets the whole process's niceness, the reader's too
    }
    try {
        setPriority(0, 10);
    } catch {
        // not permitted here: nothing changes
    }
}

function walk({ file, port, signal }: WalkRequest): void {
    yieldToTheReader();
    const post = (message: WalkMessage, transfer: ArrayBuffer[] = []) => {
        port.postMessage(message, transfer);
        Atomics.add(signal, 0, 1);
        Atomics.notify(signal, 0);
    };
    try {
        const fd = openSync(file, "r");
        try {
            const layout = byteLayout((buffer, position) => readSync(fd, buffer, 0, buffer.length, position), "resource_changes", (elements) => {
                const batch = Float64Array.from(elements);
                post({ elements: batch }, [batch.buffer]);
            });
            post({ sections: layout ? [...layout.sections] : undefined });
        } finally {
            closeSync(fd);
        }
    } catch (error) {
        post({ failed: error instanceof Error ? error.message : String(error) });
    }
}

if (workerData && (workerData as WalkRequest).signal instanceof Int32Array) {
    walk(workerData as WalkRequest);
}
