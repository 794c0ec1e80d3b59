# Tandem: `make run` serves the app with demo data, `make test` runs every test. Both install what is missing.
BUILD_DIR := build
DATA_DIR  ?= data
LISTEN    ?= 127.0.0.1:8080
JOBS      ?= $(shell nproc)
WEB_SOURCES := $(shell find web -path web/node_modules -prune -o -path web/dist -prune -o -type f -print 2>/dev/null)

.PHONY: all bootstrap build web run test bench bench-items bench-instructions bench-time bench-web format clean

all: build

bootstrap:
	@scripts/bootstrap.sh

build: bootstrap
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

web: bootstrap web/dist/index.html

web/dist/index.html: $(WEB_SOURCES)
	cd web && npm run build

run: build web
	@[ -f $(DATA_DIR)/tandem.db ] || $(BUILD_DIR)/tandem demo --data $(DATA_DIR) --listen $(LISTEN)
	$(BUILD_DIR)/tandem serve --data $(DATA_DIR) --listen $(LISTEN)

test: build web
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

bench: build
	bench/http/run.sh $(BUILD_DIR)/tandem $(BUILD_DIR)/bench/http/bench_hello_server
	bench/items/run.sh $(BUILD_DIR)/tandem $(BUILD_DIR)/bench/http/bench_hello_server
	$(BUILD_DIR)/bench/time/bench_time

bench-items: build
	bench/items/run.sh $(BUILD_DIR)/tandem $(BUILD_DIR)/bench/http/bench_hello_server

bench-instructions: build
	bench/items/instructions.sh $(BUILD_DIR)/tandem

bench-time: build
	$(BUILD_DIR)/bench/time/bench_time

bench-web: build web
	bench/web/run.sh $(BUILD_DIR)/tandem

format:
	find src tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) web/dist
