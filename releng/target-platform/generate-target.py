#!/usr/bin/env python3
"""Rewrite the first (pinned) location of target-platform/twinstudio.target from a pinned list.

Usage: generate-target.py PINNED_LIST [TARGET_FILE]

PINNED_LIST has one `groupId:artifactId:version` per line (the resolved closure of roots.txt).
The header and every location after the first (the wrapped bundles with their own bnd
instructions) are kept as they are; artifacts that such a location wraps, and pom-only
artifacts, are left out of the first location.
"""
import os
import re
import sys

# Artifacts that are not plain jars for the first location.
EXCLUDED = {
    "org.apache.xmlgraphics:batik-css",              # wrapped in its own location as org.apache.batik.css
    "org.apache.xmlgraphics:batik-shared-resources",  # pom/resources only
    "org.antlr:antlr-runtime",                       # wrapped as org.antlr.runtime 3.2.0 (required by Xtext)
    "junit:junit",                                   # wrapped as org.junit 4.13.2 (required by org.eclipse.xtext.testing)
    "org.eclipse.glsp:org.eclipse.glsp.server",      # no OSGi headers: wrapped as org.eclipse.glsp.server 2.3.0
    "org.eclipse.glsp:org.eclipse.glsp.graph",       # no OSGi headers: wrapped as org.eclipse.glsp.graph 2.3.0
}


def main():
    pinned_file = sys.argv[1]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    target_file = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "target-platform", "twinstudio.target")
    text = open(target_file, encoding="utf-8").read()

    pins = []
    for line in open(pinned_file, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        g, a, v = line.split(":")[:3]
        if f"{g}:{a}" not in EXCLUDED:
            pins.append((g, a, v))
    pins.sort()

    m = re.search(r'(<location [^>]*label="platform">\s*<dependencies>\n)(.*?)(\s*</dependencies>)', text, re.S)
    if not m:
        sys.exit("no <location label=\"platform\"> with <dependencies> in " + target_file)
    deps = "".join(
        "        <dependency>\n"
        f"          <groupId>{g}</groupId>\n"
        f"          <artifactId>{a}</artifactId>\n"
        f"          <version>{v}</version>\n"
        "          <type>jar</type>\n"
        "        </dependency>\n"
        for g, a, v in pins
    ).rstrip("\n")
    text = text[:m.start(2)] + deps + text[m.end(2):]
    open(target_file, "w", encoding="utf-8").write(text)
    print(f"{len(pins)} pinned artifacts written to {target_file}")


if __name__ == "__main__":
    main()
