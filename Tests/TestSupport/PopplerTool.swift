import Foundation

/// Runs a poppler-utils command (`pdftotext`, `pdfinfo`) on PDF bytes; nil when the tool is missing.
public enum PopplerTool {
    public static func run(_ tool: String, _ arguments: [String], pdf: [UInt8]) throws -> String? {
        let directory = try TemporaryDirectory.make("pdftest")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("doc.pdf")
        try Data(pdf).write(to: file)
        guard let executable = ["/usr/bin/\(tool)", "/usr/local/bin/\(tool)"].first(where: FileManager.default.isExecutableFile) else {
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + [file.path, "-"].filter { tool == "pdftotext" || $0 != "-" }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether the raw PDF bytes contain `ascii` (object names, dictionary keys).
    public static func bytes(_ pdf: [UInt8], contain ascii: String) -> Bool {
        let needle = Array(ascii.utf8)
        guard needle.count <= pdf.count else { return false }
        return (0...(pdf.count - needle.count)).contains { i in pdf[i..<(i + needle.count)].elementsEqual(needle) }
    }

    /// The value of a `Name: value` line in `pdfinfo` output.
    public static func field(_ name: String, in info: String) -> String? {
        for line in info.split(separator: "\n") where line.hasPrefix(name + ":") {
            return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
