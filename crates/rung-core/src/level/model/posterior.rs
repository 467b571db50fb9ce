//! One candidate's posterior under a fitted model: per role, over its class; per rated
//! characteristic, over the true score given the class. Exact (the classes and scores are
//! discrete). Draws from it are what the policy is applied to.

use super::fit::{candidate_groups, posterior_of};
use super::random::Random;
use super::{MeasurementModel, CLASSES};
use crate::ladder::Ladder;
use crate::level::PanelRating;

pub(super) struct RolePosterior {
    pub class: Vec<f64>,
    /// Per characteristic of the role: `CLASSES × top` P(truth | class, ratings), or
    /// `None` when nobody rated it (it stays unassessed: no evidence is not a score).
    pub truth: Vec<Option<Vec<f64>>>,
}

pub(super) struct CandidatePosterior {
    pub top: usize,
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
        let mut roles: Vec<RolePosterior> = ladder
            .roles
            .iter()
            .enumerate()
            .map(|(position, role)| RolePosterior {
                class: self.role_weights.get(position).cloned().unwrap_or_else(|| self.pool_weights.clone()),
                truth: vec![None; role.characteristics.len()],
            })
            .collect();
        for group in groups {
            let weights = &self.role_weights[group.role];
            let posterior = posterior_of(&group.units, &tables, weights, &self.profiles, top);
            let role = &mut roles[group.role];
            role.class = posterior.class;
            for (unit, truth) in group.units.iter().zip(posterior.truth) {
                role.truth[unit.characteristic] = Some(truth);
            }
        }
        let mut offsets = Vec::with_capacity(roles.len());
        let mut next = 0;
        for role in &roles {
            offsets.push(next);
            next += role.truth.len();
        }
        CandidatePosterior { top, roles, offsets }
    }

    /// P(truth) for a characteristic nobody rated, given its role's class.
    pub(super) fn prior_given_class(&self, class: usize) -> &[f64] {
        &self.profiles[class]
    }
}

impl CandidatePosterior {
    pub fn draw(&self, random: &mut Random) -> Draw {
        let mut classes = Vec::with_capacity(self.roles.len());
        let mut scores = Vec::with_capacity(self.offsets.last().map_or(0, |o| o + 8));
        for role in &self.roles {
            let class = random.pick(&role.class);
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

    /// P(truth) of a rated characteristic, the class marginalised out.
    pub fn marginal(&self, role: usize, characteristic: usize) -> Option<Vec<f64>> {
        let posterior = &self.roles[role];
        let rows = posterior.truth[characteristic].as_ref()?;
        Some((0..self.top).map(|t| (0..CLASSES).map(|z| posterior.class[z] * rows[z * self.top + t]).sum()).collect())
    }
}
