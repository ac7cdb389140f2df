import ArgumentParser
import Diagnostics

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the diagnostic rules: id, what each detects, its thresholds and their defaults.")

    @Flag(name: .long, help: "Print the list as JSON.")
    var json = false

    func run() throws {
        print(json ? RuleRegistry.listingJSON().serialized() : RuleRegistry.listing(), terminator: "")
    }
}
