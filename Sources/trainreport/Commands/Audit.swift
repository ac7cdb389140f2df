import ArgumentParser

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not available yet.")

    func run() throws {
        throw ValidationError("'audit' is not available yet")
    }
}
