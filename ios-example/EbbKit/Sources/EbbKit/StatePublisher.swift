import Foundation

/// Holds a screen's state and hands it to any number of observers as an
/// AsyncStream (the newest state first, then every change). SwiftUI views
/// observe it through a small `@Observable` adapter in the app; the
/// Observation module does not link on the Linux toolchain the tests use.
final class StatePublisher<State: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: State
    private var observers: [UUID: AsyncStream<State>.Continuation] = [:]

    init(_ initial: State) { value = initial }

    var current: State {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func update(_ change: (inout State) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change(&value)
        for observer in observers.values { observer.yield(value) }
    }

    func stream() -> AsyncStream<State> {
        let (stream, continuation) = AsyncStream.makeStream(of: State.self, bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        lock.lock()
        observers[id] = continuation
        continuation.yield(value)
        lock.unlock()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return stream
    }

    private func remove(_ id: UUID) {
        lock.lock()
        observers[id] = nil
        lock.unlock()
    }
}
