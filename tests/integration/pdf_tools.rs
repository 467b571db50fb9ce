//! Real PDF tools reading back what Rung wrote: poppler's pdftotext, pdffonts and
//! pdfinfo, qpdf, and Apache PDFBox Preflight for PDF/A-1b.

use std::path::Path;
use std::process::Command;

fn run(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is not installed ({e}); scripts/test.sh installs it"))
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn text_layout(pdf: &Path) -> String {
    let output = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(output.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&output.stderr));
    stdout(&output)
}

/// pdftotext's plain reading order (no layout), whitespace collapsed.
pub fn text_flow(pdf: &Path) -> String {
    let output = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(output.status.success());
    stdout(&output).split_whitespace().collect::<Vec<_>>().join(" ")
}

pub struct FontLine {
    pub name: String,
    pub embedded: bool,
    pub subset: bool,
    pub unicode: bool,
}

pub fn fonts(pdf: &Path) -> Vec<FontLine> {
    let output = run("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(output.status.success());
    stdout(&output)
        .lines()
        .skip(2)
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let n = fields.len();
            FontLine {
                name: fields[0].to_owned(),
                embedded: fields[n - 5] == "yes",
                subset: fields[n - 4] == "yes",
                unicode: fields[n - 3] == "yes",
            }
        })
        .collect()
}

/// qpdf's structural check: Ok when it finds nothing wrong.
pub fn qpdf_check(pdf: &Path) -> Result<(), String> {
    let output = run("qpdf", &["--check", pdf.to_str().unwrap()]);
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr)))
    }
}

pub fn info(pdf: &Path) -> std::collections::HashMap<String, String> {
    let output = run("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(output.status.success());
    stdout(&output)
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect()
}

const PREFLIGHT_JARS: [&str; 7] = [
    "preflight.jar",
    "pdfbox2.jar",
    "fontbox2.jar",
    "xmpbox.jar",
    "commons-logging.jar",
    "javax.activation.jar",
    "jaxb-api.jar",
];

/// Apache PDFBox Preflight's PDF/A-1b verdict: Ok, or every rule it says fails.
pub fn preflight(pdf: &Path) -> Result<(), String> {
    let classpath = PREFLIGHT_JARS.iter().map(|jar| format!("/usr/share/java/{jar}")).collect::<Vec<_>>().join(":");
    let output = run("java", &["-cp", &classpath, "org.apache.pdfbox.preflight.Validator_A1b", pdf.to_str().unwrap()]);
    let said = format!("{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
    if output.status.success() && said.contains("is a valid PDF/A-1b file") {
        Ok(())
    } else {
        Err(said)
    }
}
