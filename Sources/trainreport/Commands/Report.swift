import ArgumentParser

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not available yet.")

    func run() throws {
        throw ValidationError("'report' is not available yet")
    }
}
