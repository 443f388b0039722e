#!/usr/bin/env python3
"""Seeds a registry with REPOSITORIES repositories of TAGS tags each, through the Distribution API:
one small real image (a gzip tar layer, a config with its diff_id) whose blobs are uploaded once
and mounted into every other repository, and per tag an OCI manifest of its own (an annotation
names the repository and tag, so every tag has its own digest). Eight connections at once.

    bench/seed-catalog.py --registry 127.0.0.1:5000 --repositories 1000 --tags 5
"""
import argparse, concurrent.futures, gzip, hashlib, http.client, io, json, tarfile, threading, urllib.parse


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--repositories", type=int, default=1000)
    parser.add_argument("--tags", type=int, default=5)
    parser.add_argument("--namespace", default="cat")
    args = parser.parse_args()
    host, port = args.registry.split(":")
    local = threading.local()

    def request(method, path, body=b"", headers=None):
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection(host, int(port))
        local.conn.request(method, path, body=body, headers=headers or {})
        response = local.conn.getresponse()
        return response, response.read()

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        content = b"catalog benchmark\n"
        info = tarfile.TarInfo("opt/catalog.txt")
        info.size = len(content)
        info.mtime = 0
        tar.addfile(info, io.BytesIO(content))
    layer = gzip.compress(raw.getvalue(), mtime=0)
    config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers",
                         "diff_ids": ["sha256:" + hashlib.sha256(raw.getvalue()).hexdigest()]}}).encode()
    blobs = [(layer, "sha256:" + hashlib.sha256(layer).hexdigest()), (config, "sha256:" + hashlib.sha256(config).hexdigest())]
    first = f"{args.namespace}/repo0000"
    for blob, digest in blobs:
        # distribution 2.8 wants an upload opened (POST) and closed with the bytes and the digest (PUT)
        opened, _ = request("POST", f"/v2/{first}/blobs/uploads/")
        url = urllib.parse.urlsplit(opened.getheader("Location"))
        query = (url.query + "&" if url.query else "") + "digest=" + digest
        closed, data = request("PUT", f"{url.path}?{query}", blob, {"Content-Type": "application/octet-stream"})
        if closed.status != 201:
            raise SystemExit(f"blob upload failed: {closed.status} {data[:200]}")

    def seed(i):
        repo = f"{args.namespace}/repo{i:04d}"
        if i > 0:
            for _, digest in blobs:
                response, data = request("POST", f"/v2/{repo}/blobs/uploads/?mount={digest}&from={first}")
                if response.status != 201:
                    raise SystemExit(f"mount into {repo} failed: {response.status} {data[:200]}")
        for t in range(args.tags):
            tag = f"v{t}"
            manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                                   "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                              "size": len(config), "digest": blobs[1][1]},
                                   "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                                               "size": len(layer), "digest": blobs[0][1]}],
                                   "annotations": {"io.imagegraph.bench": f"{repo}:{tag}"}}).encode()
            response, data = request("PUT", f"/v2/{repo}/manifests/{tag}", manifest,
                                     {"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
            if response.status != 201:
                raise SystemExit(f"manifest put to {repo}:{tag} failed: {response.status} {data[:200]}")

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(seed, range(args.repositories)))


if __name__ == "__main__":
    main()
