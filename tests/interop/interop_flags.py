"""Command-line flags of the Python peers, the same as Apache's test programs."""
import argparse


def parse_flags(description, extra=None):
    """Parses Apache's flags; `extra` adds a peer's own (where its code lives)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=9090)
    parser.add_argument("--protocol", choices=["binary", "compact", "json", "header"],
                        default="binary")
    parser.add_argument("--transport", choices=["buffered", "framed", "http"], default="buffered")
    parser.add_argument("--multiplexed", action="store_true")
    # header only: the client adds THeader's zlib transform to its requests.
    parser.add_argument("--zlib", action="store_true")
    if extra:
        extra(parser)
    return parser.parse_args()
