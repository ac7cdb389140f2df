import Foundation

/// Keeps one crashing run from taking an audit down. `audit` does its work in a child process (this
/// same program, marked by `workerVariable`); when the child dies of a signal (a trap, SIGBUS, the
/// OOM killer), the audit is started again into the same folder. The journal the child keeps
/// (`AuditJournal`) makes the restart reuse every finished run, report the runs that were in flight
/// one at a time, and turn the one that was in flight alone when the child died into an error row.
/// Cost: one process start per audit (measured in README), plus a restart per crash.
enum AuditSupervisor {
    static let workerVariable = "TRAINREPORT_AUDIT_WORKER"
    /// A crash needs at most two restarts to be pinned on one run (once to report the suspects one
    /// at a time, once to record the one that died alone); more than this is a loop, not progress.
    static let maxRestarts = 40

    static var isWorker: Bool { ProcessInfo.processInfo.environment[workerVariable] != nil }

    /// Runs this command again as a worker until it exits normally; returns its exit status.
    static func supervise(arguments: [String]) throws -> Int32 {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var environment = ProcessInfo.processInfo.environment
        environment[workerVariable] = "1"
        for attempt in 0...maxRestarts {
            let child = Process()
            child.executableURL = executable
            child.arguments = arguments
            child.environment = environment
            try child.run()
            child.waitUntilExit()
            if child.terminationReason == .exit { return child.terminationStatus }
            let signal = child.terminationStatus
            if attempt < maxRestarts {
                FileHandleOutput.standardError(
                    "trainreport audit: a run crashed the audit worker (signal \(signal)); resuming (finished runs are kept)\n")
            }
        }
        FileHandleOutput.standardError("trainreport audit: the worker kept crashing; giving up after \(maxRestarts) restarts\n")
        return 2
    }
}
