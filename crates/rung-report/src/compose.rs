//! The report's content, section by section, in the order a recruiter reads it: who and
//! what (page 1: the recommendation and the decision), why (rationale, chart, scores,
//! agreement, evidence), what changed (amendments) and what it witnesses (the record).

use crate::data::{ReportData, REPORT_FORMAT};
use crate::layout::chart::chart;
use crate::layout::page::{Align, Colour, Pages, Style, BODY, SMALL, STRONG, TITLE};
use crate::layout::table::{table, table_height, Cell, Column};
use crate::layout::text::fit_line;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// (year, month 1-12, day, "HH:MM") of an RFC 3339 time.
fn date_parts(rfc3339: &str) -> Option<(&str, usize, u32, &str)> {
    let (date, time) = rfc3339.split_once('T')?;
    let mut parts = date.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?.parse::<usize>().ok()?, parts.next()?.parse::<u32>().ok()?);
    (1..=12).contains(&month).then_some((year, month, day, time.get(..5)?))
}

/// "29 November 2026, 06:15 UTC" from RFC 3339; anything else is shown as given.
pub fn human_date(rfc3339: &str) -> String {
    date_parts(rfc3339)
        .map(|(year, month, day, hm)| format!("{day} {} {year}, {hm} UTC", MONTHS[month - 1]))
        .unwrap_or_else(|| rfc3339.to_owned())
}

/// "28 Nov 2026 15:00" for table cells.
fn short_date(rfc3339: &str) -> String {
    date_parts(rfc3339)
        .map(|(year, month, day, hm)| format!("{day} {} {year} {hm}", &MONTHS[month - 1][..3]))
        .unwrap_or_else(|| rfc3339.to_owned())
}

fn score_text(score: Option<u8>) -> String {
    score.map_or("–".to_owned(), |s| s.to_string())
}

fn panel_text(panel: Option<f64>) -> String {
    panel.map_or("not assessed".to_owned(), |p| format!("{p:.1}"))
}

/// Column labels for interviewers: first names when they tell people apart, else
/// initials, else letters.
fn interviewer_labels(names: &[String]) -> Vec<String> {
    let unique = |labels: &Vec<String>| {
        let mut sorted = labels.clone();
        sorted.sort();
        sorted.dedup();
        sorted.len() == labels.len()
    };
    let first: Vec<String> = names.iter().map(|n| n.split_whitespace().next().unwrap_or(n).to_owned()).collect();
    if unique(&first) {
        return first;
    }
    let initials: Vec<String> =
        names.iter().map(|n| n.split_whitespace().filter_map(|w| w.chars().next()).collect()).collect();
    if unique(&initials) {
        return initials;
    }
    (0..names.len()).map(|i| char::from(b'A' + (i % 26) as u8).to_string()).collect()
}

fn title_block(pages: &mut Pages, data: &ReportData) {
    let left = pages.left();
    pages.y += 4.0;
    pages.text_at(left, pages.y + 8.0, "LEVEL RECOMMENDATION", Style { size: 8.0, ..SMALL }, Align::Left, None);
    pages.y += 12.0;
    pages.para(&data.candidate.name, TITLE);
    pages.para(&format!("Interviewed for {} · {}", data.candidate.target, data.ladder.name), BODY);
    pages.para(&format!("Issued {}", human_date(&data.issued_at)), SMALL);
}

/// The two facts a recruiter files the report for, side by side in a shaded band.
fn verdict(pages: &mut Pages, data: &ReportData) {
    pages.gap(10.0);
    let half = pages.content_width() / 2.0;
    let (left, right) = (pages.left() + 10.0, pages.left() + half + 10.0);
    let inner = half - 20.0;
    let recommendation = &data.recommendation;
    let recommended = match (&recommendation.role, &recommendation.band) {
        (Some(role), Some(band)) => format!("{role}, {band}"),
        (Some(role), None) => role.clone(),
        (None, _) => "No level holds".to_owned(),
    };
    let confidence = format!("Confidence: {}. {}", recommendation.confidence, recommendation.confidence_reason);
    let (decision_head, decision_body) = match &data.decision {
        None => ("Decision pending".to_owned(), "The panel has not recorded its decision yet.".to_owned()),
        Some(decision) => {
            let level = match (&decision.role, &decision.band) {
                (Some(role), Some(band)) => format!(" as {role}, {band}"),
                (Some(role), None) => format!(" as {role}"),
                _ => String::new(),
            };
            let mut body = format!("Decided by {} on {}.", decision.decided_by, human_date(&decision.decided_at));
            if decision.overrides_recommendation {
                body.push_str(" Differs from the recommendation.");
            }
            if let Some(reason) = &decision.reason {
                body.push_str(&format!(" Reason: {reason}"));
            }
            (format!("{}{level}", decision.outcome), body)
        }
    };
    let big = Style { size: 13.0, ..STRONG };
    let height = 18.0
        + pages.paragraph_height(inner, &recommended, big).max(pages.paragraph_height(inner, &decision_head, big))
        + pages.paragraph_height(inner, &confidence, SMALL).max(pages.paragraph_height(inner, &decision_body, SMALL))
        + 20.0;
    pages.ensure(height);
    let top = pages.y;
    pages.fill(pages.left(), top, pages.content_width(), height, Colour::SHADE);
    pages.fill(pages.left(), top, 3.0, height, Colour::ACCENT);
    let label = Style { size: 7.5, ..SMALL };
    pages.text_at(left, top + 13.0, "RECOMMENDED", label, Align::Left, None);
    pages.text_at(right, top + 13.0, "PANEL DECISION", label, Align::Left, None);
    let column = |pages: &mut Pages, x: f32, head: &str, body: &str, head_colour: Colour| {
        pages.y = top + 18.0;
        pages.paragraph(x, inner, head, Style { colour: head_colour, ..big });
        pages.y += 3.0;
        pages.paragraph(x, inner, body, SMALL);
    };
    column(pages, left, &recommended, &confidence, Colour::ACCENT);
    let decision_colour = if data.decision.is_some() { Colour::INK } else { Colour::WARN };
    column(pages, right, &decision_head, &decision_body, decision_colour);
    pages.y = top + height;
}

fn bullets(pages: &mut Pages, items: &[String], style: Style) {
    let indent = 12.0;
    for item in items {
        pages.ensure(style.leading());
        let (left, width) = (pages.left(), pages.content_width());
        pages.text_at(left + 2.0, pages.y + style.leading() * 0.75, "•", style, Align::Left, None);
        pages.paragraph(left + indent, width - indent, item, style);
        pages.y += 2.0;
    }
}

fn panel_table(pages: &mut Pages, data: &ReportData, labels: &[String]) {
    let columns = [
        Column::new("Interviewer", 0.25, Align::Left),
        Column::new("Interview", 0.22, Align::Left),
        Column::new("Overall", 0.13, Align::Left),
        Column::new("Their level", 0.23, Align::Left),
        Column::new("Submitted", 0.17, Align::Left),
    ];
    let first_names_label = labels.iter().zip(&data.panel).all(|(l, m)| m.name.split_whitespace().next() == Some(l));
    let rows: Vec<Vec<Cell>> = data
        .panel
        .iter()
        .zip(labels)
        .map(|(member, label)| {
            let submitted = member.submitted_at.as_deref().map(short_date).unwrap_or_else(|| "—".into());
            let key = if first_names_label { String::new() } else { format!(" ({label})") };
            let amended = if member.amended { ", amended" } else { "" };
            vec![
                Cell::new(format!("{}{key}{amended}", member.name), BODY),
                Cell::new(member.interview.clone().unwrap_or_else(|| "—".into()), BODY),
                Cell::new(member.overall.clone().unwrap_or_else(|| "—".into()), BODY),
                Cell::new(member.level_opinion.clone().unwrap_or_else(|| "—".into()), BODY),
                Cell::new(submitted, SMALL),
            ]
        })
        .collect();
    // A panel fits on a page: keep it whole with its heading.
    let height = table_height(pages, &columns, &rows);
    pages.heading("Panel", height.min(400.0));
    table(pages, &columns, rows);
}

fn score_table(pages: &mut Pages, data: &ReportData, labels: &[String]) {
    pages.heading("Scores by characteristic", 60.0);
    pages.para(
        &format!(
            "Ratings on the ladder's scale ({}). – is not assessed. Panel is the panel's score; ⚑ marks interviewers far apart; ▼ marks a characteristic below the bar.",
            data.scale.join(", ")
        ),
        SMALL,
    );
    pages.y += 4.0;
    let each = 0.44 / labels.len().max(4) as f32;
    let mut columns = vec![Column::new("Characteristic", 0.34, Align::Left)];
    columns.extend(labels.iter().map(|label| Column::new(label.clone(), each, Align::Centre)));
    columns.push(Column::new("Panel", 0.1, Align::Right));
    columns.push(Column::new("Flags", 0.1, Align::Left));
    let mut rows = Vec::new();
    let mut current_role = String::new();
    for row in &data.characteristics {
        if row.role != current_role {
            current_role = row.role.clone();
            let mut group = vec![Cell::new(current_role.clone(), STRONG)];
            group.extend((0..columns.len() - 1).map(|_| Cell::new("", SMALL)));
            rows.push(group);
        }
        let mut cells = vec![Cell::new(row.title.clone(), BODY)];
        cells.extend(row.scores.iter().map(|score| Cell::new(score_text(*score), BODY)));
        let panel_style = if row.gap { Style { colour: Colour::WARN, ..STRONG } } else { STRONG };
        cells.push(Cell::new(panel_text(row.panel), panel_style));
        let mut flags = Vec::new();
        if row.flagged {
            flags.push("⚑ apart");
        }
        if row.gap {
            flags.push("▼ gap");
        }
        let flag_cell = Cell::new(flags.join(" "), Style { colour: Colour::WARN, ..SMALL });
        cells.push(if flags.is_empty() { flag_cell } else { flag_cell.tinted(Colour(0.99, 0.95, 0.90)) });
        rows.push(cells);
    }
    table(pages, &columns, rows);
    pages.gap(8.0);
    let alpha = match data.agreement.alpha {
        Some(alpha) => format!("Agreement (Krippendorff's alpha, ordinal): {alpha:.2}. {}", data.agreement.reading),
        None => format!("Agreement: {}", data.agreement.reading),
    };
    pages.para(&alpha, BODY);
}

fn evidence(pages: &mut Pages, data: &ReportData) {
    if data.evidence.is_empty() {
        return;
    }
    pages.heading("Evidence", 50.0);
    pages.para("Interviewers' notes, shortened; the full notes stay in Rung's record.", SMALL);
    pages.y += 2.0;
    for group in &data.evidence {
        pages.gap(6.0);
        pages.ensure(STRONG.leading() + BODY.leading() * 2.0);
        pages.para(&group.characteristic, STRONG);
        for excerpt in &group.excerpts {
            let score = excerpt.score.map(|s| format!(" ({s})")).unwrap_or_default();
            let label = format!("{}{score}: ", excerpt.interviewer);
            let (left, width) = (pages.left() + 10.0, pages.content_width() - 10.0);
            pages.paragraph(left, width, &format!("{label}{}", excerpt.note), BODY);
            pages.y += 1.5;
        }
    }
}

fn amendments(pages: &mut Pages, data: &ReportData) {
    if data.amendments.is_empty() {
        return;
    }
    pages.heading("Amendments", 30.0);
    let items: Vec<String> = data.amendments.iter().map(|a| format!("{}: {}", human_date(&a.when), a.what)).collect();
    bullets(pages, &items, BODY);
}

fn record(pages: &mut Pages, data: &ReportData, data_sha256: &str, report_id: &str) {
    let columns = [Column::new("", 0.26, Align::Left), Column::new("", 0.74, Align::Left)];
    let row = |k: &str, v: String, style: Style| vec![Cell::new(k, SMALL), Cell::new(v, style)];
    let hash = Style { size: 7.5, ..BODY };
    let rows = vec![
        row("Report", report_id.to_owned(), STRONG),
        row("Report data SHA-256", data_sha256.to_owned(), hash),
        row("Ladder", data.ladder.name.clone(), BODY),
        row("Ladder snapshot SHA-256", data.ladder.snapshot_sha256.clone(), hash),
        row("Audit log at issue", format!("{} entries", data.audit_head.entries), BODY),
        row("Audit log head", data.audit_head.hash.clone(), hash),
        row(
            "Checking",
            format!("Rung report format {REPORT_FORMAT}. `rung verify FILE.pdf` says whether this file is unaltered."),
            BODY,
        ),
    ];
    let height = table_height(pages, &columns, &rows);
    pages.heading("Record", height);
    table(pages, &columns, rows);
}

/// Every section, then the running header and footer on each page.
pub fn compose(data: &ReportData, data_sha256: &str, report_id: &str) -> Pages {
    let mut pages = Pages::new(data.paper);
    let names: Vec<String> = data.panel.iter().map(|m| m.name.clone()).collect();
    let labels = interviewer_labels(&names);
    title_block(&mut pages, data);
    verdict(&mut pages, data);
    if !data.recommendation.rationale.is_empty() || !data.recommendation.missing.is_empty() {
        pages.heading("Why", 30.0);
        bullets(&mut pages, &data.recommendation.rationale, BODY);
        if !data.recommendation.missing.is_empty() {
            pages.y += 2.0;
            pages.para("Not assessed, so the recommendation cannot lean on it:", SMALL);
            bullets(&mut pages, &data.recommendation.missing, SMALL);
        }
    }
    pages.heading("Roles at a glance", 80.0);
    chart(&mut pages, &data.roles, &data.thresholds);
    panel_table(&mut pages, data, &labels);
    score_table(&mut pages, data, &labels);
    evidence(&mut pages, data);
    amendments(&mut pages, data);
    record(&mut pages, data, data_sha256, report_id);
    pages
}

/// The running header (from page 2) and the footer on every page: the report id, the
/// data hash and "page x of y", so any single sheet can be traced to its report.
pub fn decorate(pages: &mut Pages, index: usize, total: usize, data: &ReportData, data_sha256: &str, report_id: &str) {
    let (left, right) = (pages.left(), pages.left() + pages.content_width());
    let footer_rule = pages.height - pages.margin - 18.0;
    pages.rule(left, right, footer_rule, Colour::RULE, 0.5, Some(index));
    let small = Style { size: 7.0, ..SMALL };
    pages.text_at(left, footer_rule + 10.0, &format!("Rung report {report_id}"), small, Align::Left, Some(index));
    pages.text_at(
        right,
        footer_rule + 10.0,
        &format!("Page {} of {total}", index + 1),
        small,
        Align::Right,
        Some(index),
    );
    let hash = Style { size: 6.0, ..SMALL };
    pages.text_at(left, footer_rule + 19.0, &format!("SHA-256 {data_sha256}"), hash, Align::Left, Some(index));
    if index > 0 {
        let top = pages.margin + 8.0;
        let who = fit_line(&data.candidate.name, SMALL.face, 7.5, pages.content_width() * 0.6);
        let header = Style { size: 7.5, ..SMALL };
        pages.text_at(left, top, &format!("Level recommendation · {who}"), header, Align::Left, Some(index));
        pages.text_at(right, top, &human_date(&data.issued_at), header, Align::Right, Some(index));
        pages.rule(left, right, top + 5.0, Colour::RULE, 0.5, Some(index));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(human_date("2026-11-29T06:15:07Z"), "29 November 2026, 06:15 UTC");
        assert_eq!(short_date("2026-09-03T15:00:00.123456Z"), "3 Sep 2026 15:00");
        assert_eq!(human_date("yesterday"), "yesterday");
    }

    #[test]
    fn interviewer_columns_use_first_names_when_they_are_distinct() {
        let names = |list: &[&str]| interviewer_labels(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(names(&["Zoë Łukasiewicz", "Søren O'Brien"]), ["Zoë", "Søren"]);
        assert_eq!(names(&["Ana Souza", "Ana Lima"]), ["AS", "AL"]);
        assert_eq!(names(&["Ana Souza", "Ana Silva"]), ["A", "B"]);
    }
}
