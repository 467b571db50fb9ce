//! Scorecard templates and default panel plans on both sample ladders.

use rung_core::ladder::{default_ladder, Ladder};
use rung_core::scorecard::panel::{default_interview_count, default_plan, PanelPlan, PlannedInterview, MAX_INTERVIEWS};
use rung_core::scorecard::template::{template_for, SectionPurpose};

use crate::support::*;

fn ladders() -> Vec<Ladder> {
    vec![default_ladder(), load(&data("octopus-support-2025"))]
}

#[test]
fn a_template_is_the_cumulative_path_plus_the_next_role() {
    let ladder = default_ladder();
    let template = template_for(&ladder, "devops-application-engineer").unwrap();
    let sections: Vec<(&str, SectionPurpose)> =
        template.sections.iter().map(|s| (s.role_title.as_str(), s.purpose.clone())).collect();
    assert_eq!(
        sections,
        [
            ("Junior Application Support Engineer / Application Support Engineer", SectionPurpose::Foundation),
            ("Senior Application Support Engineer", SectionPurpose::Foundation),
            ("DevOps Application Engineer", SectionPurpose::Target),
            // The next role up on the same track, not the manager branch.
            ("Senior DevOps Application Engineer", SectionPurpose::NextRole),
        ]
    );
    assert_eq!(template.path_characteristics().len(), 3 + 4 + 4);
}

#[test]
fn an_incomplete_role_has_no_template_and_a_top_role_has_no_next_role() {
    let ladder = default_ladder();
    assert!(template_for(&ladder, "senior-application-support-manager").is_none());
    // Its only "next role" is the incomplete placeholder, which is never scored.
    let manager = template_for(&ladder, "application-support-manager").unwrap();
    assert!(manager.sections.iter().all(|s| s.purpose != SectionPurpose::NextRole));
}

#[test]
fn the_default_plan_covers_every_path_characteristic_twice_and_balances_the_load() {
    for ladder in ladders() {
        for role in ladder.roles.iter().filter(|role| !role.incomplete) {
            let template = template_for(&ladder, &role.key).unwrap();
            let count = default_interview_count(&template);
            let plan = default_plan(&template, count, 2);
            assert_eq!(plan.interviews.len(), count);
            assert!(plan.gaps(&template, 2).is_empty(), "{}: {:?}", role.title, plan.gaps(&template, 2));
            let loads: Vec<usize> = plan.interviews.iter().map(|i| i.focus.len()).collect();
            let spread = loads.iter().max().unwrap() - loads.iter().min().unwrap();
            assert!(spread <= 1, "{}: loads {loads:?}", role.title);
            // No interview focuses on the same characteristic twice.
            for interview in &plan.interviews {
                let mut focus = interview.focus.clone();
                focus.sort();
                focus.dedup();
                assert_eq!(focus.len(), interview.focus.len());
            }
        }
    }
}

#[test]
fn a_plan_has_one_to_max_interviews_each_named_and_says_what_to_change() {
    let interview = |name: &str| PlannedInterview { name: name.to_owned(), focus: Vec::new() };
    let plan =
        |count: usize| PanelPlan { interviews: (1..=count).map(|n| interview(&format!("Interview {n}"))).collect() };
    assert!(plan(1).check().is_ok());
    assert!(plan(MAX_INTERVIEWS).check().is_ok());
    assert_eq!(plan(0).check().unwrap_err(), "A panel needs at least one interview.");
    let over = plan(MAX_INTERVIEWS + 1).check().unwrap_err();
    assert!(over.contains(&format!("at most {MAX_INTERVIEWS}")) && over.contains("Merge or remove"), "{over}");
    let blank = PanelPlan { interviews: vec![interview("Customer scenario"), interview("  ")] };
    assert_eq!(blank.check().unwrap_err(), "Interview 2 needs a name.");
}
