"""Test builds run in processes forked from one that has already imported MkDocs, its plugins and the engine.

A build started as `python -m mkdocs build` spends about 0.8 s of a broken input's 1.1 s importing: the
error comes before any page is written, and the broken-input corpus alone builds about 130 times. So
each test process starts one build server (`python -m tests.forked_builds SOCKET`, the standard
library's forking socket server) that imports all of that once, by loading this repository's
mkdocs.yml. Each build then runs in a fresh child of that server, exactly as the command line runs it:
MkDocs' own command (`mkdocs.__main__.cli`, the function the `mkdocs` script calls) with the same
arguments, in the project's folder, with the build's environment, its output taken from file
descriptors 1 and 2 as a subprocess's would be. A child runs one build and exits, so nothing a build
leaves in memory reaches another.

A project whose engine (its macros/ folder) differs from this repository's is built as a subprocess
instead: a child would run the engine the server imported. tests/test_forked_builds.py holds a forked
build to a subprocess build, output and site byte for byte.
"""
from __future__ import annotations

import atexit
import functools
import hashlib
import json
import os
import shutil
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def engine_digest(project: Path) -> str:
    """A digest of the project's engine (every file of its macros/ folder, resolved through links)."""
    digest = hashlib.sha256()
    base = (project / "macros").resolve()
    for path in sorted(base.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def runs_this_engine(project: Path) -> bool:
    """Whether the project's macros/ is this repository's engine, file for file."""
    return (project / "macros").resolve() == ROOT / "macros" or engine_digest(project) == _own_engine()


@functools.cache
def _own_engine() -> str:
    return engine_digest(ROOT)


_lock = threading.Lock()
_server: dict = {}   # "socket": this process's build server's, once started


def _address() -> str:
    """The socket of this process's build server, started on first use and stopped when the process ends."""
    with _lock:
        if "socket" not in _server:
            folder = tempfile.mkdtemp(prefix="builds-")
            atexit.register(shutil.rmtree, folder, True)
            path = os.path.join(folder, "server")
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            # The server stops when its standard input closes: when this process ends, however it ends.
            # Its standard error goes to a file, never a pipe nobody reads (which, once full, would stop it).
            errors = tempfile.TemporaryFile(mode="w+")
            proc = subprocess.Popen([sys.executable, "-m", "tests.forked_builds", path], cwd=ROOT, env=env,
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True)
            if proc.stdout.readline().strip() != "ready":
                errors.seek(0)
                raise RuntimeError(f"the test build server did not start:\n{errors.read()}")
            atexit.register(proc.terminate)
            _server["socket"] = path
        return _server["socket"]


def mkdocs(args: list[str], cwd: Path, env: dict, timeout: float) -> subprocess.CompletedProcess:
    """`python -m mkdocs <args>` in cwd with env: in a child of the build server when the project at cwd
    runs this engine, otherwise as a subprocess."""
    command = [sys.executable, "-m", "mkdocs", *args]
    if not runs_this_engine(cwd):
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(timeout)
        conn.connect(_address())
        conn.sendall(json.dumps({"args": list(args), "cwd": str(cwd), "env": dict(env)}).encode() + b"\n")
        with conn.makefile("rb") as answer:
            status, out, err = json.loads(answer.read())
    return subprocess.CompletedProcess(command, status, out, err)


# --------------------------------------------------------------------------------------------
# The server (python -m tests.forked_builds SOCKET)
# --------------------------------------------------------------------------------------------

def _preload() -> None:
    """Import everything a build imports: MkDocs' command line, every module of the engine, and, by loading
    this repository's mkdocs.yml, the theme, every plugin and every Markdown extension. Nothing is built."""
    import importlib
    import pkgutil

    import mkdocs.__main__  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    from mkdocs.config import load_config

    import macros
    for module in pkgutil.walk_packages(macros.__path__, "macros."):
        importlib.import_module(module.name)
    load_config(config_file=str(ROOT / "mkdocs.yml"))


def _build(args: list[str], cwd: str, env: dict) -> tuple[int, str, str]:
    """In a fresh child of the server: `mkdocs <args>` in cwd with env, as the command line runs it;
    returns (exit status, standard output, standard error)."""
    from mkdocs.__main__ import cli
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        try:
            cli.main(args=args, prog_name="mkdocs")
            status = 0
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:   # as the interpreter would: the traceback on standard error, status 1
            import traceback
            traceback.print_exc()
            status = 1
        sys.stdout.flush()
        sys.stderr.flush()
        out.seek(0)
        err.seek(0)
        return status, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")


class _Build(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        request = json.loads(self.rfile.readline())
        answer = _build(request["args"], request["cwd"], request["env"])
        self.wfile.write(json.dumps(answer).encode())


class _Server(socketserver.ForkingMixIn, socketserver.UnixStreamServer):
    """A child forked for each build (socketserver's own forking server)."""


def main(path: str) -> None:
    _preload()
    with _Server(path, _Build) as server:
        threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
        print("ready", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
