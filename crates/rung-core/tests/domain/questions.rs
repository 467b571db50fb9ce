//! Generated behavioural questions read as natural English for every characteristic of
//! both sample ladders: no leftover first person, no doubled words, no missing verb.

use rung_core::ladder::{default_ladder, Ladder};
use rung_core::scorecard::questions::questions_for;

use crate::support::*;

fn problems(question: &str) -> Vec<String> {
    let mut found = Vec::new();
    // "Tell me" addresses the interviewer; the rest must not speak as the candidate.
    let body = question.strip_prefix("Tell me ").unwrap_or(question);
    let words: Vec<String> = body
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').to_owned())
        .collect();
    for first_person in ["I", "me", "my", "mine", "myself", "I'm", "I’m", "I've", "I’ve", "Me", "My"] {
        if words.iter().any(|w| w == first_person) {
            found.push(format!("leftover {first_person:?}"));
        }
    }
    for pair in words.windows(2) {
        if !pair[0].is_empty() && pair[0].eq_ignore_ascii_case(&pair[1]) && pair[0] != "that" {
            found.push(format!("doubled {:?}", pair[0]));
        }
        let after_you = ["a", "an", "the", "of", "to", "is", "am", "was", "has"];
        if pair[0] == "you" && after_you.contains(&pair[1].as_str()) {
            found.push(format!("no verb after \"you\": \"you {}\"", pair[1]));
        }
    }
    if !question.chars().next().is_some_and(char::is_uppercase) {
        found.push("does not start with a capital".into());
    }
    if !(question.ends_with('.') || question.ends_with('?')) {
        found.push("does not end a sentence".into());
    }
    if question.contains("..") || question.contains(" ,") || question.contains(",.") {
        found.push("broken punctuation".into());
    }
    let sentences = question.split(". ").skip(1);
    if sentences.into_iter().any(|sentence| sentence.chars().next().is_some_and(char::is_lowercase)) {
        found.push("a sentence starts in lowercase".into());
    }
    found
}

fn check_ladder(ladder: &Ladder, report: &mut String) -> usize {
    let mut bad = 0;
    for role in &ladder.roles {
        for characteristic in &role.characteristics {
            let questions = questions_for(characteristic);
            assert!((2..=3).contains(&questions.len()), "{}: {questions:?}", characteristic.title);
            for question in &questions {
                report.push_str(&format!("{} | {}\n", characteristic.title, question));
                let issues = problems(question);
                if !issues.is_empty() {
                    bad += 1;
                    report.push_str(&format!("  !! {issues:?}\n"));
                }
            }
        }
    }
    bad
}

#[test]
fn every_question_of_both_sample_ladders_reads_correctly() {
    let mut report = String::new();
    let bad =
        check_ladder(&default_ladder(), &mut report) + check_ladder(&load(&data("octopus-support-2025")), &mut report);
    let out = std::env::temp_dir().join("rung-generated-questions.txt");
    std::fs::write(&out, &report).unwrap();
    assert_eq!(bad, 0, "{bad} questions read badly (all questions in {}):\n{report}", out.display());
}

#[test]
fn the_grammar_check_itself_catches_the_patterns() {
    assert!(!problems("Tell me about my time.").is_empty());
    assert!(!problems("Tell me about a time you you led.").is_empty());
    assert!(!problems("Tell me about a time you a mentor.").is_empty());
    assert!(!problems("Tell me about a time you am late.").is_empty());
    assert!(!problems("Describe it. you reach out.").is_empty());
    assert!(problems("Tell me about a time that shows how you lead a team.").is_empty());
}
