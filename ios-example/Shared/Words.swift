// Labels for controls the core has no text for yet. Everything else the
// screens show (cues, steps, skills, reasons, crisis lines, acknowledgements,
// progress words) is the core's text. These keys mirror the core's content
// keys; the library does not export label text to shells yet.
import Foundation

enum Words {
    static let crisisHelp = String(localized: "safety.link.label", defaultValue: "Crisis help")
    static let start = String(localized: "urge.start", defaultValue: "Start the timer")
    static let howStrong = String(localized: "urge.ask.intensity", defaultValue: "How strong is the urge now, from 0 to 10?")
    static let endingLife = String(localized: "safety.ask.ending_life", defaultValue: "I am thinking about ending my life")
    static let end = String(localized: "urge.end", defaultValue: "End the timer")
    static let skills = String(localized: "skills.title", defaultValue: "Things that may help")
    static let progress = String(localized: "progress.title", defaultValue: "Your progress")
    static let done = String(localized: "guide.done", defaultValue: "Done")
    static let close = String(localized: "common.close", defaultValue: "Close")
}
