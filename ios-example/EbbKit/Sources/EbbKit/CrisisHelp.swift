import EbbBindings
import Foundation

/// Crisis help, one tap from every screen: the person's safety plan, their
/// people and crisis lines. Deliberately synchronous and shared by every
/// screen, so the button never waits on anything else. Nothing here
/// contacts anyone: each action opens the dialler, messages or a page.
public final class CrisisHelp: Sendable {
    public struct State: Sendable, Equatable {
        /// The screen, while it is shown.
        public var screen: CrisisScreenView?
    }

    private let ebb: Ebb
    private let publisher = StatePublisher(State())

    public init(companion: Companion) {
        ebb = companion.ebb
    }

    public var state: State { publisher.current }
    public func states() -> AsyncStream<State> { publisher.stream() }

    /// Opens the crisis screen (the one tap). Its lines are never empty:
    /// without a country or a plan the core falls back to emergency numbers.
    @discardableResult
    public func open() throws -> CrisisScreenView {
        let screen = try ebb.crisisScreen()
        publisher.update { $0.screen = screen }
        return screen
    }

    /// Shows a crisis screen the core put first (after an answer or an
    /// outcome).
    public func show(_ next: NextScreen) {
        if case .crisisFirst(let screen) = next {
            publisher.update { $0.screen = screen }
        }
    }

    public func close() {
        publisher.update { $0.screen = nil }
    }
}

/// The safety plan screen: Stanley–Brown's steps as the core lays them
/// out, edited one change at a time.
public actor SafetyPlanEditor {
    public struct State: Sendable, Equatable {
        public var plan: SafetyPlanView?
    }

    private let companion: Companion
    private let publisher = StatePublisher(State())

    public init(companion: Companion) {
        self.companion = companion
    }

    public nonisolated var state: State { publisher.current }
    public nonisolated func states() -> AsyncStream<State> { publisher.stream() }

    public func load() throws {
        let plan = try companion.ebb.safetyPlan()
        publisher.update { $0.plan = plan }
    }

    /// Applies and saves one change; invalid input changes nothing.
    public func apply(_ change: PlanChange) throws {
        let at = companion.moment()
        let plan = try companion.ebb.editSafetyPlan(now: at.now, utcOffsetSecs: at.utcOffsetSecs, change: change)
        publisher.update { $0.plan = plan }
    }
}
