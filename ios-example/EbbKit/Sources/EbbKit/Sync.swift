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
