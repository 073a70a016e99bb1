//! How long one recommendation takes with a long history.
//!
//! `learn_and_recommend/10000` is the whole path a shell takes: learn from
//! 10,000 past skill uses, then order the skills. `recommend_only` keeps the
//! learned evidence, and `suggest_fixed_order` is the fixed order with no
//! history, as the baseline.
//!
//! ```text
//! cargo bench -p ebb-core --bench recommend
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chrono::{Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ebb_core::skills::{
    Context, Draws, Evidence, Moment, PastUse, PersonalSkillDraft, SkillBook, builtins, recommend,
    suggest,
};
use ebb_core::urge::{Intensity, Need};

fn history(len: usize) -> Vec<PastUse> {
    let mut draws = Draws::new(2026);
    let start = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    (0..len)
        .map(|i| {
            let skill = builtins()[draws.below(builtins().len())].id.clone();
            let before = 4 + draws.below(7) as u8;
            let after = draws.below(usize::from(before) + 1) as u8;
            PastUse {
                skill,
                need: Need::ALL.get(draws.below(7)).copied(),
                intensity_before: Some(Intensity::new(before).unwrap()),
                intensity_after: Some(Intensity::new(after).unwrap()),
                helped: [None, Some(true), Some(false)][draws.below(3)],
                urge_passed_safely: [None, Some(true)][draws.below(2)],
                at: start + Duration::minutes(i as i64 * 100),
                earlier_skills: 0,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut book = SkillBook::new();
    book.add_personal(PersonalSkillDraft {
        needs: vec![Need::Numb],
        watch: true,
        ..PersonalSkillDraft::new("Sing loudly")
    })
    .unwrap();
    let history = history(10_000);
    let now = history.last().unwrap().at + Duration::hours(1);
    let moment = Moment {
        need: Some(Need::Numb),
        intensity: Some(Intensity::new(8).unwrap()),
        context: Context::default(),
        still_strong_after_two_skills: false,
        cautions_seen: Default::default(),
    };
    let mut seed = 0u64;

    c.bench_function("learn_and_recommend/10000", |b| {
        b.iter(|| {
            seed += 1;
            let evidence = Evidence::learn(black_box(&history), now);
            recommend(&book, &evidence, black_box(&moment), seed)
        })
    });
    let evidence = Evidence::learn(&history, now);
    c.bench_function("recommend_only/10000", |b| {
        b.iter(|| {
            seed += 1;
            recommend(&book, black_box(&evidence), black_box(&moment), seed)
        })
    });
    c.bench_function("suggest_fixed_order/no_history", |b| {
        b.iter(|| {
            suggest(
                &book,
                black_box(moment.need),
                moment.intensity,
                black_box(&moment.context),
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
