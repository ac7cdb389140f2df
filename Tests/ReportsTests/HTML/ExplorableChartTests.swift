import CairoBackend
import Charts
import Foundation
import FoundationXML
import RunModel
import TestSupport
import Testing
@testable import Reports

struct ExplorableChartTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func series(_ chart: [String: Any], panel: Int = 0) throws -> [[String: Any]] {
        let panels = try #require(chart["panels"] as? [[String: Any]])
        return try #require(panels[panel]["series"] as? [[String: Any]])
    }

    @Test func lossChartEmbedsRawPointsSmoothingWeightAndTheFittedRange() throws {
        let run = SyntheticRuns.run(.explode)
        let chart = try #require(ChartFactory.charts(for: run, findings: []).first)
        let data = try json(try #require(ExplorableChart.json(chart, run: run)))
        let all = try series(data)
        let train = try #require(all.first { $0["name"] as? String == "train loss" })
        let loss = try #require(run.series(.trainLoss))
        #expect((train["v"] as? [Any])?.count == loss.count)
        // Logged every 10 steps: x as start and spacing.
        #expect(train["x0"] as? Double == Double(loss.steps[0]) && train["dx"] as? Double == 10 && train["x"] == nil)
        #expect((train["v"] as? [Any])?.contains { $0 as? String == "NaN" } == true)
        #expect(train["smooth"] as? Double == Smoothing.defaultWeight(pointCount: loss.count))
        // The divergence is a band and a gap in the smoothing; the y range stops below it.
        #expect((train["gaps"] as? [[Double]])?.isEmpty == false)
        let panel = try #require((data["panels"] as? [[String: Any]])?.first)
        let yRange = try #require(panel["yr"] as? [Double])
        #expect(yRange[1] < 10)
        #expect((panel["bands"] as? [[String: Any]])?.isEmpty == false)
        // Hover tables: the run logs epochs and wall times.
        #expect((data["epoch"] as? [[Double]])?.isEmpty == false)
        #expect((data["time"] as? [[Double]])?.first?[1] == 0)
    }

    @Test func aMillionPointSeriesIsEmbeddedAsAnEnvelopeOfBoundedSize() throws {
        var builder = RunBuilder(name: "long", format: "jsonl", sourcePath: "long.jsonl")
        for step in 1...1_000_000 { builder.add(key: "loss", step: step, value: 2 + 1 / Double(step)) }
        let run = builder.build()
        let chart = try #require(ChartFactory.charts(for: run, findings: []).first)
        let text = try #require(ExplorableChart.json(chart, run: run))
        #expect(text.utf8.count < 150_000)
        let train = try #require(try series(try json(text)).first)
        #expect(train["v"] == nil)
        let envelope = try #require(train["env"] as? [String: Any])
        #expect((envelope["x"] as? [Any])?.count == ExploreReduction.columns)
        #expect(train["n"] as? Int == 1_000_000)
    }

    @Test func evenSpacingIsExactOrNil() {
        #expect(ExplorableChart.evenSpacing([10, 20, 30, 40]) == 10)
        #expect(ExplorableChart.evenSpacing([10, 20, 31]) == nil)
        #expect(ExplorableChart.evenSpacing([10, 20]) == nil)
        #expect(ExplorableChart.evenSpacing([0.1, 0.2, 0.30000000000000004]) == 0.1)
        #expect(ExplorableChart.evenSpacing([0.1, 0.2, 0.3]) == nil)
    }

    @Test func namesFromLogsCannotEndTheScriptElement() throws {
        let hostile = "a</script><!--b\u{2028}c\u{2029}&d]]>e"
        var builder = RunBuilder(name: hostile, format: "jsonl", sourcePath: "x.jsonl")
        for step in 1...50 { builder.add(key: "loss", step: step, value: 3 - Double(step) / 50) }
        let run = builder.build()
        let chart = try #require(ChartFactory.comparison(runs: [run, run]).first)
        let text = try #require(ExplorableChart.json(chart, run: nil))
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}", "]]>"] {
            #expect(!text.contains(forbidden), "found \(forbidden)")
        }
        let names = try series(try json(text)).compactMap { $0["name"] as? String }
        #expect(names.first == hostile + " train")
    }

    @Test func reportPageWithExplorableChartsStaysWellFormedXHTML() throws {
        let run = SyntheticRuns.run(.overfit)
        let document = ReportPipeline.document(for: run, options: ReportOptions(templates: try .builtIn()), measurer: try CairoTextMeasurer())
        let html = try HTMLReportRenderer(templates: .builtIn()).render(document)
        let root = try #require(try XMLDocument(xmlString: html, options: []).rootElement())
        let blocks = try root.nodes(forXPath: "//*[local-name()='script'][@class='explore-data']")
        #expect(blocks.count == document.charts.count)
        let ids = html.components(separatedBy: "<figure class=\"chart\" id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(Set(ids).count == ids.count && ids.count == document.charts.count, "ids \(ids)")
        // One copy of the script, after the content; the static pictures stay for readers without script.
        #expect(html.components(separatedBy: "//<![CDATA[").count == 2)
        #expect(try root.nodes(forXPath: "//*[local-name()='img']").count >= document.charts.count)
    }

    @Test func pageWithoutExplorableChartsHasNoScript() throws {
        let html = try HTMLReportRenderer(templates: .builtIn()).render(ReportFixtures.document())
        #expect(!html.contains("<script"))
    }
}
