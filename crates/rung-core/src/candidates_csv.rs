//! Candidates from an applicant-tracking system's export, as CSV: a name (or first and
//! last name), an email and the target role, in any order, under the headers such exports
//! use. The target role is a role's key or its title on the ladder. Every bad row is named
//! by its line, all at once, so a recruiter fixes the file in one go; nothing is imported
//! from a file with a bad row.

use std::collections::HashMap;
use std::fmt;

use crate::identity::matching_key;
use crate::ladder::Ladder;

/// One candidate read from the file, with the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateRow {
    pub line: u64,
    pub name: String,
    pub email: Option<String>,
    pub target_role_key: String,
}

/// A row (or the header, line 1) that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub reason: String,
}

/// Every problem in the file; nothing is imported while there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CandidatesCsvError {
    pub problems: Vec<RowProblem>,
}

impl fmt::Display for CandidatesCsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        write!(f, "{count} {} cannot be imported:", if count == 1 { "line" } else { "lines" })?;
        for problem in &self.problems {
            write!(f, "\n  line {}: {}", problem.line, problem.reason)?;
        }
        write!(f, "\nNothing was imported; correct the file and import it again.")
    }
}

const NAME: &[&str] = &["name", "full name", "candidate", "candidate name"];
const FIRST: &[&str] = &["first name", "given name"];
const LAST: &[&str] = &["last name", "surname", "family name"];
const EMAIL: &[&str] = &["email", "e-mail", "email address", "e-mail address"];
const ROLE: &[&str] = &["target role", "target_role", "role", "position", "job", "job title", "level"];

/// Where each field is in a row.
struct Columns {
    name: Option<usize>,
    first: Option<usize>,
    last: Option<usize>,
    email: Option<usize>,
    role: usize,
}

fn problem(line: u64, reason: impl Into<String>) -> CandidatesCsvError {
    CandidatesCsvError { problems: vec![RowProblem { line, reason: reason.into() }] }
}

pub fn parse(bytes: &[u8], ladder: &Ladder) -> Result<Vec<CandidateRow>, CandidatesCsvError> {
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = bytes[..error.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        problem(line, "the text is not UTF-8; save the file as UTF-8 (CSV UTF-8 in a spreadsheet)")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(problem(1, "the file is empty; it needs a header with name, email and target role")),
        Some(record) => record.map_err(|error| problem(1, error.to_string()))?,
    };
    let columns = columns(&header)?;
    let roles = RoleNames::of(ladder);
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut emails: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                problems.push(RowProblem { line, reason: error.to_string() });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        match row(&record, &columns, &roles, line) {
            Ok(row) => {
                let first_seen = row.email.as_deref().map(|email| *emails.entry(email.to_lowercase()).or_insert(line));
                match first_seen {
                    Some(earlier) if earlier != line => problems.push(RowProblem {
                        line,
                        reason: format!(
                            "the email {} is already on line {earlier}",
                            row.email.as_deref().unwrap_or("")
                        ),
                    }),
                    _ => rows.push(row),
                }
            }
            Err(reason) => problems.push(RowProblem { line, reason }),
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(CandidatesCsvError { problems })
    }
}

fn columns(header: &csv::StringRecord) -> Result<Columns, CandidatesCsvError> {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let find = |aliases: &[&str]| names.iter().position(|h| aliases.contains(&h.as_str()));
    let columns = Columns { name: find(NAME), first: find(FIRST), last: find(LAST), email: find(EMAIL), role: 0 };
    let role = find(ROLE);
    let has_name = columns.name.is_some() || columns.first.is_some() || columns.last.is_some();
    match (has_name, role) {
        (true, Some(role)) => Ok(Columns { role, ..columns }),
        _ => Err(problem(
            1,
            format!(
                "the first line must name the columns: name (or first name and last name), email (optional) and target role (found {:?})",
                header.iter().collect::<Vec<_>>().join(",")
            ),
        )),
    }
}

fn row(
    record: &csv::StringRecord,
    columns: &Columns,
    roles: &RoleNames<'_>,
    line: u64,
) -> Result<CandidateRow, String> {
    let field = |index: Option<usize>| index.and_then(|i| record.get(i)).unwrap_or("").trim();
    let name = match field(columns.name) {
        "" => [field(columns.first), field(columns.last)]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        full => full.to_owned(),
    };
    if name.is_empty() {
        return Err("the name is empty".to_owned());
    }
    let email = Some(field(columns.email).to_owned()).filter(|email| !email.is_empty());
    if let Some(email) = &email {
        if !looks_like_email(email) {
            return Err(format!("{email:?} is not an email address"));
        }
    }
    let role = field(Some(columns.role));
    let target_role_key = roles.resolve(role)?;
    Ok(CandidateRow { line, name, email, target_role_key })
}

fn looks_like_email(text: &str) -> bool {
    let mut parts = text.splitn(2, '@');
    let (local, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !text.contains(char::is_whitespace)
}

/// The ladder's roles by key and by title, as a recruiter would type them.
struct RoleNames<'a> {
    ladder: &'a Ladder,
}

impl<'a> RoleNames<'a> {
    fn of(ladder: &'a Ladder) -> Self {
        RoleNames { ladder }
    }

    fn resolve(&self, typed: &str) -> Result<String, String> {
        if typed.is_empty() {
            return Err("the target role is empty".to_owned());
        }
        let wanted = matching_key(typed);
        let matches: Vec<_> =
            self.ladder.roles.iter().filter(|role| role.key == typed || matching_key(&role.title) == wanted).collect();
        match matches.as_slice() {
            [role] if role.incomplete => Err(format!("{} has no characteristics yet, so it cannot be a target role", role.title)),
            [role] => Ok(role.key.clone()),
            [] => Err(format!(
                "the ladder has no role {typed:?}; use a role's title or key from `rung ladder show` (for example {:?})",
                self.ladder.roles.iter().find(|role| !role.incomplete).map_or("", |role| role.title.as_str())
            )),
            many => Err(format!(
                "{typed:?} names {} roles on this ladder ({}); use the role's key instead",
                many.len(),
                many.iter().map(|role| role.key.as_str()).collect::<Vec<_>>().join(", ")
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ladder() -> Ladder {
        crate::ladder::default_ladder()
    }

    #[test]
    fn an_ats_export_with_first_and_last_names_and_role_titles_reads_in_file_order() {
        let ladder = ladder();
        let role = ladder.roles.iter().find(|role| !role.incomplete).unwrap();
        let csv = format!(
            "\u{feff}First Name,Last Name,Email,Job,Source\nPriya,Natarajan,priya@example.com,{title},Referral\n,,,,\nSam,Okafor,,{key},\n",
            title = role.title.to_uppercase(),
            key = role.key
        );
        let rows = parse(csv.as_bytes(), &ladder).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].line, rows[0].name.as_str(), rows[0].email.as_deref()),
            (2, "Priya Natarajan", Some("priya@example.com"))
        );
        assert_eq!(rows[0].target_role_key, role.key);
        assert_eq!((rows[1].line, rows[1].name.as_str(), rows[1].email.as_deref()), (4, "Sam Okafor", None));
    }

    #[test]
    fn every_bad_row_is_named_by_its_line_at_once() {
        let ladder = ladder();
        let role = &ladder.roles.iter().find(|role| !role.incomplete).unwrap().key;
        let csv = format!(
            "name,email,target role\nA,a@example.com,{role}\n,b@example.com,{role}\nC,not-an-email,{role}\nD,d@example.com,Astronaut\nE,A@example.com,{role}\n"
        );
        let error = parse(csv.as_bytes(), &ladder).unwrap_err();
        let lines: Vec<u64> = error.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4, 5, 6], "{error}");
        let message = error.to_string();
        assert!(message.starts_with("4 lines cannot be imported"), "{message}");
        assert!(message.contains("\n  line 5: the ladder has no role \"Astronaut\""), "{message}");
        assert!(message.contains("line 6: the email A@example.com is already on line 2"), "{message}");
        assert!(message.ends_with("Nothing was imported; correct the file and import it again."), "{message}");
    }

    #[test]
    fn a_file_without_the_needed_columns_says_which_it_needs() {
        let error = parse(b"email,score\nx@example.com,3\n", &ladder()).unwrap_err();
        assert_eq!(error.problems[0].line, 1);
        assert!(error.to_string().contains("name (or first name and last name)"), "{error}");
        assert!(parse(b"", &ladder()).unwrap_err().to_string().contains("the file is empty"));
    }
}
