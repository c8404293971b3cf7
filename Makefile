# SecretFS — every entry point a user or CI needs. `make test` and `make demo` install what they need first,
# so each is one command on a fresh Debian 12 machine with Swift installed.

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
# The official connector, used as an interop peer by the tests and as the baseline by the benchmarks.
PASSWORK_PYTHON := passwork-python==0.2.0
DEBIAN_PACKAGES := fuse3 libfuse3-dev libssl-dev libsqlite3-dev openssl pkg-config python3-venv
# For the packaging tests: image builds (buildah, podman, debootstrap), unit checks (systemd-analyze), man.
DEBIAN_PACKAGES += buildah podman debootstrap systemd man-db
KUBERNETES_VALIDATE := kubernetes-validate==1.37.0
# Every build made through make treats a warning in our code as an error (Package.swift reads this).
export SECRETFS_WARNINGS_AS_ERRORS := 1

.PHONY: all deps deps-debian deps-python build test swift-tests connector-tests lint format demo bench-crypto \
	bench-exec bench-server bench-fuse clean deb package-test

all: build

deps: deps-debian deps-python

# Idempotent: apt-get runs only when a package is missing.
deps-debian:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:" $$missing; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

deps-python: $(VENV)/.installed

$(VENV)/.installed:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(PASSWORK_PYTHON) pytest
	touch $@

build: deps-debian
	$(SWIFT) build

# Everything: lint, the Swift suites (unit, real FUSE mounts, live servers on SQLite and PostgreSQL), then the
# official connector and passwork-cli against live servers. PostgreSQL: SECRETFS_TEST_POSTGRES_URL, or a local
# server that scripts/start-postgres installs and starts.
test: deps lint
	$(SWIFT) build --build-tests
	url=$${SECRETFS_TEST_POSTGRES_URL:-$$(timeout 600 scripts/start-postgres)} || exit 1; \
	case "$$url" in postgres://*|postgresql://*) ;; *) echo "not a PostgreSQL URL: $$url" >&2; exit 1;; esac; \
	SECRETFS_TEST_POSTGRES_URL=$$url $(MAKE) --no-print-directory swift-tests connector-tests
	if command -v buildah >/dev/null && command -v debootstrap >/dev/null; then \
		$(MAKE) --no-print-directory package-test; fi

# The suites stop themselves; the timeout turns a hang into a clear failure well inside CI's own limit.
swift-tests:
	SECRETFS_PYTHON=$(CURDIR)/$(VENV)/bin/python timeout -k 30 2400 $(SWIFT) test --skip-build

# The official connector (library and passwork-cli) against a live secretfs-server on SQLite and PostgreSQL,
# and secretfs's CLI against passwork-cli.
connector-tests: deps-python
	test -x $(VENV)/bin/pytest || $(VENV)/bin/pip install --quiet --disable-pip-version-check pytest
	$(SWIFT) build --product secretfs-server
	$(SWIFT) build --product secretfs
	PYTHONDONTWRITEBYTECODE=1 $(VENV)/bin/pytest -q -p no:cacheprovider Tests/ConnectorTests

# The packaging, built from the debug binaries and tested on this machine (Tests/PackagingTests/run): the
# Kubernetes manifests against the API schemas, the .deb installed, used (mount -t, fstab) and purged, the
# container image built with buildah and its content serving a secret.
package-test: deps
	test -x $(VENV)/bin/kubernetes-validate || \
		$(VENV)/bin/pip install --quiet --disable-pip-version-check $(KUBERNETES_VALIDATE)
	Tests/PackagingTests/run $(VENV)/bin/kubernetes-validate

# dist/secretfs_VERSION_ARCH.deb from a release build (static Swift stdlib): runs on any Debian 12.
deb: deps-debian
	scripts/release-build dist/stage
	scripts/generate-docs dist/stage
	scripts/build-deb dist/stage dist

lint:
	$(SWIFT) format lint --strict --parallel --recursive Package.swift Sources Tests Benchmarks

format:
	$(SWIFT) format format --in-place --parallel --recursive Package.swift Sources Tests Benchmarks

# The main job: secretfs-server on SQLite with demo data, mounted at ./mnt in the foreground (Ctrl-C ends it).
demo: deps build
	scripts/demo

bench-crypto: deps
	Benchmarks/crypto/run

bench-exec: deps
	Benchmarks/exec/run

# wrk (Debian package) is installed here, for this target only; PostgreSQL comes from scripts/start-postgres.
bench-server: deps
	@dpkg -s wrk >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; }
	Benchmarks/server/run

# gocryptfs (Debian package) is installed here, for this target only; the script itself installs nothing.
bench-fuse: deps
	@dpkg -s gocryptfs >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gocryptfs; }
	Benchmarks/fuse/run

clean:
	rm -rf .build $(VENV)
