# Test fixture for the tls scenario: a private CA in DIR that issues a server certificate for
# each NAME (valid a year, with an OCSP responder URL), and an OCSP responder on
# 127.0.0.1:8888 (systemd unit gu-ocsp.service) that answers "good" for them.
#
#   testca.sh DIR NAME...
set -euo pipefail
dir=$1; shift
mkdir -p "$dir"; cd "$dir"
[ -f ca.key ] || openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 730 \
  -subj "/CN=greenunicorn test CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
: > index.txt
for name in "$@"; do
  if [ ! -f "$name.crt" ]; then
    openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$name" 2>/dev/null
    printf '%s\n' "subjectAltName=DNS:$name" "basicConstraints=CA:FALSE" \
      "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" \
      "authorityInfoAccess=OCSP;URI:http://127.0.0.1:8888" > "$name.ext"
    openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 \
      -extfile "$name.ext" -out "$name.crt" 2>/dev/null
  fi
  # the OCSP responder's database: status, expiry, revocation, serial, file, subject
  expiry=$(date -u -d "$(openssl x509 -in "$name.crt" -noout -enddate | cut -d= -f2)" +%y%m%d%H%M%SZ)
  serial=$(openssl x509 -in "$name.crt" -noout -serial | cut -d= -f2)
  printf 'V\t%s\t\t%s\tunknown\t/CN=%s\n' "$expiry" "$serial" "$name" >> index.txt
done
chmod 0644 ./*.crt; chmod 0600 ./*.key
cat > /etc/systemd/system/gu-ocsp.service <<UNIT
[Unit]
Description=OCSP responder of the greenunicorn test CA
[Service]
ExecStart=/usr/bin/openssl ocsp -index $dir/index.txt -host 127.0.0.1 -port 8888 -rsigner $dir/ca.crt -rkey $dir/ca.key -CA $dir/ca.crt -ndays 1
[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now gu-ocsp.service
systemctl restart gu-ocsp.service
