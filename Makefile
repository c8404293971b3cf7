# SecretFS — every entry point a user or CI needs. `make test` and `make demo` install what they need first,
# so each is one command on a fresh Debian 12 machine with Swift installed.

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
# The official connector, used as an interop peer by the tests and as the baseline by the benchmarks.
PASSWORK_PYTHON := passwork-python==0.2.0
DEBIAN_PACKAGES := fuse3 libfuse3-dev libssl-dev openssl pkg-config python3-venv

.PHONY: all deps deps-debian deps-python build test lint format demo bench-crypto clean

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
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(PASSWORK_PYTHON)
	touch $@

build: deps-debian
	$(SWIFT) build

test: deps lint
	$(SWIFT) build --build-tests
	SECRETFS_PYTHON=$(CURDIR)/$(VENV)/bin/python $(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict --parallel --recursive Package.swift Sources Tests Benchmarks

format:
	$(SWIFT) format format --in-place --parallel --recursive Package.swift Sources Tests Benchmarks

demo: deps build
	$(SWIFT) run secretfs self-check

bench-crypto: deps
	Benchmarks/crypto/run

clean:
	rm -rf .build $(VENV)
