# zhengxin — see README.md. Every target that needs run-time artefacts fetches what is missing first.
SHELL := /bin/bash
CARGO ?= cargo
ADDR ?= 0.0.0.0:8080

.PHONY: setup build run test lint bench eval corpus corpus-large clean

setup:
	scripts/download_models.sh

build: setup
	$(CARGO) build --release

run: build
	./target/release/zhengxin serve --addr $(ADDR)

test: setup
	$(CARGO) build --release
	$(CARGO) test --release -- --test-threads=2

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets --release -- -D warnings

bench: build
	scripts/bench.sh

clean:
	$(CARGO) clean
