// The platform layer every target shares: notifications from the core's
// schedule, VoiceOver announcements, files handed to the share sheet, and
// stand-ins for what a process does not do (the widget plays no haptics,
// opens nothing and saves nothing).
import Accessibility
import CoreTransferable
import EbbBindings
import EbbKit
import Foundation
import Observation
import UniformTypeIdentifiers
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

/// For processes that save nothing (the widget, which shows no export).
struct SavesNothing: Saver {
    func save(fileName: String, mimeType: String, contents: String) async {}
}

/// A file the core made, as the share sheet takes it: its bytes, its
/// type and the core's name for it.
struct FileToSave: Identifiable, Transferable {
    let fileName: String
    let mimeType: String
    let contents: String
    var id: String { fileName }

    /// The core's media type as a uniform type (JSON, CSV), else plain data.
    var type: UTType { UTType(mimeType: mimeType) ?? .data }
    var bytes: Data { Data(contents.utf8) }

    static var transferRepresentation: some TransferRepresentation {
        DataRepresentation(exportedContentType: .json) { $0.bytes }
            .exportingCondition { $0.type == .json }
            .suggestedFileName { $0.fileName }
        DataRepresentation(exportedContentType: .commaSeparatedText) { $0.bytes }
            .exportingCondition { $0.type == .commaSeparatedText }
            .suggestedFileName { $0.fileName }
        DataRepresentation(exportedContentType: .data) { $0.bytes }
            .suggestedFileName { $0.fileName }
    }
}

/// The file waiting for the person to choose where it goes (the app and
/// the watch show it in a share sheet; Ebb writes no copy of its own).
@MainActor @Observable
final class SaveRequests {
    var pending: FileToSave?
}

/// Hands the core's files to the share sheet through `SaveRequests`.
struct ShareSheetSaver: Saver {
    let requests: SaveRequests

    func save(fileName: String, mimeType: String, contents: String) async {
        let file = FileToSave(fileName: fileName, mimeType: mimeType, contents: contents)
        await MainActor.run { requests.pending = file }
    }
}
