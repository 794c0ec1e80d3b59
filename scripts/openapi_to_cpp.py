#!/usr/bin/env python3
"""Converts docs/openapi.yaml to JSON and writes a C++ source that embeds it (api/openapi.h)."""
import json
import sys

import yaml


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: openapi_to_cpp.py OPENAPI_YAML OUTPUT_CPP", file=sys.stderr)
        return 64
    source, target = sys.argv[1], sys.argv[2]
    try:
        with open(source, encoding="utf-8") as f:
            document = yaml.safe_load(f)
    except yaml.YAMLError as error:
        print(f"{source}: {error}", file=sys.stderr)
        return 65
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    if ")openapi\"" in text:
        print(f"{source}: contains the raw-string delimiter", file=sys.stderr)
        return 65
    with open(target, "w", encoding="utf-8") as f:
        f.write('#include "api/openapi.h"\n\nnamespace tandem::api {\n\n')
        f.write("std::string_view openapi_json() {\n")
        f.write(f'  static constexpr std::string_view kDocument = R"openapi({text})openapi";\n')
        f.write("  return kDocument;\n}\n\n}  // namespace tandem::api\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
