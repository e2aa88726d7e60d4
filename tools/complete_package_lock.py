"""Add lock entries for platform-specific optional packages the local registry
mirror does not serve (npm drops them, and then `npm ci` calls the lock out of
sync). Each entry carries os/cpu/libc so npm skips it on other platforms.

    python tools/complete_package_lock.py template/frontend/package-lock.json
"""

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

OSES = {"darwin", "win32", "linux", "android", "freebsd", "openharmony"}
CPUS = {"arm64", "x64", "arm", "ia32", "loong64", "ppc64", "riscv64", "s390x"}
MISSING = re.compile(r"Missing: (\S+?)@\S* from lock file")


def missing_packages(folder: Path) -> list[str]:
    """The packages `npm ci` finds missing from the lock in `folder`."""
    dry_run = subprocess.run(
        ["npm", "ci", "--dry-run", "--ignore-scripts"],
        capture_output=True,
        text=True,
        cwd=folder,
    )
    return sorted(set(MISSING.findall(dry_run.stderr + dry_run.stdout)))


def wanted_version(name: str, packages: dict[str, Any]) -> str:
    """The exact version another package of the lock asks for."""
    spec = None
    for meta in packages.values():
        for key in ("optionalDependencies", "dependencies"):
            spec = meta.get(key, {}).get(name, spec)
    assert spec and re.fullmatch(r"\d+\.\d+\.\d+", spec), (name, spec)
    return spec


def platform_entry(name: str, version: str) -> dict[str, Any]:
    """A lock entry for a package named like `@scope/tool-linux-x64-musl`."""
    tokens = name.split("/")[-1].split("-")
    system = [token for token in tokens if token in OSES]
    cpu = [token for token in tokens if token in CPUS]
    assert len(system) == 1 and len(cpu) == 1, name
    entry: dict[str, Any] = {"version": version, "cpu": cpu, "optional": True, "os": system}
    if system == ["linux"]:
        musl = any(token.startswith("musl") for token in tokens)
        entry["libc"] = ["musl"] if musl else ["glibc"]
    return entry


def main(lock_path: Path) -> None:
    lock = json.loads(lock_path.read_text())
    packages = lock["packages"]
    for name in missing_packages(lock_path.parent):
        entry = platform_entry(name, wanted_version(name, packages))
        packages[f"node_modules/{name}"] = entry
        print("added", name, entry["version"], entry["os"], entry["cpu"], entry.get("libc"))
    root = packages.pop("")
    lock["packages"] = {"": root, **dict(sorted(packages.items()))}
    lock_path.write_text(json.dumps(lock, indent=2) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
