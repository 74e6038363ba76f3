import assert from "node:assert/strict";
import { test } from "node:test";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackResource } from "../../testing/engine";
import { Mode, runProgram } from "../../testing/program";
import { classify, MODES, PackFixture, resourceName } from "./pack";
import type { Weakening } from "../../components/defaults";

/** A recorded resource whose properties tests read freely. */
export type RecordedResource = StackResource & { inputs: any; outputs: any };

/** What a component registered, with the instance the program built. */
export interface Recorded<C> {
    component: C;
    resources: RecordedResource[];
    /** The resources of one type token, e.g. "aws:apigateway/stage:Stage". */
    ofType(type: string): RecordedResource[];
    /** The one resource of `type`; fails when there is not exactly one. */
    one(type: string): RecordedResource;
}

/** Runs `build` as a Pulumi program under mocks and records what it registers. */
export async function record<C>(build: () => C, mode: Mode = "up"): Promise<Recorded<C>> {
    let component: C | undefined;
    const resources: RecordedResource[] = await runProgram(() => {
        component = build();
    }, { mode });
    const ofType = (type: string) => resources.filter((resource) => resource.type === type);
    return {
        component: component as C,
        resources,
        ofType,
        one(type) {
            const found = ofType(type);
            assert.equal(found.length, 1, `expected exactly one ${type}, found ${found.length}`);
            return found[0];
        },
    };
}

/** A Lambda function as a handler, the way users pass one. */
export function lambdaHandler(name: string): aws.lambda.Function {
    return new aws.lambda.Function(name, {
        runtime: "nodejs20.x",
        handler: "index.handler",
        role: `arn:aws:iam::123456789012:role/${name}`,
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200 });") }),
    });
}

export interface WeakeningCase<A> {
    /** What the override does, for the test name. */
    name: string;
    override: Partial<A>;
    /** The diagnostics the pack must report, as `<level> <rule> <resource name>` (violations only). */
    expected: string[];
    /** The rule the component announces the weakening under (when it can know). */
    announced?: string;
}

/** True when `setting` (`accessLogs.args.retentionInDays`, `routes["GET /x"].authorization`) is a path into `override`. */
function writtenIn(override: unknown, setting: string): boolean {
    let value: unknown = override;
    for (const key of setting.replace(/\[[^\]]*\]/g, "").split(".")) {
        if (value === null || typeof value !== "object" || !(key in value)) {
            // A list's entries (`routes[...]`) are written per element: the list itself is the user's.
            return Array.isArray(value);
        }
        value = (value as Record<string, unknown>)[key];
    }
    return true;
}

/**
 * For each documented weakening override: the component announces it, and the pack reports exactly
 * the expected violation, in up and preview modes (Lambda permissions whose source ARN is unknown in
 * a preview are "cannot be verified until apply" notices, not violations).
 */
export function weakeningCases<A, C extends { settings: { weakenings: Weakening[] } }>(
    pack: PackFixture, build: (overrides: Partial<A>) => C, cases: readonly WeakeningCase<A>[]): void {
    for (const weakening of cases) {
        for (const mode of MODES) {
            test(`${weakening.name}: announced, and the pack reports exactly ${weakening.expected.join(", ") || "nothing"} (${mode})`, async () => {
                let component: C | undefined;
                const run = await pack.run(() => {
                    component = build(weakening.override);
                }, mode);
                const { violations, waived } = classify(run.diagnostics);
                assert.deepEqual(violations, [...weakening.expected].sort());
                assert.deepEqual(waived, []);
                const announced = component!.settings.weakenings.map((w) => w.rule);
                assert.deepEqual(announced, weakening.announced ? [weakening.announced] : []);
                // The warning names the setting as the user wrote it: a path into the override they gave.
                for (const { setting } of component!.settings.weakenings) {
                    assert.ok(writtenIn(weakening.override, setting), `"${setting}" is not a setting of ${JSON.stringify(weakening.override)}`);
                }
                // The fix names the component's own argument the user overrode, not an input of its child.
                const overridden = Object.keys(weakening.override as object);
                const named = new RegExp(`\nfix: set it with the \`(${overridden.join("|")})[.\`\[]`);
                for (const diagnostic of run.diagnostics.filter((d) => violations.includes(`${d.enforcementLevel} ${d.policyName} ${resourceName(d.urn)}`))) {
                    assert.match(diagnostic.message, named, `${diagnostic.policyName}: ${diagnostic.message}`);
                }
            });
        }
    }
}
