import EbbBindings
import Foundation

// What the platform does for Ebb, as small protocols. The app, the widget
// and the watch app implement them with CoreHaptics, WKInterfaceDevice,
// UNUserNotificationCenter, openURL and the Keychain; tests implement them
// with recorders. Everything these protocols carry was decided by the core.

/// Now, and the local UTC offset at a moment. The core never reads a clock:
/// every event takes both.
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

/// The OS notification scheduler (`UNUserNotificationCenter`).
public protocol NotificationScheduler: Sendable {
    /// Asks whether Ebb may notify. The OS asks the person only while they
    /// have not answered; after that it returns their answer at once.
    func requestPermission() async -> Bool
    /// Replaces every pending Ebb notification with `reminders` (the core's,
    /// earliest first); an empty list cancels them all.
    func replaceAll(with reminders: [Reminder]) async throws
}

/// Opens the dialler, messages with the words filled in, or a page. The
/// person presses call or send; Ebb contacts no one.
public protocol ActionOpener: Sendable {
    /// Whether something opened (where nothing can, the screen still shows
    /// the number).
    func open(_ action: Action) async -> Bool
}

/// Says something to VoiceOver.
public protocol Announcer: Sendable {
    func announce(_ text: String) async
}

/// Hands the person a file the core made: a copy of everything Ebb keeps
/// (the log's export, as JSON or CSV). The person chooses where it goes
/// (the system's file exporter or share sheet); Ebb writes it nowhere else.
public protocol Saver: Sendable {
    /// Offers `contents` to save as `fileName` (the core's name, such as
    /// "ebb-2026-12-02.json"), of media type `mimeType`.
    func save(fileName: String, mimeType: String, contents: String) async
}

/// Keeps the database key (the Keychain on iOS, shared with the widget
/// through a keychain access group, see `KeychainItem`).
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

/// What a shell does with the core's effects: play, notify, open, speak,
/// save.
public struct Shell: Sendable {
    public let haptics: any HapticEngine
    public let notifications: any NotificationScheduler
    public let opener: any ActionOpener
    public let announcer: any Announcer
    public let saver: any Saver

    public init(
        haptics: any HapticEngine, notifications: any NotificationScheduler, opener: any ActionOpener,
        announcer: any Announcer, saver: any Saver
    ) {
        self.haptics = haptics
        self.notifications = notifications
        self.opener = opener
        self.announcer = announcer
        self.saver = saver
    }
}

extension Action {
    /// The URL that opens this action: `tel:` for a call, `sms:` with the
    /// words filled in for a message, and only `https` pages. Nil for
    /// anything else, so nothing but these ever opens.
    public var url: URL? {
        switch self {
        case .call(let number):
            return Self.dialable(number).flatMap { URL(string: "tel:\($0)") }
        case .text(let number, let body):
            guard let number = Self.dialable(number) else { return nil }
            // iOS reads the body after `&body=`; every reserved character in
            // it is escaped so words with & or = arrive whole.
            let escaped = body.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? ""
            return URL(string: escaped.isEmpty ? "sms:\(number)" : "sms:\(number)&body=\(escaped)")
        case .openUrl(let url):
            guard let page = URL(string: url), page.scheme?.lowercased() == "https" else { return nil }
            return page
        }
    }

    /// RFC 3986's unreserved characters: letters, digits, `-._~`.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// A number as the dialler takes it: a leading `+` and digits, the
    /// spaces and dashes of its written form dropped.
    private static func dialable(_ number: String) -> String? {
        let kept = number.filter { $0 == "+" || $0.isASCII && $0.isNumber }
        guard let first = kept.first, kept.dropFirst().allSatisfy(\.isNumber), kept.count > (first == "+" ? 1 : 0)
        else { return nil }
        return kept
    }
}
