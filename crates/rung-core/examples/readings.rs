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
        match rung_core::ladder::reading::read(std::path::Path::new(&path), &Default::default()) {
            Ok(read) => {
                for tried in read.tried {
                    println!("  {:+.2}  {}\n         {}", tried.score, tried.reading, tried.signs.join("; "));
                }
            }
            Err(error) => println!("  error: {error}"),
        }
    }
}
