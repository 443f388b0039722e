#!/usr/bin/env python3
"""Seeds a registry with N small but real images (a gzip tar layer with one file, a config with
its diff_id, a Docker schema 2 manifest) at <namespace>/img<i>:<tag>, through the Distribution API,
and writes a build report (as `imagegraph build --registry` writes it) naming each image's digest.

    bench/seed-registry.py --registry 127.0.0.1:5000 --images 1000 --report build-report.json
"""
import argparse, gzip, hashlib, http.client, io, json, tarfile, time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--namespace", default="bench")
    parser.add_argument("--tag", default="test")
    parser.add_argument("--report", required=True)
    args = parser.parse_args()
    host, port = args.registry.split(":")
    conn = http.client.HTTPConnection(host, int(port))

    def request(method, path, body=b"", headers=None):
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response, response.read()

    def put_blob(repo, blob):
        digest = "sha256:" + hashlib.sha256(blob).hexdigest()
        response, _ = request("POST", f"/v2/{repo}/blobs/uploads/")
        location = response.getheader("Location")
        location = location[location.index("/v2/"):] if "://" in location else location
        response, data = request("PUT", location + ("&" if "?" in location else "?") + "digest=" + digest, blob,
                                 {"Content-Type": "application/octet-stream"})
        if response.status != 201:
            raise SystemExit(f"blob upload to {repo} failed: {response.status} {data[:200]}")
        return digest

    images = []
    for i in range(args.images):
        name = f"img{i:04d}"
        repo = f"{args.namespace}/{name}"
        raw = io.BytesIO()
        with tarfile.open(fileobj=raw, mode="w") as tar:
            content = f"payload of {name}\n".encode()
            info = tarfile.TarInfo(f"opt/{name}.txt")
            info.size = len(content)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(content))
        tar_bytes = raw.getvalue()
        layer = gzip.compress(tar_bytes, mtime=0)
        config = json.dumps({"architecture": "amd64", "os": "linux",
                             "config": {"Labels": {"io.imagegraph.bench": name}},
                             "rootfs": {"type": "layers",
                                        "diff_ids": ["sha256:" + hashlib.sha256(tar_bytes).hexdigest()]}}).encode()
        layer_digest = put_blob(repo, layer)
        config_digest = put_blob(repo, config)
        manifest = json.dumps({"schemaVersion": 2,
                               "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                               "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                                          "size": len(config), "digest": config_digest},
                               "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                                           "size": len(layer), "digest": layer_digest}]}).encode()
        response, data = request("PUT", f"/v2/{repo}/manifests/{args.tag}", manifest,
                                 {"Content-Type": "application/vnd.docker.distribution.manifest.v2+json"})
        if response.status != 201:
            raise SystemExit(f"manifest put to {repo} failed: {response.status} {data[:200]}")
        images.append({"name": name, "status": "built", "imageId": None,
                       "digest": "sha256:" + hashlib.sha256(manifest).hexdigest(),
                       "tags": [f"{args.registry}/{repo}:{args.tag}"], "inputDigest": config_digest,
                       "durationMillis": 0, "logFile": None, "reason": "seeded", "attempts": 1})
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    with open(args.report, "w") as out:
        json.dump({"runId": "bench-seed", "started": now, "finished": now, "succeeded": True,
                   "counts": {"built": len(images)}, "images": images}, out, indent=1)


if __name__ == "__main__":
    main()
