import Testing
@testable import RunModel

@Suite struct JSONValueTests {
    @Test func keepsKeyOrderAndWritesNonFiniteAsStrings() {
        let v = JSONValue.object([("b", .int(1)), ("a", .array([.number(.nan), .number(.infinity), .number(-.infinity), .number(0.5)]))])
        #expect(v.serialized(pretty: false) == #"{"b":1,"a":["NaN","Infinity","-Infinity",0.5]}"#)
    }

    @Test func prettyOutputIsIndentedWithATrailingNewline() {
        let v = JSONValue.object([("runs", .array([])), ("x", .null)])
        #expect(v.serialized() == "{\n  \"runs\": [],\n  \"x\": null\n}\n")
    }

    @Test func escapesControlCharactersAndQuotes() {
        #expect(JSONValue.string("a\"b\\c\n\u{01}").serialized(pretty: false) == #""a\"b\\c\n\u0001""#)
    }

    @Test func integralDoublesHaveNoFraction() {
        #expect(JSONValue.number(3.0).serialized(pretty: false) == "3")
        #expect(JSONValue.number(2.5e-7).serialized(pretty: false) == "2.5e-07")
    }
}
