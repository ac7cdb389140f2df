import Mustache

// The index page renders every field of every row by name. Mustache finds a name in a plain struct
// through `Mirror`, a reflection walk over its fields per lookup: for 2,000 runs that was most of
// the time an audit (or a merge of shards) spends writing the index. Rows and badges name their
// fields directly instead. Every stored field is listed, so a `--template` override can use any.
extension IndexHTMLRenderer.Row: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "path": path
        case "date": date
        case "dateDay": dateDay
        case "dateTime": dateTime
        case "started": started
        case "startedDay": startedDay
        case "startedTime": startedTime
        case "format": format
        case "steps": steps
        case "stepsValue": stepsValue
        case "finalTrainLoss": finalTrainLoss
        case "finalTrainLossValue": finalTrainLossValue
        case "bestEvalLoss": bestEvalLoss
        case "bestEvalLossValue": bestEvalLossValue
        case "bestEvalStep": bestEvalStep
        case "verdict": verdict
        case "verdictLabel": verdictLabel
        case "rank": rank
        case "summary": summary
        case "badges": badges
        case "hasBadges": hasBadges
        case "ids": ids
        case "findingCounts": findingCounts
        case "findingsValue": findingsValue
        case "report": report
        default: nil
        }
    }
}

extension IndexHTMLRenderer.Badge: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "severity": severity
        case "label": label
        default: nil
        }
    }
}
