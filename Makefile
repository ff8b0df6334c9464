# Shortcuts for those who like make; each runs the same thing as the README's commands.
.PHONY: lab test notebooks bench
lab:
	python3 run.py lab
test:
	python3 run.py test
notebooks:          # re-execute every notebook in place (commit the outputs)
	python3 run.py notebooks
bench:
	.venv/bin/python benchmarks/bench_bpcore.py
	.venv/bin/python benchmarks/bench_dashboard.py
	.venv/bin/python benchmarks/bench_playground.py
