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

/// The time of a call, as the core takes it.
public struct Moment: Sendable, Hashable {
    public let now: Date
    public let utcOffsetSecs: Int32
}

/// An open Ebb with what the platform does: everything the screens' state
/// holders need. Value type; the `Ebb` it holds is thread-safe.
public struct Companion: Sendable {
    public let ebb: Ebb
    /// Where haptics are played, which decides how the core renders them.
    public let platform: Platform
    public let clock: any WallClock
    public let haptics: any HapticEngine
    public let notifications: any NotificationScheduler

    public init(
        ebb: Ebb,
        platform: Platform,
        clock: any WallClock = SystemWallClock(),
        haptics: any HapticEngine,
        notifications: any NotificationScheduler
    ) {
        self.ebb = ebb
        self.platform = platform
        self.clock = clock
        self.haptics = haptics
        self.notifications = notifications
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
        platform: Platform,
        sharedWithOtherProcesses: Bool = false,
        clock: any WallClock = SystemWallClock(),
        haptics: any HapticEngine,
        notifications: any NotificationScheduler
    ) throws -> Companion {
        let key = try DatabaseKey.loadOrCreate(for: database, keys: keys, random: random)
        let ebb = try Ebb.open(
            path: database.path, key: key, device: device, plaintextHeader: sharedWithOtherProcesses)
        return Companion(ebb: ebb, platform: platform, clock: clock, haptics: haptics, notifications: notifications)
    }

    /// Now, with the local offset now.
    public func moment() -> Moment {
        let now = clock.now()
        return Moment(now: now, utcOffsetSecs: clock.utcOffsetSeconds(at: now))
    }

    /// Hands the running session's future cues to the OS scheduler,
    /// replacing what was there (nothing, when no session runs).
    public func rescheduleNotifications() async throws {
        let now = clock.now()
        let pending = try ebb.activeUrge(now: now).map { session in
            try ebb.notificationSchedule(now: now).map { CheckInNotification(sessionId: session.id, scheduled: $0) }
        } ?? []
        try await notifications.replaceAll(with: pending)
    }
}
