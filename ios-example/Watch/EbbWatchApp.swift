// The watch app: the core's screens for a watch (short words, watch-guided
// skills only), its guides felt through the watch's predefined haptics and
// kept running with the wrist down by an extended runtime session
// (WKBackgroundModes "self-care" in Info.plist). Haptics-only mode leaves
// the screen dark during a guide but keeps every choice (next, done,
// pause, stop, crisis help).
import EbbBindings
import EbbKit
import SwiftUI
import WatchKit

@main
struct EbbWatchApp: App {
    @State private var launch = Launch(
        flow: {
            let companion = try SharedStore.openOnWatch()
            // The watch schedules its own timer's check-ins: a timer started
            // here reaches the phone only at the next sync round.
            let saves = SaveRequests()
            let shell = Shell(
                haptics: WatchHaptics(), notifications: UserNotificationScheduler(mayAsk: true),
                opener: WatchOpener(), announcer: VoiceOverAnnouncer(), saver: ShareSheetSaver(requests: saves))
            return ScreenState(driver: FlowDriver(companion: companion, shell: shell), saves: saves)
        },
        crisis: {
            try StorelessCrisis(
                database: SharedStore.watchDatabase, region: Locale.current.region?.identifier, device: .watch,
                platform: .appleWatch, opener: WatchOpener())
        })
    /// App-scoped, so the session outlives the views that start it.
    @State private var runtime = GuideRuntime()

    var body: some Scene {
        WindowGroup {
            LaunchView(launch: launch) { screen in WatchRoot(screen: screen, runtime: runtime) }
        }
    }
}

struct WatchRoot: View {
    let screen: ScreenState
    let runtime: GuideRuntime
    @AppStorage("hapticsOnly") private var hapticsOnly = false
    @Environment(\.scenePhase) private var phase

    var body: some View {
        NavigationStack {
            if let model = screen.model {
                let guiding = model.screen == .guide
                ScreenView(model: model, dark: guiding && hapticsOnly, choose: screen.choose)
                    .toolbar {
                        if guiding {
                            ToolbarItem(placement: .topBarLeading) {
                                Toggle(isOn: $hapticsOnly) {
                                    Label(ShellWord.hapticsOnly.text ?? "", systemImage: "hand.tap")
                                }
                            }
                        }
                    }
                    .onChange(of: model, initial: true) { _, model in runtime.follow(model) }
            }
        }
        .onChange(of: phase, initial: true) { _, phase in
            // With the wrist down during a guide the session keeps the app
            // running; only leaving for good pauses the flow.
            if phase != .background || !runtime.isRunning { screen.phase(phase) }
        }
        .task {
            // Bring the phone's history over and send ours (one round per launch).
            _ = try? await SyncRound.run(screen.driver.companion.ebb, with: ConnectivityPeer(), as: .asking)
        }
    }
}

/// Plays the core's watch tap schedule, one predefined haptic at a time
/// (timed by EbbKit's `HapticPlayback`; the core keeps taps 600 ms apart
/// across a guide's steps too).
struct WatchHaptics: HapticEngine {
    func play(ahap: Data) async throws {}

    func play(watchHaptic: WatchHaptic) async {
        await MainActor.run { WKInterfaceDevice.current().play(Self.type(watchHaptic)) }
    }

    static func type(_ haptic: WatchHaptic) -> WKHapticType {
        switch haptic {
        case .notification: .notification
        case .directionUp: .directionUp
        case .directionDown: .directionDown
        case .success: .success
        case .failure: .failure
        case .retry: .retry
        case .start: .start
        case .stop: .stop
        case .click: .click
        case .underwaterDepthPrompt: .underwaterDepthPrompt
        case .underwaterDepthCriticalPrompt: .underwaterDepthCriticalPrompt
        }
    }
}

/// Opens the watch's phone or messages with the action's URL.
struct WatchOpener: ActionOpener {
    func open(_ action: Action) async -> Bool {
        guard let url = action.url else { return false }
        await MainActor.run { WKApplication.shared().openSystemURL(url) }
        return true
    }
}

/// Keeps the app running while a guide plays with the wrist down: an
/// extended runtime session from the guide's first step to its end.
@MainActor
final class GuideRuntime: NSObject, WKExtendedRuntimeSessionDelegate {
    private var session: WKExtendedRuntimeSession?

    var isRunning: Bool { session?.state == .running || session?.state == .scheduled }

    /// Starts a session when a guide plays, ends it when none does.
    func follow(_ model: Model) {
        let playing: Bool
        if case .step(let step) = model.detail { playing = !step.paused } else { playing = false }
        if playing, session == nil || session?.state == .invalid {
            let session = WKExtendedRuntimeSession()
            session.delegate = self
            session.start()
            self.session = session
        } else if !playing {
            session?.invalidate()
            session = nil
        }
    }

    nonisolated func extendedRuntimeSessionDidStart(_ session: WKExtendedRuntimeSession) {}
    nonisolated func extendedRuntimeSessionWillExpire(_ session: WKExtendedRuntimeSession) {}
    nonisolated func extendedRuntimeSession(
        _ session: WKExtendedRuntimeSession, didInvalidateWith reason: WKExtendedRuntimeSessionInvalidationReason,
        error: (any Error)?
    ) {}
}
