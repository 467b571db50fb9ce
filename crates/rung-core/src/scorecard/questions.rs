//! Behavioural interview questions, generated deterministically from a characteristic's
//! first-person title and examples ("I recognise problems early…" → "Tell me about a
//! time that shows how you recognise problems early…"). Interviewers can edit them.

use crate::ladder::Characteristic;

/// At most this many questions per characteristic: one from the title, the rest from examples.
pub const QUESTIONS_PER_CHARACTERISTIC: usize = 3;

pub fn questions_for(characteristic: &Characteristic) -> Vec<String> {
    let mut questions = vec![from_statement(&characteristic.title, Source::Title)];
    let statements: Vec<&String> = characteristic.examples.iter().filter(|example| starts_with_i(example)).collect();
    // The first and the middle first-person example: varied, and stable as examples are appended.
    let mut picks = Vec::new();
    if let Some(first) = statements.first() {
        picks.push(*first);
    }
    if statements.len() > 2 {
        picks.push(statements[statements.len() / 2]);
    }
    for example in picks {
        let question = from_statement(example, Source::Example);
        if !questions.contains(&question) && questions.len() < QUESTIONS_PER_CHARACTERISTIC {
            questions.push(question);
        }
    }
    if questions.len() < 2 {
        questions.push(follow_up(&characteristic.title));
    }
    questions
}

#[derive(Clone, Copy)]
enum Source {
    Title,
    Example,
}

fn starts_with_i(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    matches!(first, "I" | "I'm" | "I’m" | "I've" | "I’ve")
}

fn from_statement(statement: &str, source: Source) -> String {
    let clause = second_person(statement.trim().trim_end_matches(['.', '!', ';', ':']).trim());
    let words: Vec<&str> = clause.split_whitespace().collect();
    // Present tense throughout: ladders coordinate verbs ("I am good at X and get Y"),
    // and changing one verb's tense would break the other.
    match (words.as_slice(), source) {
        (["you", "are", ..], Source::Title) => format!("Tell me about a time that shows {clause}."),
        (["you", "are", ..], Source::Example) => format!("Describe a recent situation that shows {clause}."),
        (["you", "have", ..], _) => format!("What shows that {clause}? Give a recent example."),
        (["you", "can", ..], _) => format!("Give an example of how you {}.", words[2..].join(" ")),
        (["you", ..], Source::Title) => format!("Tell me about a time that shows how {clause}."),
        (["you", ..], Source::Example) => format!("Describe a recent situation where {clause}."),
        _ => format!("Tell me about a recent example that shows this: {}.", lower_first(&clause)),
    }
}

/// A question for a characteristic with no first-person examples to draw on.
fn follow_up(title: &str) -> String {
    let clause = second_person(title.trim().trim_end_matches('.'));
    if clause.starts_with("you ") {
        "What would your colleagues say about that, and what would you do differently next time?".to_owned()
    } else {
        format!("What is a recent example of “{}” in your own work?", lower_first(&clause))
    }
}

/// Turns first person into second person, word by word, keeping punctuation.
pub fn second_person(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (index, word) in words.iter().enumerate() {
        let (core, tail) = split_punctuation(word);
        let previous = index.checked_sub(1).map(|p| split_punctuation(words[p]).0);
        let replaced = match core {
            "I" => "you".to_owned(),
            "I'm" | "I’m" => "you're".to_owned(),
            "I've" | "I’ve" => "you've".to_owned(),
            "I'll" | "I’ll" => "you'll".to_owned(),
            "I'd" | "I’d" => "you'd".to_owned(),
            "me" | "Me" => "you".to_owned(),
            "my" => "your".to_owned(),
            "My" => "Your".to_owned(),
            "mine" => "yours".to_owned(),
            "myself" => "yourself".to_owned(),
            "am" if previous == Some("I") => "are".to_owned(),
            "was" if previous == Some("I") => "were".to_owned(),
            other => other.to_owned(),
        };
        // A new sentence inside the statement starts with a capital: "… it. You reach out".
        let starts_sentence = index > 0 && words[index - 1].ends_with(['.', '!', '?']);
        let replaced = if starts_sentence { upper_first(&replaced) } else { replaced };
        out.push(format!("{replaced}{tail}"));
    }
    // "you're" reads better expanded inside a question.
    out.join(" ").replacen("you're ", "you are ", 1).replacen("you've ", "you have ", 1)
}

fn split_punctuation(word: &str) -> (&str, &str) {
    let end = word.trim_end_matches([',', '.', ';', ':', '!', '?', ')']).len();
    word.split_at(end)
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Keep acronyms and names ("CI/CD", "Octopus") as they are.
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        Some(first) => std::iter::once(first).chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn characteristic(title: &str, examples: &[&str]) -> Characteristic {
        Characteristic {
            key: "k".into(),
            title: title.into(),
            group: None,
            examples: examples.iter().map(|e| (*e).into()).collect(),
        }
    }

    #[test]
    fn first_person_becomes_second_person() {
        assert_eq!(
            second_person("I recognise problems early and get in and fix them regardless of whose fault it is"),
            "you recognise problems early and get in and fix them regardless of whose fault it is"
        );
        assert_eq!(
            second_person("I take responsibility for my own mistakes, and I learn"),
            "you take responsibility for your own mistakes, and you learn"
        );
        assert_eq!(
            second_person("Other team members want to work alongside me."),
            "Other team members want to work alongside you."
        );
    }

    #[test]
    fn questions_follow_the_shape_of_the_statement() {
        let questions = questions_for(&characteristic(
            "I am a support mentor",
            &[
                "People ask me for my opinion",
                "I can effectively coach people and pass on my knowledge.",
                "I am a confident teacher",
                "I teach",
            ],
        ));
        assert_eq!(
            questions,
            [
                "Tell me about a time that shows you are a support mentor.",
                "Give an example of how you effectively coach people and pass on your knowledge.",
                "Describe a recent situation that shows you are a confident teacher.",
            ]
        );
        assert_eq!(
            questions_for(&characteristic("I've become a student of my craft", &[]))[0],
            "What shows that you have become a student of your craft? Give a recent example."
        );
        assert_eq!(
            questions_for(&characteristic("I recognise problems early and get in and fix them", &[]))[0],
            "Tell me about a time that shows how you recognise problems early and get in and fix them."
        );
    }

    #[test]
    fn generation_is_deterministic_and_gives_two_or_three_questions() {
        let c = characteristic("Everything is a learning opportunity", &["I share the lessons I learn"]);
        assert_eq!(questions_for(&c), questions_for(&c));
        assert!((2..=3).contains(&questions_for(&c).len()));
        assert!((2..=3).contains(&questions_for(&characteristic("I lead", &[])).len()));
    }
}
