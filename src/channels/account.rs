//! An account's token: read from the environment or a private file, kept in
//! a type that never prints it.

use crate::config::AccountEntry;

/// A token or app password. `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value, for the one place that sends it (an `Authorization` header).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("account {account}: {reason}")]
pub struct AccountError {
    pub account: String,
    pub reason: String,
}

/// The account's token, from `token_env` or `token_file` (which must not be
/// readable by anyone but its owner).
pub fn token(entry: &AccountEntry) -> Result<Secret, AccountError> {
    let fail = |reason: String| AccountError {
        account: entry.name.clone(),
        reason,
    };
    if let Some(var) = &entry.token_env {
        return match std::env::var(var) {
            Ok(v) if !v.trim().is_empty() => Ok(Secret(v.trim().to_string())),
            _ => Err(fail(format!("the environment variable {var} is not set"))),
        };
    }
    if let Some(path) = &entry.token_file {
        let meta = std::fs::metadata(path).map_err(|e| fail(format!("{}: {e}", path.display())))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                return Err(fail(format!(
                    "{}: readable by others (mode {mode:o}); run chmod 600 on it",
                    path.display()
                )));
            }
        }
        let text =
            std::fs::read_to_string(path).map_err(|e| fail(format!("{}: {e}", path.display())))?;
        let token = text.trim();
        if token.is_empty() {
            return Err(fail(format!("{}: the file is empty", path.display())));
        }
        return Ok(Secret(token.to_string()));
    }
    Err(fail("no token: set token_env or token_file".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> AccountEntry {
        AccountEntry {
            name: "m".into(),
            network: crate::model::Channel::Mastodon,
            base_url: None,
            handle: "kettlo".into(),
            id: None,
            token_env: None,
            token_file: None,
            poll_seconds: None,
        }
    }

    #[test]
    fn a_secret_never_prints() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "Secret(…)");
        assert_eq!(s.expose(), "hunter2");
    }

    #[cfg(unix)]
    #[test]
    fn a_token_file_must_be_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t");
        std::fs::write(&path, "abc\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut e = entry();
        e.token_file = Some(path.clone());
        let err = token(&e).unwrap_err();
        assert!(err.to_string().contains("chmod 600"), "{err}");
        assert!(!err.to_string().contains("abc"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(token(&e).unwrap().expose(), "abc");
    }

    #[test]
    fn a_missing_token_is_named() {
        let mut e = entry();
        e.token_env = Some("PALABRE_TEST_SURELY_UNSET_VAR".into());
        let err = token(&e).unwrap_err().to_string();
        assert_eq!(
            err,
            "account m: the environment variable PALABRE_TEST_SURELY_UNSET_VAR is not set"
        );
    }
}
