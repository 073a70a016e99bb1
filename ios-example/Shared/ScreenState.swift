// SwiftUI observes a FlowDriver's models through this adapter: it follows
// the driver's AsyncStream and republishes the newest model. (EbbKit's
// types are not @Observable: the Observation module does not link on the
// Linux toolchain its tests use.) `Launch` is what the app and the watch
// show first: the flow when the store opened, crisis help when it did not.
import EbbBindings
import EbbKit
import Observation
import SwiftUI

@MainActor @Observable
final class ScreenState {
    let driver: FlowDriver
    /// A file the core asked to save, waiting for the share sheet.
    let saves: SaveRequests
    private(set) var model: Model?

    init(driver: FlowDriver, saves: SaveRequests) {
        self.driver = driver
        self.saves = saves
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

/// The flow when the store opens; crisis help from the core's directory
/// (EbbKit's `StorelessCrisis`, which needs no store) when it does not.
/// Crisis help's back choice tries the store again.
@MainActor @Observable
final class Launch {
    enum Shown {
        case flow(ScreenState)
        case crisis(StorelessCrisis)
        /// Not even crisis help could be made (the library failed).
        case nothing
    }

    private(set) var shown: Shown = .nothing
    private let openFlow: @MainActor () throws -> ScreenState
    private let openCrisis: @MainActor () throws -> StorelessCrisis

    init(
        flow: @escaping @MainActor () throws -> ScreenState,
        crisis: @escaping @MainActor () throws -> StorelessCrisis
    ) {
        openFlow = flow
        openCrisis = crisis
        tryAgain()
    }

    /// Opens the store, or shows crisis help when it does not open.
    func tryAgain() {
        do {
            shown = .flow(try openFlow())
        } catch {
            shown = (try? openCrisis()).map(Shown.crisis) ?? .nothing
        }
    }

    /// Carries out a choice on crisis help without a store.
    func choose(_ choice: Choice, on crisis: StorelessCrisis) {
        Task {
            if await crisis.choose(choice) == .tryAgain { tryAgain() }
        }
    }
}

/// The root of the app and the watch app: the flow's screens, or crisis
/// help without a store, both drawn by `ScreenView`.
struct LaunchView<Flow: View>: View {
    let launch: Launch
    /// The flow's screens, given the open flow.
    @ViewBuilder let flow: (ScreenState) -> Flow

    var body: some View {
        switch launch.shown {
        case .flow(let screen):
            flow(screen).sheet(item: Bindable(screen.saves).pending) { file in SaveSheet(file: file) }
        case .crisis(let crisis):
            NavigationStack {
                ScreenView(model: crisis.model) { choice, _ in launch.choose(choice, on: crisis) }
            }
        case .nothing:
            EmptyView()
        }
    }
}

/// The file the core made, handed to the share sheet (Save to Files, or an
/// app the person picks); nothing is written until they choose.
private struct SaveSheet: View {
    let file: FileToSave
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        NavigationStack {
            ShareLink(item: file, preview: SharePreview(file.fileName)) {
                Label(file.fileName, systemImage: "square.and.arrow.up")
            }
            .toolbar {
                if let close = ShellWord.close.text {
                    ToolbarItem(placement: .cancellationAction) { Button(close) { dismiss() } }
                }
            }
        }
    }
}
