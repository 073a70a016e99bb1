import EbbBindings
import EbbKit
import Foundation
import XCTest

/// No waiting between watch taps, but each wait is recorded.
private func recordingSleep(_ waits: Locked<[UInt64]>) -> HapticPlayback.Sleep {
    { nanoseconds in waits.write { $0.append(nanoseconds) } }
}

final class GuideTests: XCTestCase {
    func testGuideStepsStreamInOrder() async throws {
        let fixture = try Fixture()
        let ebb = fixture.companion.ebb
        let expected = ebb.guide(id: .holdIce, platform: .iphone).steps
        let playback = try ebb.play(.holdIce, on: .iphone)
        var seen: [StepView] = []
        for await step in playback.steps {
            seen.append(step)
            // "Get some ice" waits for the person; the next step is timed.
            if step.index == 0 { playback.finish(step) } else { playback.stop() }
        }
        XCTAssertEqual(seen.map(\.index), [0, 1])
        XCTAssertEqual(seen.map(\.text), expected.prefix(2).map(\.text))
    }

    func testAnAhapPatternReachesTheEngineAsTheCoreRenderedIt() async throws {
        let fixture = try Fixture()
        let guide = try fixture.companion.ebb.breathingGuide(
            choice: .resonance, minutes: 1, startBreathsPerMinute: nil, platform: .iphone)
        guard case .ahap(let json) = guide.steps[0].haptics else { return XCTFail("no AHAP") }

        await HapticPlayback(engine: fixture.haptics).play(guide.steps[0].haptics)
        XCTAssertEqual(fixture.haptics.played.get, [.ahap(Data(json.utf8))])
        guard case .ahap(let data) = fixture.haptics.played.get.first else { return XCTFail() }
        let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        XCTAssertNotNil(document?["Pattern"], "CHHapticPattern(dictionary:) reads this")
    }

    func testWatchTapsPlayInOrderAtTheirOffsets() async throws {
        let fixture = try Fixture(platform: .appleWatch, device: .watch)
        let guide = try fixture.companion.ebb.breathingGuide(
            choice: .box, minutes: 1, startBreathsPerMinute: nil, platform: .appleWatch)
        guard case .watchTaps(let taps) = guide.steps[0].haptics, !taps.isEmpty else { return XCTFail("no taps") }

        let waits = Locked<[UInt64]>([])
        await HapticPlayback(engine: fixture.haptics, sleep: recordingSleep(waits)).play(guide.steps[0].haptics)
        XCTAssertEqual(fixture.haptics.played.get, taps.map { .tap($0.kind) })
        XCTAssertEqual(waits.get.reduce(0, +), (taps.map(\.offsetMs).max() ?? 0) * 1_000_000)
    }

    func testTheWatchBreathingPacerPlaysEachStepsTapsInHapticsOnlyMode() async throws {
        let fixture = try Fixture(platform: .appleWatch, device: .watch)
        let expected = try fixture.companion.ebb.breathingGuide(
            choice: .gentle, minutes: 1, startBreathsPerMinute: nil, platform: .appleWatch)
        let player = GuidePlayer(companion: fixture.companion, hapticsOn: false, sleep: { _ in })
        let playing = Task { try await player.playBreathing(.gentle, minutes: 1, hapticsOnly: true) }

        try await eventually { player.state.current?.index == 1 }
        await player.stop()
        try await playing.value
        XCTAssertTrue(player.state.hapticsOnly)
        XCTAssertTrue(player.state.finished)
        XCTAssertEqual(player.state.guide, expected)
        var firstTwo: [Played] = []
        for step in expected.steps.prefix(2) {
            if case .watchTaps(let taps) = step.haptics { firstTwo += taps.map { .tap($0.kind) } }
        }
        XCTAssertFalse(firstTwo.isEmpty)
        XCTAssertEqual(fixture.haptics.played.get, firstTwo, "haptics-only plays taps even with haptics off")
    }

    func testHoldIceWaitsForThePersonThenMovesOn() async throws {
        let fixture = try Fixture(platform: .appleWatch, device: .watch)
        let player = GuidePlayer(companion: fixture.companion, sleep: { _ in })
        let playing = Task { try await player.play(.holdIce) }

        try await eventually { player.state.current?.index == 0 }
        XCTAssertNil(player.state.current?.length, "getting ice takes as long as it takes")
        XCTAssertFalse(player.state.guide?.cautions.isEmpty ?? true, "the caution is there to show first")
        await player.finishCurrentStep()
        try await eventually { player.state.current?.index == 1 }
        await player.stop()
        try await playing.value
        XCTAssertTrue(player.state.finished)
    }
}
