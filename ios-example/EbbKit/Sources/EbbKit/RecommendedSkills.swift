import EbbBindings
import Foundation

/// The recommended skills screen: what to try now, best first, in the
/// core's order, each with the reason it is offered.
public actor RecommendedSkills {
    public struct State: Sendable, Equatable {
        public var suggestions: [SuggestionView] = []
        /// The need the list was chosen for, if the person said.
        public var need: Need?
    }

    private let companion: Companion
    private let publisher = StatePublisher(State())

    public init(companion: Companion) {
        self.companion = companion
    }

    public nonisolated var state: State { publisher.current }
    public nonisolated func states() -> AsyncStream<State> { publisher.stream() }

    /// Asks the core what to offer now. `inPublic` offers only discreet
    /// skills; `atHand` is what the person has nearby (ice, water, paper).
    public func refresh(
        need: Need? = nil, intensity: Int32? = nil, inPublic: Bool = false, atHand: [Requirement] = []
    ) async throws {
        let now = companion.clock.now()
        let suggestions = try companion.ebb.recommend(
            now: now, need: need, intensity: intensity, inPublic: inPublic, atHand: atHand,
            seed: Self.seed(now))
        publisher.update {
            $0.suggestions = suggestions
            $0.need = need
        }
    }

    /// Records that the person used `suggestion` and how it went.
    @discardableResult
    public func recordUse(
        of suggestion: SuggestionView, intensityBefore: Int32? = nil, intensityAfter: Int32? = nil,
        helped: Bool? = nil
    ) async throws -> String {
        let at = companion.moment()
        return try companion.ebb.recordSkillUse(
            now: at.now, utcOffsetSecs: at.utcOffsetSecs,
            skillUse: SkillUse(
                skill: suggestion.skillId, need: state.need, intensityBefore: intensityBefore,
                intensityAfter: intensityAfter, helped: helped))
    }

    /// The draw's seed: the time in milliseconds, so each visit may differ
    /// and a test clock repeats it.
    static func seed(_ now: Date) -> UInt64 {
        UInt64(max(0, now.timeIntervalSince1970 * 1000))
    }
}
