// The screens. Text comes from the core; fonts are text styles so Dynamic
// Type scales them; VoiceOver reads the core's words.
import Charts
import EbbBindings
import EbbKit
import SwiftUI

struct UrgeTimerScreen: View {
    let model: AppModel
    @State private var intensity = 5.0

    var body: some View {
        let state = model.timerState.state
        Form {
            if let session = state.session, let goalAt = state.goalAt {
                Text(timerInterval: session.startedAt...goalAt, countsDown: true)
                    .font(.largeTitle.monospacedDigit())
                ForEach(state.cues.reversed(), id: \.self) { cue in Text(cue.text) }
                Section(Words.howStrong) {
                    Slider(value: $intensity, in: 0...10, step: 1)
                        .accessibilityValue("\(Int(intensity))")
                    Button(Words.howStrong) { Task { try await model.timer.checkIn(intensity: Int32(intensity)) } }
                    Button(Words.endingLife) {
                        Task {
                            let next = try await model.timer.checkIn(intensity: nil, thinkingOfEndingLife: true)
                            model.crisis.show(next)
                        }
                    }
                }
                Button(Words.end) { Task { try await model.timer.end(.passed) } }
            } else {
                Button(Words.start) { Task { try await model.timer.start(from: .phoneApp) } }
                if let ended = state.ended { Text(ended.acknowledgement) }
            }
        }
        .task { try? await model.timer.resume(); try? await model.timer.followCues() }
    }
}

struct SkillsScreen: View {
    let model: AppModel

    var body: some View {
        List(model.skillsState.state.suggestions, id: \.skillId) { skill in
            VStack(alignment: .leading) {
                Text(skill.title).font(.headline)
                Text(skill.reason).font(.body)
                ForEach(skill.cautions, id: \.self) { Text($0).font(.callout) }
                if let guide = skill.guide {
                    NavigationLink(skill.summary) { GuideScreen(model: model, id: guide) }
                }
            }
            .accessibilityElement(children: .combine)
        }
        .task { try? await model.skills.refresh(need: model.timerState.state.session?.need) }
    }
}

struct GuideScreen: View {
    let model: AppModel
    let id: GuideId

    var body: some View {
        let state = model.guideState.state
        VStack(spacing: 24) {
            if let title = state.guide?.title { Text(title).font(.title) }
            if let step = state.current {
                Text(step.text).font(.title2).accessibilityAddTraits(.updatesFrequently)
                if step.length == nil { Button(Words.done) { Task { await model.guide.finishCurrentStep() } } }
            }
        }
        .padding()
        .task { try? await model.guide.play(id) }
        .onDisappear { Task { await model.guide.stop() } }
    }
}

struct ProgressScreen: View {
    let model: AppModel

    var body: some View {
        // `EbbBindings.ProgressView`: the core's name collides with SwiftUI's.
        let review: EbbBindings.ProgressView? = model.progressState.state.review
        List {
            if let review {
                ForEach(review.trends, id: \.self) { Text($0.text) }
                Chart(review.weekly, id: \.from) { week in
                    BarMark(x: .value("week", week.from, unit: .weekOfYear), y: .value("passed", week.passedSafely))
                }
                .frame(minHeight: 180)
                .accessibilityLabel(review.trends.map(\.text).joined(separator: " "))
                if let days = review.daysWithout { Text(days) }
            }
        }
        .task { try? await model.progress.load(.month) }
    }
}

struct CrisisSheet: View {
    let screen: CrisisScreenView
    let close: () -> Void
    @Environment(\.openURL) private var openURL

    var body: some View {
        NavigationStack {
            List {
                Text(screen.intro)
                Text(screen.emergencyHint).font(.headline)
                if let note = screen.coverageNote { Text(note) }
                ForEach(screen.people, id: \.self) { person in
                    Section(person.name) { actions(person.actions) }
                }
                ForEach(screen.lines, id: \.self) { line in
                    Section(line.name) {
                        if let hours = line.hours { Text(hours) }
                        if let note = line.note { Text(note) }
                        actions(line.actions)
                    }
                }
                ForEach(screen.plan.steps.filter { !$0.entries.isEmpty }, id: \.self) { step in
                    Section(step.title) { ForEach(step.entries, id: \.self) { Text($0) } }
                }
            }
            .navigationTitle(screen.heading)
            .toolbar { Button(Words.close, action: close) }
        }
    }

    /// Each button opens the dialler, messages or a page; the person
    /// presses call or send. Ebb contacts no one.
    private func actions(_ buttons: [ActionButton]) -> some View {
        ForEach(buttons, id: \.self) { button in
            Button(button.label) { if let url = Self.url(button.action) { openURL(url) } }
        }
    }

    static func url(_ action: Action) -> URL? {
        switch action {
        case .call(let number): URL(string: "tel:\(number)")
        case .text(let number, let body):
            URL(string: "sms:\(number)&body=\(body.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")")
        case .openUrl(let url): URL(string: url)
        }
    }
}
