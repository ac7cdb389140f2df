import CFuzzDriver
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The `main` of both fuzz harnesses. Built with `-sanitize=fuzzer,address -DFUZZING`
/// (scripts/fuzz.sh) it runs libFuzzer with `callback`; a plain build replays the inputs given as
/// arguments (crash files, regression inputs) and exits non-zero on a trap.
public enum FuzzMain {
    public typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(_ callback: Callback) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = Optional(CommandLine.unsafeArgv)
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let input = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            _ = input.withUnsafeBytes { callback($0.bindMemory(to: UInt8.self).baseAddress, $0.count) }
        }
        FuzzScratch.remove()
        exit(0)
        #endif
    }
}
