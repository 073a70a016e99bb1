// The iOS app: urge timer, recommended skills, guide player, progress review
// and crisis help one tap from every screen. Every decision comes from the
// core through EbbKit; these views only draw.
import EbbBindings
import EbbKit
import SwiftUI

@main
struct EbbApp: App {
    @State private var model = try? AppModel()

    var body: some Scene {
        WindowGroup {
            if let model {
                RootView(model: model)
            } else {
                // No database without its key: crisis lines still come from
                // the core once the person chooses what to do.
                ContentUnavailableView(Words.crisisHelp, systemImage: "lifepreserver")
            }
        }
    }
}

@MainActor
final class AppModel {
    let companion: Companion
    let timer: UrgeTimer
    let skills: RecommendedSkills
    let guide: GuidePlayer
    let progress: ProgressReview
    let crisis: CrisisHelp
    let timerState: Observed<UrgeTimer.State>
    let skillsState: Observed<RecommendedSkills.State>
    let guideState: Observed<GuidePlayer.State>
    let progressState: Observed<ProgressReview.State>
    let crisisState: Observed<CrisisHelp.State>

    init() throws {
        companion = try SharedStore.open(
            device: .phone, platform: .iphone, haptics: CoreHapticsEngine(),
            notifications: UserNotificationScheduler())
        timer = UrgeTimer(companion: companion)
        skills = RecommendedSkills(companion: companion)
        guide = GuidePlayer(companion: companion)
        progress = ProgressReview(companion: companion)
        crisis = CrisisHelp(companion: companion)
        timerState = Observed(timer.state, timer.states())
        skillsState = Observed(skills.state, skills.states())
        guideState = Observed(guide.state, guide.states())
        progressState = Observed(progress.state, progress.states())
        crisisState = Observed(crisis.state, crisis.states())
    }
}

struct RootView: View {
    let model: AppModel
    @Environment(\.scenePhase) private var phase

    var body: some View {
        TabView {
            NavigationStack { UrgeTimerScreen(model: model).crisisButton(model) }
                .tabItem { Label(Words.start, systemImage: "timer") }
            NavigationStack { SkillsScreen(model: model).crisisButton(model) }
                .tabItem { Label(Words.skills, systemImage: "hand.raised") }
            NavigationStack { ProgressScreen(model: model).crisisButton(model) }
                .tabItem { Label(Words.progress, systemImage: "chart.bar") }
        }
        .sheet(isPresented: .constant(model.crisisState.state.screen != nil), onDismiss: model.crisis.close) {
            if let screen = model.crisisState.state.screen { CrisisSheet(screen: screen, close: model.crisis.close) }
        }
        .task {
            // Answer the watch's sync rounds while the app runs.
            let peer = ConnectivityPeer()
            while !Task.isCancelled {
                guard (try? await SyncRound.run(model.companion.ebb, with: peer, as: .answering)) != nil else { break }
            }
        }
        .onChange(of: phase) { _, phase in
            // Every wake: deliver what fell due, refresh the schedule.
            if phase == .active { Task { try? await model.timer.resume() } }
        }
    }
}

extension View {
    /// Crisis help, one tap away on every screen.
    func crisisButton(_ model: AppModel) -> some View {
        toolbar {
            ToolbarItem(placement: .topBarTrailing) {
                Button(Words.crisisHelp, systemImage: "lifepreserver") { _ = try? model.crisis.open() }
                    .accessibilityLabel(Words.crisisHelp)
            }
        }
    }
}
