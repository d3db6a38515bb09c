"""Fresh, empty databases for one `make bench` run."""

from urllib.parse import urlsplit, urlunsplit


def sqlite_url(path) -> str:
    return f"sqlite:///{path}"


def fresh_postgres(url: str) -> str:
    """Drop and recreate the PostgreSQL database `url` names, which must be named for benchmarking."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"BENCH_DATABASE_URL names {name!r}: its name must contain 'bench', as it is dropped.")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url
