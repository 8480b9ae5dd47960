# Interleave: the two commands of the README, plus one target per test tier.
#
#   make serve   install what is missing, then serve the app on 127.0.0.1:8080
#   make test    install what is missing, then run every test tier
#
# Everything is in scripts/; the Makefile only names entry points.

SHELL := bash
PORT ?= 8080

.PHONY: help serve test setup lint native browser e2e size perfetto build

help:
	@echo "make serve   serve the app at http://127.0.0.1:$(PORT)/ (installs what is missing)"
	@echo "make test    run every test tier (installs what is missing)"
	@echo "make lint | native | browser | e2e | size | perfetto   run one tier (after make setup)"
	@echo "make build   release bundle in dist/"

serve:
	@scripts/setup.sh serve
	@scripts/serve.sh $(PORT)

test:
	@scripts/setup.sh test
	@scripts/test.sh

setup:
	@scripts/setup.sh test

lint native browser e2e size perfetto:
	@scripts/test.sh $@

build:
	@source scripts/env.sh && trunk build --release
