// Draws any of the core's screen models, on the iPhone and the watch: the
// heading, lines, the question and its answers, sections of items, what
// the screen shows beyond words (the timer's clock, a guide's step, the
// progress charts) and the choices. Every button sends its choice's event;
// nothing here decides what comes next. Text styles only, so Dynamic Type
// scales everything; VoiceOver reads the core's words.
import EbbBindings
import EbbKit
import SwiftUI

#if canImport(Charts)
import Charts
#endif

struct ScreenView: View {
    let model: Model
    /// Haptics-only on the watch: a guide's words are not drawn (the screen
    /// stays dark, VoiceOver still reads them); every choice stays.
    var dark = false
    /// Sends a choice, with the person's words for a choice that has fields.
    let choose: @MainActor (Choice, [String]) -> Void

    @State private var form: PendingForm?

    var body: some View {
        List {
            if dark {
                Color.black.frame(minHeight: 120)
                    .accessibilityElement()
                    .accessibilityLabel(model.lines.joined(separator: " "))
            } else {
                ForEach(Array(model.lines.enumerated()), id: \.offset) { _, line in Text(line) }
            }
            DetailView(detail: model.detail, dark: dark)
            if let question = model.question {
                Section(question.text) { answers(question.answers) }
            }
            ForEach(Array(model.sections.enumerated()), id: \.offset) { _, section in
                Section {
                    if section.items.isEmpty, let empty = section.empty { Text(empty).foregroundStyle(.secondary) }
                    ForEach(Array(section.items.enumerated()), id: \.offset) { _, item in
                        VStack(alignment: .leading, spacing: 6) {
                            Text(item.text).font(.headline)
                            if let note = item.note { Text(note).font(.body) }
                            ForEach(item.choices, id: \.self) { button($0) }
                        }
                    }
                    ForEach(section.choices, id: \.self) { button($0) }
                } header: {
                    if let heading = section.heading { Text(heading) }
                }
            }
            Section {
                ForEach(model.choices.filter { $0.role != .crisis }, id: \.self) { button($0) }
            }
        }
        .navigationTitle(model.heading)
        .toolbar {
            if let crisis = model.choices.first(where: { $0.role == .crisis }) {
                ToolbarItem(placement: .topBarTrailing) {
                    Button(crisis.label, systemImage: "lifepreserver") { choose(crisis, []) }
                        .accessibilityLabel(crisis.label)
                }
            }
        }
        .sheet(item: $form) { pending in
            FormSheet(choice: pending.choice) { values in
                form = nil
                choose(pending.choice, values)
            } close: {
                form = nil
            }
        }
    }

    /// A question's answers: numbers side by side, the rest (among them
    /// "I am thinking about ending my life") each on its own row.
    @ViewBuilder
    private func answers(_ answers: [Choice]) -> some View {
        let numbers = answers.filter { $0.role == .answer && Int($0.label) != nil }
        if !numbers.isEmpty {
            LazyVGrid(columns: [GridItem(.adaptive(minimum: 44))]) {
                ForEach(numbers, id: \.self) { button($0).buttonStyle(.bordered) }
            }
        }
        ForEach(answers.filter { !numbers.contains($0) }, id: \.self) { button($0) }
    }

    @ViewBuilder
    private func button(_ choice: Choice) -> some View {
        let action = {
            if choice.fields.isEmpty { choose(choice, []) } else { form = PendingForm(choice: choice) }
        }
        switch choice.role {
        case .primary:
            Button(choice.label, action: action).buttonStyle(.borderedProminent)
        case .endingLife:
            Button(choice.label, action: action).buttonStyle(.bordered).tint(.red)
        case .remove:
            Button(choice.label, role: .destructive, action: action)
        case .back:
            Button(choice.label, role: .cancel, action: action)
        case .reach:
            Button(action: action) { Label(choice.label, systemImage: "phone") }
        case .crisis:
            Button(action: action) { Label(choice.label, systemImage: "lifepreserver") }
        case .answer, .secondary:
            Button(choice.label, action: action)
        }
    }
}

private struct PendingForm: Identifiable {
    let choice: Choice
    var id: Choice { choice }
}

/// The fields a choice asks for, then the choice itself to send them.
private struct FormSheet: View {
    let choice: Choice
    let submit: @MainActor ([String]) -> Void
    let close: @MainActor () -> Void
    @State private var values: [String]

    init(choice: Choice, submit: @escaping @MainActor ([String]) -> Void, close: @escaping @MainActor () -> Void) {
        self.choice = choice
        self.submit = submit
        self.close = close
        _values = State(initialValue: Array(repeating: "", count: choice.fields.count))
    }

    var body: some View {
        NavigationStack {
            Form {
                ForEach(Array(choice.fields.enumerated()), id: \.offset) { n, field in
                    TextField(field.prompt, text: $values[n])
                }
                Button(choice.label) { submit(values) }.buttonStyle(.borderedProminent)
            }
            .toolbar {
                if let close = ShellWord.close.text {
                    ToolbarItem(placement: .cancellationAction) { Button(close, action: self.close) }
                }
            }
        }
    }
}

/// What a screen draws beyond words.
private struct DetailView: View {
    let detail: Detail
    let dark: Bool

    var body: some View {
        switch detail {
        case .none:
            EmptyView()
        case .timer(let timer):
            let goal = timer.startedAt...timer.startedAt.addingTimeInterval(timer.goal)
            VStack {
                Text(timerInterval: goal, countsDown: true).font(.largeTitle.monospacedDigit())
                ProgressView(timerInterval: goal, countsDown: false) { EmptyView() } currentValueLabel: { EmptyView() }
            }
        case .step(let step):
            if !dark {
                StepView(step: step)
            }
        case .progress(let progress):
            #if canImport(Charts)
            ProgressCharts(progress: progress)
            #else
            EmptyView()
            #endif
        }
    }
}

/// A guide's step: a breathing circle that grows on a breath in and
/// shrinks on a breath out, over the step's length, and how far along the
/// guide is. The words are the model's lines.
private struct StepView: View {
    let step: StepDetail
    @State private var grown = false

    var body: some View {
        VStack(spacing: 12) {
            if step.kind == .inhale || step.kind == .exhale || step.kind == .hold {
                Circle()
                    .fill(.tint.opacity(0.35))
                    .scaleEffect(grown ? 1 : 0.45)
                    .frame(width: 120, height: 120)
                    .accessibilityHidden(true)
                    .onAppear(perform: animate)
                    .onChange(of: step.index) { _, _ in animate() }
            }
            if let endsAt = step.endsAt, !step.paused {
                Text(timerInterval: Date()...max(Date(), endsAt), countsDown: true).monospacedDigit()
            }
            ProgressView(value: Double(step.index + 1), total: Double(max(step.count, 1)))
        }
        .frame(maxWidth: .infinity)
    }

    private func animate() {
        let length = step.length ?? 0
        switch step.kind {
        case .inhale: withAnimation(.easeInOut(duration: length)) { grown = true }
        case .exhale: withAnimation(.easeInOut(duration: length)) { grown = false }
        default: break
        }
    }
}

#if canImport(Charts)
/// The review's series: each week's urges, those that ended without
/// self-harm and the times of self-harm, then urges by hour and by weekday
/// (counts, never a forecast). The window is the model's: its choices
/// change it.
private struct ProgressCharts: View {
    let progress: ProgressDetail
    /// Chart labels (read by VoiceOver's audio graphs) are the core's words.
    private var period: String { progress.period }
    private var urges: String { ShellWord.urges.text ?? "" }

    var body: some View {
        Chart {
            ForEach(progress.weekly, id: \.from) { week in
                BarMark(x: .value(period, week.from, unit: .weekOfYear), y: .value(urges, Int(week.passedSafely)))
                    .foregroundStyle(by: .value(period, ShellWord.passedSafely.text ?? ""))
                BarMark(x: .value(period, week.from, unit: .weekOfYear), y: .value(urges, Int(week.selfHarm)))
                    .foregroundStyle(by: .value(period, ShellWord.selfHarm.text ?? ""))
                LineMark(x: .value(period, week.from, unit: .weekOfYear), y: .value(urges, Int(week.urges)))
                    .foregroundStyle(by: .value(period, ShellWord.urges.text ?? ""))
            }
        }
        .frame(minHeight: 180)
        .accessibilityLabel(progress.period)
        Chart(Array(progress.byHour.enumerated()), id: \.offset) { hour, count in
            BarMark(x: .value(period, hour), y: .value(urges, Int(count)))
        }
        .frame(minHeight: 120)
        .accessibilityLabel(ShellWord.urges.text ?? "")
        Chart(Array(progress.byWeekday.enumerated()), id: \.offset) { day, count in
            // Monday first, in the device's language.
            BarMark(x: .value(period, Calendar.current.shortWeekdaySymbols[(day + 1) % 7]), y: .value(urges, Int(count)))
        }
        .frame(minHeight: 120)
        .accessibilityLabel(ShellWord.urges.text ?? "")
    }
}
#endif
