//! `palabre rules check`.

use crate::support::Sandbox;
use std::path::Path;

#[test]
fn rules_check_accepts_the_example_and_names_the_line_of_a_mistake() {
    let s = Sandbox::new();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules.example.toml");
    let out = s.run(&["rules", "check", example.to_str().unwrap()]).ok();
    assert!(out.stdout.contains("eco-claims"), "{}", out.stdout);
    s.write("r.toml", "[[category]]\nname = \"a\"\ncues = [\"x\"]\n\n[[category]]\nname = \"a\"\ncues = [\"y\"]\n");
    let out = s.run(&["rules", "check", "r.toml"]).fails_with(2);
    assert!(
        out.stderr
            .contains("r.toml:5: category[1].name: `a` is defined twice"),
        "{}",
        out.stderr
    );
}
