"""Add lock entries for platform-specific optional packages the local registry
mirror does not serve (npm drops them, and then `npm ci` calls the lock out of
sync). Each entry carries os/cpu/libc so npm skips it on other platforms."""

import json, re, subprocess, sys

lock_path = sys.argv[1]
lock = json.load(open(lock_path))
pkgs = lock["packages"]
out = subprocess.run(
    ["npm", "ci", "--dry-run", "--ignore-scripts"],
    capture_output=True,
    text=True,
    cwd=lock_path.rsplit("/", 1)[0] or ".",
)
missing = sorted(set(re.findall(r"Missing: (\S+?)@\S* from lock file", out.stderr + out.stdout)))
OSES = {"darwin", "win32", "linux", "android", "freebsd", "openharmony"}
CPUS = {"arm64", "x64", "arm", "ia32", "loong64", "ppc64", "riscv64", "s390x"}
for name in missing:
    spec = None
    for path, meta in pkgs.items():
        for key in ("optionalDependencies", "dependencies"):
            if name in meta.get(key, {}):
                spec = meta[key][name]
    assert spec and re.fullmatch(r"\d+\.\d+\.\d+", spec), (name, spec)
    tokens = name.split("/")[-1].split("-")
    os_ = [t for t in tokens if t in OSES]
    cpu = [t for t in tokens if t in CPUS]
    assert len(os_) == 1 and len(cpu) == 1, name
    entry = {"version": spec, "cpu": cpu, "optional": True, "os": os_}
    if os_[0] == "linux":
        entry["libc"] = ["musl"] if any(t.startswith("musl") for t in tokens) else ["glibc"]
    pkgs["node_modules/" + name] = entry
    print("added", name, spec, entry["os"], entry["cpu"], entry.get("libc"))
root = pkgs.pop("")
lock["packages"] = {"": root, **dict(sorted(pkgs.items()))}
with open(lock_path, "w") as f:
    json.dump(lock, f, indent=2)
    f.write("\n")
