// Watch and phone keep one history: the core's sync payloads carried over
// WatchConnectivity. Compiled into the iOS app and the watch app.
//
// The `Ebb` conformance to `SyncStore`, the holding of messages until the
// session is active (`PendingSends`) and the ordered inbox are in EbbKit,
// tested there; this file only carries the bytes.
import EbbBindings
import EbbKit
import Foundation
import WatchConnectivity

/// The other device over `WCSession` messages, in order. Messages sent
/// before the session has activated wait for it.
final class ConnectivityPeer: NSObject, SyncPeer, WCSessionDelegate, @unchecked Sendable {
    private let session = WCSession.default
    private let inbox = Inbox()
    private let outbox: PendingSends

    override init() {
        let session = WCSession.default
        // Returns once the other device has the bytes (it replies with an
        // empty acknowledgement); exactly one of the two handlers runs.
        outbox = PendingSends { data in
            try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
                session.sendMessageData(
                    data, replyHandler: { _ in done.resume() }, errorHandler: { done.resume(throwing: $0) })
            }
        }
        super.init()
        session.delegate = self
        session.activate()
    }

    func send(_ data: Data) async throws {
        try await outbox.send(data)
    }

    func receive() async throws -> Data {
        try await inbox.next()
    }

    func session(
        _ session: WCSession, didReceiveMessageData messageData: Data, replyHandler: @escaping (Data) -> Void
    ) {
        inbox.deliver(messageData)
        replyHandler(Data())
    }

    func session(
        _ session: WCSession, activationDidCompleteWith state: WCSessionActivationState, error: (any Error)?
    ) {
        let outbox = outbox
        let failure: (any Error)? = state == .activated ? nil : (error ?? WCError(.sessionNotActivated))
        Task { await outbox.activated(error: failure) }
    }

    #if os(iOS)
    func sessionDidBecomeInactive(_ session: WCSession) {
        let outbox = outbox
        Task { await outbox.activating() }
    }

    func sessionDidDeactivate(_ session: WCSession) {
        // The person switched watches: activate again for the new one.
        session.activate()
    }
    #endif
}
