//! What an interviewer scores for a target role: the role and everything it builds on
//! (the path, whose characteristics decide Performing/Maturing), plus the next role up
//! (whose characteristics are the evidence for Exceeding).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ladder::{Characteristic, Ladder, Role};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SectionPurpose {
    /// A role the target builds on.
    Foundation,
    /// The role applied for.
    Target,
    /// The role above: evidence for Exceeding.
    NextRole,
}

impl SectionPurpose {
    pub const ALL: [SectionPurpose; 3] = [SectionPurpose::Foundation, SectionPurpose::Target, SectionPurpose::NextRole];

    /// How a kit or debrief heads the characteristics of a role with this purpose.
    pub fn label(&self) -> &'static str {
        match self {
            SectionPurpose::Foundation => "Builds on",
            SectionPurpose::Target => "Target role",
            SectionPurpose::NextRole => "Next role: evidence for Exceeding",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateSection {
    pub role_key: String,
    pub role_title: String,
    pub level: u32,
    pub purpose: SectionPurpose,
    pub characteristics: Vec<Characteristic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScorecardTemplate {
    pub target_role_key: String,
    /// Most junior first; the next role (if any) last.
    pub sections: Vec<TemplateSection>,
}

/// A characteristic as scored: which role it belongs to, and its key in that role.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct CharacteristicRef {
    pub role_key: String,
    pub characteristic_key: String,
}

/// The role directly above `role`: one that builds on it, preferring the same track.
pub fn next_role<'a>(ladder: &'a Ladder, role: &Role) -> Option<&'a Role> {
    let above: Vec<&Role> = ladder
        .roles
        .iter()
        .filter(|candidate| candidate.builds_on.as_deref() == Some(role.key.as_str()) && !candidate.incomplete)
        .collect();
    above.iter().find(|candidate| candidate.same_track(role)).or(above.first()).copied()
}

/// `None` when the role does not exist or has nothing to score.
pub fn template_for(ladder: &Ladder, target_role_key: &str) -> Option<ScorecardTemplate> {
    let target = ladder.role(target_role_key).filter(|role| !role.incomplete)?;
    let mut sections: Vec<TemplateSection> = ladder
        .path_to(target_role_key)
        .into_iter()
        .filter(|role| !role.characteristics.is_empty())
        .map(|role| {
            section(role, if role.key == target.key { SectionPurpose::Target } else { SectionPurpose::Foundation })
        })
        .collect();
    if let Some(next) = next_role(ladder, target) {
        sections.push(section(next, SectionPurpose::NextRole));
    }
    Some(ScorecardTemplate { target_role_key: target.key.clone(), sections })
}

fn section(role: &Role, purpose: SectionPurpose) -> TemplateSection {
    TemplateSection {
        role_key: role.key.clone(),
        role_title: role.title.clone(),
        level: role.level,
        purpose,
        characteristics: role.characteristics.clone(),
    }
}

impl ScorecardTemplate {
    /// Every characteristic of the path (not the next role): what must be covered.
    pub fn path_characteristics(&self) -> Vec<CharacteristicRef> {
        self.refs(|purpose| *purpose != SectionPurpose::NextRole)
    }

    pub fn next_role_characteristics(&self) -> Vec<CharacteristicRef> {
        self.refs(|purpose| *purpose == SectionPurpose::NextRole)
    }

    fn refs(&self, keep: impl Fn(&SectionPurpose) -> bool) -> Vec<CharacteristicRef> {
        self.sections
            .iter()
            .filter(|section| keep(&section.purpose))
            .flat_map(|section| {
                section.characteristics.iter().map(|c| CharacteristicRef {
                    role_key: section.role_key.clone(),
                    characteristic_key: c.key.clone(),
                })
            })
            .collect()
    }
}
