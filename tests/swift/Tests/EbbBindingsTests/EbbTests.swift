// Ebb's Swift suite: the generated bindings against the real native library.
// Every action is one `send` of the core's own event; the screens come back
// as the core's models. Run by tests/swift/run.sh.
import EbbBindings
import Foundation
import XCTest

private let key = Data(repeating: 7, count: 32)
private let otherKey = Data(repeating: 8, count: 32)
private let offset: Int32 = 3600
/// 2026-11-27T02:00:00Z.
private let t0 = Date(timeIntervalSince1970: 1_795_744_800)

private func tempDb() -> String {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("ebb-swift-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("ebb.db").path
}

private func open(_ path: String = tempDb(), key: Data = key, device: DeviceKind = .phone) throws -> Ebb {
    try Ebb.open(path: path, key: key, device: device, plaintextHeader: false)
}

private func context(
    _ at: Date = t0, haptics: Platform? = .iphone, device: DeviceKind = .phone, offset: Int32 = offset
) -> Context {
    Context(now: at, utcOffsetSecs: offset, device: device, haptics: haptics, locale: "en-GB")
}

/// A store past its first run, at home.
@discardableResult
private func started(_ ebb: Ebb, at: Date = t0) throws -> Update {
    _ = try ebb.send(context: context(at), event: .opened(region: "GB"))
    return try ebb.send(context: context(at), event: .finishFirstRun(startPlan: false))
}

private extension Model {
    /// Every choice in the model, as `Model::all_choices` lists them.
    var allChoices: [Choice] {
        (question?.answers ?? []) + sections.flatMap { $0.items.flatMap(\.choices) + $0.choices } + choices
    }

    /// The event of the first choice `pick` accepts.
    func event(where pick: (Event) -> Bool) throws -> Event {
        try XCTUnwrap(allChoices.map(\.event).first(where: pick), "\(screen) offers no such choice: \(allChoices.map(\.label))")
    }
}

private func contents(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

final class EbbTests: XCTestCase {
    func testATimerStartedFromTheWidgetSurvivesClosingAndOpeningAgain() throws {
        let path = tempDb()
        do {
            let ebb = try open(path)
            try started(ebb)
            let u = try ebb.send(context: context(), event: .startUrge(source: .widget))
            XCTAssertEqual(u.model.screen, .timer)
            XCTAssertGreaterThan(try XCTUnwrap(u.wakeAt), t0)
            // A second tap returns to the running timer.
            let again = try ebb.send(context: context(t0 + 5), event: .startUrge(source: .widget))
            guard case .timer(let timer) = again.model.detail else { return XCTFail("\(again.model.detail)") }
            XCTAssertEqual(timer.startedAt, t0, "a second session was started")
        }
        let reopened = try open(path).send(context: context(t0 + 60), event: .opened(region: "GB"))
        XCTAssertEqual(reopened.model.screen, .timer)
        guard case .timer(let timer) = reopened.model.detail else { return XCTFail("\(reopened.model.detail)") }
        XCTAssertEqual(timer.elapsed, 60, accuracy: 0.001)
    }

    func testCheckInsAreScheduledAsPrivateRemindersAndDeliveredOnWaking() throws {
        let ebb = try open()
        try started(ebb)
        let u = try ebb.send(context: context(), event: .startUrge(source: .phoneApp))
        let schedules = u.effects.compactMap { if case .schedule(let r) = $0 { r } else { nil } }
        XCTAssertEqual(schedules.count, 1, "\(u.effects)")
        let reminders = try XCTUnwrap(schedules.first)
        XCTAssertFalse(reminders.isEmpty)
        XCTAssertEqual(reminders.map(\.at), reminders.map(\.at).sorted())
        for r in reminders {
            XCTAssertGreaterThan(r.at, t0)
            let lockScreen = r.publicText.lowercased()
            for word in ["urge", "self-harm", "hurt"] {
                XCTAssertFalse(lockScreen.contains(word), r.publicText)
            }
        }
        // Waking at the first reminder's instant shows its words on the timer.
        let first = try XCTUnwrap(reminders.first)
        let woke = try ebb.send(context: context(first.at), event: .tick)
        XCTAssertEqual(woke.model.screen, .timer)
        XCTAssertFalse(woke.model.lines.isEmpty)
        // Ending cancels what is left.
        _ = try ebb.send(context: context(first.at + 10), event: .askOutcome)
        let ended = try ebb.send(context: context(first.at + 11), event: .endUrge(outcome: .passed))
        XCTAssertTrue(ended.effects.contains(.cancelNotifications), "\(ended.effects)")
        XCTAssertEqual(ended.model.screen, .ended)
    }

    func testErrorsArriveAsTypedErrorsAndLeaveTheFileAsItWas() throws {
        let path = tempDb()
        try started(try open(path))
        let before = try contents(path)
        XCTAssertThrowsError(try open(path, key: otherKey)) { error in
            guard case EbbError.WrongKey = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try contents(path), before, "a refused open changed the file")
        XCTAssertThrowsError(try open(tempDb(), key: Data(count: 16))) { error in
            guard case EbbError.InvalidInput(let field, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "key")
        }

        let ebb = try open(path)
        XCTAssertThrowsError(try ebb.send(context: context(offset: 200_000), event: .tick)) { error in
            guard case EbbError.InvalidInput(let field, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "utc_offset_secs")
        }
        XCTAssertThrowsError(try ebb.diagnoseFailurePath()) { error in
            guard case EbbError.Internal(let detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("index out of bounds"), detail)
        }
        // The library still works after a caught panic.
        XCTAssertEqual(try ebb.send(context: context(), event: .home).model.screen, .home)
        try ebb.integrityCheck()

        let corrupt = tempDb()
        XCTAssertTrue(FileManager.default.createFile(atPath: corrupt, contents: Data((0..<10_000).map { UInt8($0 % 251) })))
        XCTAssertThrowsError(try open(corrupt)) { error in
            guard case EbbError.NotADatabase = error else { return XCTFail("\(error)") }
        }
    }

    func testErasingRemovesTheFileAndClosesTheCompanion() throws {
        let path = tempDb()
        let ebb = try open(path)
        try started(ebb)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        try ebb.erase()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "erase left the file")
        XCTAssertThrowsError(try ebb.send(context: context(), event: .home)) { error in
            guard case EbbError.Closed = error else { return XCTFail("\(error)") }
        }
    }

    func testAShellReadsEbbsWordsByKeyWithoutAnOpenStore() {
        XCTAssertEqual(text(key: "widget.start"), "Start the timer")
        XCTAssertNil(text(key: "no.such.key"))
    }

    func testCrisisHelpWithoutAStoreShowsTheLinesForTheKeptCountryOrTheRegion() throws {
        let path = tempDb()
        let none = try crisisWithoutStore(databasePath: path, region: nil, context: context())
        XCTAssertEqual(none.screen, .crisis)
        XCTAssertTrue(none.lines.contains { $0.contains("112") || $0.contains("emergency number") }, "\(none.lines)")

        let gb = try crisisWithoutStore(databasePath: path, region: "GB", context: context())
        let actions = gb.allChoices.compactMap { if case .reach(let action) = $0.event { action } else { nil } }
        XCTAssertTrue(actions.contains(.call(number: "116123")), "no Samaritans: \(actions)")
        XCTAssertTrue(
            gb.allChoices.allSatisfy { $0.role == .reach || $0.role == .back },
            "a choice that needs a store: \(gb.allChoices.map(\.label))")
    }

    func testThinkingOfEndingYourLifeBringsTheCrisisScreenFirst() throws {
        let ebb = try open()
        try started(ebb)
        _ = try ebb.send(context: context(), event: .startUrge(source: .phoneApp))
        let crisis = try ebb.send(context: context(), event: .endingLife).model
        XCTAssertEqual(crisis.screen, .crisis)
        XCTAssertTrue(try XCTUnwrap(crisis.lines.first).hasPrefix("Thank you for saying so."), "\(crisis.lines)")
        XCTAssertTrue(crisis.allChoices.contains { $0.role == .reach }, "nothing to call")
        XCTAssertEqual(try ebb.send(context: context(), event: .back).model.screen, .timer)
    }

    func testSelfHarmThatMayNeedCareShowsTheCareCardWithAnEmergencyNumber() throws {
        let ebb = try open()
        try started(ebb)
        _ = try ebb.send(context: context(), event: .startUrge(source: .phoneApp))
        _ = try ebb.send(context: context(t0 + 60), event: .askOutcome)
        let injury = try ebb.send(context: context(t0 + 61), event: .endUrge(outcome: .hurtMyself)).model
        XCTAssertEqual(injury.screen, .injury)
        let care = try ebb.send(context: context(t0 + 62), event: .mayNeedCare(needsCare: true)).model
        XCTAssertEqual(care.screen, .care)
        let calls = care.allChoices.compactMap { if case .reach(.call(let number)) = $0.event { number } else { nil } }
        XCTAssertTrue(calls.contains("999"), "no 999 for GB: \(calls)")
    }

    func testHapticsAreRenderedForApplePlatforms() throws {
        let ebb = try open()
        try started(ebb)
        let iphone = try ebb.send(context: context(haptics: .iphone), event: .startGuide(guide: .breathing, skill: nil))
        XCTAssertEqual(iphone.model.screen, .guide)
        let played = iphone.effects.compactMap { if case .vibrate(let h) = $0 { h } else { nil } }
        guard case .ahap(let json) = played.first else { return XCTFail("no AHAP: \(iphone.effects)") }
        let doc = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        XCTAssertNotNil(doc?["Pattern"])
        // The step and its haptics ride on the model too.
        guard case .step(let step) = iphone.model.detail else { return XCTFail("\(iphone.model.detail)") }
        XCTAssertEqual(step.haptics, played.first)

        let watch = try open(device: .watch)
        _ = try watch.send(context: context(haptics: .appleWatch, device: .watch), event: .opened(region: "GB"))
        let onWrist = try watch.send(
            context: context(haptics: .appleWatch, device: .watch), event: .startGuide(guide: .breathing, skill: nil))
        let taps = onWrist.effects.compactMap { if case .vibrate(.watchTaps(let taps)) = $0 { taps } else { nil } }
        XCTAssertEqual(taps.first?.first?.kind, .directionUp, "an inhale feels rising: \(onWrist.effects)")

        // No haptics on this device: nothing to play.
        let quiet = try open()
        try started(quiet)
        let silent = try quiet.send(context: context(haptics: nil), event: .startGuide(guide: .breathing, skill: nil))
        for effect in silent.effects {
            if case .vibrate(let h) = effect { XCTAssertEqual(h, .nothing) }
        }
    }

    func testACopySavedFromTheLogIsBroughtBackIntoAnotherStore() throws {
        let a = try open()
        try started(a)
        _ = try a.send(context: context(), event: .startUrge(source: .phoneApp))
        _ = try a.send(context: context(t0 + 30), event: .intensity(value: 6))
        let log = try a.send(context: context(t0 + 40), event: .openLog).model
        XCTAssertEqual(log.screen, .log)
        XCTAssertEqual(log.sections.first?.items.first?.text, "Check-in, strength 6")
        let export = try a.send(context: context(), event: log.event { $0 == .openExport }).model
        XCTAssertEqual(export.screen, .export)
        let saved = try a.send(context: context(), event: export.event { $0 == .export(format: .json) }).effects
        let saves = saved.compactMap { effect -> (String, String, String)? in
            if case .save(let name, let mime, let contents) = effect { (name, mime, contents) } else { nil }
        }
        XCTAssertEqual(saves.count, 1, "\(saved)")
        let (name, mime, json) = try XCTUnwrap(saves.first)
        XCTAssertEqual(name, "ebb-2026-11-27.json")
        XCTAssertEqual(mime, "application/json")

        let b = try open()
        _ = try b.send(context: context(), event: .opened(region: nil))
        let first = try b.send(context: context(), event: .import(json: json)).model
        XCTAssertTrue(first.lines[0].hasPrefix("Brought in 4 entries; 0 were already here."), first.lines[0])
        let second = try b.send(context: context(), event: .import(json: json)).model
        XCTAssertTrue(second.lines[0].hasPrefix("Brought in 0 entries; 4 were already here."), second.lines[0])
        let refused = try b.send(context: context(), event: .import(json: "{\"format\": \"something else\"}")).model
        XCTAssertTrue(refused.lines[0].contains("Nothing was changed"), refused.lines[0])

        let csv = try b.send(context: context(), event: .export(format: .csv)).effects
        guard case .save(let csvName, let csvMime, _) = csv.first(where: { if case .save = $0 { true } else { false } })
        else { return XCTFail("no CSV saved: \(csv)") }
        XCTAssertEqual(csvName, "ebb-2026-11-27.csv")
        XCTAssertEqual(csvMime, "text/csv")
    }

    func testAnEntryShownFromTheLogIsDeletedAfterAskingOnce() throws {
        let ebb = try open()
        try started(ebb)
        _ = try ebb.send(context: context(), event: .startUrge(source: .phoneApp))
        _ = try ebb.send(context: context(t0 + 30), event: .intensity(value: 6))
        let log = try ebb.send(context: context(t0 + 40), event: .openLog).model
        let show = try XCTUnwrap(log.sections.first?.items.first?.choices.first)
        let entry = try ebb.send(context: context(), event: show.event).model
        XCTAssertEqual(entry.screen, .entry)
        XCTAssertEqual(entry.heading, "Check-in, strength 6")
        let asked = try ebb.send(context: context(), event: entry.event { if case .askDelete = $0 { true } else { false } })
        let question = try XCTUnwrap(asked.model.question, "deleting was not asked")
        let yes = try XCTUnwrap(question.answers.first { if case .deleteEntry = $0.event { true } else { false } })
        let after = try ebb.send(context: context(), event: yes.event)
        XCTAssertEqual(after.model.screen, .log)
        XCTAssertFalse(after.model.sections[0].items.contains { $0.text == "Check-in, strength 6" }, "still listed")
        XCTAssertTrue(after.effects.contains { if case .announce = $0 { true } else { false } }, "not announced")
    }

    func testWatchAndPhoneSyncBothWaysAndADamagedPayloadChangesNothing() async throws {
        let phone = try open()
        let watch = try open(device: .watch)
        try started(phone)
        let onWatch = context(haptics: .appleWatch, device: .watch)
        _ = try watch.send(context: onWatch, event: .opened(region: nil))
        _ = try watch.send(context: onWatch, event: .startUrge(source: .watch))

        let report = try await phone.syncMerge(payload: try await watch.syncAnswer(request: try phone.syncRequest()))
        XCTAssertGreaterThan(report.added, 0)
        let shown = try phone.send(context: context(), event: .opened(region: "GB")).model
        XCTAssertEqual(shown.screen, .timer, "the watch's timer is not on the phone")
        let back = try await watch.syncMerge(payload: try await phone.syncAnswer(request: try watch.syncRequest()))
        XCTAssertGreaterThan(back.added, 0, "the phone's first run is not on the watch")

        var damaged = try await watch.syncAnswer(request: try phone.syncRequest())
        damaged[damaged.count / 2] ^= 0x5a
        do {
            _ = try await phone.syncMerge(payload: damaged)
            XCTFail("a damaged payload was merged")
        } catch EbbError.SyncPayload {
        } catch {
            XCTFail("\(error)")
        }
    }

    func testEventsFromSeveralThreadsAtOnceAllLand() throws {
        let ebb = try open()
        try started(ebb)
        let lists: [EntryList] = [
            .warningSigns, .internalCoping, .peopleAndPlacesThatDistract, .saferEnvironment, .reasonsForLiving,
        ]
        let failures = NSLock()
        var failed: [String] = []
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            // Two items in each list from each thread: 16 of a list's 20.
            for list in lists {
                for i in 0..<2 {
                    do {
                        _ = try ebb.send(
                            context: context(), event: .entered(form: .planEntry(list: list), values: ["thread \(t) item \(i)"]))
                    } catch {
                        failures.lock(); failed.append("\(error)"); failures.unlock()
                    }
                }
            }
        }
        XCTAssertEqual(failed, [])
        let plan = try ebb.send(context: context(), event: .openPlan).model
        let items = plan.sections.flatMap(\.items).filter { $0.text.hasPrefix("thread ") }
        XCTAssertEqual(items.count, 8 * 2 * lists.count)
    }

    func testManyCreateAndCloseCyclesDoNotGrowMemory() throws {
        let path = tempDb()
        _ = try open(path)
        func cycles(_ n: Int) throws { for _ in 0..<n { _ = try open(path).device() } }
        try cycles(1_000)
        let before = residentKb()
        try cycles(9_000)
        let after = residentKb()
        print("rss before \(before) kB, after \(after) kB")
        XCTAssertGreaterThan(before, 0, "VmRSS was not read")
        XCTAssertLessThan(after - before, 30_000)
    }
}

private func residentKb() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
}
