import EbbBindings
import Foundation

/// Plays what the core rendered through the platform's `HapticEngine`.
/// Watch taps are timed here (the core gives offsets; the watch plays one
/// predefined haptic at a time); AHAP documents are timed by CoreHaptics.
public struct HapticPlayback: Sendable {
    /// Waits a number of nanoseconds; replaceable so tests run instantly.
    public typealias Sleep = @Sendable (UInt64) async throws -> Void

    private let engine: any HapticEngine
    private let sleep: Sleep

    public init(engine: any HapticEngine, sleep: @escaping Sleep = { try await Task.sleep(nanoseconds: $0) }) {
        self.engine = engine
        self.sleep = sleep
    }

    /// Plays `haptics` from now. Cancelling the task stops the taps not yet
    /// played. A haptic that cannot play is skipped: the words are on
    /// screen, and a guide never stops for a motor.
    public func play(_ haptics: RenderedHaptics) async {
        switch haptics {
        case .ahap(let json):
            try? await engine.play(ahap: Data(json.utf8))
        case .watchTaps(let taps):
            var played: UInt64 = 0
            for tap in taps.sorted(by: { $0.offsetMs < $1.offsetMs }) {
                if tap.offsetMs > played {
                    do { try await sleep((tap.offsetMs - played) * 1_000_000) } catch { return }
                    played = tap.offsetMs
                }
                if Task.isCancelled { return }
                await engine.play(watchHaptic: tap.kind)
            }
        case .nothing, .android:
            return
        }
    }
}
