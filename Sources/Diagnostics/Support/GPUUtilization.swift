/// GPU utilisation is logged either as a percentage (0-100) or as a fraction (0-1).
enum GPUUtilization {
    /// 100 when the values look like fractions (none above 1.0), else 1.
    static func percentScale(_ values: [Double]) -> Double {
        (values.max() ?? 0) <= 1.0 ? 100 : 1
    }
}
