import EbbBindings
import Foundation

/// Why the database could not be opened before the core was asked.
public enum KeyError: Error, Equatable {
    /// The database exists but no key is kept for it (the keychain was
    /// reset, or the app restored without its keychain). A new database is
    /// never created over it: the shell asks the person what to do.
    case missingForExistingDatabase(path: String)
    /// The key store returned a key that is not 32 bytes.
    case wrongLength(Int)
}

/// The raw 32-byte database key: loaded from the key store, or made once
/// from secure random bytes and kept before the database is created.
public enum DatabaseKey {
    /// Bytes in a key, as the core expects.
    public static let length = 32

    /// The kept key, or a new one (kept first) when there is no database yet.
    public static func loadOrCreate(for database: URL, keys: any KeyStore, random: any RandomBytes) throws -> Data {
        if let key = try keys.loadKey() {
            guard key.count == length else { throw KeyError.wrongLength(key.count) }
            return key
        }
        if FileManager.default.fileExists(atPath: database.path) {
            throw KeyError.missingForExistingDatabase(path: database.path)
        }
        let key = try random.bytes(count: length)
        guard key.count == length else { throw KeyError.wrongLength(key.count) }
        try keys.saveKey(key)
        return key
    }
}

/// An open Ebb and the device it runs on: what every event's context
/// needs. Value type; the `Ebb` it holds is thread-safe.
public struct Companion: Sendable {
    public let ebb: Ebb
    /// The kind of device, which shapes the core's words and offers.
    public let device: DeviceKind
    /// How this device plays haptics, which decides how the core renders
    /// them; nil where it plays none (the widget).
    public let platform: Platform?
    /// The person's language (BCP 47); the core falls back to English.
    public let locale: String
    public let clock: any WallClock

    public init(
        ebb: Ebb, device: DeviceKind, platform: Platform?, locale: String = Locale.current.identifier,
        clock: any WallClock = SystemWallClock()
    ) {
        self.ebb = ebb
        self.device = device
        self.platform = platform
        self.locale = locale.replacingOccurrences(of: "_", with: "-")
        self.clock = clock
    }

    /// Opens (or creates) the encrypted database at `database`.
    ///
    /// Set `sharedWithOtherProcesses` for a database in an app group that
    /// the widget also opens: the core then keeps the 32-byte SQLite header
    /// in plaintext, so iOS recognises the file as a database and does not
    /// end the suspended app for holding a lock on it. Use the same value
    /// every time a file is opened.
    public static func open(
        database: URL,
        keys: any KeyStore,
        random: any RandomBytes = SystemRandomBytes(),
        device: DeviceKind,
        platform: Platform?,
        sharedWithOtherProcesses: Bool = false,
        locale: String = Locale.current.identifier,
        clock: any WallClock = SystemWallClock()
    ) throws -> Companion {
        let key = try DatabaseKey.loadOrCreate(for: database, keys: keys, random: random)
        let ebb = try Ebb.open(
            path: database.path, key: key, device: device, plaintextHeader: sharedWithOtherProcesses)
        return Companion(ebb: ebb, device: device, platform: platform, locale: locale, clock: clock)
    }

    /// The context of an event happening now.
    public func context() -> Context {
        Self.context(device: device, platform: platform, locale: locale, clock: clock)
    }

    /// The context of an event happening now on a device, for calls that
    /// need no open store (crisis help when the store did not open).
    public static func context(
        device: DeviceKind, platform: Platform?, locale: String = Locale.current.identifier,
        clock: any WallClock = SystemWallClock()
    ) -> Context {
        let now = clock.now()
        return Context(
            now: now, utcOffsetSecs: clock.utcOffsetSeconds(at: now), device: device, haptics: platform,
            locale: locale.replacingOccurrences(of: "_", with: "-"))
    }
}
