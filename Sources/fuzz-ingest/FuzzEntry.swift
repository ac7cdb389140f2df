import FuzzSupport

/// libFuzzer's per-input callback: the first byte picks the parser, the rest is its input. It must
/// exist under this C name for the fuzzer build to link, even though main hands it to the driver.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    _ = FuzzParser.pick(data[0]).load(UnsafeBufferPointer(start: data + 1, count: size - 1))
    return 0
}
