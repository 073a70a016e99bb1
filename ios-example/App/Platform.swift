// The iPhone's side of EbbKit's platform protocols.
import CoreHaptics
import EbbBindings
import EbbKit
import Foundation
import UserNotifications

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

/// Check-in notifications from the core's schedule.
struct UserNotificationScheduler: NotificationScheduler {
    private let center = UNUserNotificationCenter.current()
    private static let prefix = "ebb.urge."

    func replaceAll(with notifications: [CheckInNotification]) async throws {
        let pending = await center.pendingNotificationRequests().map(\.identifier).filter { $0.hasPrefix(Self.prefix) }
        center.removePendingNotificationRequests(withIdentifiers: pending)
        for notification in notifications {
            let content = UNMutableNotificationContent()
            content.body = notification.body
            content.userInfo = ["asksIntensity": notification.asksIntensity]
            let seconds = notification.fireDate.timeIntervalSinceNow
            // A moment already past (the app was suspended) is shown now.
            let trigger = UNTimeIntervalNotificationTrigger(timeInterval: max(1, seconds), repeats: false)
            try await center.add(UNNotificationRequest(identifier: notification.id, content: content, trigger: trigger))
        }
    }
}
