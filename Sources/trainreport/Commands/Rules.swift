import ArgumentParser

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not available yet.")

    func run() throws {
        throw ValidationError("'rules' is not available yet")
    }
}
