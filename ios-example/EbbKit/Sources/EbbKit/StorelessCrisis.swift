import EbbBindings
import Foundation

/// Crisis help when the store did not open (its key is gone, the file is
/// damaged, the disk is full): the core's model of the bundled lines for
/// the country kept beside the database (readable without the key), else
/// for the device's region. It needs no store, so it works when nothing
/// else does.
///
/// The model is drawn like any other. Its choices are the lines' calls and
/// messages, which open through the shell's `ActionOpener`, and back,
/// which is the shell's way on: trying the store again.
public struct StorelessCrisis: Sendable {
    /// What choosing something on the screen leads to.
    public enum Next: Sendable, Equatable {
        /// Stay on this screen (a call or a message was handed to the
        /// dialler or messages).
        case stay
        /// Try to open the store again.
        case tryAgain
    }

    /// The screen to show.
    public let model: Model
    private let opener: any ActionOpener

    /// The crisis screen for the database at `database` (nil where there
    /// is no place for one, such as a missing app group: the region
    /// decides). `region` is the device's region
    /// (`Locale.current.region?.identifier`).
    public init(
        database: URL?, region: String?, device: DeviceKind, platform: Platform?, opener: any ActionOpener,
        locale: String = Locale.current.identifier, clock: any WallClock = SystemWallClock()
    ) throws {
        model = try crisisWithoutStore(
            databasePath: database?.path ?? "", region: region,
            context: Companion.context(device: device, platform: platform, locale: locale, clock: clock))
        self.opener = opener
    }

    /// Carries out a choice the person picked on `model`.
    public func choose(_ choice: Choice) async -> Next {
        switch choice.event {
        case .reach(let action):
            // Where nothing opens it, the number is on the screen.
            _ = await opener.open(action)
            return .stay
        case .back:
            return .tryAgain
        default:
            // The core offers nothing else without a store.
            return .stay
        }
    }
}
