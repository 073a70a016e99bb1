// The home-screen widget: one tap starts an urge timer (iOS 17 interactive
// widget, `Button(intent:)`), without opening the app. It opens the same
// encrypted database as the app through the app group.
import AppIntents
import EbbBindings
import EbbKit
import SwiftUI
import WidgetKit

/// Starts an urge session, or leaves the running one as it is.
struct StartUrgeIntent: AppIntent {
    static let title: LocalizedStringResource = "urge.start"
    static let openAppWhenRun = false

    func perform() async throws -> some IntentResult {
        let companion = try SharedStore.open(
            device: .phone, platform: .iphone, haptics: NoHaptics(), notifications: UserNotificationScheduler())
        try await UrgeTimer(companion: companion).start(from: .widget)
        WidgetCenter.shared.reloadAllTimelines()
        return .result()
    }
}

struct UrgeEntry: TimelineEntry {
    let date: Date
    /// The running session's start and goal, if one runs.
    let running: ClosedRange<Date>?
}

struct UrgeProvider: TimelineProvider {
    func placeholder(in context: Context) -> UrgeEntry { UrgeEntry(date: .now, running: nil) }

    func getSnapshot(in context: Context, completion: @escaping (UrgeEntry) -> Void) {
        completion(entry())
    }

    func getTimeline(in context: Context, completion: @escaping (Timeline<UrgeEntry>) -> Void) {
        let entry = entry()
        // Redraw when the goal is reached; the app reloads on every change.
        completion(Timeline(entries: [entry], policy: entry.running.map { .after($0.upperBound) } ?? .never))
    }

    private func entry() -> UrgeEntry {
        let session = try? SharedStore.open(
            device: .phone, platform: .iphone, haptics: NoHaptics(), notifications: UserNotificationScheduler()
        ).ebb.activeUrge(now: .now)
        return UrgeEntry(
            date: .now, running: session.map { $0.startedAt...$0.startedAt.addingTimeInterval($0.goal) })
    }
}

struct EbbWidget: Widget {
    var body: some WidgetConfiguration {
        StaticConfiguration(kind: "app.ebb.urge", provider: UrgeProvider()) { entry in
            Group {
                if let running = entry.running {
                    Text(timerInterval: running, countsDown: true).font(.title.monospacedDigit())
                } else {
                    Button(Words.start, systemImage: "timer", intent: StartUrgeIntent()).font(.headline)
                }
            }
            .containerBackground(.fill.tertiary, for: .widget)
        }
        .supportedFamilies([.systemSmall, .accessoryCircular, .accessoryRectangular])
    }
}

@main
struct EbbWidgets: WidgetBundle {
    var body: some Widget { EbbWidget() }
}
