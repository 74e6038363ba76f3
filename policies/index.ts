/**
 * The policy pack entry point (package.json `main`): `pulumi preview --policy-pack <dir>` requires
 * this module, which starts the analyzer server. Import "gatehouse" (the library) instead to use
 * the rules or the engine without starting a server.
 */
import { PolicyPack } from "@pulumi/policy";
import { catalog } from "./catalog";
import { buildPolicyPackArgs } from "./pulumi/pack";
import { policySdkVersion, startWithEngineBridge } from "./pulumi/sdk-bridge";

const PACK_NAME = "gatehouse";

const sdk = policySdkVersion();
if (sdk && (sdk[0] < 1 || (sdk[0] === 1 && sdk[1] < 20))) {
    // Older SDKs cannot report a finding under the rule's own name and level.
    process.stderr.write(`gatehouse: @pulumi/policy ${sdk.join(".")} is too old; Gatehouse needs 1.20.0 or later.\n`);
    process.exit(1);
}

startWithEngineBridge(() => new PolicyPack(PACK_NAME, buildPolicyPackArgs(catalog)));
