//! The end-to-end harness: the app binary driven through tauri-driver and
//! WebKitWebDriver, one window at a time. Needs a display; `scripts/test.sh` runs the
//! suite under Xvfb.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::json;

/// One app window at a time: WebKitWebDriver sessions started in parallel interfere.
static ONE_WINDOW_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// tauri-driver for one test, in its own process group so that dropping it also ends
/// the WebKitWebDriver and app it started.
pub struct Driver {
    child: Child,
    port: u16,
    /// The app's data folder for this test: never the user's own.
    pub data_dir: tempfile::TempDir,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn tauri_driver_path() -> PathBuf {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    match cargo_bin {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

pub fn start_driver() -> Driver {
    start_driver_with(&[])
}

/// A driver whose app runs with extra environment variables (e.g. a dark GTK theme).
pub fn start_driver_with(env: &[(&str, &str)]) -> Driver {
    assert!(
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
        "the end-to-end tests need a display: run them with scripts/test.sh (which uses xvfb-run)"
    );
    let turn = ONE_WINDOW_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let port = free_port();
    let native_port = free_port();
    // Its output goes to a file: an inherited pipe would keep the test run open.
    let log = std::fs::File::create(std::env::temp_dir().join(format!("rung-tauri-driver-{port}.log"))).unwrap();
    let child = Command::new(tauri_driver_path())
        .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        // Signing keys in the data folder: a test run never fills a desktop's keyring.
        .env("RUNG_KEY_STORE", "folder")
        .envs(env.iter().copied())
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("tauri-driver is installed (cargo install tauri-driver --locked; scripts/test.sh does it)");
    // tauri-driver proxies to WebKitWebDriver: both must listen before a session starts.
    let deadline = Instant::now() + Duration::from_secs(20);
    for listening in [port, native_port] {
        while std::net::TcpStream::connect(("127.0.0.1", listening)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver/WebKitWebDriver did not listen on port {listening}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    Driver { child, port, data_dir: tempfile::tempdir().unwrap(), _turn: turn }
}

pub async fn open_app(driver: &Driver, args: &[&str]) -> Client {
    let mut capabilities = serde_json::Map::new();
    let mut all_args = vec!["--data-dir".to_owned(), driver.data_dir.path().display().to_string()];
    all_args.extend(args.iter().map(|arg| (*arg).to_owned()));
    // The benchmarks drive the release build (scripts/bench.sh sets RUNG_E2E_APP).
    let application = std::env::var("RUNG_E2E_APP").unwrap_or_else(|_| env!("CARGO_BIN_EXE_rung").to_owned());
    capabilities.insert("tauri:options".into(), json!({ "application": application, "args": all_args }));
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a WebDriver session with the app")
}

/// The texts of the elements matching `css`. The UI re-renders as data arrives, so an
/// element found a moment ago may be gone: read the whole list again when that happens.
pub async fn texts(client: &Client, css: &str) -> Vec<String> {
    for _ in 0..50 {
        let mut out = Vec::new();
        let mut stale = false;
        for element in client.find_all(Locator::Css(css)).await.unwrap() {
            match element.text().await {
                Ok(text) => out.push(text),
                Err(_) => {
                    stale = true;
                    break;
                }
            }
        }
        if !stale {
            return out;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the elements matching {css} kept changing while being read");
}

/// Clicks the first element matching `css`, finding it again if a re-render replaced it.
pub async fn click(client: &Client, css: &str) {
    for _ in 0..50 {
        if wait_for(client, css).await.click().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{css} could not be clicked");
}

/// Chooses `value` in the first `<select>` matching `css`, scrolled to the middle of the
/// window first (a banner that appeared above may have moved it under the sticky bar),
/// finding it again if a re-render replaced it.
pub async fn select_option(client: &Client, css: &str, value: &str) {
    for _ in 0..50 {
        let select = wait_for(client, css).await;
        let arguments = vec![serde_json::to_value(&select).unwrap()];
        let _ = client.execute("arguments[0].scrollIntoView({block: 'center'});", arguments).await;
        if select.select_by_value(value).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{value} could not be chosen in {css}");
}

/// Waits (up to 30 s) until the first element matching `css` says what `wanted` accepts;
/// returns its text.
pub async fn wait_for_text_where(client: &Client, css: &str, wanted: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    for _ in 0..300 {
        if let Some(text) = texts(client, css).await.into_iter().next() {
            if wanted(&text) {
                return text;
            }
            last = text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} still says {last:?}");
}

pub async fn wait_for(client: &Client, css: &str) -> Element {
    client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(css)).await.unwrap()
}

/// Saves a screenshot of the window under target/e2e-screens/ for people to look at.
pub async fn screenshot(client: &Client, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screens");
    std::fs::create_dir_all(&dir).unwrap();
    // A screenshot is for people to look at, never a reason for a test to hang or fail:
    // WebKitWebDriver has been seen not to answer one now and then.
    if let Ok(Ok(png)) = tokio::time::timeout(Duration::from_secs(10), client.screenshot()).await {
        std::fs::write(dir.join(name), png).unwrap();
    }
}

/// Saves the app's window, as the X server shows it, under target/e2e-screens/: what a
/// person would see, taken outside WebKitWebDriver (whose own screenshots have been seen to
/// hang on some screens).
pub fn capture_screen(name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screens");
    std::fs::create_dir_all(&dir).unwrap();
    let mut import = Command::new("import");
    import.args(["-window", "root"]);
    if let Some(geometry) = window_geometry("Rung") {
        import.args(["-crop", &geometry, "+repage"]);
    }
    let status = import.arg(dir.join(name)).status();
    assert!(status.is_ok_and(|s| s.success()), "ImageMagick's import could not save {name}");
}

/// `WxH+X+Y` of the top-level window titled `title`, from `xwininfo -root -tree`.
fn window_geometry(title: &str) -> Option<String> {
    let tree = Command::new("xwininfo").args(["-root", "-tree"]).output().ok()?;
    let tree = String::from_utf8_lossy(&tree.stdout).into_owned();
    let line = tree.lines().find(|line| line.contains(&format!("\"{title}\": (")))?;
    line.split_whitespace().find(|word| word.contains('x') && word.contains('+')).map(str::to_owned)
}

/// Serious or critical accessibility violations axe-core (pinned in ui/package.json)
/// finds on the screen as it is now, one line each: rule, what it means, where.
pub async fn axe_violations(client: &Client) -> Vec<String> {
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/node_modules/axe-core/axe.min.js"),
    )
    .expect("axe-core is installed by `npm ci` in ui/");
    let loaded = client.execute("return typeof window.axe !== 'undefined'", vec![]).await.unwrap();
    if loaded != serde_json::Value::Bool(true) {
        client.execute(&source, vec![]).await.unwrap();
    }
    let script = "const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] })
          .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 160) + ']' : '')).join('; ')}`)))
          .catch((e) => done(['axe failed: ' + e]));";
    let found = client.execute_async(script, vec![]).await.unwrap();
    serde_json::from_value(found).unwrap()
}

/// Switches the window between the light and the dark theme (as the theme setting does).
pub async fn set_theme(client: &Client, theme: &str) {
    client.execute("document.documentElement.dataset.theme = arguments[0];", vec![theme.into()]).await.unwrap();
}
