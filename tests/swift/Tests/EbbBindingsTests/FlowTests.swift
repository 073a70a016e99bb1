// The flow from Swift: the journey every shell replays, one event per call
// through the generated bindings, rendered to text here (not by Rust) and
// compared with the Rust suite's golden transcript. The journey and the
// transcript are in Journey.swift (tests/swift/Shared, copied here by
// tests/swift/run.sh).
import EbbBindings
import Foundation
import XCTest

final class FlowTests: XCTestCase {
    private func freshEbb() throws -> Ebb {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("ebb-swift-flow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try Ebb.open(
            path: dir.appendingPathComponent("ebb.db").path,
            key: Data(repeating: 7, count: 32), device: .phone, plaintextHeader: false)
    }

    /// The journey sent straight to `Ebb`, each event with a context at
    /// the journey's clock.
    private func replay() async throws -> [Model] {
        let ebb = try freshEbb()
        var now = journeyStart
        return try await journey(
            send: { event in
                let context = Context(now: now, utcOffsetSecs: 0, device: .phone, haptics: .iphone, locale: "en-GB")
                return try ebb.send(context: context, event: event).model
            },
            wait: { now = now.addingTimeInterval($0) })
    }

    func testTheJourneyGivesTheRustTranscriptModelForModel() async throws {
        try assertMatchesGolden(try await replay())
    }

    func testCrisisHelpIsOnEveryModelOfTheJourney() async throws {
        for m in try await replay() {
            XCTAssertTrue(m.screen == .crisis || m.choices.contains { $0.event == .openCrisis }, "\(m.screen)")
            if let q = m.question {
                XCTAssertTrue(q.answers.contains { $0.event == .endingLife }, "\(m.screen)")
            }
        }
    }
}
