// Watch and phone keep one history: the core's sync payloads carried over
// WatchConnectivity. Compiled into the iOS app and the watch app.
//
// The `Ebb` conformance to `SyncStore` is in EbbKit (tested there with two
// real stores); this file only carries the bytes.
import EbbBindings
import EbbKit
import Foundation
import WatchConnectivity

/// The other device over `WCSession` messages, in order.
final class ConnectivityPeer: NSObject, SyncPeer, WCSessionDelegate, @unchecked Sendable {
    private let session = WCSession.default
    private let (incoming, continuation) = AsyncStream.makeStream(of: Data.self)
    private var iterator: AsyncStream<Data>.Iterator

    override init() {
        iterator = incoming.makeAsyncIterator()
        super.init()
        session.delegate = self
        session.activate()
    }

    /// Returns once the other device has the bytes (it replies with an
    /// empty acknowledgement); exactly one of the two handlers runs.
    func send(_ data: Data) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, Error>) in
            session.sendMessageData(
                data, replyHandler: { _ in done.resume() }, errorHandler: { done.resume(throwing: $0) })
        }
    }

    func receive() async throws -> Data {
        guard let data = await iterator.next() else { throw CancellationError() }
        return data
    }

    func session(
        _ session: WCSession, didReceiveMessageData messageData: Data, replyHandler: @escaping (Data) -> Void
    ) {
        continuation.yield(messageData)
        replyHandler(Data())
    }

    func session(_ session: WCSession, activationDidCompleteWith state: WCSessionActivationState, error: Error?) {}
    #if os(iOS)
    func sessionDidBecomeInactive(_ session: WCSession) {}
    func sessionDidDeactivate(_ session: WCSession) { session.activate() }
    #endif
}
