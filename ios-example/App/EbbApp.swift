// The iOS app: the core's screens, one after another, rendered by
// ScreenView. Every decision (what a screen says, what it offers, what
// comes next) is the core's; this file opens the store, hands effects to
// the platform and answers the watch's sync rounds.
import EbbBindings
import EbbKit
import SwiftUI

@main
struct EbbApp: App {
    @State private var launch = Launch(
        flow: {
            let companion = try SharedStore.openShared(platform: .iphone)
            let saves = SaveRequests()
            let shell = Shell(
                haptics: CoreHapticsEngine(), notifications: UserNotificationScheduler(mayAsk: true),
                opener: URLOpener(), announcer: VoiceOverAnnouncer(), saver: ShareSheetSaver(requests: saves))
            return ScreenState(driver: FlowDriver(companion: companion, shell: shell), saves: saves)
        },
        crisis: {
            try StorelessCrisis(
                database: SharedStore.sharedDatabase,
                region: Locale.current.region?.identifier, device: .phone, platform: .iphone, opener: URLOpener())
        })

    var body: some Scene {
        WindowGroup {
            LaunchView(launch: launch) { screen in AppRoot(screen: screen) }
        }
    }
}

struct AppRoot: View {
    let screen: ScreenState
    @Environment(\.scenePhase) private var phase

    var body: some View {
        NavigationStack {
            if let model = screen.model {
                ScreenView(model: model, choose: screen.choose)
                    .animation(.default, value: model.screen)
            }
        }
        .onChange(of: phase, initial: true) { _, phase in screen.phase(phase) }
        .task {
            // Answer the watch's sync rounds while the app runs.
            let peer = ConnectivityPeer()
            let ebb = screen.driver.companion.ebb
            while !Task.isCancelled {
                guard (try? await SyncRound.run(ebb, with: peer, as: .answering)) != nil else { break }
            }
        }
    }
}
