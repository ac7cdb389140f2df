import Foundation
import RunModel
import TestSupport
import Testing
@testable import Ingest

@Suite struct HFTextLogFormatTests {
    func load(_ text: String, name: String = "train.log") throws -> Run {
        try TestDirectory.load(text, at: "exp3/" + name)
    }

    static let banner = """
    ***** Running training *****
      Num examples = 1,600
      Num Epochs = 2
      Instantaneous batch size per device = 8
      Total train batch size (w. parallel, distributed & accumulation) = 32
      Gradient Accumulation steps = 4
      Total optimization steps = 100
      Number of trainable parameters = 124,439,808

    """

    @Test func bannerBecomesMetadataAndCountedStepsUseTheFinalSummary() throws {
        let run = try load(Self.banner + """
        {'loss': 2.5, 'grad_norm': 1.25, 'learning_rate': 5e-05, 'epoch': 0.5}
        {'loss': 2.1, 'grad_norm': 1.0, 'learning_rate': 2.5e-05, 'epoch': 1.0}
        {'eval_loss': 2.2, 'eval_accuracy': 0.61, 'eval_runtime': 3.1, 'epoch': 1.0}
        {'loss': nan, 'grad_norm': inf, 'learning_rate': 1e-05, 'epoch': 1.5}
        {'loss': 1.9, 'grad_norm': 0.9, 'learning_rate': 0.0, 'epoch': 2.0}
        {'train_runtime': 50.0, 'train_samples_per_second': 64.0, 'train_steps_per_second': 2.0, 'train_loss': 2.1, 'epoch': 2.0}

        """)
        #expect(run.format == "hf-text-log")
        #expect(run.name == "exp3")
        #expect(run.metadata.maxSteps == 100)
        #expect(run.metadata.numTrainEpochs == 2)
        #expect(run.metadata.trainBatchSize == 8)
        #expect(run.metadata.extra.contains { $0.key == "gradient_accumulation_steps" && $0.value == "4" })
        #expect(run.metadata.extra.contains { $0.key == "trainable_parameters" && $0.value == "124439808" })
        #expect(run.metadata.hasFinalSummary && run.metadata.meanTrainLoss == 2.1 && run.metadata.trainRuntime == 50)
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.steps == [25, 50, 75, 100])
        #expect(loss.values[2].isNaN)
        #expect(run.series(.gradNorm)?.values[2] == .infinity)
        #expect(run.series(.evalLoss)?.steps == [50])
        #expect(run.series(named: "eval/accuracy")?.values == [0.61])
        #expect(run.series(.epoch)?.steps == [25, 50, 75, 100], "the eval dict's epoch is not a second point")
        #expect(run.series.allSatisfy { !$0.name.contains("train_runtime") })
        #expect(run.warnings.contains { $0.kind == .warning && $0.message.contains("steps are counted") && $0.message.contains("final summary") })
    }

    @Test func countedStepsFallBackToEpochTimesStepsPerEpoch() throws {
        let run = try load(Self.banner + """
        [INFO|2024-11-26 22:09:01] logging.py:157 >> {'loss': 2.2818, 'learning_rate': 2.5000e-06, 'epoch': 0.2}
        [INFO|2024-11-26 22:10:01] logging.py:157 >> {'loss': 2.2647, 'learning_rate': 5.0000e-06, 'epoch': 0.4}

        """, name: "running_log.txt")
        #expect(run.series(.trainLoss)?.steps == [10, 20])
        #expect(run.warnings.contains { $0.message.contains("steps per epoch") })
    }

    /// A garbled summary or epoch once trapped converting the implied step count to `Int`.
    @Test func anAbsurdSummaryOrEpochFallsBackToCountingDicts() throws {
        let summary = try load(Self.banner + """
        {'loss': 2.5, 'learning_rate': 5e-05, 'epoch': 0.5}
        {'loss': 2.1, 'learning_rate': 2.5e-05, 'epoch': 1.0}
        {'train_runtime': 1e300, 'train_samples_per_second': 1.0, 'train_steps_per_second': 5e10, 'train_loss': 2.3, 'epoch': 1.0}

        """)
        #expect(summary.series(.trainLoss)?.steps == [25, 50], "from epochs x steps per epoch")
        let epoch = try load(Self.banner + """
        {'loss': 2.5, 'learning_rate': 5e-05, 'epoch': 0.5}
        {'loss': 2.1, 'learning_rate': 2.5e-05, 'epoch': 1e300}

        """)
        #expect(epoch.series(.trainLoss)?.steps == [1, 2])
    }

    /// Counting from a resume step near `Int.max` once overflowed (found by fuzz-ingest).
    @Test func anAbsurdResumeStepIsIgnoredWhenCountingDicts() throws {
        let run = try load("""
        Continuing training from global step 9223372036854775807
        {'loss': 2.5, 'epoch': 0.5}
        {'loss': 2.1, 'epoch': 1.0}

        """)
        #expect(run.series(.trainLoss)?.steps == [1, 2])
    }

    @Test func transformers5QuotedValuesAndAStepKeyAreRead() throws {
        let run = try load("""
        {'loss': '-0.1081', 'grad_norm': '0.3156', 'learning_rate': '8e-06', 'rewards/format/mean': '0.625', 'step': 5}
        {'loss': '0.01055', 'grad_norm': 'nan', 'learning_rate': '1.8e-05', 'rewards/format/mean': '1', 'step': 10}
        {'step': 0, 'agent_id': 'market_maker', 'reward': 2.6}

        """)
        #expect(run.series(.trainLoss)?.values == [-0.1081, 0.01055])
        #expect(run.series(.trainLoss)?.steps == [5, 10])
        #expect(run.series(.gradNorm)?.values.last?.isNaN == true)
        #expect(run.series(named: "rewards/format/mean")?.count == 2)
        #expect(run.series(named: "train/reward") == nil, "a dict without Trainer keys is not a log entry")
        #expect(run.warnings.isEmpty)
    }

    @Test func progressBarStepsAreUsedWhenTheyIncrease() throws {
        let run = try load("""
        ***** Running training *****
          Total optimization steps = 40
         25%|██▌       | 10/40 [00:10<00:30,  1.00it/s]\r{'loss': 1.5, 'learning_rate': 1e-05, 'epoch': 0.25}
         50%|█████     | 20/40 [00:20<00:20,  1.00it/s]\r
        100%|██████████| 8/8 [00:01<00:00,  8.00it/s]\r{'eval_loss': 1.4, 'epoch': 0.5}
        \r{'loss': 1.2, 'learning_rate': 5e-06, 'epoch': 0.5}

        """)
        #expect(run.series(.trainLoss)?.steps == [10, 20])
        #expect(run.series(.evalLoss)?.steps == [20], "the eval bar (8/8) is not the training bar")
        #expect(run.warnings.contains { $0.message.contains("progress bar (N/40)") })
    }

    @Test func burstyBufferedDictsAfterOneBarAreCountedNotPiledOnOneStep() throws {
        let run = try load("""
        Num examples = 80 | Num Epochs = 4 | Total steps = 20
         50%|█████     | 10/20 [00:10<00:10,  1.00it/s]
        {'loss': '0.5', 'epoch': '0.5'}
        {'loss': '0.4', 'epoch': '1'}
        {'train_runtime': '20', 'train_steps_per_second': '1', 'train_loss': '0.45', 'epoch': '2'}

        """)
        #expect(run.metadata.maxSteps == 20)
        #expect(run.series(.trainLoss)?.steps == [10, 20])
        #expect(run.warnings.contains { $0.message.contains("steps are counted") })
    }

    @Test func outOfMemoryAndErrorLinesBecomeLogEvents() throws {
        let run = try load(Self.banner + """
          0%|          | 0/100 [00:00<?, ?it/s]
        Traceback (most recent call last):
          File "train.py", line 12, in <module>
            trainer.train()
        torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 23.64 GiB
        RuntimeError: something else failed

        """)
        #expect(run.series.isEmpty)
        let oom = run.metadata.logEvents.filter { $0.kind == .outOfMemory }
        #expect(oom.count == 1)
        #expect(oom.first?.line == 13)
        #expect(oom.first?.text.hasPrefix("torch.OutOfMemoryError: CUDA out of memory") == true)
        #expect(run.metadata.logEvents.filter { $0.kind == .error }.count == 2)
        #expect(run.warnings.contains { $0.message.contains("no logged dicts") })
    }

    @Test func sniffWantsADictOrABannerAndLeavesJSONAlone() {
        let format = HFTextLogFormat()
        #expect(format.sniff(fileName: "x.log", prefix: Array("noise\n{'loss': 1.0, 'epoch': 0.1}\n".utf8)).strength == .strong)
        #expect(format.sniff(fileName: "x.log", prefix: Array("***** Running training *****\n".utf8)).strength == .strong)
        #expect(format.sniff(fileName: "x.jsonl", prefix: Array("{\"loss\": 1.0}\n{\"loss\": 0.9}\n".utf8)).strength == .no)
        #expect(format.sniff(fileName: "x.log", prefix: Array("hello\n".utf8)).strength == .no)
        let manifest = "file\tnotes\nrun.txt\t\"lines like '{'loss': 2.28, 'epoch': 0.29}' (421 dict lines)\"\n"
        #expect(format.sniff(fileName: "MANIFEST.tsv", prefix: Array(manifest.utf8)).strength == .no,
                "a dict quoted mid-sentence is not a Trainer log line")
        #expect(format.sniff(fileName: "x.log", prefix: [0x00, 0x01] + Array("{'loss': ".utf8)).strength == .no)
    }

    @Test func pythonDictReprIsParsedWithWrappersNestingAndNonFinite() {
        let text = "{'a': np.float64(0.5), 'b': tensor(1.25, device='cuda:0'), 'c': [1, (2, 3)], 'd': None, 'e': -inf, 'f': 'x, y', 'g': True,}"
        let members = Array(text.utf8).withUnsafeBufferPointer { PythonDict.parse($0, from: 0, to: $0.count) }
        let values = members?.map(\.number)
        #expect(members?.map(\.key) == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(values?[0] == 0.5 && values?[1] == 1.25 && values?[4] == -.infinity)
        #expect(values?[2] == .some(nil) && values?[3] == .some(nil) && values?[5] == .some(nil) && values?[6] == .some(nil))
        let cut = Array("{'loss': 1.0, 'epo".utf8).withUnsafeBufferPointer { PythonDict.parse($0, from: 0, to: $0.count) }
        #expect(cut == nil)
    }

    @Test func corpusLogsGiveTheirDictCounts() throws {
        guard let corpus = RepositoryPaths.corpus else { return }
        let factory = try RunLoader.load(corpus + "/logs-text/LzZzZx328__finetune_LLM__running_log.txt")
        #expect(factory.format == "hf-text-log")
        let loss = try #require(factory.series(.trainLoss))
        #expect(loss.count == 421)
        #expect(loss.steps.first == 5 && loss.steps.last == 2105, "interval 5 from epoch 123.48 x 17 steps per epoch")
        #expect(factory.metadata.maxSteps == 17000 && factory.metadata.numTrainEpochs == 1000)
        #expect(factory.metadata.extra.contains { $0.key == "num_examples" && $0.value == "2182" })

        let grpo = try RunLoader.load(corpus + "/logs-text/Rusheel86__Chaos-Economy__train_8_episodes.log")
        let grpoLoss = try #require(grpo.series(.trainLoss))
        #expect(grpoLoss.count == 50)
        #expect(grpoLoss.steps.first == 5 && grpoLoss.steps.last == 250)
        #expect(grpoLoss.values.first == -0.1081)
        #expect(grpo.metadata.maxSteps == 250 && grpo.metadata.hasFinalSummary)
        #expect(grpo.provenance.restarts.isEmpty)
    }
}
