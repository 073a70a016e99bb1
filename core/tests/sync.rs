//! Device sync between real encrypted logs: watch and phone see each
//! other's history, deletions erase everywhere, bad payloads change nothing,
//! and any order of exchanges between any number of devices (with lost,
//! repeated and late messages) converges to one log and one progress review.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use ebb_core::progress::{ReviewOptions, Window};
use ebb_core::safety::{EntryList, PlanEdit};
use ebb_core::settings::{Setting, Settings};
use ebb_core::skills::PersonalSkillDraft;
use ebb_core::store::{
    DatabaseKey, EventId, OpenOptions, Payload, PlanItem, SYNC_VERSION, SkillUseRecord, Store,
    StoreError, SyncError, SyncReport,
};
use ebb_core::urge::{CheckInCadence, DelayGoal, Intensity, Need, Outcome, Source, StartOptions};
use proptest::prelude::*;

fn key() -> DatabaseKey {
    DatabaseKey::new([9; 32])
}

fn at(minutes: i64) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600).unwrap().from_utc_datetime(
        &Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
            .unwrap()
            .naive_utc(),
    ) + chrono::Duration::minutes(minutes)
}

fn open(path: &Path) -> Store {
    Store::open(path, &key(), OpenOptions::default()).unwrap()
}

fn start() -> StartOptions {
    StartOptions {
        source: Source::Watch,
        intensity: Some(Intensity::new(7).unwrap()),
        need: Some(Need::TooMuch),
        goal: DelayGoal::FIFTEEN_MINUTES,
        cadence: CheckInCadence::EveryFiveMinutes,
        utc_offset_secs: 3600,
    }
}

/// One whole urge session from `minute` on; returns its id.
fn session(store: &mut Store, minute: i64, outcome: Outcome) -> EventId {
    let id = store.start_urge(at(minute), start()).unwrap().id;
    store
        .check_in(at(minute + 2), Intensity::new(5).unwrap())
        .unwrap();
    store
        .record_skill(
            at(minute + 3),
            SkillUseRecord {
                skill: "paced_breathing".into(),
                need: Some(Need::TooMuch),
                intensity_before: None,
                intensity_after: None,
                helped: Some(true),
            },
        )
        .unwrap();
    store.end_urge(at(minute + 10), outcome).unwrap();
    id
}

/// One round: `to` asks, `from` answers, `to` merges.
fn pull(to: &mut Store, from: &Store) -> SyncReport {
    let request = to.sync_request().unwrap();
    let answer = from.sync_answer(&request).unwrap();
    to.sync_merge(&answer).unwrap()
}

fn review(store: &Store) -> ebb_core::progress::Review {
    store
        .progress(
            at(60 * 24 * 30).to_utc(),
            ReviewOptions {
                window: Window::AllTime,
                show_days_without: true,
            },
        )
        .unwrap()
}

/// The log as a set: id to (erased, the whole event).
fn log(store: &Store) -> BTreeMap<EventId, String> {
    store
        .events()
        .unwrap()
        .into_iter()
        .map(|e| (e.id, serde_json::to_string(&e).unwrap()))
        .collect()
}

/// The database file and its WAL, as bytes.
fn file_bytes(path: &Path) -> Vec<Vec<u8>> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    [path.to_owned(), PathBuf::from(wal)]
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_default())
        .collect()
}

struct Pair {
    _dir: tempfile::TempDir,
    phone: PathBuf,
    watch: PathBuf,
}

fn pair() -> Pair {
    let dir = tempfile::tempdir().unwrap();
    Pair {
        phone: dir.path().join("phone.db"),
        watch: dir.path().join("watch.db"),
        _dir: dir,
    }
}

#[test]
fn watch_and_phone_see_each_others_sessions_after_a_round_each_way() {
    let p = pair();
    let mut phone = open(&p.phone);
    let mut watch = open(&p.watch);
    session(&mut phone, 0, Outcome::Passed);
    session(&mut watch, 60, Outcome::UsedSkill);

    let to_watch = pull(&mut watch, &phone);
    assert_eq!(to_watch.added, 4);
    let to_phone = pull(&mut phone, &watch);
    // The phone's own four come back once (already here) with the watch's four.
    assert_eq!(to_phone.added, 4);

    assert_eq!(log(&phone), log(&watch));
    let r = review(&phone);
    assert_eq!(r.current.urges, 2);
    assert_eq!(r, review(&watch));
}

#[test]
fn a_second_round_adds_nothing_and_writes_nothing() {
    let p = pair();
    let mut phone = open(&p.phone);
    let mut watch = open(&p.watch);
    session(&mut phone, 0, Outcome::Passed);
    pull(&mut watch, &phone);
    pull(&mut phone, &watch);
    pull(&mut watch, &phone);
    drop(phone);
    drop(watch);

    let before = file_bytes(&p.watch);
    let mut phone = open(&p.phone);
    let mut watch = open(&p.watch);
    assert_eq!(pull(&mut watch, &phone), SyncReport::default());
    drop(watch);
    assert_eq!(file_bytes(&p.watch), before);
    let watch = open(&p.watch);
    assert_eq!(pull(&mut phone, &watch), SyncReport::default());
}

#[test]
fn a_deletion_on_one_device_erases_the_entry_on_the_other() {
    let p = pair();
    let mut phone = open(&p.phone);
    let mut watch = open(&p.watch);
    let id = session(&mut watch, 0, Outcome::Passed);
    let note = watch.write_note(at(20), "the words I wrote").unwrap();
    pull(&mut phone, &watch);
    assert_eq!(review(&phone).current.urges, 1);

    phone.delete_entry(at(30), id).unwrap();
    phone.delete_entry(at(31), note).unwrap();
    let report = pull(&mut watch, &phone);
    assert_eq!(report.added, 2, "the two deletions");
    assert_eq!(
        report.erased, 5,
        "start, check-in, skill use, end and the note"
    );
    assert_eq!(review(&watch).current.urges, 0);
    let erased: Vec<_> = watch
        .events()
        .unwrap()
        .into_iter()
        .filter(|e| e.payload.is_none())
        .collect();
    assert_eq!(erased.len(), 5);
    assert_eq!(log(&phone), log(&watch));
}

#[test]
fn a_deletion_that_arrives_before_its_session_still_erases_it() {
    // The phone holds the session's start only; it deletes it. A tablet
    // hears of the deletion first and of the whole session later.
    let dir = tempfile::tempdir().unwrap();
    let mut watch = open(&dir.path().join("w.db"));
    let mut phone = open(&dir.path().join("p.db"));
    let mut tablet = open(&dir.path().join("t.db"));
    let id = watch.start_urge(at(0), start()).unwrap().id;
    pull(&mut phone, &watch);
    watch.check_in(at(2), Intensity::new(4).unwrap()).unwrap();
    watch.end_urge(at(9), Outcome::Passed).unwrap();
    phone.delete_entry(at(20), id).unwrap();
    pull(&mut tablet, &phone);
    pull(&mut tablet, &watch);
    pull(&mut watch, &tablet);
    pull(&mut phone, &watch);
    for s in [&phone, &tablet] {
        assert_eq!(log(s), log(&watch));
    }
    assert!(
        watch
            .events()
            .unwrap()
            .iter()
            .filter(|e| !matches!(e.payload, Some(Payload::EntryDeleted { .. })))
            .all(|e| e.payload.is_none())
    );
}

#[test]
fn documents_saved_at_the_same_instant_resolve_the_same_way_everywhere() {
    let p = pair();
    let mut phone = open(&p.phone);
    let mut watch = open(&p.watch);
    let quiet = Settings {
        cadence: CheckInCadence::Never,
        ..Settings::default()
    };
    let often = Settings {
        cadence: CheckInCadence::EveryMinute,
        ..Settings::default()
    };
    phone.save_settings(at(5), &quiet).unwrap();
    watch.save_settings(at(5), &often).unwrap();
    pull(&mut watch, &phone);
    pull(&mut phone, &watch);
    assert_eq!(phone.settings().unwrap(), watch.settings().unwrap());
}

#[test]
fn plan_edits_on_two_devices_between_syncs_are_both_kept() {
    let p = pair();
    let mut phone = open(&p.phone);
    let mut watch = open(&p.watch);
    let add = |text: &str| PlanEdit::AddEntry {
        list: EntryList::ReasonsForLiving,
        text: text.into(),
    };
    phone.edit_safety_plan(at(1), add("my sister")).unwrap();
    pull(&mut watch, &phone);
    // Between syncs: the phone adds one and rewrites the first; the watch
    // adds another and chooses the country.
    phone.edit_safety_plan(at(2), add("the sea")).unwrap();
    phone
        .edit_safety_plan(
            at(3),
            PlanEdit::ChangeEntry {
                list: EntryList::ReasonsForLiving,
                index: 0,
                text: "my sister's laugh".into(),
            },
        )
        .unwrap();
    watch.edit_safety_plan(at(2), add("my cat")).unwrap();
    let gb = ebb_core::safety::CountryCode::new("GB").unwrap();
    watch
        .edit_safety_plan(at(4), PlanEdit::SetCountry(Some(gb)))
        .unwrap();
    pull(&mut watch, &phone);
    pull(&mut phone, &watch);
    let plan = phone.safety_plan().unwrap();
    assert_eq!(plan, watch.safety_plan().unwrap());
    let reasons: Vec<&str> = plan.reasons_for_living.iter().map(|e| e.as_str()).collect();
    assert_eq!(reasons, ["my sister's laugh", "the sea", "my cat"]);
    assert_eq!(plan.country, Some(gb));
}

fn assert_refused_untouched(path: &Path, payload: &[u8], expect: impl Fn(&SyncError) -> bool) {
    let before_log = log(&open(path));
    let before = file_bytes(path);
    let mut store = open(path);
    match store.sync_merge(payload) {
        Err(StoreError::Sync(e)) => assert!(expect(&e), "unexpected {e:?}"),
        other => panic!("expected a sync error, got {other:?}"),
    }
    drop(store);
    assert_eq!(file_bytes(path), before, "the file is untouched");
    assert_eq!(log(&open(path)), before_log);
}

#[test]
fn truncated_corrupted_replayed_and_future_payloads_change_nothing() {
    let p = pair();
    let mut phone = open(&p.phone);
    let mut watch = open(&p.watch);
    session(&mut watch, 0, Outcome::Passed);
    session(&mut phone, 30, Outcome::ReachedOut);
    let answer = watch.sync_answer(&phone.sync_request().unwrap()).unwrap();
    drop(watch);
    drop(phone);

    for n in [0, 3, 5, 9, 10, answer.len() / 2, answer.len() - 1] {
        assert_refused_untouched(&p.phone, &answer[..n], |e| {
            matches!(e, SyncError::Truncated | SyncError::Checksum)
        });
    }
    let mut flipped = answer.clone();
    flipped[answer.len() / 2] ^= 0x01;
    assert_refused_untouched(&p.phone, &flipped, |e| *e == SyncError::Checksum);
    let mut future = answer.clone();
    future[4] = SYNC_VERSION + 1;
    assert_refused_untouched(&p.phone, &future, |e| {
        matches!(e, SyncError::UnsupportedVersion { .. })
    });
    assert_refused_untouched(&p.phone, b"{\"format\":\"ebb-export\"}", |e| {
        *e == SyncError::NotSync
    });
    // Given to the wrong device, it is not merged.
    assert_refused_untouched(&p.watch, &answer, |e| *e == SyncError::NotForThisDevice);

    let mut phone = open(&p.phone);
    assert_eq!(phone.sync_merge(&answer).unwrap().added, 4);
    drop(phone);
    assert_refused_untouched(&p.phone, &answer, |e| {
        matches!(e, SyncError::Replayed { .. })
    });
}

#[test]
fn a_device_restored_from_an_older_copy_is_answered_in_full() {
    let p = pair();
    let mut watch = open(&p.watch);
    session(&mut watch, 0, Outcome::Passed);
    drop(watch);
    let backup = p.watch.with_extension("backup");
    std::fs::copy(&p.watch, &backup).unwrap();

    let mut watch = open(&p.watch);
    session(&mut watch, 30, Outcome::Passed);
    let mut phone = open(&p.phone);
    pull(&mut phone, &watch);
    drop(watch);

    // The watch goes back to its older copy and logs something new: its
    // arrival numbers now name other events than the phone read.
    std::fs::copy(&backup, &p.watch).unwrap();
    let mut watch = open(&p.watch);
    let note = watch.write_note(at(90), "after the restore").unwrap();
    let report = pull(&mut phone, &watch);
    assert_eq!(report.added, 1);
    assert!(phone.events().unwrap().iter().any(|e| e.id == note));
    pull(&mut watch, &phone);
    assert_eq!(log(&phone), log(&watch));
}

// ---- The fuzz corpus ----

/// The device id the fuzz target's log has (fuzz/fuzz_targets/sync_payload.rs).
const FUZZ_DEVICE: &str = "fuzz-target";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/sync_payload")
}

/// Writes the fuzz target's seed corpus: answers addressed to its log (a
/// first sync, one with a deletion and a settings save, an empty one), a
/// request, and truncations of them.
#[test]
#[ignore = "writes the committed fuzz corpus"]
fn write_fuzz_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let mut target = open(&dir.path().join("target.db"));
    target.set_device_for_tests(FUZZ_DEVICE).unwrap();
    let mut watch = open(&dir.path().join("watch.db"));
    let id = session(&mut watch, 0, Outcome::UsedSkill);
    watch.write_note(at(20), "a few words").unwrap();
    let mut seeds = vec![
        (
            "first",
            watch.sync_answer(&target.sync_request().unwrap()).unwrap(),
        ),
        ("request", watch.sync_request().unwrap()),
    ];
    watch.delete_entry(at(30), id).unwrap();
    watch
        .save_settings(
            at(31),
            &Settings {
                cadence: CheckInCadence::Never,
                ..Settings::default()
            },
        )
        .unwrap();
    seeds.push((
        "deletion",
        watch.sync_answer(&target.sync_request().unwrap()).unwrap(),
    ));
    target.sync_merge(&seeds[0].1).unwrap();
    seeds.push((
        "later",
        watch.sync_answer(&target.sync_request().unwrap()).unwrap(),
    ));
    target.sync_merge(&seeds[3].1).unwrap();
    seeds.push((
        "empty",
        watch.sync_answer(&target.sync_request().unwrap()).unwrap(),
    ));
    let out = corpus_dir();
    std::fs::create_dir_all(&out).unwrap();
    for (name, bytes) in &seeds {
        std::fs::write(out.join(name), bytes).unwrap();
        for cut in [6, 10, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(out.join(format!("{name}-cut{cut}")), &bytes[..cut]).unwrap();
        }
    }
}

/// The fuzz target's body as a plain test over the committed corpus, so it
/// runs on every `cargo test` even where cargo-fuzz cannot.
#[test]
fn every_seed_in_the_fuzz_corpus_is_merged_or_refused_without_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut merged = 0;
    let mut seeds: Vec<_> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 10, "the corpus is committed");
    for (i, seed) in seeds.iter().enumerate() {
        let bytes = std::fs::read(seed).unwrap();
        let mut store = open(&dir.path().join(format!("{i}.db")));
        store.set_device_for_tests(FUZZ_DEVICE).unwrap();
        let before = log(&store);
        match store.sync_merge(&bytes) {
            Ok(_) => merged += 1,
            Err(StoreError::Sync(_)) => assert_eq!(log(&store), before, "{seed:?}"),
            Err(e) => panic!("{seed:?}: {e}"),
        }
        let _ = store.sync_answer(&bytes);
    }
    assert!(merged >= 3, "the whole answers merge: {merged}");
}

// ---- Convergence under any order of exchanges ----

#[derive(Clone, Debug)]
enum Delivery {
    /// Merged at once.
    Now,
    /// Lost on the way.
    Dropped,
    /// Merged twice.
    Twice,
    /// Held back and merged after later operations.
    Late,
}

#[derive(Clone, Debug)]
enum Op {
    Urge {
        device: usize,
        check_ins: u8,
        skill: bool,
        outcome: u8,
    },
    Note(usize),
    Delete {
        device: usize,
        pick: usize,
    },
    Settings {
        device: usize,
        cadence: u8,
    },
    /// One item added to the plan on one device.
    PlanItem {
        device: usize,
        list: u8,
    },
    /// One skill of the person's own added on one device.
    OwnSkill(usize),
    /// One setting changed on one device.
    Setting {
        device: usize,
        which: u8,
    },
    Sync {
        from: usize,
        to: usize,
        delivery: Delivery,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let device = 0usize..4;
    prop_oneof![
        3 => (device.clone(), 0u8..3, any::<bool>(), 0u8..5).prop_map(
            |(device, check_ins, skill, outcome)| Op::Urge { device, check_ins, skill, outcome }
        ),
        1 => device.clone().prop_map(Op::Note),
        2 => (device.clone(), any::<usize>()).prop_map(|(device, pick)| Op::Delete { device, pick }),
        1 => (device.clone(), 0u8..4).prop_map(|(device, cadence)| Op::Settings { device, cadence }),
        2 => (device.clone(), 0u8..5).prop_map(|(device, list)| Op::PlanItem { device, list }),
        1 => device.clone().prop_map(Op::OwnSkill),
        1 => (device.clone(), 0u8..4).prop_map(|(device, which)| Op::Setting { device, which }),
        4 => (device.clone(), device, prop_oneof![
                Just(Delivery::Now), Just(Delivery::Dropped), Just(Delivery::Twice), Just(Delivery::Late)
            ]).prop_map(|(from, to, delivery)| Op::Sync { from, to, delivery }),
    ]
}

fn outcome(n: u8) -> Outcome {
    match n {
        0 => Outcome::Passed,
        1 => Outcome::UsedSkill,
        2 => Outcome::ReachedOut,
        3 => Outcome::SelfHarmed {
            needs_medical_care: false,
        },
        _ => Outcome::EndedWithoutSaying,
    }
}

/// A merge either adds what is new or refuses a replay; nothing else.
fn merge_ok(store: &mut Store, payload: &[u8]) {
    match store.sync_merge(payload) {
        Ok(_) | Err(StoreError::Sync(SyncError::Replayed { .. })) => {}
        Err(e) => panic!("merge failed: {e}"),
    }
}

fn run(devices: usize, ops: &[Op]) {
    let dir = tempfile::tempdir().unwrap();
    let mut stores: Vec<Store> = (0..devices)
        .map(|i| open(&dir.path().join(format!("{i}.db"))))
        .collect();
    let mut late: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut minute = 0;
    for op in ops {
        minute += 20;
        match op.clone() {
            Op::Urge {
                device,
                check_ins,
                skill,
                outcome: o,
            } => {
                let s = &mut stores[device % devices];
                s.start_urge(at(minute), start()).unwrap();
                for i in 0..check_ins {
                    s.check_in(
                        at(minute + 1 + i64::from(i)),
                        Intensity::new(6 - i).unwrap(),
                    )
                    .unwrap();
                }
                if skill {
                    s.record_skill(
                        at(minute + 5),
                        SkillUseRecord {
                            skill: "cold_water".into(),
                            need: None,
                            intensity_before: Some(Intensity::new(6).unwrap()),
                            intensity_after: Some(Intensity::new(3).unwrap()),
                            helped: Some(true),
                        },
                    )
                    .unwrap();
                }
                s.end_urge(at(minute + 9), outcome(o)).unwrap();
            }
            Op::Note(device) => {
                stores[device % devices]
                    .write_note(at(minute), "a few words")
                    .unwrap();
            }
            Op::Delete { device, pick } => {
                let s = &mut stores[device % devices];
                let live: Vec<EventId> = s
                    .events()
                    .unwrap()
                    .into_iter()
                    .filter(|e| {
                        e.payload.is_some()
                            && !matches!(e.payload, Some(Payload::EntryDeleted { .. }))
                    })
                    .map(|e| e.id)
                    .collect();
                if !live.is_empty() {
                    s.delete_entry(at(minute), live[pick % live.len()]).unwrap();
                }
            }
            Op::Settings { device, cadence } => {
                let settings = Settings {
                    cadence: [
                        CheckInCadence::Never,
                        CheckInCadence::EveryMinute,
                        CheckInCadence::EveryTwoMinutes,
                        CheckInCadence::EveryFiveMinutes,
                    ][usize::from(cadence)],
                    ..Settings::default()
                };
                // Every save at one instant: the tie is broken by id.
                stores[device % devices]
                    .save_settings(at(0), &settings)
                    .unwrap();
            }
            Op::PlanItem { device, list } => {
                let text = format!("item {minute}");
                let edit = PlanEdit::AddEntry {
                    list: EntryList::ALL[usize::from(list)],
                    text,
                };
                // A list this device already holds full is refused.
                match stores[device % devices].edit_safety_plan(at(minute), edit) {
                    Ok(_) | Err(StoreError::Invalid { .. }) => {}
                    Err(e) => panic!("plan edit failed: {e}"),
                }
            }
            Op::OwnSkill(device) => {
                let draft = PersonalSkillDraft::new(format!("walk {minute}"));
                stores[device % devices]
                    .add_personal_skill(at(minute), draft)
                    .unwrap();
            }
            Op::Setting { device, which } => {
                let setting = match which {
                    0 => Setting::Cadence(CheckInCadence::EveryTwoMinutes),
                    1 => Setting::ShowDaysWithout(true),
                    2 => Setting::ShowDaysWithout(false),
                    _ => Setting::GoalPresets(vec![DelayGoal::FIVE_MINUTES]),
                };
                stores[device % devices]
                    .change_setting(at(minute), setting)
                    .unwrap();
            }
            Op::Sync { from, to, delivery } => {
                let (from, to) = (from % devices, to % devices);
                if from == to {
                    continue;
                }
                let request = stores[to].sync_request().unwrap();
                let answer = stores[from].sync_answer(&request).unwrap();
                match delivery {
                    Delivery::Now => merge_ok(&mut stores[to], &answer),
                    Delivery::Dropped => {}
                    Delivery::Twice => {
                        merge_ok(&mut stores[to], &answer);
                        merge_ok(&mut stores[to], &answer);
                    }
                    Delivery::Late => late.push((to, answer)),
                }
            }
        }
    }
    for (to, answer) in late {
        merge_ok(&mut stores[to], &answer);
    }
    // Enough rounds: every ordered pair, twice over.
    for _ in 0..2 {
        for to in 0..devices {
            for from in 0..devices {
                if from != to {
                    let request = stores[to].sync_request().unwrap();
                    let answer = stores[from].sync_answer(&request).unwrap();
                    stores[to].sync_merge(&answer).unwrap();
                }
            }
        }
    }
    let first = &stores[0];
    // The union: every plan item and skill added on any device (and not
    // deleted since) is on every device.
    let mut added_items = Vec::new();
    let mut added_skills = Vec::new();
    for event in first.events().unwrap() {
        match event.payload {
            Some(Payload::PlanItemSaved {
                value: PlanItem::Entry { text, .. },
                ..
            }) => added_items.push(text.as_str().to_owned()),
            Some(Payload::PersonalSkillSaved { skill }) => added_skills.push(skill.id.unwrap()),
            _ => {}
        }
    }
    let plan = first.safety_plan().unwrap();
    let mut in_plan: Vec<String> = EntryList::ALL
        .iter()
        .flat_map(|l| plan.entries(*l).iter().map(|e| e.as_str().to_owned()))
        .collect();
    in_plan.sort();
    added_items.sort();
    assert_eq!(in_plan, added_items);
    let book = first.skill_book().unwrap();
    let mut own: Vec<_> = book.all_personal().map(|s| s.id.clone()).collect();
    own.sort();
    added_skills.sort();
    assert_eq!(own, added_skills);
    for other in &stores[1..] {
        assert_eq!(log(other), log(first));
        assert_eq!(review(other), review(first));
        assert_eq!(other.settings().unwrap(), first.settings().unwrap());
        assert_eq!(other.safety_plan().unwrap(), first.safety_plan().unwrap());
        assert_eq!(other.skill_book().unwrap(), first.skill_book().unwrap());
        assert_eq!(
            other.recent_pauses(100).unwrap(),
            first.recent_pauses(100).unwrap()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_exchange_order_converges_to_one_log_and_one_review(
        devices in 2usize..=4,
        ops in proptest::collection::vec(op(), 1..30),
    ) {
        run(devices, &ops);
    }
}
