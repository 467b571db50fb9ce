//! The default panel plan: a few interviews, each with focus characteristics, so that
//! every characteristic of the target path is assessed by at least two interviews and
//! no interview carries much more than another.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::template::{CharacteristicRef, ScorecardTemplate};

/// Names for the default interviews, in order.
pub const DEFAULT_INTERVIEW_NAMES: [&str; 5] = [
    "Customer scenario",
    "Technical deep-dive",
    "Collaboration and growth",
    "Leadership and impact",
    "Values and ways of working",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlannedInterview {
    pub name: String,
    pub focus: Vec<CharacteristicRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PanelPlan {
    pub interviews: Vec<PlannedInterview>,
}

/// A candidate's day has room for this many interviews; a longer plan is a mistake (or
/// a pasted list), and each interview costs a person an hour.
pub const MAX_INTERVIEWS: usize = 8;

impl PanelPlan {
    /// Whether the plan can be saved as it is: at least one interview, at most
    /// [`MAX_INTERVIEWS`], each with a name. Otherwise a sentence saying what to change.
    pub fn check(&self) -> Result<(), String> {
        if self.interviews.is_empty() {
            return Err("A panel needs at least one interview.".to_owned());
        }
        if self.interviews.len() > MAX_INTERVIEWS {
            return Err(format!(
                "A panel has at most {MAX_INTERVIEWS} interviews; this plan has {}. Merge or remove some.",
                self.interviews.len()
            ));
        }
        if let Some(position) = self.interviews.iter().position(|interview| interview.name.trim().is_empty()) {
            return Err(format!("Interview {} needs a name.", position + 1));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Coverage {
    pub characteristic: CharacteristicRef,
    /// How many interviews focus on it.
    pub interviews: u32,
    /// How many should: the policy's minimum on the path, once for the next role.
    pub required: u32,
}

/// 3 interviews for up to 12 path characteristics, 4 above that.
pub fn default_interview_count(template: &ScorecardTemplate) -> usize {
    if template.path_characteristics().len() > 12 {
        4
    } else {
        3
    }
}

/// Each path characteristic goes to the `per_characteristic` least-loaded interviews
/// (ties to the earliest); the next role's characteristics go once each the same way.
pub fn default_plan(template: &ScorecardTemplate, interviews: usize, per_characteristic: usize) -> PanelPlan {
    let interviews = interviews.clamp(1, DEFAULT_INTERVIEW_NAMES.len());
    let per_characteristic = per_characteristic.clamp(1, interviews);
    let mut plan: Vec<PlannedInterview> = DEFAULT_INTERVIEW_NAMES[..interviews]
        .iter()
        .map(|name| PlannedInterview { name: (*name).to_owned(), focus: Vec::new() })
        .collect();
    let assign = |plan: &mut Vec<PlannedInterview>, characteristic: CharacteristicRef, times: usize| {
        let mut order: Vec<usize> = (0..plan.len()).collect();
        order.sort_by_key(|&index| (plan[index].focus.len(), index));
        for &index in order.iter().take(times) {
            plan[index].focus.push(characteristic.clone());
        }
    };
    for characteristic in template.path_characteristics() {
        assign(&mut plan, characteristic, per_characteristic);
    }
    for characteristic in template.next_role_characteristics() {
        assign(&mut plan, characteristic, 1);
    }
    PanelPlan { interviews: plan }
}

impl PanelPlan {
    /// How many interviews cover each characteristic of the template, in template order.
    /// `minimum` is how many interviews each path characteristic needs (the ladder's
    /// `min_interviewers_per_characteristic`); the next role's need one each.
    pub fn coverage(&self, template: &ScorecardTemplate, minimum: u32) -> Vec<Coverage> {
        let count = |characteristic: &CharacteristicRef| {
            self.interviews.iter().filter(|interview| interview.focus.contains(characteristic)).count() as u32
        };
        let path = template.path_characteristics().into_iter().map(|c| (c, minimum));
        let next = template.next_role_characteristics().into_iter().map(|c| (c, 1));
        path.chain(next)
            .map(|(characteristic, required)| Coverage { interviews: count(&characteristic), characteristic, required })
            .collect()
    }

    /// Characteristics covered by fewer interviews than they need.
    pub fn gaps(&self, template: &ScorecardTemplate, minimum: u32) -> Vec<CharacteristicRef> {
        self.coverage(template, minimum)
            .into_iter()
            .filter(|coverage| coverage.interviews < coverage.required)
            .map(|coverage| coverage.characteristic)
            .collect()
    }
}
