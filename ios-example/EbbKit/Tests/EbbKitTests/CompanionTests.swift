import EbbBindings
import EbbKit
import Foundation
import XCTest

final class CompanionTests: XCTestCase {
    func testAKeyIsMadeOnceAndOpensTheSameDatabaseAgain() async throws {
        let keys = MemoryKeyStore()
        let first = try Fixture(keys: keys)
        try await UrgeTimer(companion: first.companion).start(from: .phoneApp, goalMinutes: 15)
        XCTAssertEqual(keys.key.get?.count, 32)

        let again = try Fixture(database: first.database, keys: keys)
        let timer = UrgeTimer(companion: again.companion)
        try await timer.resume()
        XCTAssertNotNil(timer.state.session, "the session survives closing the app")
        XCTAssertEqual(keys.saves.get, 1, "the key is kept once, never replaced")
    }

    func testALostKeyNeverReplacesAnExistingDatabase() throws {
        let first = try Fixture()
        XCTAssertThrowsError(try Fixture(database: first.database, keys: MemoryKeyStore())) { error in
            XCTAssertEqual(error as? KeyError, .missingForExistingDatabase(path: first.database.path))
        }
    }

    func testAWrongKeyArrivesAsTheCoresTypedError() throws {
        let first = try Fixture()
        let other = MemoryKeyStore()
        try other.saveKey(Data(repeating: 1, count: 32))
        XCTAssertThrowsError(try Fixture(database: first.database, keys: other)) { error in
            guard case EbbError.WrongKey = error else { return XCTFail("\(error)") }
        }
    }

    func testTheWidgetAndTheAppShareOneDatabase() async throws {
        let database = tempDatabase()
        let keys = MemoryKeyStore()
        let app = try Fixture(database: database, keys: keys, shared: true)
        let widget = try Fixture(database: database, keys: keys, shared: true)

        let started = try await UrgeTimer(companion: widget.companion).start(from: .widget, goalMinutes: 5)
        let timer = UrgeTimer(companion: app.companion)
        try await timer.resume()
        XCTAssertEqual(timer.state.session?.id, started.id)
        // A second tap from the widget returns the same session.
        let again = try await UrgeTimer(companion: widget.companion).start(from: .widget)
        XCTAssertEqual(again.id, started.id)
        XCTAssertTrue(again.resumed)
    }
}
