/**
 * The policy pack entry point (package.json `main`): `pulumi preview --policy-pack <dir>` requires
 * this module, which starts the analyzer server. Import "gatehouse-apigw" (the library) instead to use
 * the rules or the engine without starting a server.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { deferPulumiSdkIndex } from "./pulumi/deferred-sdk";
import { catalog } from "./catalog";
import { buildPack } from "./pulumi/pack";
import { policySdkVersion, startWithEngineBridge } from "./pulumi/sdk-bridge";

const PACK_NAME = "gatehouse";

const sdk = policySdkVersion();
if (sdk && (sdk[0] < 1 || (sdk[0] === 1 && sdk[1] < 20))) {
    // Older SDKs cannot report a finding under the rule's own name and level.
    process.stderr.write(`gatehouse: @pulumi/policy ${sdk.join(".")} is too old; Gatehouse needs 1.20.0 or later.\n`);
    process.exit(1);
}

// The engine starts the pack with its directory as the working directory; @pulumi/policy reads
// the version from there too.
const version: string = JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")).version;
const pack = buildPack(catalog, { name: PACK_NAME, version });
// Before @pulumi/policy loads: it then starts without loading all of @pulumi/pulumi (deferred-sdk.ts).
deferPulumiSdkIndex();
const { PolicyPack } = require("@pulumi/policy") as typeof import("@pulumi/policy");
if (startWithEngineBridge(() => new PolicyPack(PACK_NAME, pack.args), pack.hooks)) {
    pack.retireDispatchers();
}
