"""``pantau serve``: the read-only JSON API (and dashboard) over a store, on localhost by default."""
from __future__ import annotations

import argparse
import sys

from ._output import add_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the API and dashboard over a store (read-only)",
                       description="Start the HTTP server: JSON API under /api, OpenAPI docs at /docs, the "
                                   "dashboard at /. The store is opened read-only.")
    add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError:
        print("pantau: serve needs the corpus extra: pip install 'pantau[corpus]'", file=sys.stderr)
        return 1
    from ..web.app import create_app

    app = create_app(args.db)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"pantau: serving {args.db} on {args.host}: reachable from other machines", file=sys.stderr)
    print(f"pantau: serving {args.db} read-only at http://{args.host}:{args.port}/ (API docs: /docs)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
