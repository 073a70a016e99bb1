//! The shareable progress page: the core's progress screen model as one
//! HTML file for a clinician. Every count is text on the page (nothing to
//! hover), every chart has labelled axes with counts and dates, and it
//! prints on paper. No scripts, no links, nothing fetched.

use std::fmt::Write as _;
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset, Utc};
use ebb_core::flow::{Detail, Model, ProgressDetail};

use crate::text::t;

/// The page for a progress model; dates are shown at `offset`.
pub(crate) fn page(model: &Model, offset: FixedOffset) -> String {
    let mut page = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    );
    let _ = write!(
        page,
        "<title>{}</title><style>{STYLE}</style></head><body>",
        esc(&model.heading)
    );
    let _ = write!(page, "<h1>{}</h1>", esc(&model.heading));
    for line in &model.lines {
        let _ = write!(page, "<p>{}</p>", esc(line));
    }
    let _ = write!(page, "<p>{}</p>", esc(t("cli.progress.html_intro")));
    for section in &model.sections {
        page.push_str("<section>");
        if let Some(heading) = &section.heading {
            let _ = write!(page, "<h2>{}</h2>", esc(heading));
        }
        page.push_str("<table>");
        for item in &section.items {
            let _ = write!(
                page,
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                esc(&item.text),
                esc(item.note.as_deref().unwrap_or_default())
            );
        }
        page.push_str("</table></section>");
    }
    if let Detail::Progress { progress } = &model.detail {
        charts(&mut page, progress, offset);
    }
    let _ = writeln!(
        page,
        "<footer><p>{}</p></footer></body></html>",
        esc(t("safety.support_not_treatment"))
    );
    page
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}\
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{padding:.25rem .75rem;text-align:left;border-bottom:1px solid #ddd;vertical-align:top}\
th{font-weight:600}figure{margin:1rem 0 2rem}figcaption{font-weight:600;margin-bottom:.25rem}\
svg{max-width:100%;height:auto}svg text{font:11px system-ui,sans-serif;fill:#222}\
.key span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}\
@media print{body{margin:0;max-width:none;font-size:11pt}section,figure{break-inside:avoid}\
.key span,rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}}";

/// The weekly, hourly and weekday charts, each with its axes and counts.
fn charts(page: &mut String, p: &ProgressDetail, offset: FixedOffset) {
    // A stretch over a new year names the year on every week.
    let years: std::collections::BTreeSet<String> = p
        .weekly
        .iter()
        .map(|w| date(w.from, offset, "%Y"))
        .collect();
    let format = if years.len() > 1 {
        "%-d %b %Y"
    } else {
        "%-d %b"
    };
    let weeks: Vec<Bar> = p
        .weekly
        .iter()
        .map(|w| Bar {
            label: date(w.from, offset, format),
            values: vec![w.urges, w.passed_safely],
        })
        .collect();
    let _ = write!(
        page,
        "<figure><figcaption>{}</figcaption><p class=\"key\"><span style=\"background:{LIGHT}\"></span>{}<span style=\"background:{DARK}\"></span>{}</p>{}</figure>",
        esc(t("cli.progress.weekly")),
        esc(t("cli.progress.row.urges")),
        esc(t("cli.progress.row.passed_safely")),
        chart(
            &weeks,
            t("cli.page.axis.week"),
            t("cli.page.axis.urges"),
            true
        )
    );
    let hours: Vec<Bar> = p
        .by_hour
        .iter()
        .enumerate()
        .map(|(h, c)| Bar {
            label: format!("{h:02}"),
            values: vec![*c],
        })
        .collect();
    let _ = write!(
        page,
        "<figure><figcaption>{}</figcaption>{}</figure>",
        esc(t("cli.progress.hours")),
        chart(
            &hours,
            t("cli.page.axis.hour"),
            t("cli.page.axis.urges"),
            false
        )
    );
    const DAYS: [&str; 7] = [
        "cli.page.day.mon",
        "cli.page.day.tue",
        "cli.page.day.wed",
        "cli.page.day.thu",
        "cli.page.day.fri",
        "cli.page.day.sat",
        "cli.page.day.sun",
    ];
    let days: Vec<Bar> = p
        .by_weekday
        .iter()
        .zip(DAYS)
        .map(|(c, key)| Bar {
            label: t(key).to_owned(),
            values: vec![*c],
        })
        .collect();
    let _ = write!(
        page,
        "<figure><figcaption>{}</figcaption>{}</figure>",
        esc(t("cli.page.weekdays")),
        chart(
            &days,
            t("cli.page.axis.day"),
            t("cli.page.axis.urges"),
            false
        )
    );
}

const LIGHT: &str = "#c9d6e3";
const DARK: &str = "#3f6f99";

/// One group of bars: its label on the x axis and one value per series.
struct Bar {
    label: String,
    values: Vec<u32>,
}

/// A bar chart as inline SVG: a y axis with counts, an x axis with a label
/// under every group (slanted where dates would crowd), the count written
/// above every bar, and both axes named.
fn chart(bars: &[Bar], x_title: &str, y_title: &str, slant: bool) -> String {
    let (left, top, height) = (44.0, 16.0, 150.0);
    let bottom = if slant { 84.0 } else { 44.0 };
    let series = bars
        .iter()
        .map(|b| b.values.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let group = (560.0 / bars.len().max(1) as f64).clamp(16.0, 64.0);
    let width = left + group * bars.len() as f64 + 8.0;
    let most = bars
        .iter()
        .flat_map(|b| b.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let y = |v: u32| top + height - height * f64::from(v) / f64::from(most);
    let mut svg = format!(
        "<svg role=\"img\" viewBox=\"0 0 {width:.0} {total:.0}\" width=\"{width:.0}\" height=\"{total:.0}\" aria-label=\"{label}\">",
        total = top + height + bottom,
        label = esc(y_title),
    );
    // The y axis: 0, the middle and the most, each a labelled tick.
    let mut ticks = vec![0, most];
    if most >= 4 {
        ticks.insert(1, most / 2);
    }
    for v in ticks {
        let _ = write!(
            svg,
            "<line x1=\"{left}\" x2=\"{width:.0}\" y1=\"{yv:.1}\" y2=\"{yv:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{tx}\" y=\"{ty:.1}\" text-anchor=\"end\">{v}</text>",
            yv = y(v),
            tx = left - 6.0,
            ty = y(v) + 4.0,
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{base}\" stroke=\"#222\"/>\
         <line x1=\"{left}\" x2=\"{width:.0}\" y1=\"{base}\" y2=\"{base}\" stroke=\"#222\"/>\
         <text x=\"12\" y=\"{mid}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {mid})\">{}</text>\
         <text x=\"{cx:.0}\" y=\"{xt}\" text-anchor=\"middle\">{}</text>",
        esc(y_title),
        esc(x_title),
        base = top + height,
        mid = top + height / 2.0,
        cx = left + (width - left) / 2.0,
        xt = top + height + bottom - 6.0,
    );
    let bar_width = (group - 4.0) / series as f64;
    for (i, b) in bars.iter().enumerate() {
        let x0 = left + group * i as f64 + 2.0;
        for (s, v) in b.values.iter().enumerate() {
            let x = x0 + bar_width * s as f64;
            let colour = if s == 0 && series > 1 { LIGHT } else { DARK };
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{ry:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{colour}\"/>\
                 <text x=\"{tx:.1}\" y=\"{ty:.1}\" text-anchor=\"middle\">{v}</text>",
                ry = y(*v),
                w = (bar_width - 1.0).max(1.0),
                h = top + height - y(*v),
                tx = x + bar_width / 2.0,
                ty = y(*v) - 3.0,
            );
        }
        let (tx, ty) = (x0 + (group - 4.0) / 2.0, top + height + 14.0);
        let _ = if slant {
            write!(
                svg,
                "<text x=\"{tx:.1}\" y=\"{ty}\" text-anchor=\"end\" transform=\"rotate(-40 {tx:.1} {ty})\">{}</text>",
                esc(&b.label),
            )
        } else {
            write!(
                svg,
                "<text x=\"{tx:.1}\" y=\"{ty}\" text-anchor=\"middle\">{}</text>",
                esc(&b.label),
            )
        };
    }
    svg.push_str("</svg>");
    svg
}

fn date(at: SystemTime, offset: FixedOffset, format: &str) -> String {
    DateTime::<Utc>::from(at)
        .with_timezone(&offset)
        .format(format)
        .to_string()
}

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
