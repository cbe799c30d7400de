# curl commands copied from the README and from browser devtools ("Copy as cURL").
$ curl http://127.0.0.1:18602/get

curl -X POST 'http://127.0.0.1:18602/echo?x=1' \
  -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $API_TOKEN" \
  -d '{"name": "O'"'"'Brien", "tags": ["a", "b"], "tpl": "{{not a template}}"}'

curl --json '{"n": 1}' http://127.0.0.1:18602/anything/json | jq .

curl -sSL -k --compressed -m 7.5 --connect-timeout 2 -x 127.0.0.1:3128 \
     -u 'admin:p@ss word' -b 'session=xyz; theme=dark' \
     -A 'my-agent/1.0' http://127.0.0.1:18602/redirect/2

curl -F 'caption=hello world' -F 'file=@avatar.txt;type=text/plain;filename=me.txt' http://127.0.0.1:18602/anything/upload

curl -G --data-urlencode 'q=a b&c' -d limit=5 http://127.0.0.1:18602/get

curl -XPUT -H'X-Tab:	tabbed' --data-raw $'line1\nline2' --data-binary @payload.json "http://127.0.0.1:18602/anything/\${literal}"

curl --request PATCH --url http://127.0.0.1:18602/anything/users/7 --data 'a=1' --data 'b=2' --frobnicate

wget http://127.0.0.1:18602/get
curl 127.0.0.1:18602/anything/noscheme -H "X-Home: $HOME/x" -I
