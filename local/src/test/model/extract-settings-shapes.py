#!/usr/bin/env python3
"""Writes the SageMaker API model's shapes of the settings the workflow sends (UserSettings,
SpaceSettings, DomainSettings, DomainSettingsForUpdate, DefaultSpaceSettings, ResourceSpec and all
they contain) to the emulator's settings-shapes.json: type, required members, lengths, ranges,
patterns and enums, without documentation. The model is AWS's, as botocore ships it; run this when
the model changes and commit the result:

  python3 local/src/test/model/extract-settings-shapes.py \
    > local/src/main/resources/dev/studiolifecycle/local/emulator/sagemaker/settings-shapes.json
"""
import json
import sys

import botocore
import botocore.loaders

ROOTS = ["UserSettings", "SpaceSettings", "DomainSettings", "DomainSettingsForUpdate",
         "DefaultSpaceSettings", "ResourceSpec"]
KEPT = ("type", "required", "union", "min", "max", "pattern", "enum")

model = botocore.loaders.Loader().load_service_model("sagemaker", "service-2")
shapes = model["shapes"]
out = {}


def walk(name):
    if name in out:
        return
    shape = shapes[name]
    kept = {key: shape[key] for key in KEPT if key in shape}
    out[name] = kept
    if shape["type"] == "structure":
        kept["members"] = {member: spec["shape"] for member, spec in shape["members"].items()}
        for spec in shape["members"].values():
            walk(spec["shape"])
    elif shape["type"] == "list":
        kept["member"] = shape["member"]["shape"]
        walk(shape["member"]["shape"])
    elif shape["type"] == "map":
        kept["key"] = shape["key"]["shape"]
        kept["value"] = shape["value"]["shape"]
        walk(shape["key"]["shape"])
        walk(shape["value"]["shape"])


for root in ROOTS:
    walk(root)
json.dump({
    "source": "The Amazon SageMaker API model (sagemaker %s, as botocore %s ships it): the shapes "
              "of %s and all they contain." % (model["metadata"]["apiVersion"],
                                               botocore.__version__, ", ".join(ROOTS)),
    "shapes": dict(sorted(out.items())),
}, sys.stdout, indent=1, sort_keys=False)
sys.stdout.write("\n")
