//! What a level looks like in words: the codes, ordinals and seniority words ladders use
//! to name their levels. The reading engine weighs these as evidence of which axis holds
//! the roles; nothing here decides a reading on its own.

use crate::ladder::text::{comparable, split_level_prefix};

/// Seniority and proficiency words that name a level ("Senior", "Beginner", "Staff").
const LEVEL_WORDS: &[&str] = &[
    "intern",
    "internship",
    "trainee",
    "apprentice",
    "graduate",
    "entry",
    "associate",
    "junior",
    "jr",
    "mid",
    "middle",
    "intermediate",
    "senior",
    "sr",
    "staff",
    "principal",
    "lead",
    "distinguished",
    "fellow",
    "novice",
    "beginner",
    "basic",
    "developing",
    "emerging",
    "competent",
    "proficient",
    "skilled",
    "advanced",
    "expert",
    "master",
    "mastery",
    "leading",
    "practitioner",
    "foundational",
    "awareness",
    "aware",
    "working",
    "knowledgeable",
    "experienced",
    "established",
    "accomplished",
    "exemplary",
    "strategic",
    "executive",
    "head",
    "director",
    "manager",
    "vp",
    "chief",
    "architect",
    "level",
    "grade",
    "tier",
    "band",
    "stage",
    "milestone",
    "rank",
];

/// Nouns a role title is built from ("Senior Software Engineer").
const ROLE_NOUNS: &[&str] = &[
    "engineer",
    "developer",
    "designer",
    "analyst",
    "scientist",
    "manager",
    "director",
    "lead",
    "architect",
    "consultant",
    "specialist",
    "administrator",
    "officer",
    "researcher",
    "writer",
    "producer",
    "programmer",
    "technician",
    "agent",
    "representative",
    "coordinator",
    "owner",
    "head",
    "president",
    "partner",
    "sre",
    "tester",
    "support",
    "advocate",
    "marketer",
    "recruiter",
    "editor",
    "associate",
    "contributor",
    "member",
];

const ROMAN: &[&str] = &["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];

fn is_number_word(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit()) || ROMAN.contains(&word)
}

/// A level code as one word: "l3", "ic4", "e5", "m2", "p3", "se2", "swe3" (letters, then digits).
pub fn is_level_code(word: &str) -> bool {
    let letters = word.chars().take_while(char::is_ascii_alphabetic).count();
    let digits = word[letters..].chars().take_while(char::is_ascii_digit).count();
    (1..=4).contains(&letters) && digits >= 1 && letters + digits == word.len()
}

/// The title says where on a ladder it sits: a level code, a seniority word, a number.
/// Loose: used for role titles, which are short and rarely contain these by chance.
pub fn has_level_evidence(title: &str) -> bool {
    if split_level_prefix(title).0.is_some() {
        return true;
    }
    // "I" opens a sentence ("I act with integrity") far more often than it numbers a level.
    let words = comparable(title);
    words.split(' ').enumerate().any(|(at, word)| {
        LEVEL_WORDS.contains(&word) || is_level_code(word) || (is_number_word(word) && !(at == 0 && word == "i"))
    })
}

/// The whole title is a level's name ("Beginner", "Leading Expert", "L3", "Level 2",
/// "Senior Engineer", "IC4"): strict, for characteristic names, where a sentence like
/// "Mentors junior engineers" must not count.
pub fn is_level_name(title: &str) -> bool {
    let words = comparable(title);
    let words: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    if split_level_prefix(title).0.is_some() && words.len() <= 3 {
        return true;
    }
    let level_like = |word: &&str| LEVEL_WORDS.contains(word) || is_level_code(word) || is_number_word(word);
    let has_level = words.iter().any(level_like);
    has_level && words.iter().all(|word| level_like(word) || ROLE_NOUNS.contains(word) || *word == "of")
}

/// A name made only of level and role words ("Engineer", "Senior", "Staff Engineer", "L3"):
/// what a column of a level matrix is headed with.
pub fn is_role_name(title: &str) -> bool {
    let words = comparable(title);
    let words: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().all(|word| {
            LEVEL_WORDS.contains(word) || ROLE_NOUNS.contains(word) || is_level_code(word) || is_number_word(word)
        })
}

/// Words for a list of names: "Beginner … Expert" for a run, or the few names themselves.
pub fn span(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("\"{one}\""),
        [first, second] => format!("\"{first}\" and \"{second}\""),
        [first, .., last] => format!("\"{first}\" … \"{last}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_names_are_told_from_sentences() {
        for name in ["Beginner", "Leading Expert", "L3", "Level 2", "Senior Engineer", "IC4", "Staff", "E5"] {
            assert!(is_level_name(name), "{name}");
        }
        for name in ["Mentors junior engineers", "Communication", "Technical leadership", "Impact", "Delivery"] {
            assert!(!is_level_name(name), "{name}");
        }
        assert!(has_level_evidence("Senior Application Support Engineer"));
        assert!(has_level_evidence("Engineer II"));
        assert!(!has_level_evidence("Communication"));
    }
}
