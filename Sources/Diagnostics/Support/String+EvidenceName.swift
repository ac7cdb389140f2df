extension String {
    /// `train/grad_norm` -> `train_grad_norm`, for evidence names.
    func evidenceName() -> String { String(map { $0 == "/" ? "_" : $0 }) }
}
