import Diagnostics
import RunModel
import Testing
@testable import ModelCard

@Suite struct PublicRedactionTests {
    @Test func findsHostNamesInTensorBoardFileAndFolderNames() {
        #expect(PublicRedaction.hosts(inPath: "out/runs/Nov29_17-00-00_gpu-node-7/events.out.tfevents.1732899600.gpu-node-7.cluster.local.4242.0")
            == ["gpu-node-7", "gpu-node-7.cluster.local"])
        #expect(PublicRedaction.hosts(inPath: "out/trainer_state.json").isEmpty)
    }

    @Test func cutsPathsToTheirLastComponentAndHidesHosts() {
        var run = Run(name: "out/runs/Nov29_17-00-00_gpu-node-7", format: "tfevents")
        run.provenance.sources = [SourceFile(path: "/home/ana/exp/out/runs/Nov29_17-00-00_gpu-node-7/events.out.tfevents.1.gpu-node-7.4.0", format: "tfevents")]
        let redaction = PublicRedaction(run: run, inputPath: "/home/ana/exp/out", name: "my-model")
        #expect(redaction.text("OOM in /home/ana/exp/train.py:812 on gpu-node-7") == "OOM in train.py:812 on (host)")
        #expect(redaction.text("eval/loss rose after step 75") == "eval/loss rose after step 75", "metric names are not paths")
        #expect(redaction.location("/data/models/llama-3-8b") == "llama-3-8b")
        #expect(redaction.location("openai-community/gpt2") == "openai-community/gpt2", "a Hub id stays")
        #expect(redaction.location("out/checkpoint-400") == "checkpoint-400")
    }

    @Test func theRedactedRunKeepsItsCurvesAndDropsLocatingSettings() {
        var run = Run(name: "/scratch/ana/run1", format: "mlflow")
        run.provenance.sources = [SourceFile(path: "/scratch/ana/run1/metrics/loss", format: "mlflow")]
        run.metadata.extra = [("params.learning_rate", "5e-05"), ("params.output_dir", "/scratch/ana/run1"), ("tags.mlflow.user", "ana"),
                              ("params.logging_dir", "x")]
        let redacted = PublicRedaction(run: run, inputPath: "/scratch/ana/run1", name: "my-model").run(run)
        #expect(redacted.name == "my-model")
        #expect(redacted.provenance.sources.map(\.path) == ["loss"])
        #expect(redacted.metadata.extra.map(\.key) == ["params.learning_rate"])
    }
}
