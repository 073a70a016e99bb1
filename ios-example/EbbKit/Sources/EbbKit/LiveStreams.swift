import EbbBindings
import Foundation

// The core's live drivers call foreign listeners from its own thread; these
// adapt them to AsyncStream, so screens use `for await`. Ending the
// iteration (or cancelling its task) stops the driver.

private final class CueForwarder: UrgeListener {
    let continuation: AsyncStream<CueView>.Continuation
    init(_ continuation: AsyncStream<CueView>.Continuation) { self.continuation = continuation }
    func onCue(cue: CueView) { continuation.yield(cue) }
    func onEnded() { continuation.finish() }
}

private final class StepForwarder: GuideListener {
    let continuation: AsyncStream<StepView>.Continuation
    init(_ continuation: AsyncStream<StepView>.Continuation) { self.continuation = continuation }
    func onStep(step: StepView) { continuation.yield(step) }
    func onFinished() { continuation.finish() }
}

/// A guide playing: its steps as they start, and the controls a screen
/// needs.
public struct GuidePlayback: Sendable {
    /// Each step as it starts, in order; ends when the guide is over or
    /// stopped.
    public let steps: AsyncStream<StepView>
    private let handle: LiveHandle
    private let continuation: AsyncStream<StepView>.Continuation

    fileprivate init(start: (GuideListener) throws -> LiveHandle) rethrows {
        let (steps, continuation) = AsyncStream.makeStream(of: StepView.self)
        let handle = try start(StepForwarder(continuation))
        continuation.onTermination = { _ in handle.stop() }
        self.steps = steps
        self.handle = handle
        self.continuation = continuation
    }

    /// The person finished an open step (a writing or message step, or
    /// "get some ice"): the guide moves on.
    public func finish(_ step: StepView) {
        handle.finishStep(index: step.index)
    }

    /// Stops the guide; the step stream ends.
    public func stop() {
        handle.stop()
        continuation.finish()
    }
}

extension Ebb {
    /// The running urge session's cues as they fall due, in order. The
    /// stream ends when the session ends (here or on another device).
    public func urgeCues() throws -> AsyncStream<CueView> {
        let (cues, continuation) = AsyncStream.makeStream(of: CueView.self)
        let handle = try watchUrge(listener: CueForwarder(continuation))
        continuation.onTermination = { _ in handle.stop() }
        return cues
    }

    /// Plays a guide, its haptics rendered for `platform`.
    public func play(_ guide: GuideId, on platform: Platform) throws -> GuidePlayback {
        try GuidePlayback { try runGuide(id: guide, platform: platform, listener: $0) }
    }

    /// Plays a breathing pacer of `minutes` (1 to 5), optionally starting
    /// near the person's current pace.
    public func playBreathing(
        _ choice: BreathingChoice, minutes: Int32, startingAt breathsPerMinute: Int32? = nil, on platform: Platform
    ) throws -> GuidePlayback {
        try GuidePlayback {
            try runBreathing(
                choice: choice, minutes: minutes, startBreathsPerMinute: breathsPerMinute, platform: platform,
                listener: $0)
        }
    }
}
