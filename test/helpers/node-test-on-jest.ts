/**
 * The suite is written against `node:test`'s API (describe, test, before, after, options with
 * `skip`, `t.diagnostic`); under jest, `node:test` is mapped to this module (jest.config.js), which
 * serves the same calls from jest's globals. The assertions are node:assert's either way.
 */
type Body = (context: TestContext) => unknown;
type Options = { skip?: boolean | string; timeout?: number };

interface TestContext {
    readonly name: string;
    diagnostic(message: string): void;
}

declare const globalThis: Record<string, any>;

function split(optionsOrBody?: Options | Body, maybeBody?: Body): { options: Options; body?: Body } {
    return typeof optionsOrBody === "function" ? { options: {}, body: optionsOrBody } : { options: optionsOrBody ?? {}, body: maybeBody };
}

export function test(name: string, optionsOrBody?: Options | Body, maybeBody?: Body): void {
    const { options, body } = split(optionsOrBody, maybeBody);
    if (options.skip || !body) {
        globalThis["test"].skip(typeof options.skip === "string" ? `${name} (skipped: ${options.skip})` : name, () => undefined);
        return;
    }
    // A zero-argument function: jest would take a one-argument one for a done-callback test.
    globalThis["test"](name, () => body({ name, diagnostic: (message) => console.log(`# ${message}`) }), options.timeout);
}

export function describe(name: string, optionsOrBody?: Options | (() => void), maybeBody?: () => void): void {
    const { options, body } = split(optionsOrBody as Options, maybeBody as never) as { options: Options; body?: () => void };
    if (options.skip || !body) {
        globalThis["describe"].skip(name, () => globalThis["test"].skip("(skipped)", () => undefined));
        return;
    }
    globalThis["describe"](name, body);
}

export function before(body: () => unknown): void {
    globalThis["beforeAll"](() => body());
}

export function after(body: () => unknown): void {
    globalThis["afterAll"](() => body());
}

export const it = test;
