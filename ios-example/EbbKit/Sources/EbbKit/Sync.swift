import EbbBindings
import Foundation

// Watch and phone keep one history by exchanging the core's sync payloads.
// The bytes are opaque here: the core says what to send and merges what
// arrives (idempotent and commutative, so a round repeated or cut short
// loses nothing). `Ebb` is a `SyncStore` through the core's sync calls; the
// app carries the bytes over WatchConnectivity with a `SyncPeer`.

/// A log that can sync: the core's sync calls.
public protocol SyncStore: Sendable {
    /// What this device already has, to send to the other device.
    func request() throws -> Data
    /// The events the asker lacks, as a payload.
    func answer(_ request: Data) async throws -> Data
    /// Merges a payload; returns how many events were new here.
    func merge(_ payload: Data) async throws -> Int
}

/// The core's log syncs through its own calls: bytes in, bytes out.
extension Ebb: SyncStore {
    public func request() throws -> Data { try syncRequest() }
    public func answer(_ request: Data) async throws -> Data { try await syncAnswer(request: request) }
    public func merge(_ payload: Data) async throws -> Int { Int(try await syncMerge(payload: payload).added) }
}

/// The other device, as a channel of messages in order.
public protocol SyncPeer: Sendable {
    func send(_ data: Data) async throws
    func receive() async throws -> Data
}

/// One sync round between two devices. The asking side (the watch) sends
/// its request, merges the answer, then answers the phone's request; the
/// answering side (the phone) mirrors it. After a round both logs hold
/// every event either had.
public enum SyncRound {
    public enum Role: Sendable {
        /// Starts the round (the watch, which wakes the phone).
        case asking
        /// Waits for the other side to start.
        case answering
    }

    /// Runs one round; returns how many events were new on this device.
    public static func run(_ store: any SyncStore, with peer: any SyncPeer, as role: Role) async throws -> Int {
        switch role {
        case .asking:
            try await peer.send(try store.request())
            let added = try await store.merge(try await peer.receive())
            try await peer.send(try await store.answer(try await peer.receive()))
            return added
        case .answering:
            try await peer.send(try await store.answer(try await peer.receive()))
            try await peer.send(try store.request())
            return try await store.merge(try await peer.receive())
        }
    }
}

/// Messages for the other device, held until the channel is ready and then
/// delivered in the order they were sent. WatchConnectivity drops (or
/// fails) a message sent before `WCSession` finishes activating, and a
/// round starts as the app launches, so `Shared/Sync.swift` sends through
/// this and reports activation here.
public actor PendingSends {
    /// Delivers one message, returning once the other device has it.
    public typealias Deliver = @Sendable (Data) async throws -> Void

    private enum Channel {
        case activating
        case active
        case failed(any Error)
    }

    private let deliver: Deliver
    private var channel = Channel.activating
    private var waiting: [(Data, CheckedContinuation<Void, any Error>)] = []
    private var flushing = false

    public init(deliver: @escaping Deliver) {
        self.deliver = deliver
    }

    /// Sends `data` once the channel is active; returns when it was
    /// delivered, throws if delivery or activation failed.
    public func send(_ data: Data) async throws {
        if case .failed(let error) = channel { throw error }
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            waiting.append((data, done))
            flush()
        }
    }

    /// Activation finished: with `error`, every held message fails with
    /// it (and later ones too, until `activating()`); without, they go.
    public func activated(error: (any Error)? = nil) {
        if let error {
            channel = .failed(error)
            let failed = waiting
            waiting = []
            for (_, done) in failed { done.resume(throwing: error) }
        } else {
            channel = .active
            flush()
        }
    }

    /// The channel is activating again (the phone switched watches): new
    /// messages wait for the next `activated`.
    public func activating() {
        channel = .activating
    }

    /// Delivers held messages one at a time, in order, while active.
    private func flush() {
        guard case .active = channel, !flushing, !waiting.isEmpty else { return }
        flushing = true
        Task {
            while case .active = channel, !waiting.isEmpty {
                let (data, done) = waiting.removeFirst()
                do {
                    try await deliver(data)
                    done.resume()
                } catch {
                    done.resume(throwing: error)
                }
            }
            flushing = false
        }
    }
}

/// Messages from the other device, in the order they arrived, for one
/// reader at a time (a `SyncRound` receives one message after another).
/// `deliver` may be called from any thread, such as WatchConnectivity's
/// delegate queue.
public actor Inbox {
    private let continuation: AsyncStream<Data>.Continuation
    private var iterator: AsyncStream<Data>.Iterator

    public init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Data.self)
        self.continuation = continuation
        iterator = stream.makeAsyncIterator()
    }

    /// A message arrived.
    public nonisolated func deliver(_ data: Data) {
        continuation.yield(data)
    }

    /// The next message; waits for one. Throws when the task is cancelled.
    public func next() async throws -> Data {
        // The iterator is a reference to the stream's buffer: advancing a
        // copy advances the stream (one reader at a time, as above).
        var reader = iterator
        let data = await reader.next(isolation: self)
        iterator = reader
        guard let data else { throw CancellationError() }
        return data
    }
}
