/// The tool's version, written into reports and audit manifests.
public enum TrainReportVersion {
    public static let current = "0.1.0"
}
