#!/usr/bin/env python3
"""Keeps the `result` schema of docs/openapi.json in step with the contract's result_schema.json.

docs/openapi.json is written by hand, except `components.schemas.Result`, which this script
derives from result_schema.json (every key required, every leaf a string as printed, no other
keys: CONVENTIONS.md 1 and 5). Usage:
    scripts/openapi.py [--schema PATH] [--doc PATH]          rewrite the Result schema
    scripts/openapi.py --check [--schema PATH] [--doc PATH]  exit 1 when it is out of date
The default schema path is ../shared/spec/result_schema.json from the repository root.
Standard library only.
"""
import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def schema_of(value):
    """The JSON Schema of one node of result_schema.json (whose leaves hold the meaning)."""
    if isinstance(value, dict):
        return {
            "type": "object",
            "properties": {k: schema_of(v) for k, v in value.items()},
            "required": list(value),
            "additionalProperties": False,
        }
    if isinstance(value, list):
        if not value:
            raise ValueError("an empty list in result_schema.json has no item type")
        # A list of strings is given as examples of its items (`desc`); one of objects as one item.
        first = value[0]
        if isinstance(first, str):
            return {"type": "array", "items": {"type": "string"}, "description": "; ".join(value)}
        return {"type": "array", "items": schema_of(first)}
    if isinstance(value, str):
        return {"type": "string", "description": value}
    raise ValueError(f"unexpected {type(value).__name__} in result_schema.json")


def result_schema(contract):
    schema = schema_of(contract)
    schema["description"] = (
        "The structured report (API.md, result_schema.json). Every key is always present; every leaf is "
        "a string as printed, \"\" when blank or absent (CONVENTIONS.md)."
    )
    return schema


def render(doc):
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schema", type=Path, default=ROOT.parent / "shared/spec/result_schema.json")
    ap.add_argument("--doc", type=Path, default=ROOT / "docs/openapi.json")
    ap.add_argument("--check", action="store_true", help="only check; exit 1 when out of date")
    args = ap.parse_args()
    contract = json.loads(args.schema.read_text(encoding="utf-8"))
    text = args.doc.read_text(encoding="utf-8")
    doc = json.loads(text)
    doc["components"]["schemas"]["Result"] = result_schema(contract)
    fresh = render(doc)
    if args.check:
        if fresh != text:
            print(f"{args.doc}: not as scripts/openapi.py writes it from {args.schema} (the Result schema "
                  "differs, or the file is not in its canonical JSON layout); run scripts/openapi.py", file=sys.stderr)
            return 1
        print(f"{args.doc}: in step with {args.schema}")
        return 0
    args.doc.write_text(fresh, encoding="utf-8")
    print(f"{args.doc}: Result schema written from {args.schema}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
