// Compiled into the iOS app, the widget extension and the watch app.
// Opens the one encrypted database in the app group with the key from the
// Keychain. Not compiled on Linux: it needs Security and the app group.
import EbbBindings
import EbbKit
import Foundation
import Security

enum SharedStore {
    /// The app group that the app and the widget share (set in both
    /// targets' entitlements).
    static let appGroup = "group.app.ebb"
    /// The keychain access group of the app and the widget.
    static let keychainGroup = "app.ebb.shared"

    static var databaseURL: URL {
        FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: appGroup)!
            .appendingPathComponent("ebb.db")
    }

    /// The app and the widget open the same file, so its SQLite header
    /// stays plaintext (see `Companion.open`).
    static func open(
        device: DeviceKind, platform: Platform, haptics: any HapticEngine,
        notifications: any NotificationScheduler
    ) throws -> Companion {
        try Companion.open(
            database: databaseURL, keys: KeychainKeyStore(), random: SecureRandomBytes(), device: device,
            platform: platform, sharedWithOtherProcesses: true, haptics: haptics, notifications: notifications)
    }
}

/// The database key in the Keychain: this device only, readable after the
/// first unlock (so the widget and notifications work while locked).
struct KeychainKeyStore: KeyStore {
    private var query: [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: "app.ebb.database-key",
            kSecAttrAccessGroup as String: SharedStore.keychainGroup,
        ]
    }

    func loadKey() throws -> Data? {
        var query = self.query
        query[kSecReturnData as String] = true
        var item: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &item)
        if status == errSecItemNotFound { return nil }
        guard status == errSecSuccess else { throw KeychainError(status: status) }
        return item as? Data
    }

    func saveKey(_ key: Data) throws {
        var item = query
        item[kSecValueData as String] = key
        item[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        let status = SecItemAdd(item as CFDictionary, nil)
        guard status == errSecSuccess else { throw KeychainError(status: status) }
    }
}

struct KeychainError: Error { let status: OSStatus }

/// 32 random bytes from `SecRandomCopyBytes`.
struct SecureRandomBytes: RandomBytes {
    func bytes(count: Int) throws -> Data {
        var bytes = [UInt8](repeating: 0, count: count)
        let status = SecRandomCopyBytes(kSecRandomDefault, count, &bytes)
        guard status == errSecSuccess else { throw KeychainError(status: status) }
        return Data(bytes)
    }
}

/// Haptics for processes that play none (the widget).
struct NoHaptics: HapticEngine {
    func play(ahap: Data) async throws {}
    func play(watchHaptic: WatchHaptic) async {}
}
