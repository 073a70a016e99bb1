// The home-screen widget: one tap starts an urge timer (iOS 17 interactive
// widget, `Button(intent:)`), without opening the app. It opens the same
// encrypted database as the app through the app group, and starts the
// timer through the core's flow like every other shell.
import AppIntents
import EbbBindings
import EbbKit
import SwiftUI
import WidgetKit

/// The flow as the widget's process runs it: the app group's database,
/// no haptics, nothing opened or saved, and no permission prompt (an
/// extension cannot show one; the app asks when it next opens on the
/// running timer).
private func widgetFlow() throws -> FlowDriver {
    let shell = Shell(
        haptics: NoHaptics(), notifications: UserNotificationScheduler(mayAsk: false), opener: OpensNothing(),
        announcer: VoiceOverAnnouncer(), saver: SavesNothing())
    return FlowDriver(companion: try SharedStore.openShared(platform: nil), shell: shell)
}

/// Starts an urge timer, or leaves the running one as it is.
struct StartUrgeIntent: AppIntent {
    static let title: LocalizedStringResource = "widget.start"
    static let openAppWhenRun = false

    func perform() async throws -> some IntentResult {
        try await widgetFlow().send(.startUrge(source: .widget))
        WidgetCenter.shared.reloadAllTimelines()
        return .result()
    }
}

struct UrgeEntry: TimelineEntry {
    let date: Date
    /// The running timer's start and goal, from the core's timer model.
    let running: ClosedRange<Date>?
}

struct UrgeProvider: TimelineProvider {
    func placeholder(in context: Context) -> UrgeEntry { UrgeEntry(date: .now, running: nil) }

    func getSnapshot(in context: Context, completion: @escaping (UrgeEntry) -> Void) {
        Task { completion(await entry()) }
    }

    func getTimeline(in context: Context, completion: @escaping (Timeline<UrgeEntry>) -> Void) {
        Task {
            let entry = await entry()
            // Redraw when the goal is reached; the app reloads on every change.
            completion(Timeline(entries: [entry], policy: entry.running.map { .after($0.upperBound) } ?? .never))
        }
    }

    /// The model the flow opens on: the timer's clock when the core shows
    /// a running timer, else the start button. The core has no read-only
    /// call, so drawing opens the flow like the app does (a cue that is due
    /// is delivered here; its reminder is on the lock screen already).
    private func entry() async -> UrgeEntry {
        let model = try? await widgetFlow().open(region: Locale.current.region?.identifier)
        guard case .timer(let timer) = model?.detail else { return UrgeEntry(date: .now, running: nil) }
        return UrgeEntry(date: .now, running: timer.startedAt...timer.startedAt.addingTimeInterval(timer.goal))
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
