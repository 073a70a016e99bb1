// The home-screen widget: one tap starts an urge timer (iOS 17 interactive
// widget, `Button(intent:)`), without opening the app. It opens the same
// encrypted database as the app through the app group, and starts the
// timer through the core's flow like every other shell.
import AppIntents
import EbbBindings
import EbbKit
import SwiftUI
import WidgetKit

/// Starts an urge timer, or leaves the running one as it is.
struct StartUrgeIntent: AppIntent {
    static let title: LocalizedStringResource = "flow.home.start"
    static let openAppWhenRun = false

    func perform() async throws -> some IntentResult {
        let companion = try SharedStore.openShared(platform: nil)
        // An extension shows no permission prompt; the app asks when it
        // next opens on the running timer.
        let shell = Shell(
            haptics: NoHaptics(), notifications: UserNotificationScheduler(mayAsk: false), opener: OpensNothing(),
            announcer: VoiceOverAnnouncer())
        try await FlowDriver(companion: companion, shell: shell).send(.startUrge(source: .widget))
        WidgetCenter.shared.reloadAllTimelines()
        return .result()
    }
}

struct UrgeEntry: TimelineEntry {
    let date: Date
    /// The running timer's start and goal, if one runs.
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

    /// A read, not an event: drawing the widget must not deliver the
    /// timer's cues (the app shows them) or reschedule anything.
    private func entry() -> UrgeEntry {
        let session = try? SharedStore.openShared(platform: nil).ebb.activeUrge(now: .now)
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
                    Button(ShellWord.startTimer.text ?? "", systemImage: "timer", intent: StartUrgeIntent())
                        .font(.headline)
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
