# Two commands on a fresh machine:  `make demo`  (install + dossier of examples/)  and  `make test`.
# Everything is installed by these targets: Debian packages (thesaurus data for spun-text repair,
# Chromium for the browser tests) and a local virtualenv with byline and its pinned dependencies.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
APT_RUNTIME := mythes-en-us libaiksaurus-1.2-data wordnet-base libicu-dev pkg-config
# chromium: the browser tests; postgresql: the throwaway server of the PostgreSQL store tests
APT_TEST := chromium postgresql

.PHONY: demo test venv apt-runtime apt-test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(BIN)/.installed

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

apt-runtime:
	$(call apt_install,$(APT_RUNTIME))

apt-test: apt-runtime
	$(call apt_install,$(APT_TEST))

demo: apt-runtime venv
	@mkdir -p $(OUT)
	$(BIN)/byline build examples --db $(OUT)/examples.db
	$(BIN)/byline export --db $(OUT)/examples.db --format json -o $(OUT)/examples.json
	$(BIN)/byline report --db $(OUT)/examples.db -o $(OUT)/dossier.html

test: apt-test venv
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check byline tests bench
	$(BIN)/ruff format --check byline tests bench
	$(BIN)/mypy byline

clean:
	rm -rf $(VENV) $(OUT) artifacts
