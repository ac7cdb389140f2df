extension String {
    /// `train/grad_norm` -> `train_grad_norm`, for evidence names.
    func evidenceName() -> String { String(map { $0 == "/" ? "_" : $0 }) }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
