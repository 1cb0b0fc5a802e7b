# The Pelican targets Pelican users know, plus `test`.  Every target creates
# the virtual environment it needs, so a fresh checkout needs only python3.

PY ?= python3
VENV ?= .venv
PELICAN ?= $(VENV)/bin/pelican
PELICANOPTS ?=

INPUTDIR = content
OUTPUTDIR = output
CONFFILE = pelicanconf.py
PUBLISHCONF = publishconf.py
PORT ?= 8000

ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif

.PHONY: help html clean regenerate serve devserver publish test golden

help:
	@echo 'make html        build the site into $(OUTPUTDIR)/'
	@echo 'make serve       serve $(OUTPUTDIR)/ at http://localhost:$(PORT)'
	@echo 'make devserver   rebuild on every change and serve'
	@echo 'make publish     build with $(PUBLISHCONF)'
	@echo 'make clean       remove $(OUTPUTDIR)/'
	@echo 'make test        run the test suite'
	@echo 'make golden      rewrite tests/expected/ after an intended change of the output'

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

html: $(VENV)/.installed
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

clean:
	rm -rf $(OUTPUTDIR)

regenerate: $(VENV)/.installed
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: $(VENV)/.installed
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

devserver: $(VENV)/.installed
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

publish: $(VENV)/.installed
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

# The suite runs on every core (pytest-xdist), a test file's tests on one of
# them, so a file's built sites are built once.  pytest exits 5 when it
# collected nothing: that is a failure, not a pass.
PYTESTWORKERS ?= -n auto --dist loadfile
test: $(VENV)/.installed
	@bash .ci/install-tools
	@$(VENV)/bin/python -m pytest $(PYTESTWORKERS) $(PYTESTOPTS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: no tests were collected" >&2; fi; exit $$rc

# After an intended change of what Varde writes: review `git diff tests/expected`.
golden: $(VENV)/.installed
	VARDE_UPDATE_GOLDEN=1 $(VENV)/bin/python -m pytest -q tests/test_golden.py
