import Foundation

/// The keychain item that keeps the database key, as the dictionaries the
/// `SecItem` calls take. Pure, so it is built and tested everywhere; the
/// app, the widget and the watch app hand these dictionaries to
/// `SecItemCopyMatching` and `SecItemAdd` (`Shared/SharedStore.swift`).
///
/// The access group carries the app identifier prefix: the
/// `keychain-access-groups` entitlement is written
/// `$(AppIdentifierPrefix)app.ebb.shared`, and a query that names the
/// group without the prefix is refused with `errSecMissingEntitlement`
/// (-34018), so neither the app nor the widget could open the database.
///
/// Keys and values are the string values of the Security framework's
/// constants (`kSecClass` is "class", `kSecClassGenericPassword` "genp",
/// ...; see `SecurityKey`), which is what those constants are: a
/// dictionary built with either compares equal. Linux has no Security
/// framework, so these strings are what EbbKit can build and test here.
public struct KeychainItem: Sendable, Equatable {
    /// The group the app and the widget share, after the prefix.
    public static let sharedGroup = "app.ebb.shared"
    /// The item's service name.
    public static let service = "app.ebb.database-key"

    /// The full access group: the prefix, then `sharedGroup`.
    public let accessGroup: String

    /// `appIdentifierPrefix` is the team's `$(AppIdentifierPrefix)`, such
    /// as "A1B2C3D4E5." (the targets put it in their Info.plist under
    /// `EbbAppIdentifierPrefix`). A missing or unexpanded prefix is an
    /// error rather than a group the keychain would refuse.
    public init(appIdentifierPrefix: String) throws {
        let id = appIdentifierPrefix.dropLast()
        guard appIdentifierPrefix.hasSuffix("."), !id.isEmpty,
            id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { throw KeychainItemError.badAppIdentifierPrefix(appIdentifierPrefix) }
        accessGroup = appIdentifierPrefix + Self.sharedGroup
    }

    /// Finds the item and returns its data (`SecItemCopyMatching`).
    public func lookup() -> KeychainQuery {
        var query = identity
        query[SecurityKey.returnData] = .bool(true)
        query[SecurityKey.matchLimit] = .string(SecurityKey.matchLimitOne)
        return query
    }

    /// Adds the item holding `key` (`SecItemAdd`): readable after the
    /// first unlock, so the widget and notifications work while the phone
    /// is locked, and never leaving this device (no backup, no sync).
    public func addition(of key: Data) -> KeychainQuery {
        var item = identity
        item[SecurityKey.valueData] = .data(key)
        item[SecurityKey.accessible] = .string(SecurityKey.accessibleAfterFirstUnlockThisDeviceOnly)
        return item
    }

    private var identity: KeychainQuery {
        [
            SecurityKey.class: .string(SecurityKey.classGenericPassword),
            SecurityKey.service: .string(Self.service),
            SecurityKey.accessGroup: .string(accessGroup),
        ]
    }
}

public enum KeychainItemError: Error, Equatable {
    /// The Info.plist's app identifier prefix is missing or was not
    /// expanded at build time.
    case badAppIdentifierPrefix(String)
}

/// A keychain query: Security's keys and values by their string values.
public typealias KeychainQuery = [String: KeychainValue]

/// One value of a keychain query.
public enum KeychainValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case data(Data)

    /// As the `CFDictionary` the `SecItem` calls take.
    public var object: Any {
        switch self {
        case .string(let string): string
        case .bool(let bool): bool
        case .data(let data): data
        }
    }
}

extension Dictionary where Key == String, Value == KeychainValue {
    /// The query as `[String: Any]`, ready for `as CFDictionary`.
    public var dictionary: [String: Any] { mapValues(\.object) }
}

/// The string values of the Security framework's constants that
/// `KeychainItem` uses (from Security's SecItem.h); on Apple platforms
/// `kSecClass as String == SecurityKey.class` and so on.
public enum SecurityKey {
    public static let `class` = "class"  // kSecClass
    public static let classGenericPassword = "genp"  // kSecClassGenericPassword
    public static let service = "svce"  // kSecAttrService
    public static let accessGroup = "agrp"  // kSecAttrAccessGroup
    public static let accessible = "pdmn"  // kSecAttrAccessible
    public static let accessibleAfterFirstUnlockThisDeviceOnly = "cku"  // kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
    public static let returnData = "r_Data"  // kSecReturnData
    public static let matchLimit = "m_Limit"  // kSecMatchLimit
    public static let matchLimitOne = "m_LimitOne"  // kSecMatchLimitOne
    public static let valueData = "v_Data"  // kSecValueData
}
