// SwiftUI observes a FlowDriver's models through this adapter: it follows
// the driver's AsyncStream and republishes the newest model. (EbbKit's
// types are not @Observable: the Observation module does not link on the
// Linux toolchain its tests use.)
import EbbBindings
import EbbKit
import Observation
import SwiftUI

@MainActor @Observable
final class ScreenState {
    let driver: FlowDriver
    private(set) var model: Model?

    init(driver: FlowDriver) {
        self.driver = driver
        model = driver.model
        let models = driver.models()
        Task { [weak self] in
            for await next in models { self?.model = next }
        }
    }

    /// Sends a choice the person picked; a failure leaves the screen as it
    /// was (the core changed nothing).
    func choose(_ choice: Choice, _ values: [String]) {
        let driver = driver
        Task { try? await driver.choose(choice, entering: values) }
    }

    /// The app came to the front, or went to the background.
    func phase(_ phase: ScenePhase) {
        let driver = driver
        switch phase {
        case .active: Task { try? await driver.open(region: Locale.current.region?.identifier) }
        case .background: Task { await driver.pause() }
        default: break
        }
    }
}

/// Crisis help when the store cannot be opened (its key is gone, the disk
/// is full): the core's directory needs no store.
struct CrisisWithoutStore: View {
    let screen: CrisisScreenView
    @Environment(\.openURL) private var openURL

    var body: some View {
        NavigationStack {
            List {
                Text(screen.intro)
                Text(screen.emergencyHint).font(.headline)
                if let note = screen.coverageNote { Text(note) }
                ForEach(screen.lines, id: \.self) { line in
                    Section(line.name) {
                        if let hours = line.hours { Text(hours) }
                        if let note = line.note { Text(note) }
                        ForEach(line.actions, id: \.self) { button in
                            Button(button.label) { if let url = button.action.url { openURL(url) } }
                        }
                    }
                }
            }
            .navigationTitle(screen.heading)
        }
    }
}
