//! The store's schema version.

use crate::support::{Sandbox, five_messages};

#[test]
fn a_store_from_a_newer_palabre_is_refused_and_left_untouched() {
    let s = Sandbox::new();
    s.import("in.jsonl", &five_messages());
    let supported = s.json(&["info", "--json"])["schema_version"]
        .as_i64()
        .unwrap();
    let newer = supported + 5;
    {
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.pragma_update(None, "user_version", newer).unwrap();
    }
    let bytes = std::fs::read(s.db()).unwrap();
    let commands: [&[&str]; 5] = [
        &["info"],
        &["list", "--json"],
        &["import", "in.jsonl"],
        &["tag", "1", "x"],
        &["export"],
    ];
    for args in commands {
        let out = s.run(args).fails_with(2);
        assert!(
            out.stderr.contains(&format!(
                "this store has schema version {newer}, but this palabre only knows up to version {supported}"
            )),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("upgrade palabre"), "{}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(
            std::fs::read(s.db()).unwrap(),
            bytes,
            "{args:?} changed the store file"
        );
    }
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, newer);
}
