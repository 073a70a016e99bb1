// The iPhone's side of EbbKit's platform protocols: CoreHaptics and the
// system's URL handling. Notifications and announcements are shared with
// the widget and the watch (Shared/Platform.swift).
import CoreHaptics
import EbbBindings
import EbbKit
import Foundation
import UIKit

/// Plays the core's AHAP documents with CoreHaptics.
final class CoreHapticsEngine: HapticEngine, @unchecked Sendable {
    private let engine: CHHapticEngine? = {
        guard CHHapticEngine.capabilitiesForHardware().supportsHaptics else { return nil }
        let engine = try? CHHapticEngine()
        engine?.isAutoShutdownEnabled = true
        return engine
    }()

    func play(ahap: Data) async throws {
        guard let engine else { return }
        guard let dictionary = try JSONSerialization.jsonObject(with: ahap) as? [CHHapticPattern.Key: Any] else {
            return
        }
        let pattern = try CHHapticPattern(dictionary: dictionary)
        try await engine.start()
        try engine.makePlayer(with: pattern).start(atTime: CHHapticTimeImmediate)
    }

    func play(watchHaptic: WatchHaptic) async {}
}

/// Opens the dialler, Messages or Safari with the action's URL (EbbKit's
/// `Action.url`, which allows nothing else).
struct URLOpener: ActionOpener {
    func open(_ action: Action) async -> Bool {
        guard let url = action.url else { return false }
        return await UIApplication.shared.open(url)
    }
}
