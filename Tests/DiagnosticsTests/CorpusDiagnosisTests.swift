import Foundation
import TestSupport
import Testing
@testable import Diagnostics
import Ingest
import RunModel

/// Real logs from `../shared/corpus` (skipped when it is absent): every file ingestion can read gets a
/// diagnosis without crashing, and a handful of verdicts checked by reading the curves by hand.
@Suite(.enabled(if: RepositoryPaths.corpus != nil, "../shared/corpus is absent"))
struct CorpusDiagnosisTests {
    func diagnose(_ file: String) throws -> Diagnosis {
        Diagnostician.diagnose(try RunLoader.load(try #require(RepositoryPaths.corpus) + "/" + file))
    }

    @Test func everyReadableCorpusFileGetsADiagnosis() throws {
        let root = try #require(RepositoryPaths.corpus)
        let fm = FileManager.default
        var diagnosed = 0
        for dir in try fm.contentsOfDirectory(atPath: root).sorted() where dir != "MANIFEST.tsv" {
            for file in try fm.contentsOfDirectory(atPath: root + "/" + dir).sorted() {
                guard let run = try? RunLoader.load(root + "/" + dir + "/" + file) else { continue }
                let d = Diagnostician.diagnose(run)
                diagnosed += 1
                #expect(d.health.count == (run.series(.reward) == nil ? 7 : 8), "\(file)")
                #expect(d.findings == d.findings.sorted(by: Diagnostician.order), "\(file)")
                let worst = d.findings.map(\.severity).max()
                #expect(d.verdict == (worst == .error ? .failed : worst == .warning ? .attention : .healthy), "\(file)")
                #expect(!d.verdictReason.isEmpty)
            }
        }
        #expect(diagnosed >= 25)
    }

    /// eval_loss 0.2317 at step 800 (the best_model_checkpoint), then up to ~0.29 by step 2200, while
    /// accuracy keeps improving to its best at 2200: the finding keeps the accuracy's checkpoint.
    @Test func dnabertOverfitsAfterStep800() throws {
        let d = try diagnose("hf-trainer-state/ShashankBommana__DNABERT-2__trainer_state.json")
        let f = try #require(d.findings.first { $0.id == "overfitting" })
        #expect(f.metric == "eval/loss")
        #expect(f.steps == 800...2200)
        #expect(f.evidence.contains(Evidence("checkpoint", .text("checkpoint-2200"))))
        #expect(f.message.contains("eval/accuracy did not worsen"))
        #expect(f.fixes.first?.contains("checkpoint-2200") == true)
        #expect(!f.fixes.contains { $0.hasPrefix("Stop early") })
        #expect(d.verdict == .attention)
    }

    /// The classifier whose eval loss is best at step 800 while accuracy is best at 2200: the task
    /// metric chooses, the disagreement is stated, and the Trainer's eval-loss choice is named.
    @Test func dnabertBestCheckpointFollowsAccuracy() throws {
        let run = try RunLoader.load(try #require(RepositoryPaths.corpus) + "/hf-trainer-state/ShashankBommana__DNABERT-2__trainer_state.json")
        #expect(run.kind == .classification)
        let best = try #require(BestCheckpoint.choose(for: run))
        #expect(best.metric == "eval/accuracy")
        #expect(best.step == 2200)
        #expect(best.disagreement?.contains("eval/loss is lowest at step 800") == true)
        #expect(best.checkpointNote.contains("checkpoint-800"))
    }

    /// TRL GRPO (Unsloth): negative policy loss, reward and KL logged, no eval.
    @Test func grpoRunIsRLWithoutPerplexityAndNoEvalIsInfo() throws {
        let run = try RunLoader.load(try #require(RepositoryPaths.corpus) + "/hf-trainer-state/Rusheel86__Chaos-Economy__trainer_state.json")
        #expect(run.kind == .rl)
        #expect(!run.hasLanguageModelLoss)
        let d = Diagnostician.diagnose(run)
        #expect(d.findings.first { $0.id == "no-eval" }?.severity == .info)
        #expect(d.health.first { $0.metric == "Perplexity" }?.status == .notLogged)
        // KL 8e-6 -> 0.05 per token: grows, but stays small (a near miss for rl-kl-blowup).
        #expect(!d.findings.contains { $0.id == "rl-kl-blowup" })
    }

    /// detectron2 metrics.json: COCO AP at the end is an evaluation; the run is detection.
    @Test func detectron2RunIsDetectionWithAnEvaluation() throws {
        let run = try RunLoader.load(try #require(RepositoryPaths.corpus) + "/jsonl/Ghailen-Ben-Achour__detectron2_detection__output__metrics.json")
        #expect(run.kind == .detection)
        let d = Diagnostician.diagnose(run)
        #expect(!d.findings.contains { $0.id == "no-eval" })
        #expect(BestCheckpoint.choose(for: run)?.metric == "eval/bbox/AP")
    }

    /// A Lightning trainer.test() run: test_loss and test_acc count as evaluation.
    @Test func testOnlyLightningRunIsNotNoEval() throws {
        let d = try diagnose("lightning-csv/FelixSoderstrom__waste-classification-cnn__lightning_logs__version_0__metrics.csv")
        #expect(!d.findings.contains { $0.id == "no-eval" })
    }

    /// A DPO run that learned its preference (accuracies 0.63 -> 0.88) with chosen log-probs that do
    /// not fall (median -270 -> -247): neither preference rule fires.
    @Test func learnedDPORunIsNotFlagged() throws {
        let d = try diagnose("hf-trainer-state/harryc295__soup-dpo-takehome__results__trainer_state.json")
        #expect(!d.findings.contains { $0.id.hasPrefix("preference-") })
    }

    /// NaN grad_norm at steps 1, 2, 18, 74 of 75 under fp16: skipped steps, not a divergence.
    @Test func dpoRunHasTransientNaNGradNorms() throws {
        let d = try diagnose("hf-trainer-state/harryc295__soup-dpo-takehome__results__trainer_state.json")
        let f = try #require(d.findings.first { $0.id == "loss-nonfinite" })
        #expect(f.severity == .info)
        #expect(f.steps == 1...74)
        #expect(d.verdict != .failed)
        #expect(d.findings.contains { $0.id == "run-truncated" && $0.steps == 75...75 })
    }

    /// eval_loss best 0.321 at step 1000, 0.42 at step 5000 while the training loss fell to 0.0002.
    @Test func whisperJapaneseOverfitsAfterStep1000() throws {
        let d = try diagnose("hf-trainer-state/P4P4N1CK__whisper-large-v2-japanese-5k-steps__trainer_state.json")
        let f = try #require(d.findings.first { $0.id == "overfitting" })
        #expect(f.steps == 1000...5000)
        #expect(!d.findings.contains { $0.id == "loss-spike" })
    }

    /// Best eval at the first evaluation (step 250), stopped by EarlyStoppingCallback at 1500; the
    /// training loss rose with the learning rate, so the finding says it is not classic overfitting.
    @Test func whisperWithEarlyStoppingWorsenedFromItsFirstEval() throws {
        let d = try diagnose("hf-trainer-state/ByErenOzer__Whisper_Finetune__trainer_state.json")
        let f = try #require(d.findings.first { $0.id == "overfitting" })
        #expect(f.steps == 250...1500)
        #expect(f.message.contains("not classic overfitting"))
        #expect(d.findings.first { $0.id == "run-truncated" }?.severity == .info)
    }

    /// Detectron2 demo: 300 iterations against the default 1000-iteration warmup.
    @Test func detectronWarmupNeverFinished() throws {
        let d = try diagnose("jsonl/Ghailen-Ben-Achour__detectron2_detection__output__metrics.json")
        #expect(d.findings.first { $0.id == "lr-schedule" }?.severity == .warning)
    }
}
