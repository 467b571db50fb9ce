//! The team password in the system keyring (Secret Service): `rung team connect
//! --save-password` stores it, later syncs need no PGPASSWORD, and `disconnect` forgets it.
//! The keyring is a real gnome-keyring-daemon on a private session bus of its own
//! (`dbus-run-session`), so the other tests keep a desktop without one.

use std::process::Command;

use crate::store_support::text;
use crate::team_support::{password, Laptop, Postgres, ONE_SERVER_AT_A_TIME};

#[test]
fn a_password_saved_in_the_keyring_lets_later_syncs_run_without_pgpassword() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start();
    pg.set_up_team(&[("cora", true)]);
    let laptop = Laptop::new("cora");
    crate::store_support::seed_candidate(&mut laptop.store(), "Kai Moreno");
    let home = tempfile::tempdir().unwrap();
    let rung = env!("CARGO_BIN_EXE_rung");
    let folder = laptop.path().display().to_string();
    let url = pg.url("cora");
    // One session: a keyring unlocked with its own password, then Rung with and without
    // PGPASSWORD. Each step prints a marker and its exit status.
    let script = format!(
        r#"set -u
export XDG_DATA_HOME="{home}/data" XDG_RUNTIME_DIR="{home}/run" HOME="{home}"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
printf 'keyring-pw' | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
step() {{ name="$1"; shift; "$@" > "{home}/$name.out" 2>&1; echo "$name=$?"; }}
step connect env PGPASSWORD="{pw}" {rung} --data-dir "{folder}" team connect "{url}" --name "Cora Diaz" --save-password
step sync env -u PGPASSWORD {rung} --data-dir "{folder}" team sync
step disconnect env -u PGPASSWORD {rung} --data-dir "{folder}" team disconnect
step again env -u PGPASSWORD {rung} --data-dir "{folder}" team connect "{url}" --name "Cora Diaz"
"#,
        home = home.path().display(),
        pw = password("cora"),
    );
    let output =
        Command::new("dbus-run-session").args(["--", "bash", "-c", &script]).output().expect("dbus-run-session");
    let steps = text(&output.stdout);
    let read = |name: &str| std::fs::read_to_string(home.path().join(format!("{name}.out"))).unwrap_or_default();
    assert!(steps.contains("connect=0"), "{steps}\n{}\n{}", read("connect"), text(&output.stderr));
    assert!(steps.contains("sync=0"), "the saved password was used: {steps}\n{}", read("sync"));
    assert!(read("sync").contains("sent 2"), "{}", read("sync"));
    assert!(steps.contains("disconnect=0"), "{steps}\n{}", read("disconnect"));
    assert!(steps.contains("again=1"), "disconnect forgot the password: {steps}\n{}", read("again"));
    assert!(read("again").contains("refused the login"), "{}", read("again"));
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.candidates"), "1");
    // The signing keys the sync registered were kept in the keyring, not the folder.
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.member_keys"), "2", "Cora's key and the laptop's");
    let key_files = std::fs::read_dir(laptop.path().join("keys")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(key_files, 0, "no secret in the data folder while a keyring runs");
    // And Rung's own files never held it.
    for file in crate::support::files_under(laptop.path()) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains(&password("cora")), "{} holds the password", file.display());
    }
}
