import EbbBindings
import Foundation
import XCTest

private let key = Data(repeating: 7, count: 32)
private let otherKey = Data(repeating: 8, count: 32)
private let offset: Int32 = 3600

private func tempDb() -> String {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("ebb-swift-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("ebb.db").path
}

private func open(_ path: String = tempDb(), key: Data = key) throws -> Ebb {
    try Ebb.open(path: path, key: key, device: .phone, plaintextHeader: false)
}

private func request(goal: Int32? = 1, intensity: Int32? = 3) -> UrgeRequest {
    UrgeRequest(source: .widget, intensity: intensity, need: .tooMuch, goalMinutes: goal, cadence: .never)
}

private final class Cues: UrgeListener, @unchecked Sendable {
    let lock = NSLock()
    private var seen: [CueKind] = []
    var kinds: [CueKind] { lock.lock(); defer { lock.unlock() }; return seen }
    let reached = XCTestExpectation(description: "goal reached")
    let ended = XCTestExpectation(description: "ended")

    func onCue(cue: CueView) {
        lock.lock(); seen.append(cue.kind); lock.unlock()
        if cue.kind == .goalReached { reached.fulfill() }
    }

    func onEnded() { ended.fulfill() }
}

private final class Steps: GuideListener, @unchecked Sendable {
    let lock = NSLock()
    let first = XCTestExpectation(description: "first step")
    private var steps: [StepView] = []
    var seen: [StepView] { lock.lock(); defer { lock.unlock() }; return steps }
    func onStep(step: StepView) {
        lock.lock()
        steps.append(step)
        let isFirst = steps.count == 1
        lock.unlock()
        if isFirst { first.fulfill() }
    }
    func onFinished() {}
}

final class EbbTests: XCTestCase {
    func testOpensRecordsAndReopens() throws {
        let path = tempDb()
        do {
            let ebb = try open(path)
            let view = try ebb.startUrge(now: Date(), utcOffsetSecs: offset, request: request(goal: 15))
            XCTAssertFalse(view.resumed)
            XCTAssertEqual(view.goal, 15 * 60)
        }
        let again = try open(path).activeUrge(now: Date())
        XCTAssertEqual(again?.resumed, true)
    }

    func testAFullUrgeSessionReachesItsListenerInOrder() throws {
        let ebb = try open()
        // Started 59.5 s ago with a one-minute goal: halfway is due at once.
        _ = try ebb.startUrge(now: Date(timeIntervalSinceNow: -59.5), utcOffsetSecs: offset, request: request())
        let cues = Cues()
        let handle = try ebb.watchUrge(listener: cues)
        wait(for: [cues.reached], timeout: 10)
        XCTAssertEqual(cues.kinds, [.halfway, .goalReached])
        let end = try ebb.endUrge(now: Date(), utcOffsetSecs: offset, outcome: .passed)
        XCTAssertGreaterThanOrEqual(end.pause, 60)
        XCTAssertFalse(end.acknowledgement.isEmpty)
        wait(for: [cues.ended], timeout: 10)
        XCTAssertFalse(handle.isRunning())
    }

    func testErrorsArriveAsTypedErrors() throws {
        let path = tempDb()
        _ = try open(path).writeNote(now: Date(), utcOffsetSecs: offset, text: "mine")
        XCTAssertThrowsError(try open(path, key: otherKey)) { error in
            guard case EbbError.WrongKey = error else { return XCTFail("\(error)") }
        }
        let ebb = try open(path)
        _ = try ebb.startUrge(now: Date(), utcOffsetSecs: offset, request: request())
        XCTAssertThrowsError(try ebb.checkIn(now: Date(), utcOffsetSecs: offset, intensity: 11)) { error in
            guard case EbbError.InvalidInput(let field, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "intensity")
        }
        XCTAssertThrowsError(try ebb.diagnoseFailurePath()) { error in
            guard case EbbError.Internal = error else { return XCTFail("\(error)") }
        }
        _ = try ebb.writeNote(now: Date(), utcOffsetSecs: offset, text: "still here")
        let corrupt = tempDb()
        FileManager.default.createFile(atPath: corrupt, contents: Data((0..<10_000).map { UInt8($0 % 251) }))
        XCTAssertThrowsError(try open(corrupt)) { error in
            guard case EbbError.NotADatabase = error else { return XCTFail("\(error)") }
        }
    }

    func testAShellReadsEbbsWordsByKeyWithoutAnOpenStore() {
        XCTAssertEqual(text(key: "urge.start"), "Start the timer")
        XCTAssertNil(text(key: "no.such.key"))
    }

    func testThinkingOfEndingYourLifeBringsTheCrisisScreenFirst() throws {
        let ebb = try open()
        _ = try ebb.editSafetyPlan(now: Date(), utcOffsetSecs: offset, change: .setCountry(country: "NZ"))
        _ = try ebb.startUrge(now: Date(), utcOffsetSecs: offset, request: request(goal: 15))
        for intensity: Int32? in [nil, 0, 10] {
            let result = try ebb.answer(now: Date(), utcOffsetSecs: offset, intensity: intensity, thinkingOfEndingLife: true)
            guard case .crisisFirst(let screen) = result.next else { return XCTFail("\(result.next)") }
            XCTAssertTrue(screen.lines.contains { $0.actions.contains { $0.action == .call(number: "1737") } })
        }
        let end = try ebb.endUrge(now: Date(), utcOffsetSecs: offset, outcome: .selfHarmed(needsMedicalCare: true))
        guard case .care(_, let card, let emergency) = end.next else { return XCTFail("\(end.next)") }
        XCTAssertFalse(card.sections.isEmpty)
        XCTAssertFalse(emergency.isEmpty)
    }

    func testProgressIsAsync() async throws {
        let ebb = try open()
        _ = try ebb.startUrge(now: Date(), utcOffsetSecs: offset, request: request(goal: 5))
        _ = try ebb.endUrge(now: Date(), utcOffsetSecs: offset, outcome: .reachedOut)
        let review = try await ebb.progress(now: Date(), window: .month)
        XCTAssertEqual(review.current.urges, 1)
        XCTAssertEqual(review.current.reachedOut.sessions, 1)
    }

    func testHapticsAreRenderedForApplePlatforms() throws {
        let ebb = try open()
        let iphone = try ebb.breathingGuide(choice: .resonance, minutes: 1, startBreathsPerMinute: nil, platform: .iphone)
        guard case .ahap(let json) = iphone.steps[0].haptics else { return XCTFail("no AHAP") }
        let doc = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        XCTAssertNotNil(doc?["Pattern"])
        let watch = try ebb.breathingGuide(choice: .box, minutes: 1, startBreathsPerMinute: nil, platform: .appleWatch)
        guard case .watchTaps(let taps) = watch.steps[0].haptics else { return XCTFail("no taps") }
        XCTAssertEqual(taps.first?.kind, .directionUp, "an inhale feels rising")
        XCTAssertThrowsError(try ebb.breathingGuide(choice: .box, minutes: 9, startBreathsPerMinute: nil, platform: .iphone))
    }

    func testAGuidePlaysThroughItsListener() throws {
        let ebb = try open()
        let steps = Steps()
        let handle = try ebb.runGuide(id: .grounding54321, platform: .iphone, listener: steps)
        wait(for: [steps.first], timeout: 5)
        XCTAssertEqual(steps.seen.first?.index, 0)
        handle.stop()
    }

    func testExportAndImportAreAsyncAndRoundTrip() async throws {
        let a = try open()
        _ = try a.startUrge(now: Date(), utcOffsetSecs: offset, request: request(goal: 5, intensity: 8))
        _ = try a.recordSkillUse(now: Date(), utcOffsetSecs: offset,
                                 skillUse: SkillUse(skill: "hold-ice", need: .tooMuch, intensityBefore: 8, intensityAfter: 4, helped: true))
        _ = try a.endUrge(now: Date(), utcOffsetSecs: offset, outcome: .usedSkill)
        let json = try await a.exportJson(now: Date())
        let b = try open()
        let first = try await b.importJson(json: json)
        let second = try await b.importJson(json: json)
        XCTAssertEqual(first.added, 3)
        XCTAssertEqual(second.added, 0)
        let csvA = try await a.exportSessionsCsv()
        let csvB = try await b.exportSessionsCsv()
        XCTAssertEqual(csvA, csvB)
    }

    func testWatchAndPhoneSyncBothWaysAndADamagedPayloadChangesNothing() async throws {
        let phone = try open()
        let watch = try Ebb.open(path: tempDb(), key: key, device: .watch, plaintextHeader: false)
        _ = try phone.startUrge(now: Date(), utcOffsetSecs: offset, request: request(goal: 5, intensity: 6))
        _ = try phone.endUrge(now: Date(), utcOffsetSecs: offset, outcome: .passed)
        _ = try watch.startUrge(now: Date(), utcOffsetSecs: offset, request: request(goal: 10, intensity: 7))
        _ = try watch.recordSkillUse(now: Date(), utcOffsetSecs: offset,
                                     skillUse: SkillUse(skill: "hold-ice", need: nil, intensityBefore: 7, intensityAfter: 4, helped: true))
        _ = try watch.endUrge(now: Date(), utcOffsetSecs: offset, outcome: .usedSkill)

        let toWatch = try await watch.syncMerge(payload: try await phone.syncAnswer(request: try watch.syncRequest()))
        let toPhone = try await phone.syncMerge(payload: try await watch.syncAnswer(request: try phone.syncRequest()))
        XCTAssertEqual(toWatch.added, 2)
        XCTAssertEqual(toPhone.added, 3)
        for ebb in [phone, watch] {
            let review = try await ebb.progress(now: Date(), window: .allTime)
            XCTAssertEqual(review.current.urges, 2, "both sessions on each device")
        }

        let payload = try await watch.syncAnswer(request: try phone.syncRequest())
        let damaged = payload.prefix(payload.count / 2)
        do {
            _ = try await phone.syncMerge(payload: Data(damaged))
            XCTFail("a damaged payload was merged")
        } catch EbbError.SyncPayload {
        } catch {
            XCTFail("\(error)")
        }
        let csvPhone = try await phone.exportSessionsCsv()
        let csvWatch = try await watch.exportSessionsCsv()
        XCTAssertEqual(csvPhone, csvWatch)
    }

    func testCallsFromSeveralThreadsAllLand() async throws {
        let ebb = try open()
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in 0..<25 {
                _ = try? ebb.writeNote(now: Date(), utcOffsetSecs: offset, text: "thread \(t) note \(i)")
            }
        }
        let json = try await ebb.exportJson(now: Date())
        XCTAssertEqual(json.components(separatedBy: "note_written").count - 1, 200)
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
        XCTAssertLessThan(after - before, 30_000)
    }
}

private func residentKb() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
}
