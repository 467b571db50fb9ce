//! One rule for when two written names are one person: the same letters once composed
//! (NFC), with runs of whitespace as one space and none at either end, compared without
//! case. CSV interviewers, bundle interviewers and candidates, and team members all go
//! through here, so " Priya  Natarajan" and "priya natarajan" are the Priya Natarajan
//! already known, never a second one.

use unicode_normalization::UnicodeNormalization;

/// The name as it is kept and shown: NFC, whitespace collapsed and trimmed.
pub fn display_name(name: &str) -> String {
    name.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What two names are compared by: the display name, case-folded.
pub fn matching_key(name: &str) -> String {
    display_name(name).to_lowercase()
}

/// True when two written names are the same person's.
pub fn same_person(a: &str, b: &str) -> bool {
    matching_key(a) == matching_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_case_and_composition_do_not_make_a_second_person() {
        let composed = "Jo M\u{fc}ller";
        let decomposed = "Jo Mu\u{308}ller";
        assert!(same_person(composed, decomposed));
        assert!(same_person(" Priya  Natarajan ", "priya natarajan"));
        assert!(same_person("Priya\u{a0}Natarajan", "Priya Natarajan"), "a no-break space is whitespace");
        assert!(!same_person("Priya Natarajan", "Priya Natarajan-Cole"));
        assert_eq!(display_name("  Priya \t Natarajan "), "Priya Natarajan");
        assert_eq!(display_name(decomposed), composed);
    }
}
