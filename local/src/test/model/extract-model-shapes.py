#!/usr/bin/env python3
"""Writes the API model's input and output shapes of the operations an emulated JSON service
serves, and all they contain, to that service's model-shapes.json: type, required members,
lengths, ranges, patterns and enums, without documentation. The emulator holds every request to
them before the operation runs, as the service's front end does, and every answer it gives, so
that it never answers what AWS could not (ModelShapes). The models are AWS's, as botocore ships
them; run this when they change, or when a service serves another operation, and commit the
result:

  python3 local/src/test/model/extract-model-shapes.py [service ...]
"""
import json
import sys
from pathlib import Path

import botocore
import botocore.loaders

EMULATOR = Path(__file__).resolve().parents[2] / "main/resources/dev/studiolifecycle/local/emulator"

# The operations each emulated JSON service serves (its Java service class lists the same), and
# the file its shapes go to.
SERVED = {
    "sagemaker": ("sagemaker/model-shapes.json", [
        "CreateDomain", "UpdateDomain", "DeleteDomain", "DescribeDomain", "ListDomains",
        "CreateUserProfile", "DescribeUserProfile", "ListUserProfiles", "UpdateUserProfile",
        "DeleteUserProfile", "CreateApp", "DescribeApp", "ListApps", "DeleteApp", "CreateSpace",
        "DescribeSpace", "ListSpaces", "UpdateSpace", "DeleteSpace", "CreatePresignedDomainUrl",
        "AddTags", "DeleteTags", "ListTags"]),
    "stepfunctions": ("stepfunctions/model-shapes.json", [
        "CreateStateMachine", "DescribeStateMachine", "ListStateMachines", "DeleteStateMachine",
        "StartExecution", "DescribeExecution", "ListExecutions", "GetExecutionHistory",
        "StopExecution", "RedriveExecution", "ValidateStateMachineDefinition",
        "DescribeStateMachineForExecution", "ListTagsForResource", "DescribeMapRun",
        "ListMapRuns"]),
    "ssm": ("ssm/model-shapes.json", ["GetParameter", "PutParameter"]),
    "identitystore": ("identitycenter/identitystore-model-shapes.json", [
        "GetUserId", "DescribeUser", "ListGroupMembershipsForMember"]),
    "sso-admin": ("identitycenter/sso-admin-model-shapes.json", [
        "ListInstances", "CreateApplicationAssignment", "DeleteApplicationAssignment",
        "DescribeApplicationAssignment", "ListApplicationAssignments"]),
    "dynamodb": ("dynamodb/model-shapes.json", ["GetItem", "UpdateItem"]),
}
KEPT = ("type", "required", "union", "document", "min", "max", "pattern", "enum", "sensitive")


def shapes_of(service, operations):
    model = botocore.loaders.Loader().load_service_model(service, "service-2")
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

    inputs = {}
    outputs = {}
    for operation in operations:
        spec = model["operations"][operation]
        if "input" in spec:
            inputs[operation] = spec["input"]["shape"]
            walk(spec["input"]["shape"])
        if "output" in spec:
            outputs[operation] = spec["output"]["shape"]
            walk(spec["output"]["shape"])
    return {
        "source": "The %s API model (%s %s, as botocore %s ships it): the input and output shapes "
                  "of the operations the emulator serves, and all they contain."
                  % (model["metadata"].get("serviceFullName", service), service,
                     model["metadata"]["apiVersion"], botocore.__version__),
        "operations": inputs,
        "outputs": outputs,
        "shapes": dict(sorted(out.items())),
    }


def main(services):
    for service in services or SERVED:
        file, operations = SERVED[service]
        with open(EMULATOR / file, "w") as target:
            json.dump(shapes_of(service, operations), target, indent=1, sort_keys=False)
            target.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
