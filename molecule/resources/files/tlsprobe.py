"""Try a TLS handshake with each protocol version, and report which ones the server accepts
and which application protocol (ALPN) it picks.

    tlsprobe.py HOST PORT SERVER_NAME

The client offers every cipher at OpenSSL security level 0, so that a refusal comes from the
server and not from this client's own policy. Prints one JSON object.
"""
import json
import socket
import ssl
import sys
import warnings

VERSIONS = ["TLSv1", "TLSv1_1", "TLSv1_2", "TLSv1_3"]


def handshake(host, port, name, version=None, alpn=None):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_ciphers("ALL:@SECLEVEL=0")
    if version:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            tls_version = getattr(ssl.TLSVersion, version)
            context.minimum_version = tls_version
            context.maximum_version = tls_version
    if alpn:
        context.set_alpn_protocols(alpn)
    with socket.create_connection((host, port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname=name) as conn:
            return conn.version(), conn.selected_alpn_protocol()


def main():
    host, port, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    result = {"accepted": [], "refused": {}}
    for version in VERSIONS:
        try:
            handshake(host, port, name, version)
            result["accepted"].append(version)
        except (ssl.SSLError, OSError) as exc:
            result["refused"][version] = str(exc)
    try:
        result["alpn"] = handshake(host, port, name, alpn=["h2", "http/1.1"])[1]
    except (ssl.SSLError, OSError) as exc:
        result["alpn"] = None
        result["alpn_error"] = str(exc)
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
