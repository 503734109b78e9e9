// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "letterlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "letterlint", targets: ["letterlint"]),
        .library(name: "LetterLint", targets: ["LetterLint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // The C library, nothing else: a module map and a shim that fixes the code unit width.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // The only Swift code that talks to C: compiled patterns, UTF-8 match ranges, limits.
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        // What both the build tool and the library need to read lexicons: the rule and
        // template model, the strict YAML loader and the required-literal analysis. A
        // separate module so that lexicon-embedder can run them at build time.
        .target(
            name: "LexiconKit",
            dependencies: ["PCRE2", .product(name: "Yams", package: "Yams")]
        ),
        // Decodes Lexicons/ at build time into Swift source, so the binary carries its rules
        // ready to use (no YAML parsing or pattern analysis at start-up) and works from any
        // directory (no resource bundle to lose when it is copied).
        .executableTarget(name: "lexicon-embedder", dependencies: ["LexiconKit"], path: "Sources/lexicon-embedder"),
        .plugin(
            name: "EmbedLexicons",
            capability: .buildTool(),
            dependencies: ["lexicon-embedder"],
            path: "Sources/EmbedLexicons"
        ),
        .target(
            name: "LetterLint",
            dependencies: [
                "LexiconKit",
                "PCRE2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            plugins: ["EmbedLexicons"]
        ),
        .executableTarget(
            name: "letterlint",
            dependencies: ["LetterLint", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Deterministic data for the tests, the fuzzer and the benchmark: a seeded generator
        // and ZIP archives made (and damaged on purpose) in memory. Not part of any product.
        .target(
            name: "LetterLintFixtures",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The benchmark: generates a corpus and times letterlint against rg and pcre2grep.
        .executableTarget(name: "letterlint-bench", dependencies: ["LetterLint", "LetterLintFixtures", "PCRE2"]),
        // Fuzz targets (see .ci/fuzz): a crash reproducer in normal builds, a libFuzzer
        // binary when built with -DFUZZING -sanitize=fuzzer.
        .executableTarget(
            name: "letterlint-fuzz",
            dependencies: ["LetterLint", "LetterLintFixtures"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(
            name: "LetterLintTests",
            dependencies: ["LetterLint", "LetterLintFixtures", "LexiconKit", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Goldens"]
        ),
        .testTarget(name: "LetterLintCLITests", dependencies: ["letterlint", "LetterLint", "LetterLintFixtures"]),
    ]
)
