"""The Python SDK's test driver: runs an example's program as an Automation API inline program, one
operation per run, for test/engine/sdk-python.test.ts (test/helpers/sdk-driver.ts): examples/python's
(program.flagship_token, "token", the default) or examples/python-flags' (program.flagship_flags,
"flags"). Runs with the set-up's virtual environment ($PFT_PYTHON).

stdin: {"op": "up"|"refresh"|"destroy", "program": <name, optional>, "workDir": <dir with
Pulumi.yaml>, "project": <its name>, "stack": <name>,
"config": {<key>: {"value": <string>, "secret": <bool>}}}. The engine's output goes to stderr; stdout
gets one JSON line {"changes": {<op>: <count>}, "outputs": {<name>: {"value": ..., "secret": <bool>}}}.
Backend, PULUMI_HOME and passphrase come from the environment.
"""
import importlib
import json
import os
import sys

from pulumi import automation as auto

EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples")
# The programs the driver can run, by name: (the example's directory, the function in its program.py).
PROGRAMS = {"token": ("python", "flagship_token"), "flags": ("python-flags", "flagship_flags")}


def load(name: str):
    """The program function `name` names; only its example's directory goes on sys.path."""
    if name not in PROGRAMS:
        raise SystemExit(f"python driver: unknown program {name!r} ({', '.join(PROGRAMS)})")
    directory, function = PROGRAMS[name]
    sys.path.insert(0, os.path.normpath(os.path.join(EXAMPLES, directory)))
    return getattr(importlib.import_module("program"), function)


def echo(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main() -> None:
    request = json.load(sys.stdin)
    # The project (name, runtime, backend, plugin path) is the Pulumi.yaml in workDir.
    stack = auto.create_or_select_stack(
        stack_name=request["stack"],
        project_name=request["project"],
        program=load(request.get("program") or "token"),
        opts=auto.LocalWorkspaceOptions(work_dir=request["workDir"]),
    )
    stack.set_all_config(
        {key: auto.ConfigValue(v["value"], secret=v.get("secret", False)) for key, v in request["config"].items()}
    )

    op = request["op"]
    if op == "up":
        changes = stack.up(on_output=echo).summary.resource_changes
    elif op == "refresh":
        changes = stack.refresh(on_output=echo).summary.resource_changes
    elif op == "destroy":
        changes = stack.destroy(on_output=echo).summary.resource_changes
    else:
        raise SystemExit(f"python driver: unknown op {op!r} (up, refresh, destroy)")

    outputs = {name: {"value": o.value, "secret": o.secret} for name, o in stack.outputs().items()}
    print(json.dumps({"changes": changes or {}, "outputs": outputs}))


if __name__ == "__main__":
    main()
