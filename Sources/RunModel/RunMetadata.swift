/// What the files say about the run beyond its curves. Every field is optional: producers differ.
public struct RunMetadata: Sendable, Equatable {
    public var maxSteps: Int?
    public var numTrainEpochs: Double?
    public var trainBatchSize: Int?
    public var loggingSteps: Int?
    public var evalSteps: Int?
    public var saveSteps: Int?
    public var globalStep: Int?
    /// The last epoch the run reached (fractional).
    public var epoch: Double?
    public var bestMetric: Double?
    public var bestModelCheckpoint: String?
    public var bestGlobalStep: Int?
    public var totalFlos: Double?
    public var numInputTokensSeen: Double?
    public var trainRuntime: Double?
    public var trainSamplesPerSecond: Double?
    public var trainStepsPerSecond: Double?
    /// HF's final `train_loss`: the mean training loss over the whole run.
    public var meanTrainLoss: Double?
    /// True when the producer wrote its end-of-training summary (HF's `train_runtime` entry).
    public var hasFinalSummary: Bool
    public var modelName: String?
    /// Other key/value facts (hyperparameters, trial params, producer names), in a stable order.
    public var extra: [(key: String, value: String)]
    /// Lines of free text logs worth knowing about, e.g. a "CUDA out of memory" error.
    public var logEvents: [LogEvent]

    public init() {
        hasFinalSummary = false
        extra = []
        logEvents = []
    }

    public static func == (a: RunMetadata, b: RunMetadata) -> Bool {
        a.maxSteps == b.maxSteps && a.numTrainEpochs == b.numTrainEpochs && a.trainBatchSize == b.trainBatchSize
            && a.loggingSteps == b.loggingSteps && a.evalSteps == b.evalSteps && a.saveSteps == b.saveSteps
            && a.globalStep == b.globalStep && a.epoch == b.epoch && a.bestMetric == b.bestMetric
            && a.bestModelCheckpoint == b.bestModelCheckpoint && a.bestGlobalStep == b.bestGlobalStep
            && a.totalFlos == b.totalFlos && a.numInputTokensSeen == b.numInputTokensSeen
            && a.trainRuntime == b.trainRuntime && a.trainSamplesPerSecond == b.trainSamplesPerSecond
            && a.trainStepsPerSecond == b.trainStepsPerSecond && a.meanTrainLoss == b.meanTrainLoss
            && a.hasFinalSummary == b.hasFinalSummary && a.modelName == b.modelName
            && a.extra.elementsEqual(b.extra, by: { $0 == $1 }) && a.logEvents == b.logEvents
    }

    public mutating func setExtra(_ key: String, _ value: String) {
        if let i = extra.firstIndex(where: { $0.key == key }) {
            extra[i].value = value
        } else {
            extra.append((key, value))
        }
    }
}

/// A notable line from a text log.
public struct LogEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case outOfMemory = "oom"
        case error
    }

    public var kind: Kind
    public var path: String
    public var line: Int
    public var text: String

    public init(kind: Kind, path: String, line: Int, text: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.text = text
    }
}

extension RunMetadata {
    /// Fills what this metadata lacks from another source of the same run: every unset field (the step
    /// and epoch reached take the furthest), keys of
    /// `extra` not yet present, and the other's log events. A final summary seen by any source counts.
    public mutating func fill(from other: RunMetadata) {
        maxSteps = maxSteps ?? other.maxSteps
        numTrainEpochs = numTrainEpochs ?? other.numTrainEpochs
        trainBatchSize = trainBatchSize ?? other.trainBatchSize
        loggingSteps = loggingSteps ?? other.loggingSteps
        evalSteps = evalSteps ?? other.evalSteps
        saveSteps = saveSteps ?? other.saveSteps
        // How far the run got is the furthest any source saw (a checkpoint's state stops earlier than the events).
        globalStep = [globalStep, other.globalStep].compactMap { $0 }.max()
        epoch = [epoch, other.epoch].compactMap { $0 }.max()
        bestMetric = bestMetric ?? other.bestMetric
        bestModelCheckpoint = bestModelCheckpoint ?? other.bestModelCheckpoint
        bestGlobalStep = bestGlobalStep ?? other.bestGlobalStep
        totalFlos = totalFlos ?? other.totalFlos
        numInputTokensSeen = numInputTokensSeen ?? other.numInputTokensSeen
        trainRuntime = trainRuntime ?? other.trainRuntime
        trainSamplesPerSecond = trainSamplesPerSecond ?? other.trainSamplesPerSecond
        trainStepsPerSecond = trainStepsPerSecond ?? other.trainStepsPerSecond
        meanTrainLoss = meanTrainLoss ?? other.meanTrainLoss
        hasFinalSummary = hasFinalSummary || other.hasFinalSummary
        modelName = modelName ?? other.modelName
        for (key, value) in other.extra where !extra.contains(where: { $0.key == key }) {
            extra.append((key, value))
        }
        logEvents += other.logEvents
    }
}
