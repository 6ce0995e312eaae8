# shellcheck shell=bash
# Schema and identity bootstrap through stratus-manage (both idempotent).

stratus_manage() {
    "$VENV/bin/stratus-manage" --config-file "$STRATUS_CONF" "$@"
}

db_sync() {
    local start=$EPOCHREALTIME out
    out=$(stratus_manage db sync 2>&1) \
        || { printf '%s\n' "$out" >&2; die "stratus-manage db sync failed"; }
    say "    database: ${out##*$'\n'} ($(elapsed_since "$start") s)"
}

# Admin user, project and roles, RegionOne and the identity endpoint.
identity_bootstrap() {
    local out line found=0
    out=$(stratus_manage bootstrap \
            --bootstrap-password "$ADMIN_PASSWORD" \
            --bootstrap-region-id "$REGION_NAME" \
            --bootstrap-public-url "$SERVICE_URL/identity" 2>&1) \
        || { printf '%s\n' "$out" >&2; die "stratus-manage bootstrap failed"; }
    while IFS= read -r line; do
        case ${line,,} in
            '') ;;
            *already* | *exists* | *skipping*) found=$((found + 1)) ;;
            *) say "    bootstrap: $line" ;;
        esac
    done <<< "$out"
    (( found == 0 )) || say "    bootstrap: $found admin/identity items already present"
}
