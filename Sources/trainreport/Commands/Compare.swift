import ArgumentParser

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not available yet.")

    func run() throws {
        throw ValidationError("'compare' is not available yet")
    }
}
