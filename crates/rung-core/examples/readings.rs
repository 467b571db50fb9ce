//! Prints every reading the engine tries for a ladder, best first, with its score and
//! strongest signs: `cargo run -p rung-core --example readings -- PATH`.
fn main() {
    if let Some(path) = std::env::var_os("RUNG_JSON") {
        let ladder = rung_core::ladder::load(std::path::Path::new(&path)).expect("reads");
        println!("{}", rung_core::ladder::json::to_json(&ladder));
        return;
    }
    for path in std::env::args().skip(1) {
        println!("{path}");
        match rung_core::ladder::reading::all_readings(std::path::Path::new(&path), &Default::default()) {
            Ok(readings) => {
                for (words, score, signs) in readings {
                    println!("  {score:+.2}  {words}\n         {}", signs.join("; "));
                }
            }
            Err(error) => println!("  error: {error}"),
        }
    }
}
