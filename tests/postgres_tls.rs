//! Encryption to a team's PostgreSQL server, for real: a server started with
//! `ssl=on` and a certificate this test makes (its own certificate
//! authority), then each libpq sslmode against it — and against a server
//! without TLS — as `--db` URLs take them.

use palabre::inbox::Store;
use palabre_test_server::postgres::{self, Server};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// The name the server's certificate is for (with 127.0.0.1).
const NAME: &str = "inbox.palabre.test";
const LEA_PASSWORD: &str = "Lea-s3cret-never-shown";

/// A certificate authority of the test's own, the server's TLS server, and
/// the files a client names.
struct Setup {
    server: &'static Server,
    _dir: tempfile::TempDir,
    ca: PathBuf,
    other_ca: PathBuf,
    noa_cert: PathBuf,
    noa_key: PathBuf,
}

fn authority(name: &str) -> CertifiedIssuer<'static, KeyPair> {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap()
}

/// A certificate signed by `ca` for `names` (or, with `user`, a client's
/// whose common name is that role): its PEM and its key's.
fn signed(
    ca: &CertifiedIssuer<'static, KeyPair>,
    names: &[&str],
    user: Option<&str>,
) -> (String, String) {
    let mut params =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap();
    if let Some(user) = user {
        params.distinguished_name.push(DnType::CommonName, user);
    }
    let key = KeyPair::generate().unwrap();
    let cert = params.signed_by(&key, &**ca).unwrap();
    (cert.pem(), key.serialize_pem())
}

/// The TLS server of this test binary, or None (said loudly) without
/// PostgreSQL's programs unless they are required.
fn setup(test: &str) -> Option<&'static Setup> {
    static SETUP: OnceLock<Result<Setup, String>> = OnceLock::new();
    let made = SETUP.get_or_init(|| {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let ca = authority("Palabre test CA");
        let other = authority("Somebody else's CA");
        let (cert, key) = signed(&ca, &[NAME, "127.0.0.1"], None);
        let (noa_cert, noa_key) = signed(&ca, &[], Some("noa"));
        let folder = dir.path().to_path_buf();
        let file = |name: &str, text: &str| {
            let path = folder.join(name);
            std::fs::write(&path, text).map(|_| path)
        };
        let server = postgres::start_tls(
            &postgres::Tls {
                cert_pem: &cert,
                key_pem: &key,
                client_ca_pem: Some(&ca.pem()),
            },
            &[
                "hostssl all lea 127.0.0.1/32 scram-sha-256",
                "hostssl all noa 127.0.0.1/32 cert",
                "host all lea,noa 127.0.0.1/32 reject",
            ],
        )
        .map(postgres::for_the_process)?;
        server.psql(&format!(
            "CREATE ROLE lea LOGIN PASSWORD '{LEA_PASSWORD}'; CREATE ROLE noa LOGIN"
        ))?;
        let setup = (|| {
            Ok::<_, std::io::Error>(Setup {
                ca: file("ca.crt", &ca.pem())?,
                other_ca: file("other-ca.crt", &other.pem())?,
                noa_cert: file("noa.crt", &noa_cert)?,
                noa_key: file("noa.key", &noa_key)?,
                server,
                _dir: dir,
            })
        })();
        setup.map_err(|e| e.to_string())
    });
    match made {
        Ok(setup) => Some(setup),
        Err(e) if postgres::programs().is_none() && !postgres::required() => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "\n!!! SKIPPED {test}: no PostgreSQL server ({e}).\n"
            );
            None
        }
        Err(e) => panic!("{test}: the TLS server could not start: {e}"),
    }
}

impl Setup {
    /// A new database on the TLS server (owned by `owner`): its name.
    fn database(&self, label: &str, owner: &str) -> String {
        let url = self.server.database(label).unwrap();
        let name = url.rsplit('/').next().unwrap().to_string();
        self.server
            .psql(&format!("ALTER DATABASE \"{name}\" OWNER TO {owner}"))
            .unwrap();
        name
    }

    fn url(&self, user: &str, host: &str, db: &str, query: &str) -> String {
        format!(
            "postgres://{user}@{host}:{}/{db}?{query}",
            self.server.port()
        )
    }

    /// Whether a connection of `user` to `db` is encrypted, and how.
    fn encryption(&self, db: &str, user: &str) -> String {
        self.server
            .query(
                db,
                &format!(
                    "SELECT string_agg(DISTINCT s.ssl::text || ' ' || coalesce(s.version, ''), ',')
                     FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
                     WHERE a.datname = current_database() AND a.usename = '{user}'
                       AND a.pid <> pg_backend_pid()"
                ),
            )
            .unwrap()
    }
}

fn open(url: &str) -> Result<Store, String> {
    Store::open(Path::new(url)).map_err(|e| e.to_string())
}

#[test]
fn verify_full_with_the_right_ca_encrypts_and_checks_the_server() {
    let Some(s) = setup("verify_full_with_the_right_ca_encrypts_and_checks_the_server") else {
        return;
    };
    let db = s.database("verify_full", "palabre");
    let ca = s.ca.display();
    // By its address (the certificate names 127.0.0.1)…
    let by_ip = s.url(
        "palabre",
        "127.0.0.1",
        &db,
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    );
    let store = open(&by_ip).expect("verify-full by address");
    assert!(store.info().is_ok());
    let encrypted = s.encryption(&db, "palabre");
    assert!(encrypted.starts_with("true TLSv1."), "{encrypted}");
    drop(store);
    // …and by its name, resolved elsewhere (hostaddr), as a team's DNS would.
    let by_name = s.url(
        "palabre",
        NAME,
        &db,
        &format!("hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert={ca}"),
    );
    let store = open(&by_name).expect("verify-full by name");
    assert_eq!(s.encryption(&db, "palabre"), encrypted);
    // The live updates' own connection goes through the same checks.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let first = runtime.block_on(async {
        let mut listener = palabre::store::postgres::listen(&by_name, 0).unwrap();
        tokio::time::timeout(Duration::from_secs(10), listener.recv()).await
    });
    assert_eq!(first.unwrap().unwrap().kind, "listening");
    drop(store);
}

#[test]
fn a_wrong_ca_or_a_wrong_host_is_refused_with_a_clear_reason() {
    let Some(s) = setup("a_wrong_ca_or_a_wrong_host_is_refused_with_a_clear_reason") else {
        return;
    };
    let db = s.database("wrong", "palabre");
    let other = s.other_ca.display();
    let wrong_ca = s.url(
        "palabre",
        "127.0.0.1",
        &db,
        &format!("sslmode=verify-full&sslrootcert={other}"),
    );
    let e = open(&wrong_ca)
        .err()
        .expect("a server signed by another CA is refused");
    assert!(
        e.contains("the server's certificate is not signed by a certificate authority in")
            && e.contains("other-ca.crt"),
        "{e}"
    );
    // verify-ca checks the chain as well.
    let e = open(&wrong_ca.replace("verify-full", "verify-ca"))
        .err()
        .unwrap();
    assert!(e.contains("not signed by a certificate authority"), "{e}");
    // The right CA, the wrong name: localhost is not in the certificate.
    let ca = s.ca.display();
    let wrong_host = s.url(
        "palabre",
        "localhost",
        &db,
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    );
    let e = open(&wrong_host)
        .err()
        .expect("a name the certificate lacks is refused");
    assert!(
        e.contains("the server's certificate is not valid for the host localhost")
            && e.contains(NAME),
        "{e}"
    );
    // verify-ca does not look at the name.
    let store = open(&wrong_host.replace("verify-full", "verify-ca")).expect("verify-ca");
    drop(store);
}

#[test]
fn require_encrypts_without_checking_the_certificate() {
    let Some(s) = setup("require_encrypts_without_checking_the_certificate") else {
        return;
    };
    let db = s.database("require", "palabre");
    // No CA named: encrypted, whoever signed the certificate.
    let store = open(&s.url("palabre", "localhost", &db, "sslmode=require")).expect("require");
    assert!(s.encryption(&db, "palabre").starts_with("true TLSv1."));
    drop(store);
    // prefer (the default) encrypts too when the server can.
    let store = open(&s.url("palabre", "127.0.0.1", &db, "")).expect("prefer");
    assert!(s.encryption(&db, "palabre").starts_with("true TLSv1."));
    drop(store);
    let store = open(&s.url("palabre", "127.0.0.1", &db, "sslmode=disable")).expect("disable");
    assert_eq!(s.encryption(&db, "palabre"), "false");
    drop(store);
}

#[test]
fn a_server_without_tls_refuses_require_and_serves_prefer() {
    let Some(plain) =
        postgres::shared_or_skip("a_server_without_tls_refuses_require_and_serves_prefer")
    else {
        return;
    };
    let url = plain.database("plain").unwrap();
    let e = open(&format!("{url}?sslmode=require"))
        .err()
        .expect("require needs TLS");
    assert!(
        e.contains(
            "the server does not accept encrypted connections, and sslmode=require requires one"
        ),
        "{e}"
    );
    let e = open(&format!(
        "{url}?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt"
    ))
    .err()
    .unwrap();
    assert!(e.contains("sslrootcert /nonexistent/ca.crt"), "{e}");
    assert!(open(&format!("{url}?sslmode=prefer")).is_ok());
    assert!(open(&url).is_ok(), "prefer is the default");
}

#[test]
fn a_password_over_tls_is_bound_to_the_session_and_never_shown() {
    let Some(s) = setup("a_password_over_tls_is_bound_to_the_session_and_never_shown") else {
        return;
    };
    let db = s.database("scram", "lea");
    let ca = s.ca.display();
    let lea = format!("lea:{LEA_PASSWORD}");
    // SCRAM-SHA-256-PLUS: the password exchange is bound to this TLS
    // session (tls-server-end-point); the server refuses lea without TLS.
    let url = s.url(
        &lea,
        "127.0.0.1",
        &db,
        &format!("sslmode=verify-full&sslrootcert={ca}&channel_binding=require"),
    );
    let store = open(&url).expect("lea signs in over TLS with channel binding");
    drop(store);
    let e = open(&url.replace("sslmode=verify-full", "sslmode=disable"))
        .err()
        .unwrap();
    assert!(!e.contains(LEA_PASSWORD), "{e}");
    let other = s.other_ca.display();
    let e = open(&url.replace(&ca.to_string(), &other.to_string()))
        .err()
        .unwrap();
    assert!(
        e.contains("not signed by") && !e.contains(LEA_PASSWORD),
        "{e}"
    );
    assert!(e.contains("lea:***@"), "{e}");
    let wrong = url.replace(LEA_PASSWORD, "not-her-password");
    let e = open(&wrong).err().unwrap();
    assert!(
        e.contains("password authentication failed") && !e.contains("not-her-password"),
        "{e}"
    );
}

#[test]
fn a_client_certificate_signs_in_without_a_password() {
    let Some(s) = setup("a_client_certificate_signs_in_without_a_password") else {
        return;
    };
    let db = s.database("cert", "noa");
    let query = format!(
        "sslmode=verify-full&sslrootcert={}&sslcert={}&sslkey={}",
        s.ca.display(),
        s.noa_cert.display(),
        s.noa_key.display()
    );
    let store = open(&s.url("noa", "127.0.0.1", &db, &query)).expect("noa's certificate");
    drop(store);
    // Without it the server has no way to know noa.
    let e = open(&s.url(
        "noa",
        "127.0.0.1",
        &db,
        &format!("sslmode=verify-full&sslrootcert={}", s.ca.display()),
    ))
    .err()
    .unwrap();
    assert!(e.contains("certificate"), "{e}");
}

#[test]
fn the_command_line_says_why_and_keeps_the_password_to_itself() {
    let Some(s) = setup("the_command_line_says_why_and_keeps_the_password_to_itself") else {
        return;
    };
    let db = s.database("cli", "lea");
    let lea = format!("lea:{LEA_PASSWORD}");
    let run = |url: &str, env: &[(&str, &str)]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_palabre"));
        c.args(["--db", url, "list"])
            .env_remove("PALABRE_DB")
            .env(
                "XDG_CONFIG_HOME",
                std::env::temp_dir().join("palabre-tls-test-no-config"),
            )
            .stdin(Stdio::null());
        for (k, v) in env {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    let wrong = s.url(
        &lea,
        "127.0.0.1",
        &db,
        &format!("sslmode=verify-full&sslrootcert={}", s.other_ca.display()),
    );
    let out = run(&wrong, &[]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success());
    assert!(
        said.contains("not signed by a certificate authority"),
        "{said}"
    );
    assert!(!said.contains(LEA_PASSWORD), "{said}");
    // PGSSLMODE and PGSSLROOTCERT, as psql reads them.
    let bare = s.url("lea", "127.0.0.1", &db, "");
    let ca = s.ca.display().to_string();
    let out = run(
        &bare,
        &[
            ("PGSSLMODE", "verify-full"),
            ("PGSSLROOTCERT", &ca),
            ("PGPASSWORD", LEA_PASSWORD),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(
        &bare,
        &[
            ("PGSSLMODE", "verify-full"),
            ("PGSSLROOTCERT", &s.other_ca.display().to_string()),
            ("PGPASSWORD", LEA_PASSWORD),
        ],
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && said.contains("not signed"),
        "{said}"
    );
}
