# Shortcuts for the commands the README documents.
.PHONY: demo test bench bench-smoke bench-converge

demo:        ## deploy the example app into a local systemd container and show it answering
	bash hack/demo.sh

test:        ## the whole test suite, as CI runs it
	bash hack/test.sh

bench:       ## the full benchmark: every worker class and workload, results in benchmarks/results/
	bash benchmarks/run.sh

bench-smoke: ## one class, one workload, a few seconds: the harness works (the test suite runs it)
	bash benchmarks/run.sh --smoke --out .cache/bench-smoke

bench-converge: ## first and no-op converges of 1 and 8 apps on one host: seconds, tasks, remote module calls
	bash benchmarks/run.sh converge
