import RunModel

/// TensorBoard's scalar dashboard keeps at most 1,000 points per series (reservoir sampling) and
/// exports what it shows, so an export of exactly 1,000 points is probably a sample.
enum TensorBoardSample {
    static let limit = 1_000

    static func warnIfSampled(count: Int, tag: String, path: String, into builder: inout RunBuilder) {
        guard count == limit else { return }
        builder.provenance.issues.append(IngestIssue(
            kind: .warning, path: path,
            message: "\(tag): exactly 1,000 points; TensorBoard's UI samples a series down to 1,000 points before export, so this may be a sample, not every logged step"))
    }
}
