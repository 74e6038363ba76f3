#!/usr/bin/env bash
# The scan step of action.yml: writes the SARIF report, prints the text summary to the log, and
# records the exit code as the step's output (the upload runs whatever the verdict; the last step
# of the action fails the job). GATEHOUSE_PACKAGE overrides the package spec (the tests give a tarball).
set -uo pipefail
PACKAGE="${GATEHOUSE_PACKAGE:-gatehouse-apigw@${INPUT_VERSION:?the version input is required}}"
read -r -a PATHS <<< "${INPUT_PATHS:-.}"
ARGS=(--fail-on "${INPUT_FAIL_ON:-mandatory}")
if [ -n "${INPUT_CONFIG:-}" ]; then
    ARGS+=(--config "$INPUT_CONFIG")
fi
gatehouse() {
    npx --yes --package "$PACKAGE" gatehouse "$@"
}
gatehouse scan "${PATHS[@]}" "${ARGS[@]}" --format sarif --output "${INPUT_SARIF_FILE:-gatehouse.sarif}"
code=$?
gatehouse scan "${PATHS[@]}" "${ARGS[@]}" --format text || true
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
