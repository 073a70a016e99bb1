import EbbBindings
import Foundation

// What the platform does for Ebb, as small protocols. The app, the widget
// and the watch app implement them with CoreHaptics, WKInterfaceDevice,
// UNUserNotificationCenter and the Keychain; tests implement them with
// recorders. Everything these protocols carry was decided by the core.

/// Now, and the local UTC offset at a moment. The core never reads a clock:
/// every call that records something takes both.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
    /// Seconds east of UTC at `date`, in the person's time zone.
    func utcOffsetSeconds(at date: Date) -> Int32
}

/// The device clock and time zone.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
    public func utcOffsetSeconds(at date: Date) -> Int32 {
        Int32(TimeZone.current.secondsFromGMT(for: date))
    }
}

/// Plays haptics. iPhone: CoreHaptics with `CHHapticPattern(dictionary:)`;
/// Apple Watch: `WKInterfaceDevice.current().play(_:)`.
public protocol HapticEngine: Sendable {
    /// Plays an AHAP document the core rendered for iPhone.
    func play(ahap: Data) async throws
    /// Plays one of the watch's predefined haptics, now.
    func play(watchHaptic: WatchHaptic) async
}

/// One notification for a running urge session, from the core's schedule.
public struct CheckInNotification: Sendable, Hashable, Identifiable {
    /// Stable for the same session and moment, so rescheduling replaces
    /// rather than duplicates.
    public let id: String
    /// When it is delivered.
    public let fireDate: Date
    /// The words, as the core wrote them.
    public let body: String
    /// What the cue is about.
    public let kind: CueKind
    /// Whether opening it should ask how strong the urge is.
    public let asksIntensity: Bool

    public init(sessionId: String, scheduled: ScheduledCueView) {
        id = "ebb.urge.\(sessionId).\(Int(scheduled.cue.at.rounded()))"
        fireDate = scheduled.due
        body = scheduled.cue.text
        kind = scheduled.cue.kind
        asksIntensity = scheduled.cue.asksIntensity
    }
}

/// The OS notification scheduler (`UNUserNotificationCenter` on iOS).
public protocol NotificationScheduler: Sendable {
    /// Replaces every pending Ebb notification with `notifications`; an
    /// empty list cancels them all.
    func replaceAll(with notifications: [CheckInNotification]) async throws
}

/// Keeps the database key (the Keychain on iOS, shared with the widget and
/// the watch app through a keychain access group).
public protocol KeyStore: Sendable {
    /// The kept key, or nil when none has been kept yet.
    func loadKey() throws -> Data?
    /// Keeps `key`. Called once, when the database is first created.
    func saveKey(_ key: Data) throws
}

/// A source of cryptographically secure random bytes
/// (`SecRandomCopyBytes` on iOS).
public protocol RandomBytes: Sendable {
    func bytes(count: Int) throws -> Data
}

/// The standard library's secure generator (`arc4random` on Apple
/// platforms, `getrandom` on Linux).
public struct SystemRandomBytes: RandomBytes {
    public init() {}
    public func bytes(count: Int) throws -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
