// The watch app: start a timer, a breathing pacer and a hold-ice prompt from
// the core's timelines, felt through the watch's predefined haptics, kept
// running with the screen dimmed by an extended runtime session.
import EbbBindings
import EbbKit
import SwiftUI
import WatchKit

/// Plays the core's watch tap schedule, one predefined haptic at a time.
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

/// The watch schedules no notifications of its own: the phone does.
struct PhoneSchedules: NotificationScheduler {
    func replaceAll(with notifications: [CheckInNotification]) async throws {}
}

/// Keeps the app running while the wrist is down, for a guide's length.
@MainActor
final class DimmedRun: NSObject, WKExtendedRuntimeSessionDelegate {
    private var session: WKExtendedRuntimeSession?

    func begin() {
        let session = WKExtendedRuntimeSession()
        session.delegate = self
        session.start()
        self.session = session
    }

    func end() {
        session?.invalidate()
        session = nil
    }

    nonisolated func extendedRuntimeSessionDidStart(_ session: WKExtendedRuntimeSession) {}
    nonisolated func extendedRuntimeSessionWillExpire(_ session: WKExtendedRuntimeSession) {}
    nonisolated func extendedRuntimeSession(
        _ session: WKExtendedRuntimeSession, didInvalidateWith reason: WKExtendedRuntimeSessionInvalidationReason,
        error: Error?
    ) {}
}

@main
struct EbbWatchApp: App {
    // The watch keeps its own database (watch and phone sync over
    // WatchConnectivity, see Shared/Sync.swift); no app group with the phone.
    @State private var companion = try? Companion.open(
        database: URL.documentsDirectory.appendingPathComponent("ebb.db"), keys: KeychainKeyStore(),
        random: SecureRandomBytes(), device: .watch, platform: .appleWatch, haptics: WatchHaptics(),
        notifications: PhoneSchedules())

    var body: some Scene {
        WindowGroup {
            if let companion { WatchHome(companion: companion) }
        }
    }
}

struct WatchHome: View {
    let companion: Companion
    @AppStorage("hapticsOnly") private var hapticsOnly = false
    @State private var crisis: CrisisScreenView?
    @Environment(\.openURL) private var openURL

    var body: some View {
        NavigationStack {
            List {
                Button(Words.start) { Task { try await UrgeTimer(companion: companion).start(from: .watch) } }
                NavigationLink(companion.ebb.guide(id: .breathing, platform: .appleWatch).title) {
                    WatchGuide(companion: companion, id: .breathing, hapticsOnly: hapticsOnly)
                }
                NavigationLink(companion.ebb.guide(id: .holdIce, platform: .appleWatch).title) {
                    WatchGuide(companion: companion, id: .holdIce, hapticsOnly: hapticsOnly)
                }
                Button(Words.crisisHelp) { crisis = try? CrisisHelp(companion: companion).open() }
            }
        }
        .sheet(isPresented: Binding(get: { crisis != nil }, set: { if !$0 { crisis = nil } })) {
            if let crisis {
                List(crisis.lines, id: \.self) { line in
                    Section(line.name) {
                        ForEach(line.actions, id: \.self) { button in
                            if case .call(let number) = button.action, let url = URL(string: "tel:\(number)") {
                                Button(button.label) { openURL(url) }
                            }
                        }
                    }
                }
                .navigationTitle(crisis.heading)
            }
        }
        // Bring the phone's history over and send ours (one round per launch).
        .task { _ = try? await SyncRound.run(companion.ebb, with: ConnectivityPeer(), as: .asking) }
    }
}

struct WatchGuide: View {
    let id: GuideId
    let hapticsOnly: Bool
    @State private var player: GuidePlayer
    @State private var state = GuidePlayer.State()
    @State private var dimmed = DimmedRun()

    init(companion: Companion, id: GuideId, hapticsOnly: Bool) {
        self.id = id
        self.hapticsOnly = hapticsOnly
        _player = State(initialValue: GuidePlayer(companion: companion))
    }

    var body: some View {
        VStack {
            if let step = state.current {
                if state.hapticsOnly {
                    // Felt, not read: a dark screen that VoiceOver still names.
                    Color.black.accessibilityLabel(step.text)
                } else {
                    Text(step.text).font(.title3).accessibilityAddTraits(.updatesFrequently)
                    if step.length == nil {
                        Button(Words.done) { Task { await player.finishCurrentStep() } }
                    }
                }
            } else if let cautions = state.guide?.cautions {
                ForEach(cautions, id: \.self) { Text($0).font(.footnote) }
            }
        }
        .task { for await next in player.states() { state = next } }
        .task {
            dimmed.begin()
            defer { dimmed.end() }
            if id == .breathing {
                try? await player.playBreathing(.gentle, minutes: 1, hapticsOnly: hapticsOnly)
            } else {
                try? await player.play(id, hapticsOnly: hapticsOnly)
            }
        }
        .onDisappear { Task { await player.stop() } }
    }
}
