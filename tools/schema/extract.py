#!/usr/bin/env python3
"""Regenerates core/src/main/resources/dev/kubemu/core/schema/builtin.schema, kubemu's structural facts about the built-in
Kubernetes types, from the sources of k8s.io/api and k8s.io/apimachinery at one release.

Usage: extract.py API_GIT_DIR APIMACHINERY_GIT_DIR REF > builtin.schema
(API_GIT_DIR and APIMACHINERY_GIT_DIR are clones of github.com/kubernetes/api and .../apimachinery; REF a branch
such as release-1.33.)

Only facts that define the wire format are kept: type names, field names, field types, whether a field is required
(no +optional marker and no omitempty, the rule OpenAPI generation uses) and the list/map/patch markers. No comments or
descriptions are carried over.
"""
import re
import subprocess
import sys

GROUP_VERSIONS = ["core/v1", "apps/v1", "autoscaling/v1", "autoscaling/v2", "batch/v1", "coordination/v1",
                  "discovery/v1", "events/v1", "networking/v1", "policy/v1", "storage/v1", "scheduling/v1",
                  "rbac/v1"]
MACHINERY = ["pkg/apis/meta/v1"]

SPECIAL = {
    "k8s.io.apimachinery.pkg.api.resource.Quantity": "quantity",
    "k8s.io.apimachinery.pkg.util.intstr.IntOrString": "int-or-string",
    "k8s.io.apimachinery.pkg.apis.meta.v1.Time": "date-time",
    "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime": "micro-time",
    "k8s.io.apimachinery.pkg.apis.meta.v1.Duration": "duration",
    "k8s.io.apimachinery.pkg.runtime.RawExtension": "raw",
    "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1": "fields-v1",
}
SCALARS = {"string": "string", "int32": "int32", "int64": "int64", "bool": "boolean", "double": "double",
           "float": "double", "bytes": "bytes"}
SKIP_MACHINERY = {"Time", "MicroTime", "Duration", "FieldsV1", "Timestamp"}


def git_show(repo, ref, path):
    return subprocess.run(["git", "-C", repo, "show", f"{ref}:{path}"], check=True, capture_output=True,
                          text=True).stdout


def git_ls(repo, ref, path):
    out = subprocess.run(["git", "-C", repo, "ls-tree", "--name-only", f"{ref}:{path}"], check=True,
                         capture_output=True, text=True).stdout
    return out.split()


def markers(comment_lines):
    found = {}
    for line in comment_lines:
        m = re.match(r"\s*//\s*\+([A-Za-z0-9_.:-]+)(?:=(.*))?\s*$", line)
        if m:
            key, value = m.group(1), (m.group(2) or "").strip()
            found.setdefault(key, []).append(value)
    return found


def parse_proto(text):
    package = re.search(r"^package ([\w.]+);", text, re.M).group(1)
    messages = {}
    type_markers = {}
    lines = text.splitlines()
    i = 0
    comments = []
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^message (\w+) \{", line)
        if line.startswith("//"):
            comments.append(line)
        elif not m:
            comments = []
        if m:
            type_markers[m.group(1)] = markers(comments)
            name = m.group(1)
            fields = []
            i += 1
            comments = []
            while not lines[i].startswith("}"):
                l = lines[i].strip()
                if l.startswith("//"):
                    comments.append(l)
                elif l:
                    fm = re.match(r"(optional|repeated)?\s*(map<\s*\w+\s*,\s*([\w.]+)\s*>|[\w.]+)\s+(\w+)\s*=\s*\d+", l)
                    if fm:
                        label, typ, mapval, fname = fm.group(1), fm.group(2), fm.group(3), fm.group(4)
                        fields.append({"name": fname, "repeated": label == "repeated",
                                       "map": mapval is not None, "type": mapval if mapval else typ,
                                       "markers": markers(comments)})
                    comments = []
                else:
                    comments = []
                i += 1
            messages[name] = fields
            comments = []
        i += 1
    return package, messages, type_markers


GO_BUILTINS = {"string", "int32", "int64", "int", "bool", "float64", "float32", "uint8", "uint32", "uint64"}
PACKAGE_NAMES = {"metav1": "v1", "corev1": "v1", "v1": "v1", "resource": "resource", "intstr": "intstr",
                 "runtime": "runtime", "types": "types", "apiv1": "v1"}


def go_type(expr, local):
    """The reflect Type.String() of a field's Go type, as encoding/json names it in its errors."""
    expr = expr.lstrip("*")
    if expr.startswith("[]"):
        inner = go_type(expr[2:], local)
        return "[]uint8" if inner == "byte" else "[]" + inner
    m = re.match(r"map\[(.+?)\](.+)$", expr)
    if m:
        return "map[" + go_type(m.group(1), local) + "]" + go_type(m.group(2), local)
    if expr == "byte":
        return "uint8"
    if expr in GO_BUILTINS:
        return expr
    if "." in expr:
        pkg, name = expr.split(".", 1)
        return PACKAGE_NAMES.get(pkg, pkg) + "." + name
    return local + "." + expr


def parse_go_structs(text, local):
    """struct name -> {json name: (omitempty, markers, go type)}"""
    structs = {}
    for m in re.finditer(r"^type (\w+) struct \{\n(.*?)^\}", text, re.M | re.S):
        name, body = m.group(1), m.group(2)
        fields = {}
        comments = []
        for line in body.splitlines():
            s = line.strip()
            if s.startswith("//"):
                comments.append(s)
                continue
            if re.match(r"metav1\.TypeMeta\s+`json:\",inline\"", s) or re.match(r"TypeMeta\s+`json:\",inline\"", s):
                fields[",typemeta"] = (True, {}, None)
            tm = re.search(r'json:"([^"]*)"', s)
            decl = re.match(r"(\w+)\s+([^\s`]+)\s+`", s)
            embedded = re.match(r"([\w.*]+)\s+`", s)
            if tm:
                parts = tm.group(1).split(",")
                raw = decl.group(2) if decl else embedded.group(1) if embedded else ""
                gt = go_type(raw, local) if raw else None
                if raw.startswith("*"):
                    gt = "*" + gt
                key = parts[0] if parts[0] or "inline" not in parts else ",inline" + str(len(fields))
                fields[key] = ("omitempty" in parts[1:] or "omitzero" in parts[1:], markers(comments), gt)
            comments = []
        structs[name] = fields
    return structs


def openapi_name(proto_package):
    # k8s.io.api.apps.v1 -> io.k8s.api.apps.v1
    return "io.k8s." + proto_package[len("k8s.io."):]


def type_name(proto_type, package):
    full = proto_type[1:] if proto_type.startswith(".") else package + "." + proto_type
    if full in SPECIAL:
        return SPECIAL[full]
    if proto_type in SCALARS:
        return SCALARS[proto_type]
    return openapi_name(full)


def flatten(fields, go, messages, structs):
    """(field, Go facts) pairs; fields of Go structs embedded with json:",inline" appear at the top level in JSON."""
    inline_types = {v[2].split(".")[-1] for k, v in go.items() if k.startswith(",inline")}
    result = []
    for f in fields:
        embedded = f["type"].split(".")[-1]
        if f["name"] not in go and embedded in inline_types and embedded in messages:
            result.extend(flatten(messages[embedded], structs.get(embedded, {}), messages, structs))
        else:
            if f["name"] not in go:
                # a few proto names differ from the JSON name only in case (aPIGroup vs apiGroup)
                same = [k for k in go if k.lower() == f["name"].lower()]
                if same:
                    f = dict(f, name=same[0])
            result.append((f, go.get(f["name"], (True, {}, None))))
    return result


def emit(repo, ref, directory, skip=()):
    package, messages, type_markers = parse_proto(git_show(repo, ref, directory + "/generated.proto"))
    structs = {}
    for f in git_ls(repo, ref, directory):
        if f.endswith(".go") and not f.endswith("_test.go") and not f.startswith("zz_") \
                and "generated" not in f and "conversion" not in f:
            structs.update(parse_go_structs(git_show(repo, ref, directory + "/" + f), directory.split("/")[-1]))
    out = []
    for name, fields in messages.items():
        if name in skip:
            continue
        go = structs.get(name, {})
        header = openapi_name(package) + "." + name
        if ",typemeta" in go:
            header += " typeMeta"
        if "structType" in type_markers.get(name, {}):
            header += " structType=" + type_markers[name]["structType"][0]
        out.append(header)
        for f, (omit, go_markers, gt) in flatten(fields, go, messages, structs):
            mk = dict(f["markers"])
            mk.update(go_markers)
            t = type_name(f["type"], package)
            if f["map"]:
                t = "map[" + t + "]"
            elif f["repeated"]:
                t = "[" + t + "]"
            attrs = []
            if gt:
                attrs.append("go=" + gt.lstrip("*"))
                if gt.startswith("*"):
                    attrs.append("ptr")
                if omit:
                    attrs.append("omitempty")
            if not omit and "optional" not in mk and gt:
                attrs.append("required")
            for key in ("listType", "mapType", "structType", "patchStrategy", "patchMergeKey"):
                if key in mk:
                    attrs.append(key + "=" + mk[key][0])
            if "default" in mk:
                value = mk["default"][0]
                if value and not value.startswith("ref(") and " " not in value:
                    attrs.append("default=" + value)
            if "listMapKey" in mk:
                attrs.append("listMapKeys=" + ",".join(mk["listMapKey"]))
            out.append("  " + " ".join([f["name"], t] + attrs))
    return out


def main():
    api, machinery, ref = sys.argv[1], sys.argv[2], sys.argv[3]
    print("# Structural facts of the built-in Kubernetes types (" + ref + "), for kubemu's schemas.")
    print("# Generated by tools/schema/extract.py; edit the generator, not this file.")
    print("# <type>\\n  <field> <type> [go=<Go type>] [required] [listType=..] [listMapKeys=a,b] [patchStrategy=..] [patchMergeKey=..]")
    for d in MACHINERY:
        print("\n".join(emit(machinery, ref, d, SKIP_MACHINERY)))
    for gv in GROUP_VERSIONS:
        print("\n".join(emit(api, ref, gv)))


if __name__ == "__main__":
    main()
