"""Run the E-ARK Foundation's ``eark-validator`` 1.1.3 offline on a package (a folder or zip).

The validator pins ``lxml==5.1.0`` (the app uses lxml 6), so it lives in its own virtualenv,
``.venv-eark`` at the repository root (``make eark-venv``; ``make test`` builds it), or the
interpreter named by ``$EARK_VALIDATOR_PYTHON``. The runner and the CSIP vocabularies come from
``../shared/standards/eark`` (README there): CI has it; without it the tests that need it skip.
"""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

__all__ = ["EARK_DIR", "KNOWN_NOISE", "control_package", "errors", "run_validator"]

ROOT = Path(__file__).resolve().parent.parent
EARK_DIR = ROOT.parent / "shared" / "standards" / "eark"
#: Errors the validator raises on conformant SIPs, with the reason (see EARK_DIR/README.md).
KNOWN_NOISE = {
    # README: "CSIP12/13 and the first CSIP16 on the organisation agent that SIP itself
    # requires" — the schematron checks every ROLE=CREATOR agent as if it were the software
    "CSIP12": "organisation agent (SIP15-20) checked as the software agent",
    "CSIP13": "organisation agent (SIP15-20) checked as the software agent",
    "CSIP16": "organisation agent (SIP15-20) checked as the software agent",
    # README: "CSIP60/93/95 (documentation is optional)"
    "CSIP60": "documentation is optional",
    "CSIP95": "documentation is optional",
    # CSIP 2.0.4 text: CSIP101/103 describe the content div "when no representations are
    # present"; a package with representations has one div per representation labelled
    # "Representations/rep1" with an mptr (CSIP105-112), which the 1.1.3 rule does not allow for
    "CSIP103": "the no-representations rule applied to a package with a representation",
}


def validator_python() -> Path:
    """The interpreter that has ``eark-validator`` installed."""
    env = os.environ.get("EARK_VALIDATOR_PYTHON")
    return Path(env) if env else ROOT / ".venv-eark" / "bin" / "python"


def run_validator(package: Path) -> dict:
    """The validator's JSON report on ``package``."""
    py = validator_python()
    if not py.exists():
        raise RuntimeError(f"{py} missing: run `make eark-venv` (eark-validator==1.1.3)")
    env = {**os.environ, "CSIP_VOCAB_DIR": str(EARK_DIR / "csip-v2.0.4")}
    out = subprocess.run([str(py), str(EARK_DIR / "run_eark_validator.py"), str(package),
                          "V2.0.4"], capture_output=True, text=True, env=env, timeout=300,
                         check=True)
    return json.loads(out.stdout)


def _messages(report: dict) -> list[dict]:
    md = report["metadata"]
    return (report["structure"]["messages"] + md["schema_results"]["messages"]
            + md["schematron_results"]["messages"])


def errors(report: dict) -> Counter[str]:
    """Rule ids of the report's errors, with their counts."""
    return Counter(m["rule_id"] for m in _messages(report) if m["severity"] == "Error")


def summary(report: dict) -> list[str]:
    """One line per message: severity, rule id."""
    return [f"{m['severity']:5} {m['rule_id']}" for m in _messages(report)]


def control_package(tmp: Path) -> Path:
    """The specification's own minimal package, unzipped into ``tmp``."""
    with zipfile.ZipFile(EARK_DIR / "csip-v2.0.4" / "minimal_IP_with_schemas.zip") as zf:
        zf.extractall(tmp)
    return tmp / "minimal_IP_with_schemas"
