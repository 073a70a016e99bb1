// The flow from Swift: the journey every shell replays, one event per call
// through the generated bindings, rendered to text here (not by Rust) and
// compared with the Rust suite's golden transcript.
import EbbBindings
import Foundation
import XCTest

/// "endingLife" as the Rust transcript writes it: "ending_life".
private func snake(_ value: Any) -> String {
    var out = ""
    for ch in "\(value)" {
        if ch.isUppercase {
            out += "_" + ch.lowercased()
        } else {
            out.append(ch)
        }
    }
    return out
}

/// The model as the Rust suite's `Model::transcript` writes it.
func transcript(_ m: Model) -> String {
    var out = ""
    func choice(_ indent: String, _ c: Choice) {
        out += "\(indent)[\(snake(c.role))] \(c.label)\n"
    }
    out += "# \(snake(m.screen)): \(m.heading)\n"
    for line in m.lines { out += "\(line)\n" }
    if let q = m.question {
        out += "? \(q.text)\n"
        for a in q.answers { choice("  ", a) }
    }
    for s in m.sections {
        if let h = s.heading { out += "## \(h)\n" }
        if s.items.isEmpty, let e = s.empty { out += "  (\(e))\n" }
        for i in s.items {
            out += "- \(i.text)\n"
            if let n = i.note { out += "  \(n)\n" }
            for c in i.choices { choice("    ", c) }
        }
        for c in s.choices { choice("  ", c) }
    }
    switch m.detail {
    case .none:
        break
    case .timer(let timer):
        out += "~ timer \(Int(timer.elapsed))s of \(Int(timer.goal))s\n"
    case .step(let step):
        out += "~ step \(step.index + 1) of \(step.count) \(snake(step.kind))\(step.paused ? " (paused)" : "")\n"
    case .progress(let progress):
        out += "~ \(progress.period) (\(progress.weekly.count) weeks)\n"
    }
    for c in m.choices { choice("", c) }
    return out
}

/// The journey of `core/tests/flow.rs`, event for event.
func journey(_ ebb: Ebb) throws -> [Update] {
    var now = Date(timeIntervalSince1970: 1_795_744_800)  // 2026-11-27T02:00:00Z
    var out: [Update] = []
    func send(_ e: Event) throws {
        let context = Context(now: now, utcOffsetSecs: 0, device: .phone, haptics: .iphone, locale: "en-GB")
        out.append(try ebb.send(context: context, event: e))
    }
    func wait(_ seconds: TimeInterval) { now = now.addingTimeInterval(seconds) }
    try send(.opened(region: "GB"))
    try send(.finishFirstRun(startPlan: false))
    wait(10)
    try send(.startUrge(source: .widget))
    wait(20)
    try send(.intensity(value: 8))
    wait(120)
    try send(.tick)
    try send(.intensity(value: 7))
    wait(5)
    try send(.startGuide(guide: .grounding54321, skill: "grounding-54321"))
    try send(.nextStep(index: 0))
    try send(.openCrisis)
    try send(.back)
    try send(.stopGuide)
    wait(30)
    try send(.endingLife)
    try send(.back)
    wait(60)
    try send(.askOutcome)
    try send(.endUrge(outcome: .hurtMyself))
    try send(.mayNeedCare(needsCare: true))
    try send(.home)
    try send(.openProgress(window: .week))
    return out
}

final class FlowTests: XCTestCase {
    private func freshEbb() throws -> Ebb {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("ebb-swift-flow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try Ebb.open(
            path: dir.appendingPathComponent("ebb.db").path,
            key: Data(repeating: 7, count: 32), device: .phone, plaintextHeader: false)
    }

    func testTheJourneyGivesTheRustTranscriptModelForModel() throws {
        let got = try journey(freshEbb()).map { transcript($0.model) }.joined(separator: "\n")
        let golden = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("golden/flow-journey.txt")
        let want = try String(contentsOf: golden, encoding: .utf8)
        let gotLines = got.components(separatedBy: "\n")
        let wantLines = want.components(separatedBy: "\n")
        for (n, line) in gotLines.enumerated() where n >= wantLines.count || wantLines[n] != line {
            XCTFail("line \(n + 1): got '\(line)', want '\(n < wantLines.count ? wantLines[n] : "")'")
            return
        }
        XCTAssertEqual(gotLines.count, wantLines.count)
    }

    func testCrisisHelpIsOnEveryModelOfTheJourney() throws {
        for update in try journey(freshEbb()) {
            let m = update.model
            XCTAssertTrue(m.screen == .crisis || m.choices.contains { $0.event == .openCrisis }, "\(m.screen)")
            if let q = m.question {
                XCTAssertTrue(q.answers.contains { $0.event == .endingLife }, "\(m.screen)")
            }
        }
    }
}
