import Foundation
import TestSupport
import Testing
import Yams

/// deploy/k8s cannot be applied here (no cluster, no container engine), so its structure is checked:
/// an Indexed Job whose completion index becomes `--shard K/N` with N its completions, a merge Job
/// over the same volume, one image, and a Dockerfile that puts the binary where the Jobs expect it.
@Suite struct KubernetesManifestTests {
    static let folder = RepositoryPaths.root.appendingPathComponent("deploy/k8s")

    /// The YAML documents of a file, as dictionaries.
    static func documents(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
    }

    static func job(_ name: String) throws -> [String: Any] {
        let docs = try documents(name)
        try #require(docs.count == 1, "\(name) holds one Job")
        return docs[0]
    }

    static func value(_ object: Any?, _ path: String...) -> Any? {
        path.reduce(object) { ($0 as? [String: Any])?[$1] }
    }

    static func container(_ job: [String: Any]) throws -> [String: Any] {
        let containers = try #require(value(job, "spec", "template", "spec", "containers") as? [[String: Any]])
        try #require(containers.count == 1)
        return containers[0]
    }

    static func env(_ container: [String: Any]) -> [String: Any] {
        let list = container["env"] as? [[String: Any]] ?? []
        return Dictionary(list.compactMap { e in (e["name"] as? String).map { ($0, e["value"] ?? e["valueFrom"] as Any) } }) { a, _ in a }
    }

    /// The claim mounted at `path` in a Job's pod.
    static func claim(mountedAt path: String, in job: [String: Any]) throws -> String? {
        let mounts = try container(job)["volumeMounts"] as? [[String: Any]] ?? []
        let volumes = value(job, "spec", "template", "spec", "volumes") as? [[String: Any]] ?? []
        guard let name = mounts.first(where: { $0["mountPath"] as? String == path })?["name"] as? String,
              let volume = volumes.first(where: { $0["name"] as? String == name }) else { return nil }
        return value(volume, "persistentVolumeClaim", "claimName") as? String
    }

    /// The value after `flag` in the arguments.
    static func argument(_ flag: String, in args: [String]) -> String? {
        args.firstIndex(of: flag).flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
    }

    @Test func theShardsAreAnIndexedJobWhoseIndexAndCompletionsBecomeTheShard() throws {
        let job = try Self.job("audit-shards.yaml")
        #expect(job["apiVersion"] as? String == "batch/v1")
        #expect(job["kind"] as? String == "Job")
        #expect(Self.value(job, "spec", "completionMode") as? String == "Indexed")
        let completions = try #require(Self.value(job, "spec", "completions") as? Int)
        let parallelism = try #require(Self.value(job, "spec", "parallelism") as? Int)
        #expect(completions > 1 && (1...completions).contains(parallelism))
        #expect(Self.value(job, "spec", "template", "spec", "restartPolicy") as? String == "Never")
        let container = try Self.container(job)
        #expect(container["command"] == nil, "the image's entrypoint is trainreport; args are its arguments")
        let args = try #require(container["args"] as? [String])
        #expect(args.first == "audit")
        #expect(Self.argument("--shard", in: args) == "$(JOB_COMPLETION_INDEX)/$(SHARDS)")
        let env = Self.env(container)
        #expect(env["SHARDS"] as? String == String(completions), "N in --shard K/N is the Job's completions")
        #expect(Self.value(env["JOB_COMPLETION_INDEX"], "fieldRef", "fieldPath") as? String
                == "metadata.annotations['batch.kubernetes.io/job-completion-index']")
        #expect(Self.argument("--jobs", in: args) == "$(JOBS)")
        #expect(env["JOBS"] as? String == Self.value(container, "resources", "requests", "cpu") as? String,
                "one worker per requested core")
        // The archive argument and the output are the mounted claims.
        let output = try #require(Self.argument("--output", in: args))
        #expect(try Self.claim(mountedAt: output, in: job) == "trainreport-audit")
        #expect(try Self.claim(mountedAt: args[1], in: job) == "training-archive")
    }

    @Test func theMergeJobMergesTheSameVolumeWithTheSameImage() throws {
        let shards = try Self.job("audit-shards.yaml"), merge = try Self.job("audit-merge.yaml")
        #expect(merge["kind"] as? String == "Job")
        #expect(Self.value(merge, "spec", "completionMode") == nil)
        let container = try Self.container(merge)
        let args = try #require(container["args"] as? [String])
        #expect(args.prefix(2) == ["audit", "--merge"])
        let shardArgs = try #require(try Self.container(shards)["args"] as? [String])
        #expect(args.count == 3 && args[2] == Self.argument("--output", in: shardArgs), "merges the folder the shards write")
        #expect(try Self.claim(mountedAt: args[2], in: merge) == "trainreport-audit")
        let image = try #require(container["image"] as? String)
        #expect(image == (try Self.container(shards)["image"] as? String))
        #expect(image.contains("trainreport"))
    }

    @Test func theClaimsTheJobsMountExistAndTheOutputIsSharedForWriting() throws {
        let claims = try Self.documents("storage.yaml").filter { $0["kind"] as? String == "PersistentVolumeClaim" }
        let byName = Dictionary(uniqueKeysWithValues: claims.compactMap { c in (Self.value(c, "metadata", "name") as? String).map { ($0, c) } })
        #expect(Set(byName.keys) == ["training-archive", "trainreport-audit"])
        #expect((Self.value(byName["trainreport-audit"], "spec", "accessModes") as? [String])?.contains("ReadWriteMany") == true,
                "every shard pod writes into it at once")
    }

    @Test func theDockerfileBuildsTheBinaryTheJobsRunOnASlimRuntimeWithCairoPangoAndFonts() throws {
        let text = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("Dockerfile"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        let froms = lines.filter { $0.hasPrefix("FROM ") }
        #expect(froms.count == 2)
        #expect(text.contains("ARG SWIFT_IMAGE=swift:6.") && froms.first?.contains("AS build") == true, "a Swift builder stage")
        #expect(froms.last == "FROM debian:bookworm-slim")
        #expect(text.contains("--static-swift-stdlib --product trainreport"))
        #expect(lines.contains("COPY --from=build /out/usr/local/bin/trainreport /usr/local/bin/trainreport"))
        #expect(lines.contains("ENTRYPOINT [\"/usr/local/bin/trainreport\"]"))
        let runtime = try #require(text.components(separatedBy: "FROM debian:bookworm-slim").last)
        for package in ["libcairo2", "libpango-1.0-0", "libpangocairo-1.0-0", "fonts-dejavu-core"] {
            #expect(runtime.contains(" \(package)"), "\(package) in the runtime stage")
        }
        let user = try Self.value(Self.job("audit-shards.yaml"), "spec", "template", "spec", "securityContext", "runAsUser") as? Int
        #expect(lines.contains("USER \(user ?? -1):\(user ?? -1)"), "the Jobs run as the image's user")
    }
}
