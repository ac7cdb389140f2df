import Mustache

// The report page renders its view by name. Mustache finds a name in a plain struct through
// `Mirror`, a walk over all the struct's fields per lookup (about 80,000 instructions each on this
// view; a page makes hundreds): 7% of a four-format report's CPU. The view's types name their fields
// directly instead, as the audit index's rows do. Every stored field is listed, so a `--template`
// override can use any (`HTMLViewLookupTests` checks that against `Mirror`).

extension HTMLView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "runName": runName
        case "verdict": verdict
        case "verdictLabel": verdictLabel
        case "verdictReason": verdictReason
        case "toolVersion": toolVersion
        case "indexLink": indexLink
        case "keyFacts": keyFacts
        case "hasKeyFacts": hasKeyFacts
        case "health": health
        case "hasHealth": hasHealth
        case "charts": charts
        case "findings": findings
        case "findingCount": findingCount
        case "trainingColumns": trainingColumns
        case "trainingRows": trainingRows
        case "hasTrainingResults": hasTrainingResults
        case "hyperparameters": hyperparameters
        case "hasHyperparameters": hasHyperparameters
        case "sources": sources
        case "ingestNotes": ingestNotes
        case "hasIngestNotes": hasIngestNotes
        case "unchartedSeries": unchartedSeries
        case "hasUncharted": hasUncharted
        case "exploreScript": exploreScript
        default: nil
        }
    }
}

extension HTMLView.Fact: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "value": value
        default: nil
        }
    }
}

extension HTMLView.Health: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "metric": metric
        case "measures": measures
        case "healthyRange": healthyRange
        case "observed": observed
        case "status": status
        case "statusLabel": statusLabel
        default: nil
        }
    }
}

extension HTMLView.Figure: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "src": src
        case "smallSrc": smallSrc
        case "title": title
        case "description": description
        case "width": width
        case "height": height
        case "id": id
        case "data": data
        case "hasData": hasData
        default: nil
        }
    }
}

extension HTMLView.EvidenceItem: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "value": value
        default: nil
        }
    }
}

extension HTMLView.FindingView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "anchor": anchor
        case "severity": severity
        case "severityLabel": severityLabel
        case "title": title
        case "message": message
        case "stepsText": stepsText
        case "metric": metric
        case "evidence": evidence
        case "hasEvidence": hasEvidence
        case "excerpt": excerpt
        case "chartReference": chartReference
        case "why": why
        case "fixes": fixes
        case "hasFixes": hasFixes
        default: nil
        }
    }
}

extension HTMLView.Row: MustacheParent {
    func child(named key: String) -> Any? {
        key == "cells" ? cells : nil
    }
}

extension HTMLView.Source: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "path": path
        case "format": format
        case "note": note
        default: nil
        }
    }
}

extension HTMLView.IngestNote: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "kind": kind
        case "location": location
        case "message": message
        default: nil
        }
    }
}
