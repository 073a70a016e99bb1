//! Phone numbers a person types in for their own people and lines.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A phone number as the person wrote it, checked loosely: digits, spaces,
/// `-`, parentheses and one leading `+`, with at least three digits. Numbers
/// differ too much between countries to check more without a numbering
/// database, and a short local code (a therapist's extension, a campus line)
/// must still fit. Stored trimmed, shown as written, dialled as
/// [`PhoneNumber::dial`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber(String);

/// Why a phone number was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Nothing but whitespace.
    #[error("a phone number is needed")]
    Empty,
    /// A character other than digits, spaces, `-`, parentheses or a leading `+`.
    #[error("a phone number has only digits, spaces, +, - and parentheses, got {0:?}")]
    BadCharacter(char),
    /// A `+` that is not the first character.
    #[error("a + can only start a phone number")]
    PlusNotFirst,
    /// Fewer than [`PhoneNumber::MIN_DIGITS`] digits.
    #[error("a phone number has at least {min} digits, got {got}", min = PhoneNumber::MIN_DIGITS)]
    TooFewDigits {
        /// How many digits there were.
        got: usize,
    },
    /// Longer than [`PhoneNumber::MAX_CHARS`].
    #[error("a phone number is at most {max} characters, got {got}", max = PhoneNumber::MAX_CHARS)]
    TooLong {
        /// How many characters there were.
        got: usize,
    },
}

impl PhoneNumber {
    /// The fewest digits a number can have (short codes such as 911 have three).
    pub const MIN_DIGITS: usize = 3;
    /// The longest number as written, spaces included.
    pub const MAX_CHARS: usize = 32;

    /// Checks and trims a number.
    pub fn new(raw: &str) -> Result<Self, PhoneError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(PhoneError::Empty);
        }
        let chars = s.chars().count();
        if chars > Self::MAX_CHARS {
            return Err(PhoneError::TooLong { got: chars });
        }
        for (i, c) in s.chars().enumerate() {
            match c {
                '0'..='9' | ' ' | '-' | '(' | ')' => {}
                '+' if i == 0 => {}
                '+' => return Err(PhoneError::PlusNotFirst),
                other => return Err(PhoneError::BadCharacter(other)),
            }
        }
        let digits = s.chars().filter(char::is_ascii_digit).count();
        if digits < Self::MIN_DIGITS {
            return Err(PhoneError::TooFewDigits { got: digits });
        }
        Ok(Self(s.to_owned()))
    }

    /// The number as the person wrote it (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What a dialler gets: the leading `+` and the digits, nothing else.
    pub fn dial(&self) -> String {
        dial_form(&self.0)
    }
}

/// Keeps a leading `+` and the digits of `written`.
pub(super) fn dial_form(written: &str) -> String {
    written
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneNumber({:?})", self.0)
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for PhoneNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PhoneNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::new(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_ways_of_writing_a_number() {
        for ok in [
            "911",
            "+44 20 7946 0000",
            "(555) 123-4567",
            " 0800 543 354 ",
        ] {
            assert!(PhoneNumber::new(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            PhoneNumber::new(" (555) 123-4567 ").unwrap().dial(),
            "5551234567"
        );
        assert_eq!(PhoneNumber::new("+1 555").unwrap().dial(), "+1555");
    }

    #[test]
    fn refuses_what_cannot_be_dialled() {
        assert_eq!(PhoneNumber::new("  "), Err(PhoneError::Empty));
        assert_eq!(
            PhoneNumber::new("12"),
            Err(PhoneError::TooFewDigits { got: 2 })
        );
        assert_eq!(PhoneNumber::new("12+3"), Err(PhoneError::PlusNotFirst));
        assert_eq!(
            PhoneNumber::new("555-CALL"),
            Err(PhoneError::BadCharacter('C'))
        );
        assert!(matches!(
            PhoneNumber::new(&"1".repeat(40)),
            Err(PhoneError::TooLong { got: 40 })
        ));
    }
}
