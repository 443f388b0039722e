#!/usr/bin/env python3
"""Writes a synthetic image graph in the Foreman layout: images/<name>/Dockerfile plus two
container-assets files each, a few levels deep with COPY --from edges, and a graph file with
profiles. Deterministic for a given --images and --seed.

    bench/generate-graph.py --images 10000 --out /tmp/graph-10k
"""
import argparse
import os
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    levels = [["base"]]
    sizes = [1, 20, 200, 1500]
    total = 1
    for size in sizes[1:]:
        if total >= args.images:
            break
        count = min(size, args.images - total)
        levels.append([f"l{len(levels)}-{i:05d}" for i in range(count)])
        total += count
    while total < args.images:
        count = min(4000, args.images - total)
        levels.append([f"l{len(levels)}-{i:05d}" for i in range(count)])
        total += count
    for depth, names in enumerate(levels):
        for name in names:
            folder = os.path.join(args.out, "images", name)
            os.makedirs(os.path.join(folder, "container-assets"), exist_ok=True)
            lines = []
            if depth == 0:
                lines.append("FROM scratch")
            else:
                parent = rng.choice(levels[depth - 1])
                lines.append("ARG PARENT=" + parent)
                lines.append("FROM ${PARENT}")
                if depth >= 2 and rng.random() < 0.2:
                    lines.append(f"COPY --from={rng.choice(levels[rng.randrange(depth)])} /etc/os-release /etc/src")
            lines.append("COPY container-assets/ /opt/" + name + "/")
            lines.append("RUN /opt/" + name + "/setup.sh \\")
            lines.append("    && echo done")
            with open(os.path.join(folder, "Dockerfile"), "w") as f:
                f.write("\n".join(lines) + "\n")
            with open(os.path.join(folder, "container-assets", "setup.sh"), "w") as f:
                f.write("#!/bin/sh\necho setting up " + name + "\n")
            os.chmod(os.path.join(folder, "container-assets", "setup.sh"), 0o755)
            with open(os.path.join(folder, "container-assets", "config.ini"), "w") as f:
                f.write("[" + name + "]\nvalue = " + str(rng.random()) + "\n")
    with open(os.path.join(args.out, "imagegraph.yaml"), "w") as f:
        f.write("namespace: bench\ntags: [test]\nprofiles:\n  level1: ['/^l1-/']\n  level2: ['/^l2-/']\n")
    print(f"wrote {total} images in {len(levels)} levels under {args.out}")


if __name__ == "__main__":
    main()
