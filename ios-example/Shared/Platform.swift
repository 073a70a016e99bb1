// The platform layer every target shares: notifications from the core's
// schedule, VoiceOver announcements, and stand-ins for what a process does
// not do (the widget plays no haptics and opens nothing).
import Accessibility
import EbbBindings
import EbbKit
import Foundation
import UserNotifications

/// The core's reminders as local notifications. The body is the core's
/// words; with previews hidden on the lock screen, iOS shows the core's
/// neutral public words instead (the category's placeholder, iOS only).
struct UserNotificationScheduler: NotificationScheduler {
    /// Whether this process may show the permission prompt (an app may; a
    /// widget's intent may not, and only reads the answer).
    let mayAsk: Bool
    private static let prefix = "ebb.reminder."
    private static let category = "ebb.reminder"

    func requestPermission() async -> Bool {
        let center = UNUserNotificationCenter.current()
        guard mayAsk else {
            return await center.notificationSettings().authorizationStatus == .authorized
        }
        return (try? await center.requestAuthorization(options: [.alert, .sound])) ?? false
    }

    func replaceAll(with reminders: [Reminder]) async throws {
        let center = UNUserNotificationCenter.current()
        let pending = await center.pendingNotificationRequests().map(\.identifier).filter { $0.hasPrefix(Self.prefix) }
        center.removePendingNotificationRequests(withIdentifiers: pending)
        #if os(iOS)
        if let publicText = reminders.first?.publicText {
            center.setNotificationCategories([
                UNNotificationCategory(
                    identifier: Self.category, actions: [], intentIdentifiers: [],
                    hiddenPreviewsBodyPlaceholder: publicText, options: [])
            ])
        }
        #endif
        for (n, reminder) in reminders.enumerated() {
            let content = UNMutableNotificationContent()
            content.body = reminder.text
            content.categoryIdentifier = Self.category
            // A moment already past (the app was suspended) is shown now.
            let trigger = UNTimeIntervalNotificationTrigger(
                timeInterval: max(1, reminder.at.timeIntervalSinceNow), repeats: false)
            try await center.add(
                UNNotificationRequest(identifier: "\(Self.prefix)\(n)", content: content, trigger: trigger))
        }
    }
}

/// Says the core's words to VoiceOver.
struct VoiceOverAnnouncer: Announcer {
    func announce(_ text: String) async {
        await MainActor.run { AccessibilityNotification.Announcement(text).post() }
    }
}

/// Haptics for processes that play none (the widget).
struct NoHaptics: HapticEngine {
    func play(ahap: Data) async throws {}
    func play(watchHaptic: WatchHaptic) async {}
}

/// For processes that open nothing (the widget's intent).
struct OpensNothing: ActionOpener {
    func open(_ action: Action) async -> Bool { false }
}
