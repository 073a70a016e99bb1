// The iOS app: the core's screens, one after another, rendered by
// ScreenView. Every decision (what a screen says, what it offers, what
// comes next) is the core's; this file opens the store, hands effects to
// the platform and answers the watch's sync rounds.
import EbbBindings
import EbbKit
import SwiftUI

@main
struct EbbApp: App {
    @State private var app = AppModel()

    var body: some Scene {
        WindowGroup { AppRoot(app: app) }
    }
}

@MainActor
final class AppModel {
    /// The flow, when the store opened.
    let screen: ScreenState?
    /// Crisis help without the store, when it did not.
    let crisis: CrisisScreenView?

    init() {
        do {
            let companion = try SharedStore.openShared(platform: .iphone)
            let shell = Shell(
                haptics: CoreHapticsEngine(), notifications: UserNotificationScheduler(mayAsk: true),
                opener: URLOpener(), announcer: VoiceOverAnnouncer())
            screen = ScreenState(driver: FlowDriver(companion: companion, shell: shell))
            crisis = nil
        } catch {
            screen = nil
            crisis = crisisWithoutStore(
                databasePath: SharedStore.sharedDatabase?.path ?? "", region: Locale.current.region?.identifier)
        }
    }
}

struct AppRoot: View {
    let app: AppModel
    @Environment(\.scenePhase) private var phase

    var body: some View {
        if let screen = app.screen {
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
        } else if let crisis = app.crisis {
            CrisisWithoutStore(screen: crisis)
        }
    }
}
