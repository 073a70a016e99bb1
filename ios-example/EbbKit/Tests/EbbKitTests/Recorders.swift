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

/// A clock the test moves by hand.
final class MovableClock: WallClock {
    private let at: Locked<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_795_744_800)) { at = Locked(start) }
    func now() -> Date { at.get }
    func utcOffsetSeconds(at date: Date) -> Int32 { 3600 }
    func advance(_ seconds: TimeInterval) { at.write { $0 = $0.addingTimeInterval(seconds) } }
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

/// Everything the shell was asked to do, in order.
enum Done: Equatable {
    case askedPermission
    case scheduled([Reminder])
    case opened(Action)
    case announced(String)
    case saved(fileName: String, mimeType: String, contents: String)
}

final class RecordingShell: NotificationScheduler, ActionOpener, Announcer, Saver {
    let done = Locked<[Done]>([])
    func requestPermission() async -> Bool {
        done.write { $0.append(.askedPermission) }
        return true
    }
    func replaceAll(with reminders: [Reminder]) async throws { done.write { $0.append(.scheduled(reminders)) } }
    func open(_ action: Action) async -> Bool {
        done.write { $0.append(.opened(action)) }
        return true
    }
    func announce(_ text: String) async { done.write { $0.append(.announced(text)) } }
    func save(fileName: String, mimeType: String, contents: String) async {
        done.write { $0.append(.saved(fileName: fileName, mimeType: mimeType, contents: contents)) }
    }

    var schedules: [[Reminder]] {
        done.read { $0.compactMap { if case .scheduled(let r) = $0 { r } else { nil } } }
    }
    var permissionRequests: Int { done.read { $0.filter { $0 == .askedPermission }.count } }
}

/// A sleep that returns only when the test says, recording how long each
/// sleeper asked for. Cancelling a sleeper makes its sleep throw.
final class ManualSleep: @unchecked Sendable {
    private struct Sleeper {
        let nanoseconds: UInt64
        let done: CheckedContinuation<Void, any Error>
    }
    private let sleepers = Locked<[UUID: Sleeper]>([:])

    var sleep: FlowDriver.Sleep {
        { [self] nanoseconds in
            let id = UUID()
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
                    sleepers.write { $0[id] = Sleeper(nanoseconds: nanoseconds, done: done) }
                }
            } onCancel: {
                var cancelled: Sleeper?
                sleepers.write { cancelled = $0.removeValue(forKey: id) }
                cancelled?.done.resume(throwing: CancellationError())
            }
        }
    }

    /// How long the sleepers now waiting asked for, in seconds.
    var waiting: [TimeInterval] { sleepers.read { $0.values.map { TimeInterval($0.nanoseconds) / 1e9 } } }

    /// Ends every sleep now waiting.
    func wakeAll() {
        var woken: [Sleeper] = []
        sleepers.write {
            woken = Array($0.values)
            $0.removeAll()
        }
        for sleeper in woken { sleeper.done.resume() }
    }
}

/// A temporary database path in its own directory.
func tempDatabase() -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ebbkit-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("ebb.db")
}

/// A flow on a fresh encrypted store, with recorders for the platform.
struct Fixture {
    let driver: FlowDriver
    let companion: Companion
    let keys: MemoryKeyStore
    let haptics = RecordingHaptics()
    let shell = RecordingShell()
    let clock: MovableClock
    let sleep = ManualSleep()
    let database: URL

    init(
        database: URL = tempDatabase(), keys: MemoryKeyStore = MemoryKeyStore(), device: DeviceKind = .phone,
        platform: Platform? = .iphone, shared: Bool = false, clock: MovableClock = MovableClock()
    ) throws {
        self.database = database
        self.keys = keys
        self.clock = clock
        companion = try Companion.open(
            database: database, keys: keys, device: device, platform: platform, sharedWithOtherProcesses: shared,
            locale: "en-GB", clock: clock)
        driver = FlowDriver(
            companion: companion,
            shell: Shell(haptics: haptics, notifications: shell, opener: shell, announcer: shell, saver: shell),
            sleep: sleep.sleep)
    }

    /// Opens the flow and goes past the first run, to home.
    @discardableResult
    func home() async throws -> Model {
        let first = try await driver.open(region: "GB")
        XCTAssertEqual(first.screen, .firstRun)
        return try await driver.send(.finishFirstRun(startPlan: false))
    }
}

extension Model {
    /// Every choice on screen: the question's answers, the sections' and
    /// the choices below.
    var everyChoice: [Choice] {
        (question?.answers ?? []) + sections.flatMap { $0.items.flatMap(\.choices) + $0.choices } + choices
    }

    /// The choice that sends `event`.
    func choice(sending event: Event) throws -> Choice {
        try XCTUnwrap(everyChoice.first { $0.event == event }, "\(screen) offers no \(event)")
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
