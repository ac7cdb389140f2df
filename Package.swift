// swift-tools-version: 6.0
import PackageDescription

// Data flows one way: RunModel <- Ingest <- Diagnostics <- Charts <- Reports <- Audit <- CLI.
// Only CairoBackend links Cairo/Pango; everything before it is pure Swift and testable without it.
let package = Package(
    name: "trainreport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "trainreport", targets: ["trainreport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        // zlib's CRC-32 for the chart PNGs' chunks and inflate in tests (see PNGEncoder); Cairo's libpng already pulls it in.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "RunModel"),
        .target(name: "Ingest", dependencies: ["RunModel", "CChecksum", "CDecimal"]),
        // CRC-32 by carry-less multiplication (x86-64 PCLMULQDQ), for the W&B reader's record checksums;
        // Adler-32 with SSE2, for the chart PNGs' zlib streams.
        .target(name: "CChecksum"),
        // The table of 128-bit powers of ten for decimal-to-double conversion (ByteNumber), and its generator.
        .target(name: "CDecimal", exclude: ["make_powers_of_ten.py"]),
        .target(name: "Diagnostics", dependencies: ["RunModel"]),
        .target(name: "Charts", dependencies: ["RunModel", "Diagnostics"]),
        .target(name: "CairoBackend", dependencies: ["Charts", "CCairo", "CPangoCairo", "CZlib", "CChecksum"]),
        .target(
            name: "Reports",
            dependencies: [
                "RunModel", "Ingest", "Diagnostics", "Charts", "CairoBackend",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "Audit",
            dependencies: ["RunModel", "Ingest", "Diagnostics", "Reports", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // `card`: a report placed into a Hugging Face model card; Yams parses the card's front matter.
        .target(
            name: "ModelCard",
            dependencies: ["RunModel", "Ingest", "Diagnostics", "Reports", "CairoBackend", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "trainreport",
            dependencies: [
                "RunModel", "Ingest", "Diagnostics", "Charts", "Reports", "Audit", "ModelCard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // libFuzzer harnesses (scripts/fuzz.sh): fuzz-ingest over the ingest byte readers, fuzz-pipeline
        // on through diagnosis and chart scenes. A plain build only replays input files; the C target
        // declares libFuzzer's driver for the fuzzer build, FuzzSupport holds what both share.
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["Ingest", "RunModel", "CFuzzDriver"]),
        .executableTarget(name: "fuzz-ingest", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-pipeline", dependencies: ["FuzzSupport", "Diagnostics", "Charts", "RunModel"]),

        // Helpers several test targets share (synthetic runs, repository paths, scratch folders,
        // poppler); a library only tests depend on, never part of the trainreport product.
        .target(name: "TestSupport", dependencies: ["RunModel", "Diagnostics"], path: "Tests/TestSupport"),

        .testTarget(name: "RunModelTests", dependencies: ["RunModel"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "RunModel", "TestSupport"], exclude: ["FuzzRegressions", "Fixtures"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics", "Ingest", "RunModel", "TestSupport"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Diagnostics", "RunModel", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(
            name: "CairoBackendTests",
            dependencies: ["CairoBackend", "Charts", "Ingest", "RunModel", "Diagnostics", "TestSupport", "CZlib", "CChecksum"]
        ),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Ingest", "Diagnostics", "RunModel", "TestSupport"]),
        .testTarget(name: "ModelCardTests", dependencies: ["ModelCard", "Reports", "RunModel", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AuditTests", dependencies: ["Audit", "Charts", "Reports", "RunModel", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["trainreport", "TestSupport"]),
        // deploy/ (Kubernetes manifests, Dockerfile) parsed and checked: nothing here can apply them.
        .testTarget(name: "DeployTests", dependencies: ["TestSupport", .product(name: "Yams", package: "Yams")]),
    ]
)
