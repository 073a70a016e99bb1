import EbbBindings

/// Words a shell draws outside the core's models, by the core's content
/// keys: a widget button, a sheet's close button, chart series. They come
/// from the core like every other word (`text(key:)` needs no open
/// store); the shells keep no English of their own.
public enum ShellWord: String, CaseIterable, Sendable {
    case close = "common.close"
    /// The widget's one button.
    case startTimer = "widget.start"
    case urges = "flow.progress.urges"
    case passedSafely = "flow.progress.passed_safely"
    case selfHarm = "flow.progress.self_harm"
    /// The watch's switch for haptics-only guides (screen dark, steps
    /// felt).
    case hapticsOnly = "watch.haptics_only"

    /// Keys the core does not have yet (asked for; see the README).
    public static let awaitingCoreWords: Set<ShellWord> = []

    /// The core's words for this key in the default language; nil only for
    /// `awaitingCoreWords`.
    public var text: String? { EbbBindings.text(key: rawValue) }
}
