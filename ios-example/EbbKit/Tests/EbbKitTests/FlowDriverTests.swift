import EbbBindings
import EbbKit
import Foundation
import XCTest

final class FlowDriverTests: XCTestCase {
    func testEndingTheTimerAsksHowItWentAndRecordsTheAnswer() async throws {
        let fixture = try Fixture()
        let home = try await fixture.home()
        let timer = try await fixture.driver.choose(home.choice(sending: .startUrge(source: .phoneApp)))
        XCTAssertEqual(timer.screen, .timer)

        let ask = try await fixture.driver.choose(timer.choice(sending: .askOutcome))
        XCTAssertEqual(ask.screen, .outcome)
        let answers = try XCTUnwrap(ask.question).answers.map(\.event)
        XCTAssertEqual(
            answers,
            [.passed, .usedSkill, .reachedOut, .hurtMyself, .ratherNotSay].map { .endUrge(outcome: $0) } + [.endingLife],
            "every outcome can be chosen, not only that the urge passed")

        let injury = try await fixture.driver.choose(ask.choice(sending: .endUrge(outcome: .hurtMyself)))
        XCTAssertEqual(injury.screen, .injury)
        let care = try await fixture.driver.choose(injury.choice(sending: .mayNeedCare(needsCare: true)))
        XCTAssertEqual(care.screen, .care)
        XCTAssertEqual(fixture.driver.model, care, "the screen shows the latest model")
    }

    func testCrisisHelpIsOneChoiceAwayOnEveryScreenOfTheWay() async throws {
        let fixture = try Fixture()
        var seen: [Model] = [try await fixture.home()]
        seen.append(try await fixture.driver.send(.startUrge(source: .phoneApp)))
        seen.append(try await fixture.driver.send(.intensity(value: 8)))
        seen.append(try await fixture.driver.send(.openGuides))
        seen.append(try await fixture.driver.send(.openProgress(window: .week)))
        let crisis = try await fixture.driver.send(.openCrisis)
        for model in seen {
            XCTAssertTrue(model.choices.contains { $0.role == .crisis && $0.event == .openCrisis }, "\(model.screen)")
        }
        XCTAssertEqual(crisis.screen, .crisis)
        let reach = try XCTUnwrap(crisis.everyChoice.first { if case .reach = $0.event { true } else { false } })
        try await fixture.driver.choose(reach)
        guard case .reach(let action) = reach.event else { return XCTFail("not a reach") }
        XCTAssertEqual(fixture.shell.done.get.last, .opened(action), "the dialler opens; Ebb calls no one")
    }

    func testPermissionIsAskedWhenTheFirstTimerStartsBeforeItsRemindersAreHandedOver() async throws {
        let fixture = try Fixture()
        try await fixture.home()
        try await fixture.driver.send(.openGuides)
        XCTAssertEqual(fixture.shell.permissionRequests, 0, "opening Ebb asks nothing")

        try await fixture.driver.send(.startUrge(source: .phoneApp))
        let done = fixture.shell.done.get
        let asked = try XCTUnwrap(done.firstIndex(of: .askedPermission))
        let scheduled = try XCTUnwrap(done.lastIndex { if case .scheduled(let r) = $0 { !r.isEmpty } else { false } })
        XCTAssertLessThan(asked, scheduled)
        XCTAssertEqual(fixture.shell.permissionRequests, 1)
        let reminders = try XCTUnwrap(fixture.shell.schedules.last)
        XCTAssertTrue(reminders.allSatisfy { $0.at > fixture.clock.now() && $0.publicText == "Ebb" })

        try await fixture.driver.send(.askOutcome)
        try await fixture.driver.send(.endUrge(outcome: .passed))
        XCTAssertEqual(fixture.shell.schedules.last, [], "an ended timer leaves no reminders")
    }

    func testTurningOnCheckInsAsksPermissionAndTurningThemOffDoesNot() async throws {
        let fixture = try Fixture()
        try await fixture.home()
        try await fixture.driver.send(.setCadence(cadence: .never))
        XCTAssertEqual(fixture.shell.permissionRequests, 0)
        try await fixture.driver.send(.setCadence(cadence: .everyFiveMinutes))
        XCTAssertEqual(fixture.shell.permissionRequests, 1)
    }

    func testAGuideMovesOnWhenTheCoreAsksToBeWokenAndItsStepsAreFelt() async throws {
        let fixture = try Fixture(device: .watch, platform: .appleWatch)
        try await fixture.home()
        let first = try await fixture.driver.send(.startGuide(guide: .breathing, skill: nil))
        guard case .step(let step) = first.detail else { return XCTFail("\(first.detail)") }
        XCTAssertEqual(step.index, 0)
        XCTAssertEqual(step.kind, .inhale)
        try await eventually { fixture.haptics.played.get.first == .tap(.directionUp) }
        XCTAssertTrue(fixture.shell.done.get.contains(.announced(step.spoken)), "VoiceOver hears the step")

        // The driver sleeps until the step ends, then sends a tick.
        let length = try XCTUnwrap(step.length)
        try await eventually { fixture.sleep.waiting.count == 1 }
        XCTAssertEqual(try XCTUnwrap(fixture.sleep.waiting.first), length, accuracy: 0.001)
        fixture.clock.advance(length)
        fixture.sleep.wakeAll()
        try await eventually {
            if case .step(let next) = fixture.driver.model?.detail { next.index == 1 } else { false }
        }
        try await eventually { fixture.haptics.played.get.contains(.tap(.directionDown)) }
        XCTAssertEqual(fixture.shell.permissionRequests, 0, "a guide needs no notifications")

        // Leaving the front stops the wakes; nothing moves on meanwhile.
        try await eventually { fixture.sleep.waiting.count == 1 }
        await fixture.driver.pause()
        try await eventually { fixture.sleep.waiting.isEmpty }
    }

    func testAnEventSentWhileAnotherIsUnderWayWaitsItsTurn() async throws {
        let fixture = try Fixture()
        try await fixture.home()
        async let started = fixture.driver.send(.startUrge(source: .phoneApp))
        async let asked = fixture.driver.send(.askOutcome)
        let (timer, outcome) = try await (started, asked)
        XCTAssertEqual(timer.screen, .timer)
        XCTAssertEqual(outcome.screen, .outcome)
        XCTAssertEqual(fixture.driver.model?.screen, .outcome)
    }

    func testAChoiceWithFieldsSendsWhatThePersonTyped() async throws {
        let fixture = try Fixture()
        try await fixture.home()
        let settings = try await fixture.driver.send(.openSettings)
        let goals = try XCTUnwrap(settings.everyChoice.first { !$0.fields.isEmpty })
        let after = try await fixture.driver.choose(goals, entering: ["3 7 12"])
        XCTAssertTrue(after.everyChoice.count > 0)
        let noted = after.sections.flatMap(\.items).compactMap(\.note) + after.sections.flatMap(\.items).map(\.text)
        XCTAssertTrue(noted.contains { $0.contains("3") && $0.contains("12") }, "\(noted)")
    }

    func testACopyChosenFromTheLogIsHandedToTheSaverAndBringsEverythingBack() async throws {
        let fixture = try Fixture()
        let home = try await fixture.home()
        try await fixture.driver.send(.startUrge(source: .phoneApp))
        fixture.clock.advance(30)
        try await fixture.driver.send(.intensity(value: 6))
        let log = try await fixture.driver.choose(home.choice(sending: .openLog))
        XCTAssertEqual(log.screen, .log)
        let export = try await fixture.driver.choose(log.choice(sending: .openExport))
        XCTAssertEqual(export.screen, .export)
        XCTAssertFalse(fixture.shell.done.get.contains { if case .saved = $0 { true } else { false } })

        let after = try await fixture.driver.choose(export.choice(sending: .export(format: .json)))
        XCTAssertEqual(after.screen, .export, "saving leaves the screen as it was")
        let saved = fixture.shell.done.get.compactMap { done -> (String, String, String)? in
            if case .saved(let name, let mime, let contents) = done { (name, mime, contents) } else { nil }
        }
        XCTAssertEqual(saved.count, 1)
        let (name, mime, json) = try XCTUnwrap(saved.first)
        XCTAssertEqual(name, "ebb-2026-11-27.json", "the core's name, with the local date")
        XCTAssertEqual(mime, "application/json")

        // What the saver was given is the whole log: another store takes it in.
        let other = try Fixture()
        try await other.home()
        let imported = try await other.driver.send(.import(json: json))
        XCTAssertEqual(imported.screen, .log)
        XCTAssertTrue(imported.lines.first?.hasPrefix("Brought in 4 entries") ?? false, "\(imported.lines)")
        XCTAssertTrue(imported.sections.flatMap(\.items).contains { $0.text == "Check-in, strength 6" })

        try await fixture.driver.choose(export.choice(sending: .export(format: .csv)))
        guard case .saved(let csvName, let csvMime, _) = fixture.shell.done.get.last else {
            return XCTFail("no CSV saved: \(fixture.shell.done.get)")
        }
        XCTAssertEqual(csvName, "ebb-2026-11-27.csv")
        XCTAssertEqual(csvMime, "text/csv")
    }

    func testTheWidgetAndTheAppShareOneTimer() async throws {
        let database = tempDatabase()
        let keys = MemoryKeyStore()
        let app = try Fixture(database: database, keys: keys, shared: true)
        try await app.home()
        let widget = try Fixture(database: database, keys: keys, platform: nil, shared: true)
        let started = try await widget.driver.send(.startUrge(source: .widget))
        XCTAssertEqual(started.screen, .timer)

        XCTAssertEqual(app.shell.permissionRequests, 0)
        let reopened = try await app.driver.open(region: "GB")
        XCTAssertEqual(reopened.screen, .timer, "the app shows the timer the widget started")
        XCTAssertEqual(app.shell.permissionRequests, 1, "and asks the permission the widget could not")
        guard case .timer(let timer) = reopened.detail else { return XCTFail("\(reopened.detail)") }
        XCTAssertEqual(timer.startedAt, app.clock.now())
    }
}

final class ActionTests: XCTestCase {
    func testActionsOpenOnlyTheDiallerMessagesOrASecurePage() throws {
        XCTAssertEqual(Action.call(number: "+44 800 689 5652").url?.absoluteString, "tel:+448006895652")
        XCTAssertEqual(
            Action.text(number: "85258", body: "SHOUT & help = now").url?.absoluteString,
            "sms:85258&body=SHOUT%20%26%20help%20%3D%20now")
        XCTAssertEqual(Action.text(number: "741741", body: "").url?.absoluteString, "sms:741741")
        XCTAssertEqual(Action.openUrl(url: "https://www.samaritans.org").url?.host, "www.samaritans.org")
        XCTAssertNil(Action.openUrl(url: "javascript:alert(1)").url)
        XCTAssertNil(Action.call(number: "call me").url)
        XCTAssertNil(Action.call(number: "12+3").url)
    }
}
