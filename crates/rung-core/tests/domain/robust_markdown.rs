//! What real ladder files contain: BOM, CRLF, emphasis, links and emoji in headings,
//! `####` sub-groups, trailing spaces, nested bullets, tables, HTML comments, and
//! characteristic headings with no bullets.

use rung_core::ladder::Ladder;

use crate::support::*;

fn robust() -> Ladder {
    load(&fixture("robust-everything.md"))
}

#[test]
fn decoration_in_headings_is_removed_from_titles() {
    let ladder = robust();
    assert_eq!(ladder.name, "Platform Engineering Ladder");
    assert_eq!(titles(&ladder), ["Engineer", "Senior Engineer"]);
    let engineer = role(&ladder, "Engineer");
    assert_eq!(
        characteristic_titles(engineer),
        ["I ship well-tested code", "I communicate clearly", "I take on-call seriously"]
    );
}

#[test]
fn nested_bullets_and_sub_headings_stay_with_their_characteristic() {
    let ladder = robust();
    let shipping = &role(&ladder, "Engineer").characteristics[0];
    assert_eq!(
        shipping.examples,
        [
            "I write tests first",
            "I review others' code",
            "nested: I leave actionable comments",
            "nested: I approve quickly when it is good",
            "I keep the build green",
        ]
    );
}

#[test]
fn table_rows_become_examples() {
    let ladder = robust();
    let communication = &role(&ladder, "Engineer").characteristics[1];
    assert_eq!(
        communication.examples,
        ["Incident — I post updates every 30 minutes", "Design — I write a one-page proposal"]
    );
}

#[test]
fn a_heading_with_no_bullets_is_still_a_characteristic() {
    let ladder = robust();
    let on_call = &role(&ladder, "Engineer").characteristics[2];
    assert_eq!(on_call.title, "I take on-call seriously");
    assert!(on_call.examples.is_empty());
}

#[test]
fn comments_vanish_and_trailing_spaces_and_crlf_leave_no_trace() {
    let ladder = robust();
    let json = rung_core::ladder::json::to_json(&ladder);
    assert!(!json.contains("HTML comment"));
    assert!(!json.contains("inline comment"));
    assert!(!json.contains('\r'));
    assert_eq!(role(&ladder, "Engineer").summary.as_deref(), Some("I build reliable things."));
    assert_eq!(role(&ladder, "Senior Engineer").characteristics[0].title, "I lead projects");
    assert_eq!(ladder.intro[0].paragraphs, ["Intro prose for the whole ladder, with a link."]);
}

#[test]
fn builds_on_and_ordered_lists_work_in_a_small_ladder() {
    let ladder = robust();
    assert_eq!(parent_title(&ladder, "Senior Engineer"), Some("Engineer"));
    assert_eq!(role(&ladder, "Senior Engineer").characteristics[0].examples, ["I break work down", "I unblock others"]);
}

#[test]
fn line_endings_and_bom_do_not_change_the_ladder() {
    let crlf = std::fs::read(fixture("robust-everything.md")).unwrap();
    let text = String::from_utf8(crlf.clone()).unwrap();
    let plain = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let path = std::path::Path::new("robust-everything.md");
    let mut from_crlf = rung_core::ladder::from_markdown(&crlf, path).unwrap();
    let mut from_lf = rung_core::ladder::from_markdown(plain.as_bytes(), path).unwrap();
    // Only the hash of the bytes differs.
    from_crlf.source.sha256.clear();
    from_lf.source.sha256.clear();
    assert_eq!(from_crlf, from_lf);
}
