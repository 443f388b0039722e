#!/usr/bin/env python3
"""Feeds `imagegraph plan` bad input and counts how it ends.

Each case builds a small graph in a fresh folder (a bad Dockerfile, a bad graph file, a FIFO, a
link out of the root, ...) and runs the real CLI on it with a time limit. A case passes when the
command exits 2 within the limit and prints a short message (under 64 KiB) and no stack trace. A few well-formed inputs that BuildKit accepts (a Latin-1 comment, every ${...} form) are
run too and must plan (exit 0); they are counted apart.

Usage: bench/bad-inputs.py [--timeout SECONDS] [--verbose]
Needs cli/target/imagegraph.jar (mvn -q -DskipTests package) or IMAGEGRAPH_JAR.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.path.join(HERE, "..", "bin", "imagegraph")

FIFO = object()
DIRECTORY = object()


class Link:
    def __init__(self, target):
        self.target = target


class Sparse:
    def __init__(self, size, head=b"FROM scratch\n"):
        self.size = size
        self.head = head


def dockerfile(text, **more):
    files = {"images/a/Dockerfile": text}
    files.update(more)
    return files


def graph(yaml, **more):
    files = {"images/a/Dockerfile": "FROM scratch\n", "imagegraph.yaml": yaml}
    files.update(more)
    return files


def doubling(times):
    return "ARG A=xxxxxxxxxxxxxxxx\n" + "ARG A=$A$A\n" * times + "FROM alpine:$A\n"


BAD = [
    ("empty Dockerfile", dockerfile("")),
    ("Dockerfile with only ARG", dockerfile("ARG X=1\n")),
    ("Dockerfile with only comments", dockerfile("# nothing\n# here\n")),
    ("FROM without an image", dockerfile("FROM\n")),
    ("unknown instruction FORM", dockerfile("FORM alpine\n")),
    ("FROM --platform without a value", dockerfile("FROM --platform scratch\n")),
    ("misspelled FROM --plaform", dockerfile("FROM --plaform=linux/amd64 scratch\n")),
    ("misspelled COPY --chmodd", dockerfile("FROM scratch\nCOPY --chmodd=755 a /a\n")),
    ("RUN --mount=typo=", dockerfile("FROM scratch\nRUN --mount=typo=x,target=/w true\n")),
    ("RUN --mount type=foo", dockerfile("FROM scratch\nRUN --mount=type=foo,target=/w true\n")),
    ("RUN --mount from=$VAR", dockerfile("ARG W=x\nFROM scratch\nRUN --mount=from=$W,target=/w true\n")),
    ("RUN --network without a value", dockerfile("FROM scratch\nRUN --network true\n")),
    ("COPY --chown twice", dockerfile("FROM scratch\nCOPY --chown=1 --chown=2 a /a\n")),
    ("WORKDIR with a flag", dockerfile("FROM scratch\nWORKDIR --x=1 /a\n")),
    ("HEALTHCHECK --intervall", dockerfile("FROM scratch\nHEALTHCHECK --intervall=5s CMD true\n")),
    ("COPY --link=maybe", dockerfile("FROM scratch\nCOPY --link=maybe a /a\n")),
    ("COPY --from a later stage", dockerfile("FROM scratch\nCOPY --from=b /x /x\nFROM scratch AS b\n")),
    ("COPY --from=$VAR", dockerfile("ARG S=b\nFROM scratch AS b\nFROM scratch\nCOPY --from=$S /x /x\n")),
    ("COPY --from without =", dockerfile("FROM scratch AS build\nFROM scratch\nCOPY --from build /x /x\n")),
    ("AS ${FIRST_STAGE}", dockerfile("ARG FIRST_STAGE=one\nFROM scratch AS ${FIRST_STAGE}\n")),
    ("COPY --from=5 out of range", dockerfile("FROM scratch\nFROM scratch\nCOPY --from=5 /x /x\n")),
    ("COPY --from its own stage", dockerfile("FROM scratch\nCOPY --from=0 /x /x\n")),
    ("${name:imageVariant}", dockerfile("ARG name=x\nFROM alpine:${name:imageVariant}\n")),
    ("${A:?} unset", dockerfile("ARG A\nFROM alpine:${A:?required}\n")),
    ("${} bad substitution", dockerfile("FROM alpine:${}\n")),
    ("${A never closed", dockerfile("ARG A=1\nFROM alpine:${A\n")),
    ("${A/x never closed", dockerfile("ARG A=1\nFROM alpine:${A/x\n")),
    ("${A%\\x} bad escape", dockerfile("ARG A=1\nFROM alpine:${A%\\x}\n")),
    ("${...} nested 100000 deep", dockerfile("FROM " + "${A:-" * 100000 + "x" + "}" * 100000 + "\n")),
    ("ARG doubling 40 times", dockerfile(doubling(40))),
    ("40 ARGs of 1 MiB", dockerfile("ARG A=xxxxxxxxxxxxxxxx\n" + "ARG A=$A$A\n" * 15
                                    + "".join("ARG B%d=$A$A\n" % i for i in range(40)) + "FROM scratch\n")),
    ("heredoc never closed", dockerfile("FROM scratch\nRUN <<EOF\necho\n")),
    ("quote never closed in FROM", dockerfile("FROM \"alpine\n")),
    ("FROM with two words", dockerfile("FROM alpine extra\n")),
    ("FROM an upper-case reference", dockerfile("FROM Alpine\n")),
    ("FROM a stage name in other case", dockerfile("FROM scratch AS build\nFROM Build\n")),
    ("FROM ${EMPTY} expands to nothing", dockerfile("ARG EMPTY\nFROM ${EMPTY}\n")),
    ("FROM --platform=${EMPTY}", dockerfile("ARG P=\nFROM --platform=${P} scratch\n")),
    ("bad escape directive", dockerfile("# escape=x\nFROM scratch\n")),
    ("escape directive twice", dockerfile("# escape=\\\n# escape=`\nFROM scratch\n")),
    ("RUN before FROM", dockerfile("RUN true\nFROM scratch\n")),
    ("binary garbage", dockerfile(bytes(range(256)) * 64)),
    ("NUL bytes", dockerfile(b"FROM scr\x00atch\n")),
    ("5 MiB FROM line", dockerfile("FROM " + "a" * (5 << 20) + "\n")),
    ("11 MiB Dockerfile", dockerfile(Sparse(11 << 20))),
    ("Dockerfile is a FIFO", dockerfile(FIFO)),
    ("Dockerfile links to /dev/zero", dockerfile(Link("/dev/zero"))),
    ("Dockerfile links to /etc/passwd", dockerfile(Link("/etc/passwd"))),
    ("Dockerfile links nowhere", dockerfile(Link("missing"))),
    ("Dockerfile is a directory", dockerfile(DIRECTORY)),
    ("image folder links out of the root", {"images/a": Link("/etc")}),
    ("Dockerfile and Containerfile", dockerfile("FROM scratch\n", **{"images/a/Containerfile": "FROM scratch\n"})),
    ("no images at all", {"images/a/README": "x"}),
    ("cycle a -> b -> a", dockerfile("FROM b\n", **{"images/b/Dockerfile": "FROM a\n"})),
    ("image FROM itself", dockerfile("FROM a\n")),
    ("parent without FROM", dockerfile("FROM b\n", **{"images/b/Dockerfile": "ARG X=1\n"})),
    ("empty parent Dockerfile", dockerfile("FROM b\n", **{"images/b/Dockerfile": ""})),
    ("unknown parent in the namespace", graph("registry: quay.io\nnamespace: acme\n",
                                               **{"images/a/Dockerfile": "FROM quay.io/acme/nope:1\n"})),
    ("target that is no stage", graph("images:\n  a:\n    target: nope\n")),
    (".dockerignore with [z-a]", dockerfile("FROM scratch\n", **{"images/a/.dockerignore": "ok\n[z-a]\n"})),
    ("Dockerfile.dockerignore with [9-0]", dockerfile("FROM scratch\n", **{"images/a/Dockerfile.dockerignore": "[9-0]\n"})),
    ("graph file is /dev/zero", ({"images/a/Dockerfile": "FROM scratch\n"}, ["--graph-file", "/dev/zero"])),
    ("graph file is a FIFO", graph(FIFO)),
    ("graph file of 6 MiB", graph(Sparse(6 << 20, b"registry: quay.io\n"))),
    ("graph file links to /dev/urandom", graph(Link("/dev/urandom"))),
    ("graph file is not YAML", graph("images:\n  a: [unclosed\n")),
    ("graph file with five mistakes", graph("registy: x\ntags: latest\nimages:\n  a:\n    builder: podman\n"
                                             "  b:\n    buildargs: {}\n  a: {}\n")),
    ("graph file not UTF-8", graph(b"\xff\xfe registry: x\n")),
    ("graph file is a list", graph("- a\n- b\n")),
    ("graph file duplicate key", graph("registry: a\nregistry: b\n")),
    ("graph file unknown builder", graph("images:\n  a:\n    builder: podman\n")),
    ("graph file path out of the root", graph("images:\n  a:\n    dockerfile: ../../etc/passwd\n")),
    ("graph file context not a folder", graph("images:\n  b:\n    context: nowhere\n")),
    ("graph file bad tag", graph("tags: ['-bad']\n")),
    ("graph file bad registry", graph("registry: 'http://x y'\n")),
    ("graph file bad profile regex", graph("profiles:\n  p: ['/[/']\n")),
    ("graph file unknown dependsOn", graph("images:\n  a:\n    dependsOn: [ghost]\n")),
    ("graph file nested 100000 deep", graph("a: " + "[" * 100000 + "]" * 100000 + "\n")),
    ("graph file billion laughs", graph("a: &a ['x','x','x','x','x','x','x','x','x']\n"
                                        + "".join("%s: &%s [%s]\n" % (chr(98 + i), chr(98 + i), ",".join(["*" + chr(97 + i)] * 9))
                                                  for i in range(8)))),
    ("--graph-file that does not exist", ({"images/a/Dockerfile": "FROM scratch\n"}, ["--graph-file", "nope.yaml"])),
    ("--dir that is a file", ({"file": "x"}, ["--dir", "{root}/file"])),
]

GOOD = [
    ("Latin-1 bytes in a comment", dockerfile("# caf\u00e9\nFROM scratch\n".encode("latin-1"))),
    ("ARG TARGETARCH before FROM", dockerfile("FROM scratch AS base-amd64\nARG TARGETARCH\nFROM base-${TARGETARCH}\n")),
    ("every ${...} form", dockerfile("ARG I=quay.io/acme/base:v2.1\nARG T=${I#*:}\nARG R=${I%:*}\nARG N=${I##*/}\n"
                                     "ARG M=${T%%.*}\nARG D=${T//./-}\nARG U=${UNSET:-x}${T:+y}${UNSET-z}\n"
                                     "FROM scratch AS base-v2_1\nFROM base-${D/-/_}\n")),
    ("heredoc markers that are none", dockerfile("FROM scratch\nRUN echo \"<<EOF\"\nRUN echo '<<EOF'\nRUN \\<<EOF\n"
                                                 "RUN [\"sh\",\"-c\",\"cat <<EOF\"]\n")),
    ("Containerfile folder", {"images/a/Containerfile": "FROM scratch\n"}),
]


def materialise(root, files):
    for path, content in files.items():
        target = os.path.join(root, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if content is FIFO:
            os.mkfifo(target)
        elif content is DIRECTORY:
            os.makedirs(target)
        elif isinstance(content, Link):
            os.symlink(content.target, target)
        elif isinstance(content, Sparse):
            with open(target, "wb") as f:
                f.write(content.head)
                f.truncate(content.size)
        else:
            with open(target, "wb") as f:
                f.write(content.encode("utf-8") if isinstance(content, str) else content)


def run(case, timeout):
    name, spec = case
    files, extra = spec if isinstance(spec, tuple) else (spec, [])
    with tempfile.TemporaryDirectory(prefix="bad-input-") as root:
        materialise(root, files)
        args = [a.replace("{root}", root) for a in extra]
        if "--dir" not in args:
            args = ["--dir", root] + args
        env = dict(os.environ, IMAGEGRAPH_CDS="0")
        started = time.monotonic()
        try:
            done = subprocess.run([CLI, "plan"] + args, capture_output=True, timeout=timeout, env=env,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return {"name": name, "code": None, "hang": True, "trace": False, "seconds": timeout, "message": ""}
        err = done.stderr.decode("utf-8", "replace")
        trace = "\tat " in err or "Exception in thread" in err or "Error:" in err.split("\n", 1)[0]
        code = done.returncode if len(done.stderr) < 65536 else "%s, %d bytes on stderr" % (done.returncode, len(done.stderr))
        return {"name": name, "code": code, "hang": False, "trace": trace,
                "seconds": time.monotonic() - started, "message": err.strip().split("\n")[0][:160]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    results = [run(case, options.timeout) for case in BAD]
    good = [run(case, options.timeout) for case in GOOD]
    for r in results + good:
        if options.verbose or r["hang"] or r["trace"] or (r in results and r["code"] != 2) or (r in good and r["code"] != 0):
            state = "HANG" if r["hang"] else "exit %s" % r["code"]
            print("%-40s %-8s %5.1fs %s" % (r["name"], state, r["seconds"], r["message"]))
    clean = sum(1 for r in results if r["code"] == 2 and not r["trace"])
    hangs = sum(1 for r in results if r["hang"])
    traces = sum(1 for r in results + good if r["trace"])
    planned = sum(1 for r in good if r["code"] == 0)
    slowest = max(r["seconds"] for r in results)
    print("bad inputs tried: %d, clean exit 2: %d, hangs: %d, stack traces: %d, slowest: %.1f s"
          % (len(results), clean, hangs, traces, slowest))
    print("accepted inputs tried: %d, planned: %d" % (len(good), planned))
    return 0 if clean == len(results) and planned == len(good) and traces == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
