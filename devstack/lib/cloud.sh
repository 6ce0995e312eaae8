# shellcheck shell=bash disable=SC2034
# After the daemons are up: the catalog, demo project/user and flavors
# (devstack/tools/bootstrap_cloud.py), then how to use the cloud.

CLOUD_CHANGED=0

bootstrap_cloud() {
    local out status=0 line
    out=$(ADMIN_PASSWORD=$ADMIN_PASSWORD DEMO_PASSWORD=$DEMO_PASSWORD \
        "$VENV/bin/python" "$STRATUS_DEVSTACK_DIR/tools/bootstrap_cloud.py" \
        --url "$SERVICE_URL" --region "$REGION_NAME" "$@" 2>&1) || status=$?
    while IFS= read -r line; do
        [[ -n $line ]] && say "  $line"
    done <<< "$out"
    (( status == 0 )) || die "bootstrap_cloud.py failed; see $(log_file stratus-api)"
    [[ $out == *"created 0, updated 0,"* ]] || CLOUD_CHANGED=1
}

print_usage() {
    local rel=$STRATUS_DEVSTACK_DIR
    [[ $rel == "$PWD"/* ]] && rel=${rel#"$PWD"/}
    cat <<EOF2

Use it:
  . $rel/openrc admin        # or: . $rel/openrc demo
  openstack token issue
  openstack catalog list
  openstack compute service list
  openstack volume service list
  openstack flavor list
EOF2
    if [[ $COMPUTE_DRIVER == libvirt ]]; then
        cat <<EOF2
  openstack server create --flavor m1.test --image stratus-test --wait vm1
  openstack console log show vm1
EOF2
    fi
    cat <<EOF2
Logs: one file per daemon, $LOG_DIR/stratus-*.log
  Follow a request across daemons by its id (x-openstack-request-id,
  shown by 'openstack --debug ...'):  grep req-<uuid> $LOG_DIR/*.log
Stop: $rel/unstack.sh   (--clean also removes data, config, venv, logs)
EOF2
}
