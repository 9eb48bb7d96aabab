"""Mutual TLS to an HTTPS destination: a local receiver that demands a client certificate.

Certificates are made here with `cryptography`: a server CA and the receiver's certificate for
127.0.0.1, the force's client CA and the outbox's client certificate, and a stranger CA that
nobody trusts.
"""

import ssl
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from frontline.interop.destinations import destination_create
from frontline.interop.models import DELIVERED, PENDING, Delivery
from frontline.interop.outbox import outbox_run_once
from tests.interop.receiver import Receiver
from tests.stopsearch.helpers import record as stop_search_made

SECRET = "s3cret-shared-with-the-force-records-system"


@pytest.fixture(autouse=True)
def _no_waiting(settings):
    settings.OUTBOX_BACKOFF_SECONDS = 0
    settings.OUTBOX_MAX_ATTEMPTS = 8


@pytest.fixture
def pki(tmp_path):
    """PEM files on disk, as a force would configure them: name -> absolute path."""
    server_ca = _authority("Frontline test server CA")
    client_ca = _authority("Force systems client CA")
    stranger_ca = _authority("Nobody trusts this CA")
    files = {}

    def write(name, certificate, key=None):
        files[name] = tmp_path / f"{name}.pem"
        files[name].write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        if key is not None:
            files[f"{name}_key"] = tmp_path / f"{name}.key"
            files[f"{name}_key"].write_bytes(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )

    write("server_ca", server_ca[0])
    write("client_ca", client_ca[0])
    write("stranger_ca", stranger_ca[0])
    write("server", *_issued(server_ca, "127.0.0.1", server=True))
    write("client", *_issued(client_ca, "frontline-outbox", server=False))
    write("stranger_client", *_issued(stranger_ca, "frontline-outbox", server=False))
    return {name: str(path) for name, path in files.items()}


@pytest.fixture
def https_receiver(pki):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki["server"], pki["server_key"])
    context.verify_mode = ssl.CERT_REQUIRED  # no client certificate, no connection
    context.load_verify_locations(pki["client_ca"])
    receiver = Receiver(SECRET, tls=context).start()
    yield receiver
    receiver.stop()


def _destination(admin, url, **tls):
    return destination_create(
        actor=admin,
        name="Force records system (mTLS)",
        kind="http",
        url=url,
        secret=SECRET,
        record_types=["stopsearch.record"],
        events=["created"],
        format="json",
        **tls,
    )


def test_delivery_with_the_configured_client_certificate_succeeds(
    officer, admin_officer, pki, https_receiver
):
    _destination(
        admin_officer,
        https_receiver.url,
        client_cert=pki["client"],
        client_key=pki["client_key"],
        ca_bundle=pki["server_ca"],
    )
    search = stop_search_made(officer)

    run = outbox_run_once()

    assert run.delivered == 1
    assert [body["record_id"] for body in https_receiver.processed] == [str(search.pk)]
    delivery = Delivery.objects.get()
    assert delivery.status == DELIVERED and delivery.last_error == ""


@pytest.mark.parametrize(
    "tls, error",
    [
        # no client certificate: the receiver refuses the handshake
        ({"ca_bundle": "server_ca"}, "connection failed"),
        # a client certificate from a CA the receiver does not trust
        (
            {"client_cert": "stranger_client", "client_key": "stranger_client_key"},
            "connection failed",
        ),
        # the right client certificate, but the receiver's certificate checked against the
        # wrong CA: the outbox refuses to talk to a server it cannot authenticate
        (
            {"client_cert": "client", "client_key": "client_key", "ca_bundle": "stranger_ca"},
            "CERTIFICATE_VERIFY_FAILED",
        ),
    ],
    ids=["no-client-certificate", "untrusted-client-certificate", "wrong-server-ca"],
)
def test_delivery_without_an_accepted_certificate_fails_is_retried_and_keeps_the_error(
    officer, admin_officer, pki, https_receiver, tls, error
):
    settings_tls = {field: pki[name] for field, name in tls.items()}
    settings_tls.setdefault("ca_bundle", pki["server_ca"])
    _destination(admin_officer, https_receiver.url, **settings_tls)
    stop_search_made(officer)

    first = outbox_run_once()
    second = outbox_run_once()

    assert (first.delivered, first.retried) == (0, 1)
    assert (second.delivered, second.retried) == (0, 1)
    assert https_receiver.processed == []
    delivery = Delivery.objects.get()
    assert delivery.status == PENDING and delivery.attempts == 2
    assert error in delivery.last_error


def _authority(common_name: str):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return certificate, key


def _issued(authority, common_name: str, *, server: bool):
    ca_certificate, ca_key = authority
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    if server:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address(common_name))]),
            critical=False,
        )
    return builder.sign(ca_key, hashes.SHA256()), key
