// A policy pack without policies: what serving the Analyzer protocol costs by itself.
const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("noop", { policies: [] });
