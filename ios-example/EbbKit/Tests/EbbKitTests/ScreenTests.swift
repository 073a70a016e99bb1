import EbbBindings
import EbbKit
import Foundation
import XCTest

final class ScreenTests: XCTestCase {
    func testCrisisHelpIsOneCallAwayWithOrWithoutAPlan() async throws {
        let fixture = try Fixture(clock: SteppingClock())
        let crisis = CrisisHelp(companion: fixture.companion)

        let empty = try crisis.open()
        XCTAssertFalse(empty.lines.isEmpty, "emergency numbers even before a plan exists")
        XCTAssertFalse(empty.heading.isEmpty)

        let editor = SafetyPlanEditor(companion: fixture.companion)
        try await editor.apply(.setCountry(country: "NZ"))
        try await editor.apply(.addPerson(name: "Sam", phone: "+64 21 000 0000", reach: .callOrText, message: nil))
        try await UrgeTimer(companion: fixture.companion).start(from: .phoneApp, goalMinutes: 5)

        let screen = try crisis.open()
        XCTAssertEqual(crisis.state.screen, screen)
        XCTAssertEqual(screen.people.map(\.name), ["Sam"])
        XCTAssertTrue(screen.lines.contains { $0.actions.contains { $0.action == .call(number: "1737") } })
        crisis.close()
        XCTAssertNil(crisis.state.screen)
    }

    func testRecommendedSkillsComeInTheCoresOrder() async throws {
        let now = Date()
        let fixture = try Fixture(clock: FixedClock(at: now))
        let skills = RecommendedSkills(companion: fixture.companion)
        try await skills.refresh(need: .tooMuch, intensity: 8, atHand: [.ice])
        let offered = skills.state.suggestions
        XCTAssertFalse(offered.isEmpty)
        // The seed is the clock's milliseconds, so the core's draw repeats.
        let core = try fixture.companion.ebb.recommend(
            now: now, need: .tooMuch, intensity: 8, inPublic: false, atHand: [.ice],
            seed: UInt64(now.timeIntervalSince1970 * 1000))
        XCTAssertEqual(offered.map(\.skillId), core.map(\.skillId))
        XCTAssertEqual(skills.state.need, .tooMuch)
        XCTAssertTrue(offered.allSatisfy { !$0.reason.isEmpty })

        let id = try await skills.recordUse(of: offered[0], intensityBefore: 8, intensityAfter: 5, helped: true)
        XCTAssertFalse(id.isEmpty)
    }

    func testTheProgressReviewCountsWhatHappened() async throws {
        let fixture = try Fixture()
        let timer = UrgeTimer(companion: fixture.companion)
        try await timer.start(from: .phoneApp, intensity: 6, goalMinutes: 5)
        try await timer.end(.reachedOut)

        let progress = ProgressReview(companion: fixture.companion)
        try await progress.load(.month)
        let review = try XCTUnwrap(progress.state.review)
        XCTAssertEqual(progress.state.window, .month)
        XCTAssertEqual(review.current.urges, 1)
        XCTAssertEqual(review.current.reachedOut.sessions, 1)
        XCTAssertFalse(review.weekly.isEmpty, "the charts have a series")
    }

    func testObserversSeeTheLatestStateThenEveryChange() async throws {
        let fixture = try Fixture()
        let timer = UrgeTimer(companion: fixture.companion)
        var states = timer.states().makeAsyncIterator()
        let initial = await states.next()
        XCTAssertNil(initial?.session)
        try await timer.start(from: .phoneApp, goalMinutes: 5)
        var latest = await states.next()
        while latest?.session == nil { latest = await states.next() }
        XCTAssertEqual(latest?.session?.goal, 5 * 60)
    }
}
