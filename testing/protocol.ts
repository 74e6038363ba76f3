import * as path from "node:path";

/**
 * The protobuf and gRPC modules the harness speaks with. They are resolved from @pulumi/pulumi's
 * location in the pack under test, as the Pulumi stubs check `instanceof` against the
 * google-protobuf copy they were generated with.
 */
export interface Protocol {
    grpc: typeof import("@grpc/grpc-js");
    analyzer: any;
    services: any;
    struct: any;
    empty: any;
}

const cache = new Map<string, Protocol>();

export function loadProtocol(packDir: string): Protocol {
    const cached = cache.get(packDir);
    if (cached) {
        return cached;
    }
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] }));
    const fromPulumi = (id: string) => require(require.resolve(id, { paths: [pulumiDir] }));
    const protocol: Protocol = {
        grpc: fromPulumi("@grpc/grpc-js"),
        analyzer: fromPulumi("./proto/analyzer_pb"),
        services: fromPulumi("./proto/analyzer_grpc_pb"),
        struct: fromPulumi("google-protobuf/google/protobuf/struct_pb"),
        empty: fromPulumi("google-protobuf/google/protobuf/empty_pb"),
    };
    cache.set(packDir, protocol);
    return protocol;
}

/** pulumirpc.EnforcementLevel on the wire. */
export const WIRE_LEVEL = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 } as const;
export const LEVEL_FROM_WIRE: Record<number, "advisory" | "mandatory" | "disabled" | "remediate"> = {
    0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate",
};
