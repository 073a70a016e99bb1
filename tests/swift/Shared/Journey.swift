// The journey every shell replays, and the transcript it is compared in:
// the Swift twin of core/tests/flow.rs's `journey` and `Model::transcript`.
//
// Compiled into two test targets, so the script and the rendering exist
// once on the Swift side:
// - the bindings suite (tests/swift), which sends straight to `Ebb`;
// - EbbKit's tests (ios-example/EbbKit), which send through `FlowDriver`.
// tests/swift/package.sh (`add_journey`) copies this file and the golden
// transcript into each laid-out package. ios-example/EbbKit/Tests/EbbKitTests
// holds a symlink to this file, so Xcode and `swift test` on a Mac compile
// it there as well; the golden file is then found from the repository.
import EbbBindings
import Foundation
import XCTest

/// The instant the journey starts at (the Rust suite's `t0`),
/// 2026-11-27T02:00:00Z. The journey runs in UTC.
let journeyStart = Date(timeIntervalSince1970: 1_795_744_800)

/// The journey, event for event: first run, a start from the widget,
/// check-ins, a guide, crisis help and back, "ending my life", "I hurt
/// myself" with possible care, progress. `send` sends one event and returns
/// the model shown; `wait` moves the clock on by seconds.
func journey(
    send: (Event) async throws -> Model, wait: (TimeInterval) -> Void
) async throws -> [Model] {
    var out: [Model] = []
    out.append(try await send(.opened(region: "GB")))
    out.append(try await send(.finishFirstRun(startPlan: false)))
    wait(10)
    out.append(try await send(.startUrge(source: .widget)))
    wait(20)
    out.append(try await send(.intensity(value: 8)))
    wait(120)
    out.append(try await send(.tick))
    out.append(try await send(.intensity(value: 7)))
    wait(5)
    out.append(try await send(.startGuide(guide: .grounding54321, skill: "grounding-54321")))
    out.append(try await send(.nextStep(index: 0)))
    out.append(try await send(.openCrisis))
    out.append(try await send(.back))
    out.append(try await send(.stopGuide))
    wait(30)
    out.append(try await send(.endingLife))
    out.append(try await send(.back))
    wait(60)
    out.append(try await send(.askOutcome))
    out.append(try await send(.endUrge(outcome: .hurtMyself)))
    out.append(try await send(.mayNeedCare(needsCare: true)))
    out.append(try await send(.home))
    out.append(try await send(.openProgress(window: .week)))
    return out
}

/// The golden transcript: golden/flow-journey.txt in a laid-out package,
/// or core/tests/golden/flow-journey.txt in the repository, whichever is
/// found first going up from this file.
func goldenJourney() throws -> String {
    var dir = (#filePath as NSString).deletingLastPathComponent
    while true {
        for name in ["golden/flow-journey.txt", "core/tests/golden/flow-journey.txt"] {
            let path = (dir as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) {
                return try String(contentsOfFile: path, encoding: .utf8)
            }
        }
        let parent = (dir as NSString).deletingLastPathComponent
        if parent == dir || parent.isEmpty { break }
        dir = parent
    }
    throw GoldenNotFound(from: #filePath)
}

struct GoldenNotFound: Error {
    let from: String
}

/// Fails with the first line where the models' transcript differs from the
/// golden one.
func assertMatchesGolden(_ models: [Model], file: StaticString = #filePath, line: UInt = #line) throws {
    let got = models.map(transcript).joined(separator: "\n")
    let want = try goldenJourney()
    if got == want { return }
    let gotLines = got.components(separatedBy: "\n")
    let wantLines = want.components(separatedBy: "\n")
    let at = gotLines.indices.first { $0 >= wantLines.count || gotLines[$0] != wantLines[$0] } ?? gotLines.count
    let gotLine = at < gotLines.count ? "'\(gotLines[at])'" : "(end)"
    let wantLine = at < wantLines.count ? "'\(wantLines[at])'" : "(end)"
    XCTFail("line \(at + 1): got \(gotLine), want \(wantLine)", file: file, line: line)
}

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
