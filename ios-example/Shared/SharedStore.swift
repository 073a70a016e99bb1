// Compiled into the iOS app, the widget extension and the watch app.
// Opens the encrypted database with the key from the Keychain. Not
// compiled on Linux: it needs Security and the app group. The keychain
// query itself is EbbKit's `KeychainItem`, built and tested there.
import EbbBindings
import EbbKit
import Foundation
import Security

enum SharedStore {
    /// The app group that the app and the widget share (in both targets'
    /// entitlements).
    static let appGroup = "group.app.ebb"

    /// The app's and the widget's database, in the app group.
    static var sharedDatabase: URL? {
        FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: appGroup)?
            .appendingPathComponent("ebb.db")
    }

    /// The watch keeps its own database (watch and phone sync over
    /// WatchConnectivity, see Shared/Sync.swift); no app group with the phone.
    static var watchDatabase: URL { URL.documentsDirectory.appendingPathComponent("ebb.db") }

    /// The key's keychain item, in the group the entitlements name with
    /// the app identifier prefix the build wrote into Info.plist.
    static func keychainItem() throws -> KeychainItem {
        let prefix = Bundle.main.object(forInfoDictionaryKey: "EbbAppIdentifierPrefix") as? String
        return try KeychainItem(appIdentifierPrefix: prefix ?? "")
    }

    /// The app and the widget open the same file, so its SQLite header
    /// stays plaintext (see `Companion.open`).
    static func openShared(platform: Platform?) throws -> Companion {
        guard let database = sharedDatabase else { throw SharedStoreError.noAppGroup }
        return try Companion.open(
            database: database, keys: KeychainKeyStore(item: keychainItem()), random: SecureRandomBytes(),
            device: .phone, platform: platform, sharedWithOtherProcesses: true)
    }

    static func openOnWatch() throws -> Companion {
        try Companion.open(
            database: watchDatabase, keys: KeychainKeyStore(item: keychainItem()), random: SecureRandomBytes(),
            device: .watch, platform: .appleWatch)
    }
}

enum SharedStoreError: Error {
    /// The app group is missing from the target's entitlements.
    case noAppGroup
}

/// The database key in the Keychain, as `KeychainItem` describes it: this
/// device only, readable after the first unlock.
struct KeychainKeyStore: KeyStore {
    let item: KeychainItem

    func loadKey() throws -> Data? {
        var found: CFTypeRef?
        let status = SecItemCopyMatching(item.lookup().dictionary as CFDictionary, &found)
        if status == errSecItemNotFound { return nil }
        guard status == errSecSuccess else { throw KeychainError(status: status) }
        return found as? Data
    }

    func saveKey(_ key: Data) throws {
        let status = SecItemAdd(item.addition(of: key).dictionary as CFDictionary, nil)
        guard status == errSecSuccess else { throw KeychainError(status: status) }
    }
}

struct KeychainError: Error { let status: OSStatus }

/// Random bytes from `SecRandomCopyBytes`.
struct SecureRandomBytes: RandomBytes {
    func bytes(count: Int) throws -> Data {
        var bytes = [UInt8](repeating: 0, count: count)
        let status = SecRandomCopyBytes(kSecRandomDefault, count, &bytes)
        guard status == errSecSuccess else { throw KeychainError(status: status) }
        return Data(bytes)
    }
}
