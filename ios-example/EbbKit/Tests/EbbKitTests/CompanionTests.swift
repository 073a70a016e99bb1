import EbbBindings
import EbbKit
import Foundation
import XCTest

final class CompanionTests: XCTestCase {
    func testAKeyIsMadeOnceAndOpensTheSameDatabaseAgain() async throws {
        let keys = MemoryKeyStore()
        let first = try Fixture(keys: keys)
        try await first.home()
        try await first.driver.send(.startUrge(source: .phoneApp))
        XCTAssertEqual(keys.key.get?.count, 32)

        let again = try Fixture(database: first.database, keys: keys)
        let reopened = try await again.driver.open(region: "GB")
        XCTAssertEqual(reopened.screen, .timer, "the timer survives closing the app")
        XCTAssertEqual(keys.saves.get, 1, "the key is kept once, never replaced")
    }

    func testALostKeyNeverReplacesAnExistingDatabase() async throws {
        let first = try Fixture()
        try await first.home()
        XCTAssertThrowsError(try Fixture(database: first.database, keys: MemoryKeyStore())) { error in
            XCTAssertEqual(error as? KeyError, .missingForExistingDatabase(path: first.database.path))
        }
    }

    func testAWrongKeyArrivesAsTheCoresTypedError() async throws {
        let first = try Fixture()
        try await first.home()
        let other = MemoryKeyStore()
        try other.saveKey(Data(repeating: 1, count: 32))
        XCTAssertThrowsError(try Fixture(database: first.database, keys: other)) { error in
            guard case EbbError.WrongKey = error else { return XCTFail("\(error)") }
        }
    }

    func testWithoutItsKeyCrisisHelpStillOpensTheDiallerAndBackTriesTheStoreAgain() async throws {
        let first = try Fixture()
        try await first.home()
        XCTAssertThrowsError(try Fixture(database: first.database, keys: MemoryKeyStore()))

        let opener = RecordingShell()
        let crisis = try StorelessCrisis(
            database: first.database, region: "GB", device: .phone, platform: .iphone, opener: opener,
            locale: "en-GB", clock: first.clock)
        XCTAssertEqual(crisis.model.screen, .crisis)
        let call = try XCTUnwrap(
            crisis.model.everyChoice.first { if case .reach(.call) = $0.event { true } else { false } },
            "no line to call: \(crisis.model.everyChoice.map(\.label))")
        let next = await crisis.choose(call)
        XCTAssertEqual(next, .stay)
        guard case .reach(let action) = call.event else { return XCTFail("\(call.event)") }
        XCTAssertEqual(opener.done.get, [.opened(action)], "the dialler opens; Ebb calls no one")

        let back = try XCTUnwrap(crisis.model.everyChoice.first { $0.role == .back }, "no way on")
        let retry = await crisis.choose(back)
        XCTAssertEqual(retry, .tryAgain)
        XCTAssertEqual(opener.done.get.count, 1, "back opens nothing")
    }

    func testTheContextCarriesTheDeviceItsHapticsAndALanguageTag() throws {
        let fixture = try Fixture(device: .watch, platform: .appleWatch)
        let context = fixture.companion.context()
        XCTAssertEqual(context.device, .watch)
        XCTAssertEqual(context.haptics, .appleWatch)
        XCTAssertEqual(context.locale, "en-GB")
        XCTAssertEqual(context.utcOffsetSecs, 3600)
        XCTAssertEqual(Companion(ebb: fixture.companion.ebb, device: .phone, platform: nil, locale: "pt_BR").locale, "pt-BR")
        XCTAssertEqual(Companion.context(device: .phone, platform: nil, locale: "pt_BR", clock: fixture.clock).locale, "pt-BR")
    }
}
