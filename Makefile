# Số hóa hồ sơ — the two commands: `make run` and `make test`. Each sets itself up.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PKGS := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd libsane1 libsane-dev sane-utils \
	poppler-utils xvfb fonts-dejavu-core fonts-liberation2 softhsm2 \
	libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 \
	libxcb-randr0 libxcb-render-util0 libxcb-image0 libglib2.0-0
PYTEST_ARGS ?=

.PHONY: run test demo deps venv eark-venv bench screenshots package clean-venv

# Install the Debian packages the app needs, only those missing (needs root or sudo).
deps:
	@missing=$$(for p in $(APT_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Re-installs only when pyproject.toml changed since the last install (the stamp file). No pip
# self-upgrade: Python 3.11's bundled pip installs this project (PEP 660) and the upgrade cost a
# download and a reinstall on every fresh set-up.
$(BIN)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	touch $@

venv: deps $(BIN)/.installed

# The E-ARK Foundation's validator, for the SIP conformance tests (tests/eark.py). It pins
# lxml==5.1.0 while the app uses lxml 6, so it gets its own virtualenv, not a dev extra.
EARK_VENV := .venv-eark
$(EARK_VENV)/.installed:
	$(PY) -m venv $(EARK_VENV)
	$(EARK_VENV)/bin/pip install -q --disable-pip-version-check eark-validator==1.1.3
	touch $@

eark-venv: $(EARK_VENV)/.installed

# Start the desktop app on the embedded default archive (user data folder).
run: venv
	$(BIN)/python -m digitize.devtools.launch

# Headless demo: process the bundled sample dossier and search it.
demo: venv
	$(BIN)/python -m digitize.devtools.demo

# The whole test suite (unit, integration with real components, GUI offscreen).
# --max-worker-restart 0: pytest-xdist 3.8's loadgroup scheduler re-queues a dead worker's
# finished groups and then waits forever (pytest-xdist #1323, #1378); stopping at the first
# worker death reports it at once (the test, the signal, the frames in .crash/) instead.
test: venv eark-venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2 --dist loadgroup --max-worker-restart 0 -q $(PYTEST_ARGS)

bench: venv
	$(BIN)/python -m bench

# The screens photographed under a real window manager and taskbar (openbox, tint2).
screenshots: venv
	@$(MAKE) -s deps APT_PKGS="openbox tint2"
	$(BIN)/python packaging/screenshots.py

package: venv
	bash packaging/linux/build.sh

clean-venv:
	rm -rf $(VENV) $(EARK_VENV)
