"""The managed server's password: random, made once per installation, kept in the state folder.

A password written in the README is a password every web page knows: a page the developer
opens can speak to Neo4j on 127.0.0.1 (Bolt over WebSocket has no CORS at all). So unless
``NEO4J_PASSWORD`` is set, the managed server gets a password of its own, made the first time
kgraph needs it and kept in ``KGRAPH_HOME/neo4j-password``, readable by its owner only.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from kgraph.errors import ConfigError

#: The file's name in the state folder (``KGRAPH_HOME``).
PASSWORD_FILE = "neo4j-password"
#: Owner read and write, nobody else.
MODE = 0o600
#: Letters and digits only: a password beginning with "-" (as ``token_urlsafe`` gives one time
#: in 64) is read by neo4j-admin as an option, and its first start fails.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
#: 32 of them: about 190 bits.
LENGTH = 32


def new_password() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def read_or_create(path: Path) -> str:
    """The password kept in ``path``; made (random, 0600) when there is none yet.

    Two processes starting at once agree: the file appears whole or not at all (written
    under another name, then linked into place, which fails if the other one won).
    """
    if not path.exists():
        _create(path)
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            path.chmod(MODE)  # made by hand, or copied with looser rights
        password = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the Neo4j password: {error}") from error
    if not password:
        raise ConfigError(
            f"{path} is empty: delete it to have a new Neo4j password made (then "
            "`kgraph neo4j reset --yes`, as the data was made with the old one), or write "
            "the password into it"
        )
    return password


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, MODE)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(new_password() + "\n")
            out.flush()
            os.fsync(out.fileno())
        # Another process may have made it first: then its password is the one.
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
    finally:
        draft.unlink(missing_ok=True)
