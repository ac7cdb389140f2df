/// The `--output` folder of `report`, `audit` and `compare`: the one given, else `./trainreport-out`,
/// announced on stderr so a first run never leaves its files somewhere unexpected.
enum OutputFolder {
    static let defaultPath = "./trainreport-out"

    /// `given`, or the default after saying so on stderr.
    static func resolve(_ given: String?, command: String) -> String {
        if let given { return given }
        FileHandleOutput.standardError("trainreport \(command): writing into \(defaultPath) (no --output given)\n")
        return defaultPath
    }
}
