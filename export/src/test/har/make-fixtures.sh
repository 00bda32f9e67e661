#!/usr/bin/env bash
# Records the HAR files under fixtures/ with real tools, from the same small site (site.js):
#   playwright-chromium.har  Playwright (npm playwright-core) driving Debian's Chromium, recordHar
#   chromium-cdp.har         Chromium's own DevTools protocol events made into a HAR by chrome-har
#   mitmproxy.har            mitmproxy from Debian's packages (mitmdump with its contrib har_dump.py)
#                            as the proxy of that Chromium
# Needs: node and npm, /usr/bin/chromium, and `apt-get install mitmproxy`. The output is committed:
# the import tests read it and do not run this script.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --silent
mkdir -p fixtures
site_log=$(mktemp)
node site.js > "$site_log" &
site=$!
trap 'kill $site ${mitm:-} 2>/dev/null || true; rm -f "$site_log" ${har_dump:-}' EXIT
for _ in $(seq 50); do [ -s "$site_log" ] && break; sleep 0.1; done
port=$(head -1 "$site_log")

node record.js "http://127.0.0.1:$port/" fixtures/playwright-chromium.har
node record-cdp.js "http://127.0.0.1:$port/" fixtures/chromium-cdp.har

# Debian's har_dump.py (mitmproxy 8.1) fails on a server connection without a TCP setup time (a
# WebSocket's): this copy skips the connect time there, as later mitmproxy versions do.
har_dump=$(mktemp --suffix=.py)
sed 's/if flow.server_conn and flow.server_conn not in SERVERS_SEEN:/if flow.server_conn and flow.server_conn not in SERVERS_SEEN and flow.server_conn.timestamp_tcp_setup is not None:/' \
  /usr/share/doc/mitmproxy/examples/contrib/har_dump.py > "$har_dump"
proxy_port=$((port + 1))
mitmdump --quiet --listen-host 127.0.0.1 --listen-port "$proxy_port" \
  -s "$har_dump" --set hardump="$PWD/fixtures/mitmproxy.har" &
mitm=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$proxy_port") 2>/dev/null && break; sleep 0.1; done
node record.js "http://127.0.0.1:$port/" /dev/null "http://127.0.0.1:$proxy_port"
kill -INT $mitm
wait $mitm || true
ls -l fixtures
