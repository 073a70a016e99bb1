//! The bundled directory of crisis lines and emergency numbers.
//!
//! The table is plain Rust data ([`bundled`]), so a wrong entry is a compile
//! or test failure rather than a parse error at run time. It holds only
//! numbers and channels that were checked against an official source (the
//! service itself, a government body or a regulator); each entry names that
//! source and the date it was checked. `docs/CRISIS_LINES.md` lists what was
//! left out and why, and what must be checked again before each release.
//!
//! Numbers are kept in the form dialled inside the country, as written by
//! the service (`13 11 14`, `116 123`): short codes have no international
//! form, and freephone numbers usually cannot be reached from abroad anyway.
//! Service names are proper names and stay as the service writes them; every
//! other word about a line is a content key.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Action;
use super::phone::dial_form;
use crate::content::ContentKey;

/// A country, as an ISO 3166-1 alpha-2 code in capitals (`GB`, not `UK`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 2]);

/// A string that is not two ASCII letters.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a country is two letters (ISO 3166-1 alpha-2), got {0:?}")]
pub struct InvalidCountry(pub String);

impl CountryCode {
    /// United States.
    pub const US: CountryCode = CountryCode(*b"US");
    /// Canada.
    pub const CA: CountryCode = CountryCode(*b"CA");
    /// United Kingdom.
    pub const GB: CountryCode = CountryCode(*b"GB");
    /// Ireland.
    pub const IE: CountryCode = CountryCode(*b"IE");
    /// Australia.
    pub const AU: CountryCode = CountryCode(*b"AU");
    /// New Zealand.
    pub const NZ: CountryCode = CountryCode(*b"NZ");
    /// France.
    pub const FR: CountryCode = CountryCode(*b"FR");
    /// The Netherlands.
    pub const NL: CountryCode = CountryCode(*b"NL");
    /// Austria.
    pub const AT: CountryCode = CountryCode(*b"AT");
    /// Switzerland.
    pub const CH: CountryCode = CountryCode(*b"CH");
    /// Finland.
    pub const FI: CountryCode = CountryCode(*b"FI");
    /// Singapore.
    pub const SG: CountryCode = CountryCode(*b"SG");
    /// Norway.
    pub const NO: CountryCode = CountryCode(*b"NO");
    /// Portugal.
    pub const PT: CountryCode = CountryCode(*b"PT");
    /// Belgium.
    pub const BE: CountryCode = CountryCode(*b"BE");

    /// Two letters, any case; stored in capitals.
    pub fn new(code: &str) -> Result<Self, InvalidCountry> {
        match code.trim().as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Ok(Self([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => Err(InvalidCountry(code.to_owned())),
        }
    }

    /// The code, such as `"GB"`.
    pub fn as_str(&self) -> &str {
        // Always two ASCII capitals, by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// Whether the country is a member state of the European Union, where
    /// 112 reaches emergency services.
    pub fn is_eu_member(self) -> bool {
        EU_MEMBERS.contains(&self)
    }
}

/// The 27 member states of the European Union.
const EU_MEMBERS: [CountryCode; 27] = [
    CountryCode(*b"AT"),
    CountryCode(*b"BE"),
    CountryCode(*b"BG"),
    CountryCode(*b"HR"),
    CountryCode(*b"CY"),
    CountryCode(*b"CZ"),
    CountryCode(*b"DK"),
    CountryCode(*b"EE"),
    CountryCode(*b"FI"),
    CountryCode(*b"FR"),
    CountryCode(*b"DE"),
    CountryCode(*b"GR"),
    CountryCode(*b"HU"),
    CountryCode(*b"IE"),
    CountryCode(*b"IT"),
    CountryCode(*b"LV"),
    CountryCode(*b"LT"),
    CountryCode(*b"LU"),
    CountryCode(*b"MT"),
    CountryCode(*b"NL"),
    CountryCode(*b"PL"),
    CountryCode(*b"PT"),
    CountryCode(*b"RO"),
    CountryCode(*b"SK"),
    CountryCode(*b"SI"),
    CountryCode(*b"ES"),
    CountryCode(*b"SE"),
];

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_str())
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CountryCode {
    type Err = InvalidCountry;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::new(&raw).map_err(serde::de::Error::custom)
    }
}

/// Where a bundled entry applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// One country.
    Country(CountryCode),
    /// Every member state of the European Union (the 112 fallback).
    EuropeanUnion,
}

/// What kind of help a line gives, in the order they are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum LineKind {
    /// A line for people in crisis or thinking about suicide.
    Crisis,
    /// An urgent mental health line run by the health service.
    UrgentMentalHealth,
    /// A general mental health support line.
    Support,
    /// Emergency services: ambulance, police, fire.
    Emergency,
}

impl LineKind {
    /// How the kind is named on a card.
    pub fn label(self) -> ContentKey {
        ContentKey::new(match self {
            LineKind::Crisis => "safety.line.kind.crisis",
            LineKind::UrgentMentalHealth => "safety.line.kind.urgent",
            LineKind::Support => "safety.line.kind.support",
            LineKind::Emergency => "safety.line.kind.emergency",
        })
    }
}

/// When a line answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hours {
    /// Day and night, every day.
    Always,
}

impl Hours {
    /// How the hours are shown.
    pub fn label(self) -> ContentKey {
        match self {
            Hours::Always => ContentKey::new("safety.line.hours.always"),
        }
    }
}

/// One way to reach a bundled line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Channel {
    /// A call, to the number as dialled in the country.
    Call {
        /// The number as the service writes it.
        number: &'static str,
    },
    /// A text message. Texts to short codes only work from a phone on a
    /// network in that country.
    Text {
        /// The number or short code as the service writes it.
        number: &'static str,
        /// The word the service asks the first message to be, if any.
        keyword: Option<&'static str>,
    },
    /// A chat on the service's website.
    Chat {
        /// The page.
        url: &'static str,
    },
}

impl Channel {
    /// What a shell opens for this channel. Ebb never sends anything itself.
    pub fn action(self) -> Action {
        match self {
            Channel::Call { number } => Action::Call {
                number: dial_form(number),
            },
            Channel::Text { number, keyword } => Action::Text {
                number: dial_form(number),
                body: keyword.unwrap_or_default().to_owned(),
            },
            Channel::Chat { url } => Action::OpenUrl {
                url: url.to_owned(),
            },
        }
    }
}

/// How far an entry was checked against official sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Checked {
    /// Every channel listed is stated by the service or an official body.
    Official,
    /// The main number is official; a channel or the hours were confirmed only
    /// by a government-funded or secondary source (see `docs/CRISIS_LINES.md`).
    Partly,
}

/// One bundled crisis line or emergency number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CrisisLine {
    /// A stable id such as `gb-samaritans`.
    pub id: &'static str,
    /// Where it applies.
    pub region: Region,
    /// The service's name, as it writes it.
    pub name: &'static str,
    /// What kind of help it gives.
    pub kind: LineKind,
    /// Ways to reach it: calls first, then texts, then chat.
    pub channels: &'static [Channel],
    /// When it answers.
    pub hours: Hours,
    /// Something to know before calling (such as which option to choose).
    pub note: Option<ContentKey>,
    /// The official page the entry was checked against (https).
    pub source: &'static str,
    /// When it was last checked.
    pub checked: NaiveDate,
    /// How far it was checked.
    pub checked_how: Checked,
}

impl CrisisLine {
    /// What a shell can open for each channel, in order.
    pub fn actions(&self) -> Vec<Action> {
        self.channels.iter().map(|c| c.action()).collect()
    }
}

/// The day the entries from the first research pass were checked, against
/// stored copies of the official pages (see `docs/CRISIS_LINES.md`).
const CHECKED: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 27) {
    Some(d) => d,
    None => panic!("not a date"),
};

/// The day the second research pass (more countries, the UK's 112) was
/// checked, likewise against stored copies.
const CHECKED_SECOND_PASS: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 2) {
    Some(d) => d,
    None => panic!("not a date"),
};

/// The dates the research passes were made, oldest first: every entry's
/// `checked` is one of them.
pub const RESEARCH_PASSES: [NaiveDate; 2] = [CHECKED, CHECKED_SECOND_PASS];

const fn call(number: &'static str) -> Channel {
    Channel::Call { number }
}

const fn text(number: &'static str, keyword: Option<&'static str>) -> Channel {
    Channel::Text { number, keyword }
}

const fn line(
    id: &'static str,
    region: Region,
    name: &'static str,
    kind: LineKind,
    channels: &'static [Channel],
    source: &'static str,
    checked_how: Checked,
) -> CrisisLine {
    CrisisLine {
        id,
        region,
        name,
        kind,
        channels,
        hours: Hours::Always,
        note: None,
        source,
        checked: CHECKED,
        checked_how,
    }
}

const fn in_(c: CountryCode) -> Region {
    Region::Country(c)
}

/// An entry from the second research pass.
const fn second_pass(line: CrisisLine) -> CrisisLine {
    CrisisLine {
        checked: CHECKED_SECOND_PASS,
        ..line
    }
}

const fn with_note(note: &'static str, line: CrisisLine) -> CrisisLine {
    CrisisLine {
        note: Some(ContentKey::new(note)),
        ..line
    }
}

use Checked::{Official, Partly};
use LineKind::{Crisis, Emergency, Support, UrgentMentalHealth};

static BUNDLED: [CrisisLine; 29] = [
    // United States
    line(
        "us-988",
        in_(CountryCode::US),
        "988 Suicide & Crisis Lifeline",
        Crisis,
        &[
            call("988"),
            text("988", None),
            Channel::Chat {
                url: "https://988lifeline.org",
            },
        ],
        "https://www.samhsa.gov/find-help/988/faqs",
        Official,
    ),
    line(
        "us-911",
        in_(CountryCode::US),
        "911",
        Emergency,
        &[call("911")],
        "https://www.fcc.gov/consumers/guides/text-911-quick-facts-faqs",
        Official,
    ),
    // Canada
    line(
        "ca-988",
        in_(CountryCode::CA),
        "9-8-8: Suicide Crisis Helpline",
        Crisis,
        &[call("988"), text("988", None)],
        "https://crtc.gc.ca/eng/archive/2022/2022-234.htm",
        Official,
    ),
    line(
        "ca-911",
        in_(CountryCode::CA),
        "9-1-1",
        Emergency,
        &[call("911")],
        "https://crtc.gc.ca/eng/phone/911/can.htm",
        Official,
    ),
    // United Kingdom
    line(
        "gb-samaritans",
        in_(CountryCode::GB),
        "Samaritans",
        Crisis,
        &[call("116 123")],
        "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
        Official,
    ),
    line(
        "gb-shout",
        in_(CountryCode::GB),
        "Shout",
        Crisis,
        &[text("85258", Some("SHOUT"))],
        "https://giveusashout.org/about-us/faq",
        Official,
    ),
    CrisisLine {
        note: Some(ContentKey::new("safety.line.note.nhs_111")),
        ..line(
            "gb-nhs-111",
            in_(CountryCode::GB),
            "NHS 111",
            UrgentMentalHealth,
            &[call("111")],
            "https://www.cntw.nhs.uk/need-help-now",
            Official,
        )
    },
    // 999 and 112 reach the same service; gov.uk names both (second pass).
    second_pass(line(
        "gb-999-112",
        in_(CountryCode::GB),
        "999 or 112",
        Emergency,
        &[call("999"), call("112")],
        "https://www.gov.uk/guidance/999-and-112-the-uks-national-emergency-numbers",
        Official,
    )),
    // Ireland
    line(
        "ie-samaritans",
        in_(CountryCode::IE),
        "Samaritans Ireland",
        Crisis,
        &[call("116 123")],
        "https://samaritans.org/samaritans-ireland/about/strategic-delivery-plan/about-samaritans-in-ireland",
        Official,
    ),
    line(
        "ie-112-999",
        in_(CountryCode::IE),
        "112 or 999",
        Emergency,
        &[call("112"), call("999")],
        "https://www2.hse.ie/emergencies/when-to-call-112-or-999/",
        Official,
    ),
    // Australia
    line(
        "au-lifeline",
        in_(CountryCode::AU),
        "Lifeline",
        Crisis,
        &[call("13 11 14"), text("0477 13 11 14", None)],
        "https://www.healthdirect.gov.au/mental-health-crisis-support",
        Partly,
    ),
    line(
        "au-suicide-call-back",
        in_(CountryCode::AU),
        "Suicide Call Back Service",
        Crisis,
        &[call("1300 659 467")],
        "https://www.healthdirect.gov.au/mental-health-crisis-support",
        Partly,
    ),
    line(
        "au-beyond-blue",
        in_(CountryCode::AU),
        "Beyond Blue",
        Support,
        &[call("1300 22 4636")],
        "https://www.health.vic.gov.au/mental-health-services/telephone-and-online-services",
        Official,
    ),
    line(
        "au-000",
        in_(CountryCode::AU),
        "Triple Zero (000)",
        Emergency,
        &[call("000")],
        "https://www.acma.gov.au/emergency-calls",
        Official,
    ),
    // New Zealand
    line(
        "nz-1737",
        in_(CountryCode::NZ),
        "1737, Need to talk?",
        Crisis,
        &[call("1737"), text("1737", None)],
        "https://www.health.govt.nz/news-media/news-items/phone-counselling-service-busy-following-christchurch-tragedy",
        Official,
    ),
    line(
        "nz-lifeline",
        in_(CountryCode::NZ),
        "Lifeline Aotearoa",
        Crisis,
        &[text("4357", None)],
        "https://www.scoop.co.nz/stories/GE1803/S00053/lifeline-expands-to-offer-text-support-for-those-in-distress.htm",
        Partly,
    ),
    line(
        "nz-111",
        in_(CountryCode::NZ),
        "111",
        Emergency,
        &[call("111")],
        "https://www.police.govt.nz/contact-us/calling-emergency-111",
        Official,
    ),
    // France
    line(
        "fr-3114",
        in_(CountryCode::FR),
        "3114",
        Crisis,
        &[call("3114")],
        "https://3114.fr/que-se-passe-t-il-quand-je-contacte-le-3114/",
        Official,
    ),
    // The Netherlands
    second_pass(line(
        "nl-113",
        in_(CountryCode::NL),
        "113 Zelfmoordpreventie",
        Crisis,
        &[
            call("113"),
            call("0800-0113"),
            Channel::Chat {
                url: "https://www.113.nl",
            },
        ],
        "https://www.113.nl/qa-nummerwijziging-113-en-gratis-nummer-0800-0113",
        Partly,
    )),
    // Austria
    second_pass(line(
        "at-142",
        in_(CountryCode::AT),
        "TelefonSeelsorge, Notruf 142",
        Crisis,
        &[call("142")],
        "https://www.ots.at/presseaussendung/OTM_20230425_OTM0006/telefonseelsorge-seit-25-jahren-amtlicher-notruf-fuer-die-seele",
        Official,
    )),
    // Switzerland
    second_pass(line(
        "ch-143",
        in_(CountryCode::CH),
        "Tel 143, Die Dargebotene Hand",
        Crisis,
        &[call("143")],
        "https://winterthur.143.ch/Beratung/Beratungsangebot/Copy_of_Nacht",
        Official,
    )),
    second_pass(line(
        "ch-144",
        in_(CountryCode::CH),
        "144",
        Emergency,
        &[call("144")],
        "https://stadt-zuerich.ch/web/de/stadtleben/notfall/notrufe/notruf-144.html",
        Official,
    )),
    // Finland
    second_pass(with_note(
        "safety.line.note.fi_mieli",
        line(
            "fi-mieli",
            in_(CountryCode::FI),
            "MIELI Crisis Helpline",
            Crisis,
            &[call("09 2525 0111")],
            "https://mieli.fi/helpline",
            Partly,
        ),
    )),
    // Singapore
    second_pass(line(
        "sg-mindline-1771",
        in_(CountryCode::SG),
        "national mindline 1771",
        Support,
        &[
            call("1771"),
            Channel::Chat {
                url: "https://mindline.sg/fsmh",
            },
        ],
        "https://www.moh.gov.sg/newsroom/national-mindline-1771-to-provide--round-the-clock-support-for-mental-health",
        Official,
    )),
    second_pass(line(
        "sg-995",
        in_(CountryCode::SG),
        "995",
        Emergency,
        &[call("995")],
        "https://www.scdf.gov.sg/home/about-us/information-on-ems/scdf-emergency-medical-services",
        Official,
    )),
    // Norway
    second_pass(line(
        "no-kirkens-sos",
        in_(CountryCode::NO),
        "Kirkens SOS",
        Crisis,
        &[call("22 40 00 40")],
        "https://www.girku-sos.no/nordsamisk/telefon",
        Official,
    )),
    second_pass(line(
        "no-113",
        in_(CountryCode::NO),
        "113",
        Emergency,
        &[call("113")],
        "https://www.hareid.kommune.no/tenester/helse-og-omsorg/helse-og-koordinerande-eining/psykisk-helse-og-rus/sjolvmordstankar-og-sjolvmord/er-du-uroa-for-at-nokon-tenkjer-a-ta-livet-sitt/",
        Official,
    )),
    // Portugal
    second_pass(with_note(
        "safety.line.note.pt_sns24",
        line(
            "pt-sns24",
            in_(CountryCode::PT),
            "SNS 24",
            UrgentMentalHealth,
            &[call("808 24 24 24")],
            "https://www.sns24.gov.pt/en/servico/aconselhamento-psicologico-no-sns-24/",
            Official,
        ),
    )),
    // Belgium
    second_pass(with_note(
        "safety.line.note.be_1813",
        line(
            "be-1813",
            in_(CountryCode::BE),
            "Zelfmoordlijn 1813",
            Crisis,
            &[call("1813")],
            "https://zelfmoordlijn1813.be/over-deze-website-en-de-organisaties",
            Partly,
        ),
    )),
];

/// The single European emergency number, also the fallback where Ebb has no
/// checked lines.
static EU_112: CrisisLine = line(
    "eu-112",
    Region::EuropeanUnion,
    "112",
    Emergency,
    &[call("112")],
    "https://www2.hse.ie/emergencies/when-to-call-112-or-999/",
    Official,
);

/// Every bundled entry: the per-country lines, then the EU-wide 112.
pub fn bundled() -> impl Iterator<Item = &'static CrisisLine> {
    BUNDLED.iter().chain(std::iter::once(&EU_112))
}

/// The countries with lines of their own in the table, in table order.
pub fn countries() -> Vec<CountryCode> {
    let mut out: Vec<CountryCode> = Vec::new();
    for line in &BUNDLED {
        if let Region::Country(c) = line.region
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out
}

/// How well Ebb knows a country's lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Checked crisis lines and an emergency number.
    Full,
    /// An emergency number only (such as an EU country with no checked
    /// crisis line).
    EmergencyOnly,
    /// Nothing checked for this country, or no country chosen: 112 and a note
    /// to use the local emergency number.
    Fallback,
}

impl Coverage {
    /// A few words to show above the lines, when some are missing.
    pub fn note(self) -> Option<ContentKey> {
        match self {
            Coverage::Full => None,
            Coverage::EmergencyOnly => Some(ContentKey::new("safety.directory.emergency_only")),
            Coverage::Fallback => Some(ContentKey::new("safety.directory.fallback")),
        }
    }
}

/// The bundled lines for a country, ordered crisis lines first and
/// emergency numbers last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LocalLines {
    /// The country asked about.
    pub country: Option<CountryCode>,
    /// The lines, never empty: there is always an emergency number.
    pub lines: Vec<&'static CrisisLine>,
    /// How complete they are.
    pub coverage: Coverage,
}

/// The bundled lines for `country`. A country with lines of its own gets
/// them (with 112 added for an EU country whose entry lacks an emergency
/// number); another EU country gets 112; anything else, or no country, gets
/// the 112 fallback with a note to use the local emergency number.
pub fn lines_for(country: Option<CountryCode>) -> LocalLines {
    let own: Vec<&'static CrisisLine> = match country {
        Some(c) => BUNDLED
            .iter()
            .filter(|l| l.region == Region::Country(c))
            .collect(),
        None => Vec::new(),
    };
    let eu = country.is_some_and(CountryCode::is_eu_member);
    let coverage = if own.iter().any(|l| l.kind != Emergency) {
        Coverage::Full
    } else if eu || !own.is_empty() {
        Coverage::EmergencyOnly
    } else {
        Coverage::Fallback
    };
    let mut lines = own;
    if !lines.iter().any(|l| l.kind == Emergency) {
        lines.push(&EU_112);
    }
    lines.sort_by_key(|l| l.kind);
    LocalLines {
        country,
        lines,
        coverage,
    }
}
