#!/usr/bin/env python3
"""Writes the two files the local deployment reads to hold a template to CloudFormation's rules,
from the CloudFormation resource provider schemas of us-east-1 (cfn-lint's copy) and the SAM
translator's own model of its resource types:

- cloudformation-resource-types.txt: every type with the properties a template may give it and
  those it must give (ResourceTypes);
- cloudformation-property-schemas.txt: every AWS type with the structure of its properties below
  the top level (PropertySchemas).

Needs cfn-lint and aws-sam-translator (pip install cfn-lint); run it when they change and commit
the result, which names their versions:

  python3 local/src/test/model/extract-resource-schemas.py \
    local/src/main/resources/dev/studiolifecycle/local/template
"""
import importlib
import json
import pkgutil
import sys
import typing
from pathlib import Path

import cfnlint.version
import samtranslator
import samtranslator.internal.schema_source as sam_schema_source
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

REGION = "us-east-1"
COMBINATORS = ("oneOf", "anyOf", "allOf")
TYPE_LETTERS = {"object": "o", "array": "a", "string": "s", "number": "n", "integer": "i",
                "boolean": "b"}

TYPES_HEADER = f"""\
# The CloudFormation resource types of us-east-1 (the local account's Region) with the properties
# a template may give each (its read-only ones left out) and, after "|", those it must give,
# from the CloudFormation resource provider schemas (cfn-lint {cfnlint.version.__version__}'s copy); then SAM's
# resource types with their properties (aws-sam-translator {samtranslator.__version__}). A type not listed is
# refused ("Unrecognized resource types"), as is a property not listed for its type; a type
# or property newer than this list is refused too.
"""

SCHEMAS_HEADER = f"""\
# The CloudFormation resource types of us-east-1 with the structure of their properties, from the
# resource provider schemas (cfn-lint {cfnlint.version.__version__}'s copy), one type a line: "<type> <json>". In the
# JSON, "p" holds the properties, "d" the schema's definitions; a property is {{"t": its types
# (o object, a array, s string, n number, i integer, b boolean), "p": its own properties, "x": 1
# when no other key is permitted, "r": the keys it requires, "i": its items, "$": a definition's
# name, "e": the values it may take (an enum, as strings), "m": the pattern a string matches,
# "l": [minLength, maxLength], "n": [minimum, maximum], "k": [minItems, maxItems] (null where
# unbounded), "oneOf", "anyOf", "allOf": the schema's branches there, each in the same form (also
# beside "p" where they apply to the whole resource), "c": 1 where the schema refers outside
# itself (not followed)}}. Read-only properties are left out. A property with only types is
# written as the types alone ("s"); one with nothing known, "".
"""


def schema(resource_type):
    return PROVIDER_SCHEMA_MANAGER.get_resource_schema(REGION, resource_type).schema


def writable(resource_schema):
    read_only = resource_schema.get("readOnlyProperties", [])
    return [name for name in resource_schema.get("properties", {})
            if "/properties/" + name not in read_only]


def resource_types():
    """'<type> <properties>[ | <required>]', CloudFormation's types then SAM's."""
    lines = []
    for resource_type in sorted(t for t in PROVIDER_SCHEMA_MANAGER.get_resource_types(REGION)
                                if "::" in t):
        resource_schema = schema(resource_type)
        line = resource_type + " " + ",".join(sorted(writable(resource_schema)))
        required = sorted(resource_schema.get("required", []))
        if required:
            line += " | " + ",".join(required)
        lines.append(line)
    sam = {}
    for module_info in pkgutil.iter_modules(sam_schema_source.__path__):
        module = importlib.import_module(sam_schema_source.__name__ + "." + module_info.name)
        resource = getattr(module, "Resource", None)
        if resource is None or "Properties" not in resource.__fields__:
            continue
        sam_type = typing.get_args(resource.__fields__["Type"].outer_type_)[0]
        sam[sam_type] = sorted(resource.__fields__["Properties"].type_.__fields__)
    lines.extend(sam_type + " " + ",".join(sam[sam_type]) for sam_type in sorted(sam))
    return lines


class Structure:
    """One type's properties as PropertySchemas reads them; definitions gathered as reached."""

    def __init__(self, resource_schema):
        self.root = resource_schema
        self.definitions = {}

    def node(self, part):
        if "$ref" in part:
            return self.reference(part["$ref"])
        out = {}
        if "type" in part:
            types = part["type"] if isinstance(part["type"], list) else [part["type"]]
            out["t"] = "".join(sorted(TYPE_LETTERS[t] for t in types if t in TYPE_LETTERS))
        enum = part.get("enum")
        if isinstance(enum, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                          for v in enum):
            out["e"] = [v if isinstance(v, str) else json.dumps(v) for v in enum]
        if isinstance(part.get("pattern"), str):
            out["m"] = part["pattern"]
        for letter, low, high in (("l", "minLength", "maxLength"), ("n", "minimum", "maximum"),
                                  ("k", "minItems", "maxItems")):
            if low in part or high in part:
                out[letter] = [part.get(low), part.get(high)]
        if "properties" in part:
            out["p"] = {name: self.node(value) for name, value in part["properties"].items()}
            if part.get("additionalProperties") is False and "patternProperties" not in part:
                out["x"] = 1
        if isinstance(part.get("required"), list) and part["required"]:
            out["r"] = part["required"]
        if isinstance(part.get("items"), dict):
            out["i"] = self.node(part["items"])
        for combinator in COMBINATORS:
            if isinstance(part.get(combinator), list):
                out[combinator] = [self.node(branch) for branch in part[combinator]
                                   if isinstance(branch, dict)]
        return out

    def reference(self, ref):
        prefix = "#/definitions/"
        if not ref.startswith(prefix):
            return {"c": 1}
        name = ref[len(prefix):]
        if name not in self.definitions:
            self.definitions[name] = None
            target = self.root
            for step in ref[2:].split("/"):
                target = target[step]
            self.definitions[name] = self.node(target)
        return {"$": name}

    def line(self):
        properties = {name: short(self.node(self.root["properties"][name]))
                      for name in writable(self.root)}
        definitions = {name: short(node) for name, node in self.definitions.items()
                       if node is not None}
        line = {"d": definitions, "p": properties}
        for combinator in COMBINATORS:
            if isinstance(self.root.get(combinator), list):
                line[combinator] = [short(self.node(branch)) for branch in self.root[combinator]
                                    if isinstance(branch, dict)]
        return json.dumps(line, separators=(",", ":"), sort_keys=True)


def short(node):
    """A node of types only as its types ("s"), an empty one as ""."""
    if set(node) == {"t"}:
        return node["t"]
    if not node:
        return ""
    out = {}
    for key, value in node.items():
        if key == "i":
            out[key] = short(value)
        elif key == "p":
            out[key] = {name: short(child) for name, child in value.items()}
        elif key in COMBINATORS:
            out[key] = [short(branch) for branch in value]
        else:
            out[key] = value
    return out


def property_schemas():
    lines = []
    for resource_type in sorted(PROVIDER_SCHEMA_MANAGER.get_resource_types(REGION)):
        if not resource_type.startswith("AWS::"):
            continue
        try:
            resource_schema = schema(resource_type)
        except Exception:  # a type cfn-lint lists without a schema of its own
            continue
        lines.append(resource_type + " " + Structure(resource_schema).line())
    return lines


def main(folder):
    target = Path(folder)
    (target / "cloudformation-resource-types.txt").write_text(
        TYPES_HEADER + "\n".join(resource_types()) + "\n")
    (target / "cloudformation-property-schemas.txt").write_text(
        SCHEMAS_HEADER + "\n".join(property_schemas()) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: extract-resource-schemas.py <folder to write the two files to>")
    main(sys.argv[1])
