//! Counts in words, so every screen and the PDF say "1 scorecard" and "3 scorecards".

/// "1 scorecard", "0 scorecards", "3 scorecards".
pub fn count(n: u32, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::count(1, "scorecard", "scorecards"), "1 scorecard");
        assert_eq!(super::count(0, "scorecard", "scorecards"), "0 scorecards");
        assert_eq!(super::count(3, "interview", "interviews"), "3 interviews");
    }
}
