//! Encryption to the team's server, as libpq (psql) does it, over rustls.
//!
//! `sslmode` — disable, allow, prefer (the default), require, verify-ca,
//! verify-full — and `sslrootcert` (a PEM file of certificate authorities,
//! or `system` for the machine's bundle) come from the URL, else from
//! PGSSLMODE and PGSSLROOTCERT; `sslcert`/`sslkey` (PGSSLCERT, PGSSLKEY)
//! give a client certificate. As in libpq, ~/.postgresql/root.crt is the CA
//! file when none is named, and when a CA file is there the server's chain
//! is checked against it even under prefer or require; verify-full checks
//! the host name too; `sslrootcert=system` allows verify-full only.
//!
//! tokio-postgres knows three modes; the verification is ours (a rustls
//! certificate verifier per mode), and so is the tls-server-end-point
//! channel binding that SCRAM-SHA-256-PLUS asks for.

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio_postgres::Socket;
use tokio_postgres::tls::{ChannelBinding, MakeTlsConnect, TlsConnect};

/// libpq's sslmode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(value: &str) -> Option<SslMode> {
        Some(match value {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Allow => "allow",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    /// Whether a connection without encryption is refused.
    pub fn requires_tls(self) -> bool {
        matches!(
            self,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull
        )
    }

    /// What tokio-postgres is told: whether to ask, and whether to insist.
    /// `allow` (plain first, encrypted if refused) cannot be said to it and
    /// asks for encryption as prefer does; both accept a server without it.
    pub(crate) fn negotiation(self) -> tokio_postgres::config::SslMode {
        use tokio_postgres::config::SslMode as Pg;
        match self {
            SslMode::Disable => Pg::Disable,
            SslMode::Allow | SslMode::Prefer => Pg::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => Pg::Require,
        }
    }
}

/// The URL parameters that are ours, not tokio-postgres's.
const OURS: [&str; 5] = ["sslmode", "sslrootcert", "sslcert", "sslkey", "sslsni"];

/// The TLS side of a connection: the mode and what checks the server.
#[derive(Clone)]
pub(crate) struct Tls {
    pub mode: SslMode,
    config: Option<Arc<ClientConfig>>,
    /// Where the trusted CAs came from, for messages.
    roots: Option<String>,
}

/// Where settings come from besides the URL (the environment, the home
/// folder), so that tests need not change the process's environment.
pub(crate) struct Sources<'a> {
    pub env: &'a dyn Fn(&str) -> Option<String>,
    pub home: Option<PathBuf>,
}

impl Sources<'_> {
    pub(crate) fn process() -> Sources<'static> {
        Sources {
            env: &|name| std::env::var(name).ok().filter(|v| !v.is_empty()),
            home: dirs::home_dir(),
        }
    }
}

/// Takes the TLS parameters out of `url`: the URL left for tokio-postgres
/// and the TLS to use. Errors say which setting is wrong and why.
pub(crate) fn from_url(url: &str, sources: &Sources<'_>) -> Result<(String, Tls), String> {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, query),
        None => (url, ""),
    };
    let mut kept = Vec::new();
    let mut given = std::collections::HashMap::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if OURS.contains(&key) {
            let value = percent_encoding::percent_decode_str(value)
                .decode_utf8()
                .map_err(|_| format!("{key}: not UTF-8 once decoded"))?;
            given.insert(key, value.into_owned());
        } else {
            kept.push(pair);
        }
    }
    let setting = |key: &str, env: &str| {
        given
            .get(key)
            .cloned()
            .or_else(|| (sources.env)(env))
            .filter(|v| !v.is_empty())
    };
    let dot = sources.home.as_ref().map(|h| h.join(".postgresql"));
    let root = setting("sslrootcert", "PGSSLROOTCERT");
    let system = root.as_deref() == Some("system");
    let mode = match setting("sslmode", "PGSSLMODE") {
        Some(m) => SslMode::parse(&m).ok_or_else(|| {
            format!("sslmode={m} is not a mode: disable, allow, prefer, require, verify-ca or verify-full")
        })?,
        None if system => SslMode::VerifyFull,
        None => SslMode::Prefer,
    };
    if system && mode != SslMode::VerifyFull {
        return Err(format!(
            "weak sslmode={} may not be used with sslrootcert=system (use sslmode=verify-full)",
            mode.as_str()
        ));
    }
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    if mode == SslMode::Disable {
        return Ok((
            url,
            Tls {
                mode,
                config: None,
                roots: None,
            },
        ));
    }
    // A CA file named, else libpq's default one when it exists.
    let root_file = match root {
        Some(r) if r == "system" => Some(system_bundle(sources)?),
        Some(r) => Some(PathBuf::from(r)),
        None => dot
            .as_ref()
            .map(|d| d.join("root.crt"))
            .filter(|p| p.exists()),
    };
    let roots = match &root_file {
        Some(file) => Some(load_roots(file)?),
        None if matches!(mode, SslMode::VerifyCa | SslMode::VerifyFull) => {
            return Err(format!(
                "sslmode={} checks the server's certificate against a certificate authority: name its file with sslrootcert=/path/to/ca.crt (or PGSSLROOTCERT, or put it at ~/.postgresql/root.crt), use sslrootcert=system for the machine's authorities, or lower sslmode to require",
                mode.as_str()
            ));
        }
        None => None,
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let algorithms = provider.signature_verification_algorithms;
    let verifier: Arc<dyn ServerCertVerifier> = match roots {
        None => Arc::new(Unchecked(algorithms)),
        Some(roots) => {
            let webpki =
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                    .build()
                    .map_err(|e| format!("the certificate authorities cannot be used: {e}"))?;
            match mode {
                SslMode::VerifyFull => webpki,
                _ => Arc::new(ChainOnly(webpki)),
            }
        }
    };
    let builder = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let cert = setting("sslcert", "PGSSLCERT")
        .map(PathBuf::from)
        .or_else(|| {
            dot.as_ref()
                .map(|d| d.join("postgresql.crt"))
                .filter(|p| p.exists())
        });
    let config = match cert {
        Some(cert) => {
            let key = setting("sslkey", "PGSSLKEY")
                .map(PathBuf::from)
                .or_else(|| dot.as_ref().map(|d| d.join("postgresql.key")))
                .ok_or("sslcert is given without sslkey")?;
            let chain = CertificateDer::pem_file_iter(&cert)
                .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
                .map_err(|e| format!("sslcert {}: {e}", cert.display()))?;
            let private = PrivateKeyDer::from_pem_file(&key)
                .map_err(|e| format!("sslkey {}: {e}", key.display()))?;
            builder
                .with_client_auth_cert(chain, private)
                .map_err(|e| format!("sslcert {}: {e}", cert.display()))?
        }
        None => builder.with_no_client_auth(),
    };
    Ok((
        url,
        Tls {
            mode,
            config: Some(Arc::new(config)),
            roots: root_file.map(|f| f.display().to_string()),
        },
    ))
}

/// The machine's certificate authorities (`sslrootcert=system`):
/// SSL_CERT_FILE, else the bundle where the distributions keep it.
fn system_bundle(sources: &Sources<'_>) -> Result<PathBuf, String> {
    if let Some(file) = (sources.env)("SSL_CERT_FILE") {
        return Ok(PathBuf::from(file));
    }
    [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/cert.pem",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
    .ok_or_else(|| {
        "sslrootcert=system: this machine has no bundle of certificate authorities (set SSL_CERT_FILE)"
            .to_string()
    })
}

fn load_roots(file: &Path) -> Result<RootCertStore, String> {
    let shown = file.display();
    let certs = CertificateDer::pem_file_iter(file)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| match e {
            rustls::pki_types::pem::Error::Io(e) => format!("sslrootcert {shown}: {e}"),
            e => format!("sslrootcert {shown}: not a PEM file of certificates ({e})"),
        })?;
    if certs.is_empty() {
        return Err(format!("sslrootcert {shown}: holds no PEM certificate"));
    }
    let mut roots = RootCertStore::empty();
    let (_, unusable) = roots.add_parsable_certificates(certs);
    if roots.is_empty() {
        return Err(format!(
            "sslrootcert {shown}: none of its {unusable} certificates can be used"
        ));
    }
    Ok(roots)
}

/// Encryption without checking who answers (prefer and require without a
/// CA file): the handshake's signatures are still checked.
#[derive(Debug)]
struct Unchecked(WebPkiSupportedAlgorithms);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_schemes()
    }
}

/// verify-ca: the chain must lead to a trusted CA; the name may be any.
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // The name is checked last, once the chain is known good.
        match self
            .0
            .verify_server_cert(end_entity, intermediates, name, ocsp, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

impl MakeTlsConnect<Socket> for Tls {
    type Stream = TlsStream;
    type TlsConnect = Connect;
    type Error = io::Error;

    fn make_tls_connect(&mut self, host: &str) -> Result<Connect, io::Error> {
        Ok(Connect {
            tls: self.clone(),
            host: host.to_string(),
        })
    }
}

/// One handshake with the server named `host`.
pub(crate) struct Connect {
    tls: Tls,
    host: String,
}

impl TlsConnect<Socket> for Connect {
    type Stream = TlsStream;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = Result<TlsStream, io::Error>> + Send>>;

    fn connect(self, socket: Socket) -> Self::Future {
        Box::pin(async move {
            let config = self
                .tls
                .config
                .clone()
                .ok_or_else(|| io::Error::other("sslmode=disable"))?;
            let name = ServerName::try_from(self.host.clone()).map_err(|_| {
                io::Error::other(format!(
                    "{:?} is not a host name a certificate can name",
                    self.host
                ))
            })?;
            tokio_rustls::TlsConnector::from(config)
                .connect(name, socket)
                .await
                .map(TlsStream)
                .map_err(|e| io::Error::other(self.explain(&e)))
        })
    }
}

impl Connect {
    /// What went wrong in the handshake, in words a person can act on.
    fn explain(&self, e: &io::Error) -> String {
        let roots = self.tls.roots.as_deref().unwrap_or("sslrootcert");
        let mode = self.tls.mode.as_str();
        let Some(tls) = e.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) else {
            return format!("the TLS handshake failed: {e}");
        };
        match tls {
            rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer) => format!(
                "the server's certificate is not signed by a certificate authority in {roots} (sslmode={mode}): it is not the server you expect, or sslrootcert names the wrong CA"
            ),
            rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            ) => {
                let names = match tls {
                    rustls::Error::InvalidCertificate(
                        CertificateError::NotValidForNameContext { presented, .. },
                    ) if !presented.is_empty() => format!(" (it names {})", presented.join(", ")),
                    _ => String::new(),
                };
                format!(
                    "the server's certificate is not valid for the host {}{names} (sslmode=verify-full checks the name: connect by a name in the certificate, or use sslmode=verify-ca)",
                    self.host
                )
            }
            rustls::Error::InvalidCertificate(
                CertificateError::Expired | CertificateError::ExpiredContext { .. },
            ) => "the server's certificate has expired".to_string(),
            rustls::Error::InvalidCertificate(
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. },
            ) => "the server's certificate is not valid yet (is this machine's clock right?)"
                .to_string(),
            other => format!("the TLS handshake failed: {other}"),
        }
    }
}

/// An encrypted connection.
pub(crate) struct TlsStream(tokio_rustls::client::TlsStream<Socket>);

impl AsyncRead for TlsStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for TlsStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

impl tokio_postgres::tls::TlsStream for TlsStream {
    /// tls-server-end-point (RFC 5929): the server certificate's hash, so
    /// that SCRAM-SHA-256-PLUS binds the password exchange to this session
    /// (a man in the middle cannot relay it).
    fn channel_binding(&self) -> ChannelBinding {
        let (_, session) = self.0.get_ref();
        session
            .peer_certificates()
            .and_then(|chain| chain.first())
            .and_then(|cert| end_point_hash(cert.as_ref()))
            .map(ChannelBinding::tls_server_end_point)
            .unwrap_or_else(ChannelBinding::none)
    }
}

/// The certificate's hash with its signature's hash function (SHA-256 for
/// MD5 and SHA-1), as the server computes it; None for an algorithm with
/// no single hash (Ed25519, RSA-PSS), where no binding is offered.
fn end_point_hash(der: &[u8]) -> Option<Vec<u8>> {
    let (0x30, cert, _) = tlv(der)? else {
        return None;
    };
    let (0x30, _tbs, rest) = tlv(cert)? else {
        return None;
    };
    let (0x30, algorithm, _) = tlv(rest)? else {
        return None;
    };
    let (0x06, oid, _) = tlv(algorithm)? else {
        return None;
    };
    const RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01];
    const ECDSA_SHA2: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03];
    const ECDSA_SHA1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01];
    use ring::digest::{SHA256, SHA384, SHA512};
    let hash = match oid {
        o if o == ECDSA_SHA1 => &SHA256,
        [rsa @ .., last] if rsa == RSA => match last {
            0x04 | 0x05 | 0x0b => &SHA256,
            0x0c => &SHA384,
            0x0d => &SHA512,
            _ => return None,
        },
        [ecdsa @ .., last] if ecdsa == ECDSA_SHA2 => match last {
            0x02 => &SHA256,
            0x03 => &SHA384,
            0x04 => &SHA512,
            _ => return None,
        },
        _ => return None,
    };
    Some(ring::digest::digest(hash, der).as_ref().to_vec())
}

/// One DER element: its tag, its contents and what follows it.
fn tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (first as usize, rest)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n].iter().fold(0usize, |l, &b| (l << 8) | b as usize);
        (len, &rest[n..])
    };
    (rest.len() >= len).then(|| (tag, &rest[..len], &rest[len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(
        env: &'static [(&'static str, &'static str)],
        home: Option<PathBuf>,
    ) -> Sources<'static> {
        let lookup: &'static dyn Fn(&str) -> Option<String> =
            Box::leak(Box::new(move |name: &str| {
                env.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }));
        Sources { env: lookup, home }
    }

    /// Why `url` is refused.
    fn refused(url: &str, sources: &Sources<'_>) -> String {
        match from_url(url, sources) {
            Ok(_) => panic!("{url} was accepted"),
            Err(e) => e,
        }
    }

    fn self_signed(alg: &'static rcgen::SignatureAlgorithm) -> rcgen::Certificate {
        let key = rcgen::KeyPair::generate_for(alg).unwrap();
        rcgen::CertificateParams::new(vec!["db".to_string()])
            .unwrap()
            .self_signed(&key)
            .unwrap()
    }

    #[test]
    fn the_mode_comes_from_the_url_then_pgsslmode_then_prefer() {
        let none = sources(&[], None);
        let (url, tls) = from_url("postgres://lea@db/inbox", &none).unwrap();
        assert_eq!(
            (url.as_str(), tls.mode),
            ("postgres://lea@db/inbox", SslMode::Prefer)
        );
        let env = sources(&[("PGSSLMODE", "require")], None);
        let (_, tls) = from_url("postgres://lea@db/inbox", &env).unwrap();
        assert_eq!(tls.mode, SslMode::Require);
        let (url, tls) = from_url(
            "postgres://lea@db/inbox?application_name=x&sslmode=disable&connect_timeout=3",
            &env,
        )
        .unwrap();
        assert_eq!(tls.mode, SslMode::Disable);
        assert_eq!(
            url,
            "postgres://lea@db/inbox?application_name=x&connect_timeout=3"
        );
        let e = refused("postgres://lea@db/inbox?sslmode=strict", &none);
        assert!(e.contains("sslmode=strict is not a mode"), "{e}");
    }

    #[test]
    fn verifying_needs_a_ca_and_says_where_to_put_it() {
        let home = tempfile::tempdir().unwrap();
        let none = sources(&[], Some(home.path().to_path_buf()));
        let e = refused("postgres://lea@db/inbox?sslmode=verify-full", &none);
        assert!(e.contains("sslrootcert=/path/to/ca.crt"), "{e}");
        let e = refused(
            "postgres://lea@db/inbox?sslmode=verify-ca&sslrootcert=%2Fnowhere%2Fca.pem",
            &none,
        );
        assert!(e.starts_with("sslrootcert /nowhere/ca.pem: "), "{e}");
        let garbage = home.path().join("ca.pem");
        std::fs::write(&garbage, "not a certificate\n").unwrap();
        let e = refused(
            &format!(
                "postgres://lea@db/inbox?sslmode=verify-ca&sslrootcert={}",
                garbage.display()
            ),
            &none,
        );
        assert!(e.contains("holds no PEM certificate"), "{e}");
        let e = refused(
            "postgres://lea@db/inbox?sslmode=require&sslrootcert=system",
            &none,
        );
        assert!(e.contains("weak sslmode=require"), "{e}");
    }

    #[test]
    fn the_end_point_hash_follows_the_signature_algorithm() {
        let cert = self_signed(&rcgen::PKCS_ECDSA_P384_SHA384);
        let der = cert.der().as_ref();
        assert_eq!(
            end_point_hash(der).unwrap(),
            ring::digest::digest(&ring::digest::SHA384, der).as_ref()
        );
        let cert = self_signed(&rcgen::PKCS_ECDSA_P256_SHA256);
        assert_eq!(end_point_hash(cert.der()).unwrap().len(), 32);
        assert_eq!(
            end_point_hash(self_signed(&rcgen::PKCS_ED25519).der()),
            None
        );
        assert_eq!(end_point_hash(&[0x30, 0x85, 1]), None);
    }
}
