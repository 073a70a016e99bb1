import EbbBindings
import EbbKit
import Foundation
import XCTest

/// The journey every shell replays (Journey.swift, shared with the bindings
/// suite), sent as the iOS app sends it: through `FlowDriver`, stamped by
/// the companion's clock, effects carried out by recorders. The models it
/// returns and publishes match the Rust suite's golden transcript, model
/// for model.
final class JourneyTests: XCTestCase {
    /// A clock the test moves; UTC, as the Rust journey is.
    private final class UTCClock: WallClock {
        private let at = Locked(journeyStart)
        func now() -> Date { at.get }
        func utcOffsetSeconds(at date: Date) -> Int32 { 0 }
        func advance(_ seconds: TimeInterval) { at.write { $0 = $0.addingTimeInterval(seconds) } }
    }

    /// The journey through a driver on a fresh store; `check` sees the
    /// driver after each event, with the model `send` returned.
    private func replay(check: (FlowDriver, Model) -> Void = { _, _ in }) async throws -> [Model] {
        let clock = UTCClock()
        let companion = try Companion.open(
            database: tempDatabase(), keys: MemoryKeyStore(), device: .phone, platform: .iphone,
            locale: "en-GB", clock: clock)
        let recorder = RecordingShell()
        // Wakes wait for the test, which never ends them: the journey sends
        // its own ticks, as the Rust journey does.
        let sleep = ManualSleep()
        let driver = FlowDriver(
            companion: companion,
            shell: Shell(
                haptics: RecordingHaptics(), notifications: recorder, opener: recorder, announcer: recorder,
                saver: recorder),
            sleep: sleep.sleep)
        let models = try await journey(
            send: { event in
                let model = try await driver.send(event)
                check(driver, model)
                return model
            },
            wait: clock.advance)
        await driver.pause()
        return models
    }

    func testTheJourneyThroughTheDriverGivesTheRustTranscript() async throws {
        try assertMatchesGolden(try await replay())
    }

    func testEachModelSentIsTheOnePublished() async throws {
        var checked = 0
        let models = try await replay { driver, model in
            XCTAssertEqual(driver.model, model, "the screen shows the model of the event just sent")
            checked += 1
        }
        XCTAssertFalse(models.isEmpty)
        XCTAssertEqual(checked, models.count)
    }
}
