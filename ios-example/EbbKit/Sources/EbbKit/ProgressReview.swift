import EbbBindings
import Foundation

/// The progress review: the core's figures for a window, the one before,
/// the movement between them, and the weekly series for charts.
public actor ProgressReview {
    public struct State: Sendable, Equatable {
        public var window: Window = .month
        public var review: ProgressView?
    }

    private let companion: Companion
    private let publisher = StatePublisher(State())

    public init(companion: Companion) {
        self.companion = companion
    }

    public nonisolated var state: State { publisher.current }
    public nonisolated func states() -> AsyncStream<State> { publisher.stream() }

    /// Loads the review for `window`, ending now.
    public func load(_ window: Window) async throws {
        let review = try await companion.ebb.progress(now: companion.clock.now(), window: window)
        publisher.update {
            $0.window = window
            $0.review = review
        }
    }
}
