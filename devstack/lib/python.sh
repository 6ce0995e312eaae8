# shellcheck shell=bash
# The venv: python3 -m venv, then pip install of the repo (not editable) and
# python-openstackclient, pinned by constraints.txt. pip runs again only when
# the files that make the package changed (their hash is kept in a stamp).

STAMP_FILE=$VENV/.stratus-install-stamp

# Files that go into the stratus package, relative to the repo root.
package_files() {
    local f
    (
        cd "$STRATUS_REPO_DIR" || exit 1
        if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
            git ls-files -co --exclude-standard
        else
            find . -type f ! -path './.git/*' -printf '%P\n'
        fi
    ) | grep -v -E '^(tests|devstack|bench|build|dist)/|__pycache__/|\.pyc$|\.egg-info/' \
      | sort | while read -r f; do
        [[ -f $STRATUS_REPO_DIR/$f ]] && printf '%s\n' "$f"
    done
}

# Database drivers the [database] connection needs beyond sqlite3.
db_driver_packages() {
    case $DATABASE_URL in
        mysql+pymysql:*) printf 'PyMySQL\n' ;;
        postgresql:* | postgresql+psycopg2:*) printf 'psycopg2-binary\n' ;;
    esac
}

install_stratus() {
    local -a files extras
    mapfile -t files < <(package_files)
    mapfile -t extras < <(db_driver_packages)
    (( ${#files[@]} > 0 )) || die "no package files found under $STRATUS_REPO_DIR"
    local want
    want=$({
        (cd "$STRATUS_REPO_DIR" && sha1sum "${files[@]}")
        printf 'extras %s\n' "${extras[*]}"
        "$PYTHON" --version
    } | sha1sum | cut -d' ' -f1)
    if [[ -f $STAMP_FILE && $(< "$STAMP_FILE") == "$want" ]]; then
        say "    venv: $VENV is up to date"
        return 0
    fi
    local start=$EPOCHREALTIME log=$LOG_DIR/stack-pip.log build
    if [[ ! -x $VENV/bin/python ]]; then
        mkdir -p "$(dirname "$VENV")"
        "$PYTHON" -m venv "$VENV" >>"$log" 2>&1 \
            || die "$PYTHON -m venv $VENV failed; see $log"
    fi
    # Build from a copy of exactly these files: an in-tree build/ directory
    # could carry modules deleted since into the wheel.
    build=$(mktemp -d)
    (cd "$STRATUS_REPO_DIR" && tar -cf - "${files[@]}") | tar -xf - -C "$build"
    [[ -f $build/README.md ]] || printf 'stratus\n' > "$build/README.md"
    if ! "$VENV/bin/pip" install --disable-pip-version-check \
            -c "$STRATUS_REPO_DIR/constraints.txt" \
            "$build" python-openstackclient "${extras[@]}" >>"$log" 2>&1; then
        rm -rf "$build"
        grep -v 'is ignored' "$log" | tail -n 20 >&2
        die "pip install failed; see $log"
    fi
    rm -rf "$build"
    printf '%s\n' "$want" > "$STAMP_FILE"
    say "    venv: installed stratus into $VENV in $(elapsed_since "$start") s"
}
