// `npm test` runs the compiled suite (.build/test, written against node:test's API) on jest:
// node:test is mapped to a shim serving the same calls from jest's globals.
module.exports = {
    rootDir: __dirname,
    roots: ["<rootDir>/.build/test"],
    testMatch: ["**/*.test.js"],
    // One context shared with Node itself: protobuf, gRPC and node:assert compare prototypes across it.
    testEnvironment: "jest-environment-node-single-context",
    moduleNameMapper: { "^node:test$": "<rootDir>/.build/test/helpers/node-test-on-jest.js" },
    testTimeout: 600000,
    maxWorkers: 2,
    verbose: false,
};
