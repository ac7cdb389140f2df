// Built with `-sanitize=fuzzer,address -DFUZZING` (scripts/fuzz.sh): runs libFuzzer. A plain build
// replays the inputs given as arguments (crash files, regression inputs) and exits non-zero on a trap.
import CFuzzDriver
#if canImport(Glibc)
import Glibc
#endif

#if FUZZING
var argc = CommandLine.argc
var argv = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
#else
import Foundation

for path in CommandLine.arguments.dropFirst() {
    guard let input = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(2)
    }
    _ = input.withUnsafeBytes { fuzzOne($0.bindMemory(to: UInt8.self).baseAddress, $0.count) }
}
FuzzScratch.remove()
#endif
