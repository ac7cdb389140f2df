import Testing
@testable import RunModel
