import EbbBindings
import EbbKit
import Foundation
import XCTest

// The round over the protocols with a stand-in log (a set of event ids),
// and the same round between two real encrypted stores.

private final class SetStore: SyncStore {
    let events: Locked<Set<String>>
    init(_ events: Set<String>) { self.events = Locked(events) }
    func request() throws -> Data { try JSONEncoder().encode(events.get.sorted()) }
    func answer(_ request: Data) async throws -> Data {
        let theirs = Set(try JSONDecoder().decode([String].self, from: request))
        return try JSONEncoder().encode(events.get.subtracting(theirs).sorted())
    }
    func merge(_ payload: Data) async throws -> Int {
        let incoming = Set(try JSONDecoder().decode([String].self, from: payload))
        let new = incoming.subtracting(events.get)
        events.write { $0.formUnion(new) }
        return new.count
    }
}

/// Two ends of an in-memory channel, each receiving what the other sent.
private struct Pipe: SyncPeer {
    let outgoing: AsyncStream<Data>.Continuation
    let incoming: Locked<AsyncStream<Data>.Iterator>

    static func pair() -> (Pipe, Pipe) {
        let (a, toA) = AsyncStream.makeStream(of: Data.self)
        let (b, toB) = AsyncStream.makeStream(of: Data.self)
        return (
            Pipe(outgoing: toB, incoming: Locked(a.makeAsyncIterator())),
            Pipe(outgoing: toA, incoming: Locked(b.makeAsyncIterator()))
        )
    }

    func send(_ data: Data) async throws { outgoing.yield(data) }
    func receive() async throws -> Data {
        var iterator = incoming.get
        let data = await iterator.next()
        incoming.write { $0 = iterator }
        guard let data else { throw CancellationError() }
        return data
    }
}

final class SyncTests: XCTestCase {
    func testARoundLeavesBothDevicesWithEveryEvent() async throws {
        let watch = SetStore(["a", "b", "w1"])
        let phone = SetStore(["a", "b", "p1", "p2"])
        let (watchEnd, phoneEnd) = Pipe.pair()

        async let onWatch = SyncRound.run(watch, with: watchEnd, as: .asking)
        async let onPhone = SyncRound.run(phone, with: phoneEnd, as: .answering)
        let (watchAdded, phoneAdded) = try await (onWatch, onPhone)

        XCTAssertEqual(watchAdded, 2)
        XCTAssertEqual(phoneAdded, 1)
        XCTAssertEqual(watch.events.get, ["a", "b", "w1", "p1", "p2"])
        XCTAssertEqual(phone.events.get, watch.events.get)

        let (again1, again2) = Pipe.pair()
        async let second = SyncRound.run(watch, with: again1, as: .asking)
        async let secondPhone = SyncRound.run(phone, with: again2, as: .answering)
        let counts = try await [second, secondPhone]
        XCTAssertEqual(counts, [0, 0], "a repeated round changes nothing")
    }

    func testARoundBetweenTwoRealStoresGivesBothEverySession() async throws {
        let watch = try Fixture(device: .watch, platform: .appleWatch)
        let phone = try Fixture()
        for (fixture, source, outcome) in [
            (watch, Source.watch, OutcomeChoice.passed), (phone, Source.phoneApp, OutcomeChoice.usedSkill),
        ] {
            // Straight to the timer: the first run would add settings events.
            try await fixture.driver.send(.startUrge(source: source))
            fixture.clock.advance(60)
            try await fixture.driver.send(.askOutcome)
            try await fixture.driver.send(.endUrge(outcome: outcome))
        }

        let (watchEnd, phoneEnd) = Pipe.pair()
        async let toWatch = SyncRound.run(watch.companion.ebb, with: watchEnd, as: .asking)
        async let toPhone = SyncRound.run(phone.companion.ebb, with: phoneEnd, as: .answering)
        let (watchAdded, phoneAdded) = try await (toWatch, toPhone)
        XCTAssertEqual(watchAdded, 2, "the phone's start and end")
        XCTAssertEqual(phoneAdded, 2)
        for fixture in [watch, phone] {
            let review = try await fixture.driver.send(.openProgress(window: .week))
            guard case .progress(let progress) = review.detail else { return XCTFail("\(review.detail)") }
            XCTAssertEqual(progress.weekly.map(\.urges).reduce(0, +), 2, "both sessions on \(fixture.companion.device)")
            XCTAssertEqual(progress.weekly.map(\.passedSafely).reduce(0, +), 2)
        }
    }

    func testTheInboxGivesMessagesInTheOrderTheyArrivedAndWaitsForTheNext() async throws {
        let inbox = Inbox()
        for n in UInt8(0)..<5 { inbox.deliver(Data([n])) }
        var got: [Data] = []
        for _ in 0..<5 { got.append(try await inbox.next()) }
        XCTAssertEqual(got, (0..<5).map { Data([$0]) })

        let later = Task { try await inbox.next() }
        try await Task.sleep(nanoseconds: 50_000_000)
        inbox.deliver(Data([9]))
        let next = try await later.value
        XCTAssertEqual(next, Data([9]))
    }
}
