import EbbBindings
import Foundation

/// Runs the core's flow for a shell: sends each event with its context,
/// publishes the model to show, carries out the effects through the
/// shell's platform layer (haptics, notifications, the dialler, VoiceOver,
/// saving a file) and wakes the flow when the core asks.
///
/// Screens render `model` (the heading, lines, question, sections,
/// choices and detail) and send the event of the choice the person picks;
/// they decide nothing. One driver per open store: the app, the widget's
/// intent and the watch app each hold one.
public actor FlowDriver {
    /// Waits a number of nanoseconds; replaceable so tests decide when
    /// time passes.
    public typealias Sleep = @Sendable (UInt64) async throws -> Void

    public nonisolated let companion: Companion
    private let shell: Shell
    private let playback: HapticPlayback
    private let sleep: Sleep
    private let publisher = StatePublisher<Model?>(nil)
    /// The pending wake, and its number: a wake that lost a race with a
    /// newer event finds a newer number and does nothing.
    private var wake: Task<Void, Never>?
    private var wakes = 0
    private var vibration: Task<Void, Never>?
    /// The last event sent, which the next one waits for.
    private var queue: Task<Model, any Error>?

    public init(
        companion: Companion, shell: Shell, sleep: @escaping Sleep = { try await Task.sleep(nanoseconds: $0) }
    ) {
        self.companion = companion
        self.shell = shell
        self.sleep = sleep
        playback = HapticPlayback(engine: shell.haptics)
    }

    /// The model on screen, nil before the first event.
    public nonisolated var model: Model? { publisher.current }
    /// The model on screen, then every new one.
    public nonisolated func models() -> AsyncStream<Model?> { publisher.stream() }

    /// The shell opened or came back to the front. `region` is the
    /// device's region (such as "GB"), offered as the country on first run.
    @discardableResult
    public func open(region: String?) async throws -> Model {
        try await send(.opened(region: region))
    }

    /// Sends what `choice` sends. For a choice that asks for fields,
    /// `values` are the person's words, one per field, in order.
    @discardableResult
    public func choose(_ choice: Choice, entering values: [String] = []) async throws -> Model {
        if case .entered(let form, _) = choice.event {
            return try await send(.entered(form: form, values: values))
        }
        return try await send(choice.event)
    }

    /// Sends one event: the model is published before anything else, then
    /// the effects are carried out in order and the next wake is set.
    ///
    /// Starting a timer, or choosing check-ins, is when the person learns
    /// why Ebb would notify: the OS permission is asked then (once; the OS
    /// remembers the answer), before the reminders are handed over. Opening
    /// onto a timer started elsewhere (the widget, which cannot ask) asks
    /// too.
    ///
    /// Events are handled one at a time, in the order sent, effects and
    /// all: a tap while the permission is asked waits its turn, so an old
    /// schedule never replaces a newer one.
    @discardableResult
    public func send(_ event: Event) async throws -> Model {
        let previous = queue
        let turn = Task {
            _ = await previous?.result
            return try await handle(event)
        }
        queue = turn
        return try await turn.value
    }

    private func handle(_ event: Event) async throws -> Model {
        let update = try companion.ebb.send(context: companion.context(), event: event)
        publisher.update { $0 = update.model }
        if Self.asksPermission(event, showing: update.model) {
            _ = await shell.notifications.requestPermission()
        }
        for effect in update.effects {
            await perform(effect)
        }
        schedule(wakeAt: update.wakeAt)
        return update.model
    }

    /// Stops timed wakes and haptics while the shell is in the background;
    /// the OS notifications the core scheduled take over. `open(region:)`
    /// picks up again.
    public func pause() {
        wakes += 1
        wake?.cancel()
        wake = nil
        vibration?.cancel()
        vibration = nil
    }

    static func asksPermission(_ event: Event, showing model: Model) -> Bool {
        switch event {
        case .startUrge: true
        case .setCadence(let cadence): cadence != .never
        case .opened: model.screen == .timer
        default: false
        }
    }

    private func perform(_ effect: Effect) async {
        switch effect {
        case .vibrate(let haptics):
            // A new step's haptics replace what the last one still had to play.
            vibration?.cancel()
            let playback = playback
            vibration = Task { await playback.play(haptics) }
        case .schedule(let reminders):
            // A schedule that fails leaves the screen right; the next event
            // hands the whole schedule over again.
            try? await shell.notifications.replaceAll(with: reminders)
        case .cancelNotifications:
            try? await shell.notifications.replaceAll(with: [])
        case .open(let action):
            _ = await shell.opener.open(action)
        case .announce(let text):
            await shell.announcer.announce(text)
        case .save(let fileName, let mimeType, let contents):
            await shell.saver.save(fileName: fileName, mimeType: mimeType, contents: contents)
        }
    }

    private func schedule(wakeAt: Date?) {
        wakes += 1
        wake?.cancel()
        wake = nil
        guard let wakeAt else { return }
        let number = wakes
        // Whole nanoseconds, at most a day: the core asks again on waking.
        let seconds = min(max(0, wakeAt.timeIntervalSince(companion.clock.now())), 86_400)
        let sleep = sleep
        wake = Task { [weak self] in
            do { try await sleep(UInt64(seconds * 1_000_000_000)) } catch { return }
            await self?.woke(number)
        }
    }

    private func woke(_ number: Int) async {
        guard number == wakes else { return }
        wake = nil
        // A wake that fails changes nothing; the person's next action
        // shows what is wrong.
        _ = try? await send(.tick)
    }
}
