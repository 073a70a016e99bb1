import EbbBindings
import Foundation

/// The guide player: a guide's steps as they start, with their haptics
/// played through the platform. On the watch it also runs the breathing
/// pacer and hold-ice prompt with the screen dimmed (haptics-only mode).
public actor GuidePlayer {
    public struct State: Sendable, Equatable {
        /// The guide playing, as the core describes it.
        public var guide: GuideView?
        /// The step now.
        public var current: StepView?
        /// Whether the guide is over (finished or stopped).
        public var finished = false
        /// Haptics-only: the screen may stay dark and the steps are felt,
        /// not read. Haptics play even when the person muted them.
        public var hapticsOnly = false
    }

    private let companion: Companion
    private let playback: HapticPlayback
    private let publisher = StatePublisher(State())
    private var running: GuidePlayback?
    private var hapticsTask: Task<Void, Never>?
    /// Whether steps play their haptics outside haptics-only mode.
    private let hapticsOn: Bool

    public init(companion: Companion, hapticsOn: Bool = true, sleep: HapticPlayback.Sleep? = nil) {
        self.companion = companion
        self.hapticsOn = hapticsOn
        if let sleep {
            playback = HapticPlayback(engine: companion.haptics, sleep: sleep)
        } else {
            playback = HapticPlayback(engine: companion.haptics)
        }
    }

    public nonisolated var state: State { publisher.current }
    public nonisolated func states() -> AsyncStream<State> { publisher.stream() }

    /// Plays a guide to its end (or until `stop()`); returns then.
    public func play(_ id: GuideId, hapticsOnly: Bool = false) async throws {
        let ebb = companion.ebb
        let platform = companion.platform
        try await run(
            ebb.guide(id: id, platform: platform), hapticsOnly: hapticsOnly,
            playback: try ebb.play(id, on: platform))
    }

    /// Plays a breathing pacer of `minutes` (1 to 5) to its end.
    public func playBreathing(
        _ choice: BreathingChoice, minutes: Int32, startingAt breathsPerMinute: Int32? = nil,
        hapticsOnly: Bool = false
    ) async throws {
        let ebb = companion.ebb
        let platform = companion.platform
        let guide = try ebb.breathingGuide(
            choice: choice, minutes: minutes, startBreathsPerMinute: breathsPerMinute, platform: platform)
        try await run(
            guide, hapticsOnly: hapticsOnly,
            playback: try ebb.playBreathing(choice, minutes: minutes, startingAt: breathsPerMinute, on: platform))
    }

    /// The person finished the open step now showing.
    public func finishCurrentStep() {
        if let step = state.current, step.length == nil { running?.finish(step) }
    }

    /// Stops the guide and its haptics.
    public func stop() {
        running?.stop()
        hapticsTask?.cancel()
    }

    private func run(_ guide: GuideView, hapticsOnly: Bool, playback steps: GuidePlayback) async throws {
        stop()
        running = steps
        publisher.update { $0 = State(guide: guide, hapticsOnly: hapticsOnly) }
        let playsHaptics = hapticsOn || hapticsOnly
        for await step in steps.steps {
            publisher.update { $0.current = step }
            hapticsTask?.cancel()
            if playsHaptics {
                let playback = self.playback
                hapticsTask = Task { await playback.play(step.haptics) }
            }
        }
        // Let the last step's haptics play out unless the guide was stopped.
        await hapticsTask?.value
        publisher.update { $0.finished = true }
        running = nil
    }
}
