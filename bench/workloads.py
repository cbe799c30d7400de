"""Writes the inputs of every workload: Workbench collections, curl config files, tavern and gabbi YAML."""
import json
import os


def write_json(path: str, value) -> str:
    with open(path, "w") as f:
        json.dump(value, f)
    return path


def plain_collection(path: str, name: str, url: str, count: int, headers=None) -> str:
    """`count` GETs of one URL, no assertions: the throughput workloads."""
    requests = []
    for i in range(count):
        request = {"name": f"r{i}", "url": url}
        if headers:
            request["headers"] = headers
        requests.append(request)
    return write_json(path, {"name": name, "requests": requests})


def assertions_collection(path: str, base: str, count: int) -> str:
    """`count` GETs of /item.json, each with five assertions and a capture that the next request uses."""
    requests = []
    for i in range(count):
        url = f"{base}/item.json" + ("?after={{id}}" if i else "")
        requests.append({
            "name": f"item{i}", "url": url,
            "assert": [
                {"status": 200},
                {"header": "Content-Type", "contains": "json"},
                {"jsonpath": "$.id", "==": 42},
                {"jsonpath": "$.name", "==": "widget"},
                {"jsonpath": "$.stock.count", ">": 0},
            ],
            "capture": {"id": {"jsonpath": "$.id"}},
        })
    return write_json(path, {"name": "bench-assertions", "requests": requests})


def curl_config(path: str, url: str, count: int) -> str:
    """A curl -K file: `count` URLs, each written to /dev/null (one process, connections reused)."""
    with open(path, "w") as f:
        for _ in range(count):
            f.write(f'url = "{url}"\noutput = "/dev/null"\n')
    return path


def tavern_file(folder: str, base: str, count: int) -> str:
    """One tavern test with `count` stages, the same checks and capture as the Workbench collection."""
    os.makedirs(folder, exist_ok=True)
    lines = ["test_name: bench assertions", "stages:"]
    for i in range(count):
        url = f"{base}/item.json" + ("?after={id}" if i else "")
        lines += [
            f"  - name: item{i}",
            "    request:",
            f"      url: \"{url}\"",
            "      method: GET",
            "    response:",
            "      status_code: 200",
            "      headers:",
            "        content-type: application/json",
            "      json:",
            "        id: 42",
            "        name: widget",
            "        tags: [a, b]",
            "        price: 9.5",
            "        stock: {warehouse: north, count: 7}",
            "      save:",
            "        json:",
            "          id: id",
        ]
    path = os.path.join(folder, "test_bench.tavern.yaml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def gabbi_file(path: str, count: int) -> str:
    """A gabbi suite of `count` tests; each uses the previous response's $.id (gabbi's capture)."""
    lines = ["tests:"]
    for i in range(count):
        target = "/item.json" + ("?after=$RESPONSE['$.id']" if i else "")
        lines += [
            f"- name: item{i}",
            f"  GET: \"{target}\"",
            "  status: 200",
            "  response_headers:",
            "    content-type: /json/",
            "  response_json_paths:",
            "    $.id: 42",
            "    $.name: widget",
            "    $.stock.count: 7",
        ]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path
