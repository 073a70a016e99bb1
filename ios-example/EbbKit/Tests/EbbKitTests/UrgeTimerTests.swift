import EbbBindings
import EbbKit
import Foundation
import XCTest

final class UrgeTimerTests: XCTestCase {
    func testAnUrgeGoesFromStartThroughACheckInToItsEnd() async throws {
        let fixture = try Fixture()
        let timer = UrgeTimer(companion: fixture.companion)

        let session = try await timer.start(from: .phoneApp, intensity: 7, need: .tooMuch, goalMinutes: 15)
        XCTAssertEqual(timer.state.session?.id, session.id)
        XCTAssertEqual(timer.state.goalAt, session.startedAt.addingTimeInterval(15 * 60))

        try await timer.checkIn(intensity: 4)
        XCTAssertEqual(timer.state.session?.intensity, 4)
        XCTAssertNil(timer.state.next, "an easing urge asks nothing more")

        let ended = try await timer.end(.usedSkill)
        XCTAssertNil(timer.state.session)
        XCTAssertEqual(timer.state.ended, ended)
        XCTAssertFalse(ended.acknowledgement.isEmpty)
        XCTAssertEqual(fixture.notifications.latest, [], "ending cancels pending check-ins")
    }

    func testNotificationsFollowTheCoresSchedule() async throws {
        let fixture = try Fixture()
        let ebb = fixture.companion.ebb
        var settings = try ebb.settings()
        settings.cadence = .everyMinute
        try ebb.saveSettings(now: Date(), utcOffsetSecs: 3600, settings: settings)

        try await UrgeTimer(companion: fixture.companion).start(from: .notification, goalMinutes: 5)
        let scheduled = try XCTUnwrap(fixture.notifications.latest)
        let core = try ebb.notificationSchedule(now: Date())
        XCTAssertEqual(scheduled.map(\.body), core.map(\.cue.text))
        XCTAssertEqual(scheduled.map(\.kind), core.map(\.cue.kind))
        XCTAssertEqual(scheduled.map(\.fireDate), scheduled.map(\.fireDate).sorted())
        XCTAssertTrue(scheduled.contains { $0.kind == .checkIn && $0.asksIntensity })
        XCTAssertEqual(scheduled.last?.kind, .goalReached)
        XCTAssertEqual(Set(scheduled.map(\.id)).count, scheduled.count, "each notification has its own id")
    }

    func testCuesArriveAsAStreamInOrder() async throws {
        // Started 59.5 s ago with a one-minute goal: halfway is due at once,
        // the goal half a second later.
        let fixture = try Fixture(clock: ShiftedClock(shift: -59.5))
        try await UrgeTimer(companion: fixture.companion).start(from: .watch, goalMinutes: 1)
        var kinds: [CueKind] = []
        for await cue in try fixture.companion.ebb.urgeCues() {
            kinds.append(cue.kind)
            XCTAssertFalse(cue.text.isEmpty)
            if cue.kind == .goalReached { break }
        }
        XCTAssertEqual(kinds, [.halfway, .goalReached])
    }

    func testTheTimerFollowsCuesUntilTheSessionEnds() async throws {
        let fixture = try Fixture(clock: ShiftedClock(shift: -59.5))
        let timer = UrgeTimer(companion: fixture.companion)
        try await timer.start(from: .phoneApp, goalMinutes: 1)
        let following = Task { try await timer.followCues() }
        try await eventually { timer.state.cues.last?.kind == .goalReached }
        try await timer.end(.passed)
        try await following.value
        XCTAssertEqual(timer.state.cues.map(\.kind), [.halfway, .goalReached])
        XCTAssertNil(timer.state.session)
    }

    func testSayingYouAreThinkingOfEndingYourLifeBringsCrisisHelpFirst() async throws {
        let fixture = try Fixture()
        let timer = UrgeTimer(companion: fixture.companion)
        let crisis = CrisisHelp(companion: fixture.companion)
        try await timer.start(from: .phoneApp, goalMinutes: 15)

        let next = try await timer.checkIn(intensity: nil, thinkingOfEndingLife: true)
        guard case .crisisFirst(let screen) = next else { return XCTFail("\(next)") }
        XCTAssertEqual(timer.state.next, next)
        crisis.show(next)
        XCTAssertEqual(crisis.state.screen, screen)
        XCTAssertFalse(screen.lines.isEmpty)
    }
}
