#!/bin/sh
# Workbench run 7 of "Golden" under profile browser-main, as curl commands.
# Each command repeats the request as it was sent (the first hop; -L where the run followed redirects).
# Secrets are references: set them before running this script.
#   export TOKEN='…'   # {{token}}

# sample json: GET → 200 (passed)
curl http://localhost:8001/json \
  -H 'Accept: application/json'

# users/create: POST → 200 (failed)
# the body (64 bytes) is not stored in the run; export with the collection at hand to include it
curl -X POST \
  'http://127.0.0.1:8002/echo?x=1&y=a%20b&flag' \
  -H 'Content-Type: application/json' \
  -H 'Authorization: Bearer '"${TOKEN}" \
  -H 'Cookie: session=abc; theme=dark'

# cors/blocked put: PUT → pyodide.ffi.JsException (errored)
# (the browser sent a CORS preflight first; curl does not)
curl -X PUT \
  http://127.0.0.1:8002/anything/cors \
  -H 'Origin: http://localhost:8001' \
  -H 'X-Client: demo'

# redirect chain: GET → 200 (passed)
curl https://secure.example.test/redirect/2 \
  -L

# later/not yet: DELETE (skipped)
# not sent in this run

# search & <filter> "bytes", 'raw': GET → 200 (passed)
curl http://localhost:8001/bytes/4096

# offline: GET → httpx.ConnectError (errored)
curl http://127.0.0.1:9/down
