import EbbBindings
import Foundation

/// The urge timer screen: start, check in, extend, end, and the cues of the
/// running session. The session lives in the database, not here: after the
/// app is killed, `resume()` finds it again.
public actor UrgeTimer {
    public struct State: Sendable, Equatable {
        /// The running session, as the core last described it.
        public var session: UrgeView?
        /// When the goal is reached, for a ticking `Text(timerInterval:)`.
        public var goalAt: Date?
        /// Cues delivered in this session, oldest first.
        public var cues: [CueView] = []
        /// What to show next, when the core asked for something (the crisis
        /// screen first, an offer to reach someone, care information).
        public var next: NextScreen?
        /// How the last session ended, once it has.
        public var ended: EndedView?
    }

    private let companion: Companion
    private let publisher = StatePublisher(State())

    public init(companion: Companion) {
        self.companion = companion
    }

    /// The current state.
    public nonisolated var state: State { publisher.current }
    /// The current state, then every change.
    public nonisolated func states() -> AsyncStream<State> { publisher.stream() }

    /// Comes back to a running session (on launch, after a notification):
    /// delivers what fell due while away and refreshes the schedule.
    public func resume() async throws {
        let ebb = companion.ebb
        let now = companion.clock.now()
        let session = try ebb.activeUrge(now: now)
        let due = session == nil ? [] : try ebb.advance(now: now)
        publisher.update {
            $0.session = session
            $0.goalAt = session.map(Self.goalAt)
            $0.cues += due
        }
        try await companion.rescheduleNotifications()
    }

    /// Starts a session, or returns the one already running. `goalMinutes`
    /// nil takes the goal the core suggests; the check-in pace comes from
    /// the person's settings.
    @discardableResult
    public func start(
        from source: Source, intensity: Int32? = nil, need: Need? = nil, goalMinutes: Int32? = nil
    ) async throws -> UrgeView {
        let ebb = companion.ebb
        let at = companion.moment()
        let request = UrgeRequest(
            source: source, intensity: intensity, need: need, goalMinutes: goalMinutes,
            cadence: try ebb.settings().cadence)
        let session = try ebb.startUrge(now: at.now, utcOffsetSecs: at.utcOffsetSecs, request: request)
        publisher.update {
            if !session.resumed { $0 = State() }
            $0.session = session
            $0.goalAt = Self.goalAt(session)
        }
        try await companion.rescheduleNotifications()
        return session
    }

    /// The person's answer at a check-in: how strong the urge is, and
    /// whether they are thinking about ending their life (which always
    /// brings the crisis screen first).
    @discardableResult
    public func checkIn(intensity: Int32?, thinkingOfEndingLife: Bool = false) async throws -> NextScreen {
        let ebb = companion.ebb
        let at = companion.moment()
        let result = try ebb.answer(
            now: at.now, utcOffsetSecs: at.utcOffsetSecs, intensity: intensity,
            thinkingOfEndingLife: thinkingOfEndingLife)
        let session = try ebb.activeUrge(now: at.now)
        publisher.update {
            $0.session = session
            $0.cues += result.cues
            $0.next = Self.shown(result.next)
        }
        try await companion.rescheduleNotifications()
        return result.next
    }

    /// Makes the goal longer.
    public func extend(toMinutes goalMinutes: Int32) async throws {
        let at = companion.moment()
        let session = try companion.ebb.extendUrge(
            now: at.now, utcOffsetSecs: at.utcOffsetSecs, goalMinutes: goalMinutes)
        publisher.update {
            $0.session = session
            $0.goalAt = Self.goalAt(session)
        }
        try await companion.rescheduleNotifications()
    }

    /// Ends the session with how it went; pending notifications go.
    @discardableResult
    public func end(_ outcome: Outcome) async throws -> EndedView {
        let at = companion.moment()
        let ended = try companion.ebb.endUrge(now: at.now, utcOffsetSecs: at.utcOffsetSecs, outcome: outcome)
        publisher.update {
            $0.session = nil
            $0.goalAt = nil
            $0.ended = ended
            $0.next = Self.shown(ended.next)
        }
        try await companion.rescheduleNotifications()
        return ended
    }

    /// The person closed what `next` showed.
    public func dismissNext() {
        publisher.update { $0.next = nil }
    }

    /// While the timer is on screen: adds each cue as it falls due. Returns
    /// when the session ends or the calling task is cancelled.
    public func followCues() async throws {
        for await cue in try companion.ebb.urgeCues() {
            publisher.update { $0.cues.append(cue) }
        }
        let session = try companion.ebb.activeUrge(now: companion.clock.now())
        publisher.update {
            $0.session = session
            $0.goalAt = session.map(Self.goalAt)
        }
    }

    private static func goalAt(_ session: UrgeView) -> Date {
        session.startedAt.addingTimeInterval(session.goal)
    }

    /// `.continue` asks nothing of the screen.
    private static func shown(_ next: NextScreen) -> NextScreen? {
        if case .continue = next { return nil }
        return next
    }
}
