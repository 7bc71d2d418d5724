"""Open a WebSocket (RFC 6455, standard library only), send one text message, read the reply.

    wsecho.py HOST PORT PATH --host-header NAME --message TEXT [--tls [--cafile CA]]

With --tls the connection is TLS with the host header as server name (SNI), verified against
--cafile when given (a self-signed server is accepted without it).

Prints one JSON line: the HTTP status of the upgrade, the reply's text, and an error if any.
"""
import argparse
import base64
import json
import os
import socket
import ssl
import struct


def read_exact(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("connection closed")
        data += chunk
    return data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("path")
    parser.add_argument("--host-header", required=True)
    parser.add_argument("--message", default="hello")
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--cafile")
    args = parser.parse_args()
    result = {"status": None, "reply": None, "error": None}
    try:
        sock = socket.create_connection((args.host, args.port), timeout=10)
        if args.tls:
            context = ssl.create_default_context(cafile=args.cafile)
            if not args.cafile:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            # HTTP/1.1 only: the upgrade is an HTTP/1.1 mechanism
            context.set_alpn_protocols(["http/1.1"])
            sock = context.wrap_socket(sock, server_hostname=args.host_header)
            result["tls"] = sock.version()
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall((f"GET {args.path} HTTP/1.1\r\nHost: {args.host_header}\r\n"
                      "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += read_exact(sock, 1)
        result["status"] = int(head.split(b" ", 2)[1])
        if result["status"] == 101:
            payload = args.message.encode()
            mask = os.urandom(4)
            masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            sock.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + masked)  # short text frame
            first, second = read_exact(sock, 2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", read_exact(sock, 2))[0]
            elif length == 127:
                length = struct.unpack("!Q", read_exact(sock, 8))[0]
            result["opcode"] = first & 0x0F
            result["reply"] = read_exact(sock, length).decode()
            sock.sendall(bytes([0x88, 0x80]) + os.urandom(4))  # close
        sock.close()
    except Exception as exc:  # reported, the caller asserts
        result["error"] = f"{type(exc).__name__}: {exc}"
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
