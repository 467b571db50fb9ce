// The smallest Tauri app: one window on a static page.
fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the window opens");
}
