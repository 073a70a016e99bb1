// SwiftUI observes EbbKit's state holders through this adapter: it follows
// a holder's AsyncStream of states and republishes the newest one.
import Observation
import SwiftUI

@MainActor @Observable
final class Observed<State: Sendable> {
    private(set) var state: State

    init(_ initial: State, _ states: AsyncStream<State>) {
        state = initial
        Task { [weak self] in
            for await next in states { self?.state = next }
        }
    }
}
