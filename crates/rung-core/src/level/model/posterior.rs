//! One candidate's posterior under a fitted model: per role, over its class; per rated
//! characteristic, over the true score given the class. Exact (the classes and scores are
//! discrete). Draws from it are what the policy is applied to.

use super::fit::{candidate_core, candidate_groups, group_mass};
use super::random::Random;
use super::{MeasurementModel, CLASSES};
use crate::ladder::Ladder;
use crate::level::PanelRating;

pub(super) struct RolePosterior {
    /// `levels × CLASSES`: P(class | the candidate's level, ratings).
    pub class_given_level: Vec<f64>,
    /// Per characteristic of the role: `CLASSES × top` P(truth | class, ratings), or
    /// `None` when nobody rated it (it stays unassessed: no evidence is not a score).
    pub truth: Vec<Option<Vec<f64>>>,
}

pub(super) struct CandidatePosterior {
    pub top: usize,
    /// P(level), over the model's levels.
    pub level: Vec<f64>,
    pub roles: Vec<RolePosterior>,
    /// Where each role's characteristics start in a draw's flat list of scores.
    pub offsets: Vec<usize>,
}

/// One draw of what the panel saw: each role's class and each characteristic's score.
#[derive(Clone)]
pub(super) struct Draw {
    pub classes: Vec<usize>,
    pub scores: Vec<Option<u8>>,
}

impl MeasurementModel {
    pub(super) fn posterior(&self, ladder: &Ladder, ratings: &[PanelRating]) -> CandidatePosterior {
        let top = self.top;
        // This panel's interviewers, numbered in order of first rating.
        let mut names: Vec<&str> = Vec::new();
        for rating in ratings.iter().filter(|r| r.score.is_some()) {
            if !names.contains(&rating.rater.as_str()) {
                names.push(&rating.rater);
            }
        }
        let tables: Vec<Vec<f64>> = names.iter().map(|name| self.reading(name).table(top)).collect();
        let groups = candidate_groups(ladder, ratings, top, &|name| names.iter().position(|n| *n == name));
        let masses: Vec<_> = groups.iter().map(|g| group_mass(&g.units, &tables, &self.profiles, top)).collect();
        let core = candidate_core(&groups, &masses, &self.level_weights, &self.relation, &self.standing);
        let levels = self.level_weights.len();
        let mut roles: Vec<RolePosterior> = ladder
            .roles
            .iter()
            .enumerate()
            .map(|(position, role)| RolePosterior {
                class_given_level: (0..levels)
                    .flat_map(|level| self.standing[self.relation[level][position]].iter().copied())
                    .collect(),
                truth: vec![None; role.characteristics.len()],
            })
            .collect();
        for ((group, mass), rows) in groups.iter().zip(masses).zip(core.class_given_level) {
            let role = &mut roles[group.role];
            role.class_given_level = rows;
            for (unit, truth) in group.units.iter().zip(mass.truth) {
                role.truth[unit.characteristic] = Some(truth);
            }
        }
        let mut offsets = Vec::with_capacity(roles.len());
        let mut next = 0;
        for role in &roles {
            offsets.push(next);
            next += role.truth.len();
        }
        CandidatePosterior { top, level: core.level, roles, offsets }
    }

    /// P(truth) for a characteristic nobody rated, given its role's class.
    pub(super) fn prior_given_class(&self, class: usize) -> &[f64] {
        &self.profiles[class]
    }
}

impl CandidatePosterior {
    pub fn draw(&self, random: &mut Random) -> Draw {
        let level = random.pick(&self.level);
        let mut classes = Vec::with_capacity(self.roles.len());
        let mut scores = Vec::with_capacity(self.offsets.last().map_or(0, |o| o + 8));
        for role in &self.roles {
            let class = random.pick(&role.class_given_level[level * CLASSES..(level + 1) * CLASSES]);
            classes.push(class);
            for truth in &role.truth {
                scores.push(truth.as_ref().map(|rows| {
                    let row = &rows[class * self.top..(class + 1) * self.top];
                    random.pick(row) as u8 + 1
                }));
            }
        }
        Draw { classes, scores }
    }

    /// P(truth) of a rated characteristic, the level and class marginalised out.
    pub fn marginal(&self, role: usize, characteristic: usize) -> Option<Vec<f64>> {
        let posterior = &self.roles[role];
        let rows = posterior.truth[characteristic].as_ref()?;
        let class: Vec<f64> = (0..CLASSES)
            .map(|z| self.level.iter().enumerate().map(|(l, p)| p * posterior.class_given_level[l * CLASSES + z]).sum())
            .collect();
        Some((0..self.top).map(|t| (0..CLASSES).map(|z| class[z] * rows[z * self.top + t]).sum()).collect())
    }
}
