import EbbBindings
import EbbKit
import Foundation
import XCTest

/// Test doubles for the platform: they record what EbbKit asked of it.

final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func read<T>(_ body: (Value) -> T) -> T { lock.lock(); defer { lock.unlock() }; return body(value) }
    func write(_ body: (inout Value) -> Void) { lock.lock(); defer { lock.unlock() }; body(&value) }
    var get: Value { read { $0 } }
}

final class MemoryKeyStore: KeyStore {
    let key = Locked<Data?>(nil)
    let saves = Locked(0)
    func loadKey() throws -> Data? { key.get }
    func saveKey(_ new: Data) throws {
        key.write { $0 = new }
        saves.write { $0 += 1 }
    }
}

/// The device clock moved by `shift` seconds: a session can start "a
/// minute ago" while the core's live driver uses the real clock.
struct ShiftedClock: WallClock {
    var shift: TimeInterval = 0
    func now() -> Date { Date(timeIntervalSinceNow: shift) }
    func utcOffsetSeconds(at date: Date) -> Int32 { 3600 }
}

/// A clock stopped at one instant.
struct FixedClock: WallClock {
    let at: Date
    func now() -> Date { at }
    func utcOffsetSeconds(at date: Date) -> Int32 { 3600 }
}

/// A clock that moves on a second at every reading. The core orders two
/// saves of the same kind within one millisecond at random (their UUIDv7
/// ids carry no counter), so tests that save twice in a row use this.
final class SteppingClock: WallClock {
    private let readings = Locked(0)
    func now() -> Date {
        var n = 0
        readings.write { $0 += 1; n = $0 }
        return Date(timeIntervalSinceNow: TimeInterval(n))
    }
    func utcOffsetSeconds(at date: Date) -> Int32 { 3600 }
}

enum Played: Equatable {
    case ahap(Data)
    case tap(WatchHaptic)
}

final class RecordingHaptics: HapticEngine {
    let played = Locked<[Played]>([])
    func play(ahap: Data) async throws { played.write { $0.append(.ahap(ahap)) } }
    func play(watchHaptic: WatchHaptic) async { played.write { $0.append(.tap(watchHaptic)) } }
}

final class RecordingScheduler: NotificationScheduler {
    /// Every schedule handed over, oldest first.
    let schedules = Locked<[[CheckInNotification]]>([])
    func replaceAll(with notifications: [CheckInNotification]) async throws {
        schedules.write { $0.append(notifications) }
    }
    var latest: [CheckInNotification]? { schedules.read { $0.last } }
}

/// A temporary database path in its own directory.
func tempDatabase() -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ebbkit-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("ebb.db")
}

struct Fixture {
    let companion: Companion
    let keys: MemoryKeyStore
    let haptics: RecordingHaptics
    let notifications: RecordingScheduler
    let database: URL

    init(
        database: URL = tempDatabase(), keys: MemoryKeyStore = MemoryKeyStore(), platform: Platform = .iphone,
        device: DeviceKind = .phone, shared: Bool = false, clock: any WallClock = ShiftedClock()
    ) throws {
        self.database = database
        self.keys = keys
        haptics = RecordingHaptics()
        notifications = RecordingScheduler()
        companion = try Companion.open(
            database: database, keys: keys, device: device, platform: platform, sharedWithOtherProcesses: shared,
            clock: clock, haptics: haptics, notifications: notifications)
    }
}

/// Waits until `condition` holds, checking every 20 ms, up to `seconds`.
func eventually(_ seconds: TimeInterval = 10, _ condition: () -> Bool) async throws {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while !condition() {
        if Date() > deadline { throw TimedOut() }
        try await Task.sleep(nanoseconds: 20_000_000)
    }
}

struct TimedOut: Error {}
