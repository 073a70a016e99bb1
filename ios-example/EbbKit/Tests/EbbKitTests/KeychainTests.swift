import EbbKit
import Foundation
import XCTest

#if canImport(Security)
import Security
#endif

final class KeychainTests: XCTestCase {
    func testTheAccessGroupCarriesTheAppIdentifierPrefix() throws {
        let item = try KeychainItem(appIdentifierPrefix: "A1B2C3D4E5.")
        XCTAssertEqual(item.accessGroup, "A1B2C3D4E5.app.ebb.shared")
        XCTAssertEqual(
            item.lookup(),
            [
                "class": .string("genp"),
                "svce": .string("app.ebb.database-key"),
                "agrp": .string("A1B2C3D4E5.app.ebb.shared"),
                "r_Data": .bool(true),
                "m_Limit": .string("m_LimitOne"),
            ])
    }

    func testTheKeyIsKeptForThisDeviceOnlyReadableAfterTheFirstUnlock() throws {
        let key = Data(repeating: 9, count: 32)
        let item = try KeychainItem(appIdentifierPrefix: "A1B2C3D4E5.")
        XCTAssertEqual(
            item.addition(of: key),
            [
                "class": .string("genp"),
                "svce": .string("app.ebb.database-key"),
                "agrp": .string("A1B2C3D4E5.app.ebb.shared"),
                "v_Data": .data(key),
                "pdmn": .string("cku"),
            ])
        let plain = item.addition(of: key).dictionary
        XCTAssertEqual(plain["v_Data"] as? Data, key)
        XCTAssertEqual(plain["agrp"] as? String, "A1B2C3D4E5.app.ebb.shared")
    }

    func testAMissingOrUnexpandedPrefixIsRefusedNotSentToTheKeychain() {
        for bad in ["", ".", "A1B2C3D4E5", "$(AppIdentifierPrefix)", "A1B2 C3.", "app.ebb."] {
            XCTAssertThrowsError(try KeychainItem(appIdentifierPrefix: bad), bad) { error in
                XCTAssertEqual(error as? KeychainItemError, .badAppIdentifierPrefix(bad))
            }
        }
    }

    #if canImport(Security)
    /// Where Security exists (an iOS simulator run in Xcode), the strings
    /// are its constants.
    func testTheKeysAreSecuritysConstants() {
        XCTAssertEqual(SecurityKey.class, kSecClass as String)
        XCTAssertEqual(SecurityKey.classGenericPassword, kSecClassGenericPassword as String)
        XCTAssertEqual(SecurityKey.service, kSecAttrService as String)
        XCTAssertEqual(SecurityKey.accessGroup, kSecAttrAccessGroup as String)
        XCTAssertEqual(SecurityKey.accessible, kSecAttrAccessible as String)
        XCTAssertEqual(
            SecurityKey.accessibleAfterFirstUnlockThisDeviceOnly,
            kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly as String)
        XCTAssertEqual(SecurityKey.returnData, kSecReturnData as String)
        XCTAssertEqual(SecurityKey.matchLimit, kSecMatchLimit as String)
        XCTAssertEqual(SecurityKey.matchLimitOne, kSecMatchLimitOne as String)
        XCTAssertEqual(SecurityKey.valueData, kSecValueData as String)
    }
    #endif
}

final class ShellWordsTests: XCTestCase {
    func testEveryWordAShellDrawsComesFromTheCore() {
        for word in ShellWord.allCases where !ShellWord.awaitingCoreWords.contains(word) {
            XCTAssertNotNil(word.text, word.rawValue)
            XCTAssertFalse(word.text?.isEmpty ?? true, word.rawValue)
        }
    }

    /// Fails once the core has the words: then the word leaves the list.
    func testWordsAwaitingTheCoreAreStillAbsent() {
        for word in ShellWord.awaitingCoreWords {
            XCTAssertNil(word.text, "\(word.rawValue) is in the core now: drop it from awaitingCoreWords")
        }
    }
}

final class PendingSendsTests: XCTestCase {
    private struct Refused: Error, Equatable {}

    func testMessagesWaitForActivationThenGoInOrder() async throws {
        let delivered = Locked<[Data]>([])
        let outbox = PendingSends { data in delivered.write { $0.append(data) } }
        let first = Task { try await outbox.send(Data([1])) }
        try await Task.sleep(nanoseconds: 50_000_000)
        XCTAssertEqual(delivered.get, [], "nothing goes before activation")

        let second = Task { try await outbox.send(Data([2])) }
        try await Task.sleep(nanoseconds: 50_000_000)
        await outbox.activated()
        try await first.value
        try await second.value
        XCTAssertEqual(delivered.get, [Data([1]), Data([2])])

        try await outbox.send(Data([3]))
        XCTAssertEqual(delivered.get.last, Data([3]), "after activation a message goes at once")
    }

    func testHeldMessagesGoInTheOrderTheyWereSent() async throws {
        let delivered = Locked<[Data]>([])
        let outbox = PendingSends { data in delivered.write { $0.append(data) } }
        var sends: [Task<Void, any Error>] = []
        for n in UInt8(0)..<5 {
            sends.append(Task { try await outbox.send(Data([n])) })
            // Each send is held before the next is made.
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        await outbox.activated()
        for send in sends { try await send.value }
        XCTAssertEqual(delivered.get, (0..<5).map { Data([$0]) })
    }

    func testAFailedActivationFailsWhatWaitsAndWhatComesAfter() async throws {
        let outbox = PendingSends { _ in }
        let held = Task { try await outbox.send(Data([1])) }
        try await Task.sleep(nanoseconds: 50_000_000)
        await outbox.activated(error: Refused())
        do {
            try await held.value
            XCTFail("a held message went without a channel")
        } catch {
            XCTAssertEqual(error as? Refused, Refused())
        }
        do {
            try await outbox.send(Data([2]))
            XCTFail("sent after a failed activation")
        } catch {
            XCTAssertEqual(error as? Refused, Refused())
        }
    }
}
