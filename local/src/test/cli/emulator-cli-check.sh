#!/usr/bin/env bash
# Proves that the emulator speaks the AWS wire protocols as botocore does: starts the standalone
# emulator from the built jar on a free port (from the project's root, so it deploys
# template.yaml), runs the AWS CLI session of README.md's "Local emulator" section exactly as
# printed there (only the port differs), checks its output, then checks error codes, pagination,
# Step Functions executions and a scenario through the CLI. Needs java, the AWS CLI and the jar
# that `mvn -B verify` builds. Exits non-zero on the first failed check.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
JAR="$ROOT/local/target/studio-lifecycle-local.jar"
README="$ROOT/README.md"

fail() { echo "emulator-cli-check: FAILED: $*" >&2; exit 1; }
pass() { echo "emulator-cli-check: ok: $*"; }

command -v aws >/dev/null 2>&1 || fail "the AWS CLI ('aws') is not on PATH"
command -v java >/dev/null 2>&1 || fail "java is not on PATH"
[[ -f "$JAR" ]] || fail "$JAR is missing: run 'mvn -B verify' first"

WORK="$(mktemp -d)"
EMULATOR_PID=""
cleanup() {
  if [[ -n "$EMULATOR_PID" ]]; then
    kill "$EMULATOR_PID" 2>/dev/null || true
    wait "$EMULATOR_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Nothing from the caller's AWS configuration may leak into the checks.
unset AWS_PROFILE AWS_ENDPOINT_URL AWS_SESSION_TOKEN AWS_DEFAULT_OUTPUT AWS_MAX_ATTEMPTS \
  AWS_RETRY_MODE
export AWS_CONFIG_FILE="$WORK/aws-config" AWS_SHARED_CREDENTIALS_FILE="$WORK/aws-credentials"
: > "$AWS_CONFIG_FILE"
: > "$AWS_SHARED_CREDENTIALS_FILE"

# The start command and the session, taken from README.md between their markers.
section() {
  awk -v from="<!-- emulator-cli:$1 -->" -v to="<!-- emulator-cli:$2 -->" '
    $0 == from { inside = 1; next }
    $0 == to { inside = 0 }
    inside && !/^```/ { print }' "$README"
}
START_COMMAND="$(section start end-start)"
SESSION="$(section session end-session)"
[[ "$START_COMMAND" == "java -jar local/target/studio-lifecycle-local.jar emulator --port 4566 "* ]] \
  || fail "README's start command is not where this script expects it: '$START_COMMAND'"
grep -q '^EMULATOR=http://127.0.0.1:4566$' <<<"$SESSION" \
  || fail "README's session does not set EMULATOR=http://127.0.0.1:4566"

# start_emulator <extra arguments>: README's start command on a free port; sets ENDPOINT.
start_emulator() {
  local args="${START_COMMAND#java -jar local/target/studio-lifecycle-local.jar emulator }"
  args="${args/--port 4566/--port 0}"
  # A scenario given here replaces the one of README's command.
  if [[ " $* " == *" --scenario "* ]]; then
    args="$(sed -E 's/--scenario [^ ]+//' <<<"$args")"
  fi
  rm -f "$WORK/emulator.out" "$WORK/emulator.err"
  : >"$WORK/emulator.out"
  # shellcheck disable=SC2086 # the README's options are words on purpose
  (cd "$ROOT" && exec java -jar "$JAR" emulator $args "$@") >>"$WORK/emulator.out" \
    2>"$WORK/emulator.err" &
  EMULATOR_PID=$!
  for _ in $(seq 300); do
    if [[ "$(wc -l <"$WORK/emulator.out")" -ge 1 ]]; then break; fi
    kill -0 "$EMULATOR_PID" 2>/dev/null || fail "the emulator exited: $(cat "$WORK/emulator.err")"
    sleep 0.1
  done
  local line
  line="$(head -n 1 "$WORK/emulator.out")"
  [[ "$line" =~ ^studio-lifecycle\ emulator\ listening\ on\ (http://127\.0\.0\.1:[0-9]+)$ ]] \
    || fail "unexpected first line from the emulator: '$line'"
  ENDPOINT="${BASH_REMATCH[1]}"
}

stop_emulator() {
  kill "$EMULATOR_PID"
  wait "$EMULATOR_PID" 2>/dev/null || true
  EMULATOR_PID=""
}

# expect_error <code> <aws arguments...>: the call must fail with that AWS error code.
expect_error() {
  local code="$1"
  shift
  if aws --endpoint-url "$ENDPOINT" "$@" >"$WORK/call.out" 2>"$WORK/call.err"; then
    fail "'aws $*' succeeded; expected error $code"
  fi
  grep -q "($code)" "$WORK/call.err" \
    || fail "'aws $*' did not fail with $code: $(cat "$WORK/call.err")"
  pass "aws $* -> $code"
}

# expect_output <expected> <aws arguments...>
expect_output() {
  local expected="$1"
  shift
  local actual
  actual="$(aws --endpoint-url "$ENDPOINT" "$@")" || fail "'aws $*' failed"
  [[ "$actual" == "$expected" ]] || fail "'aws $*' printed '$actual', expected '$expected'"
  pass "aws $* -> $expected"
}

# ---------------------------------------------------------------- README session
start_emulator
pass "emulator started at $ENDPOINT"
# A shell of its own: errexit must hold inside the session, which it would not on the left of ||.
printf '%s\n' "${SESSION/EMULATOR=http:\/\/127.0.0.1:4566/EMULATOR=$ENDPOINT}" \
  >"$WORK/session.sh"
bash -euo pipefail "$WORK/session.sh" >"$WORK/session.out" 2>"$WORK/session.err" \
  || fail "README session failed: $(cat "$WORK/session.err")"

mapfile -t LINES <"$WORK/session.out"
DOMAIN='d-[a-z0-9]{12}'
EXPECTED=(
  '^arn:aws:iam::123456789012:role/studio-exec$'
  "^arn:aws:sagemaker:us-east-1:123456789012:user-profile/$DOMAIN/jane-doe$"
  '^InService$'
  "^arn:aws:sagemaker:us-east-1:123456789012:app/$DOMAIN/jane-doe/jupyterserver/default$"
  "^arn:aws:sagemaker:us-east-1:123456789012:app/$DOMAIN/jane-doe/kernelgateway/datascience$"
  $'^KernelGateway\tdatascience\tInService$'
  $'^JupyterServer\tdefault\tInService$'
  $'^KernelGateway\tdatascience\tDeleted$'
  $'^JupyterServer\tdefault\tDeleted$'
  '^0$'
  '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  '^123456789012$'
  '^arn:aws:states:us-east-1:123456789012:execution:studio-lifecycle-StudioUserLifecycle:hr-2026-000987$'
  '^SUCCEEDED$'
  $'^Validate\tNotifyAlreadyOffboarded$'
)
[[ ${#LINES[@]} -eq ${#EXPECTED[@]} ]] \
  || fail "README session printed ${#LINES[@]} lines, expected ${#EXPECTED[@]}: $(cat "$WORK/session.out")"
for i in "${!EXPECTED[@]}"; do
  [[ "${LINES[$i]}" =~ ${EXPECTED[$i]} ]] \
    || fail "README session line $((i + 1)) is '${LINES[$i]}', expected /${EXPECTED[$i]}/"
done
pass "README session printed what README says (${#LINES[@]} lines)"

# ---------------------------------------------------------------- errors, pagination, botocore
export AWS_ACCESS_KEY_ID=any AWS_SECRET_ACCESS_KEY=thing AWS_DEFAULT_REGION=us-east-1
DOMAIN_ID="$(aws --endpoint-url "$ENDPOINT" sagemaker list-domains \
  --query "Domains[?DomainName=='studio'].DomainId | [0]" --output text)"
sleep 1 # ten emulator minutes: jane-doe's deletion (30 s) is over
expect_error ResourceNotFound sagemaker describe-user-profile --domain-id "$DOMAIN_ID" \
  --user-profile-name jane-doe
expect_output sagemaker.amazonaws.com iam get-role --role-name studio-exec \
  --query 'Role.AssumeRolePolicyDocument.Statement[0].Principal.Service' --output text
expect_error DeleteConflict iam delete-role --role-name studio-exec
expect_error NoSuchEntity iam get-role --role-name ghost
expect_error EntityAlreadyExists iam create-role --role-name studio-exec \
  --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
expect_error ValidationException sagemaker create-user-profile --domain-id "$DOMAIN_ID" \
  --user-profile-name bad_name
expect_error UnknownOperationException sagemaker list-notebook-instances
expect_error InvalidAction iam list-users
expect_error UnknownService ec2 describe-vpcs
expect_error NotFound sns publish --message hi \
  --topic-arn arn:aws:sns:us-east-1:123456789012:missing

# ---------------------------------------------------------------- Step Functions
LIFECYCLE=arn:aws:states:us-east-1:123456789012:stateMachine:studio-lifecycle-StudioUserLifecycle
EXECUTION=arn:aws:states:us-east-1:123456789012:execution:studio-lifecycle-StudioUserLifecycle:hr-2026-000987
STATES=arn:aws:states:us-east-1:123456789012
ROLE=arn:aws:iam::123456789012:role/service-role/states
expect_output "$(printf 'studio-lifecycle-StudioUserLifecycle\tstudio-lifecycle-Reconcile')" \
  stepfunctions list-state-machines --query 'stateMachines[].name' --output text
expect_error StateMachineDoesNotExist stepfunctions describe-state-machine \
  --state-machine-arn "$STATES:stateMachine:ghost"
expect_error ExecutionDoesNotExist stepfunctions describe-execution \
  --execution-arn "$STATES:execution:studio-lifecycle-StudioUserLifecycle:ghost"
expect_error InvalidArn stepfunctions describe-execution --execution-arn not-an-arn
expect_error ExecutionAlreadyExists stepfunctions start-execution --state-machine-arn "$LIFECYCLE" \
  --name hr-2026-000987 --input '{}'
expect_error InvalidExecutionInput stepfunctions start-execution --state-machine-arn "$LIFECYCLE" \
  --input '{nope'
expect_error InvalidDefinition stepfunctions create-state-machine --name broken --role-arn "$ROLE" \
  --definition '{"StartAt": "Nowhere", "States": {"Done": {"Type": "Succeed"}}}'
expect_error UnknownOperationException stepfunctions list-activities
for i in 1 2; do
  aws --endpoint-url "$ENDPOINT" stepfunctions create-state-machine --name "pass-$i" \
    --role-arn "$ROLE" --definition '{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}' \
    >/dev/null
done
expect_output 4 stepfunctions list-state-machines --page-size 1 --query 'length(stateMachines)'
EVENTS="$(aws --endpoint-url "$ENDPOINT" stepfunctions get-execution-history \
  --execution-arn "$EXECUTION" --query 'length(events)')"
[[ "$EVENTS" -gt 10 ]] || fail "the README execution has only $EVENTS history events"
expect_output "$EVENTS" stepfunctions get-execution-history --execution-arn "$EXECUTION" \
  --page-size 2 --query 'length(events)'
expect_output ExecutionSucceeded stepfunctions get-execution-history --execution-arn "$EXECUTION" \
  --reverse-order --no-paginate --max-results 1 --query 'events[0].type' --output text
expect_output None stepfunctions get-execution-history --execution-arn "$EXECUTION" \
  --no-include-execution-data --no-paginate --max-results 1 --query 'events[0].executionStartedEventDetails.input' \
  --output text
# An hour's Wait lasts six real seconds here: stop the execution before it ends.
aws --endpoint-url "$ENDPOINT" stepfunctions create-state-machine --name waiter --role-arn "$ROLE" \
  --definition '{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}' \
  >/dev/null
aws --endpoint-url "$ENDPOINT" stepfunctions start-execution \
  --state-machine-arn "$STATES:stateMachine:waiter" --name wait-1 >/dev/null
expect_output RUNNING stepfunctions describe-execution \
  --execution-arn "$STATES:execution:waiter:wait-1" --query status --output text
aws --endpoint-url "$ENDPOINT" stepfunctions stop-execution \
  --execution-arn "$STATES:execution:waiter:wait-1" --error Manual --cause 'changed my mind' \
  >/dev/null
expect_output $'ABORTED\tManual\tchanged my mind' stepfunctions describe-execution \
  --execution-arn "$STATES:execution:waiter:wait-1" --query '[status, error, cause]' --output text
expect_output wait-1 stepfunctions list-executions --state-machine-arn "$STATES:stateMachine:waiter" \
  --status-filter ABORTED --query 'executions[].name' --output text

aws --endpoint-url "$ENDPOINT" sagemaker create-user-profile --domain-id "$DOMAIN_ID" \
  --user-profile-name pager >/dev/null
sleep 1
for i in $(seq 1 12); do
  aws --endpoint-url "$ENDPOINT" sagemaker create-app --domain-id "$DOMAIN_ID" \
    --user-profile-name pager --app-type KernelGateway --app-name "kernel-$i" \
    --resource-spec "InstanceType=ml.m5.large" >/dev/null
done
expect_output 12 sagemaker list-apps --user-profile-name-equals pager --query 'length(Apps)'
expect_output 12 sagemaker list-apps --user-profile-name-equals pager --page-size 5 \
  --query 'length(Apps)'
for policy in AmazonSageMakerCanvasFullAccess AmazonSageMakerCanvasAIServicesAccess; do
  aws --endpoint-url "$ENDPOINT" iam attach-role-policy --role-name studio-exec \
    --policy-arn "arn:aws:iam::aws:policy/$policy"
done
expect_output 3 iam list-attached-role-policies --role-name studio-exec --page-size 1 \
  --query 'length(AttachedPolicies)'
stop_emulator

# ---------------------------------------------------------------- scenarios: seeding, faults
start_emulator --scenario events/scenarios/offboarding-jane-doe.json
pass "emulator started at $ENDPOINT with events/scenarios/offboarding-jane-doe.json"
expect_output arn:aws:iam::123456789012:role/studio-lifecycle/jane-doe sagemaker \
  describe-user-profile --domain-id d-studiolocal01 --user-profile-name jane-doe \
  --query UserSettings.ExecutionRole --output text
expect_output $'jane-doe-private\tteam-analytics' sagemaker list-spaces \
  --domain-id-equals d-studiolocal01 --sort-order Ascending --query 'Spaces[].SpaceName' \
  --output text
# The whole offboarding through the deployed workflow: apps, spaces, profile, then a notice.
aws --endpoint-url "$ENDPOINT" stepfunctions start-execution --state-machine-arn "$LIFECYCLE" \
  --name offboard-jane-doe \
  --input '{"action": "OFFBOARD", "domainId": "d-studiolocal01", "userProfileName": "jane-doe"}' \
  >/dev/null
OFFBOARDING="$STATES:execution:studio-lifecycle-StudioUserLifecycle:offboard-jane-doe"
for _ in $(seq 120); do
  STATUS="$(aws --endpoint-url "$ENDPOINT" stepfunctions describe-execution \
    --execution-arn "$OFFBOARDING" --query status --output text)"
  [[ "$STATUS" == RUNNING ]] || break
  sleep 1
done
[[ "$STATUS" == SUCCEEDED ]] || fail "the offboarding ended $STATUS: $(aws --endpoint-url \
  "$ENDPOINT" stepfunctions describe-execution --execution-arn "$OFFBOARDING" \
  --query '[error, cause]' --output text)"
pass "the deployed workflow offboarded jane-doe"
expect_output john-roe sagemaker list-user-profiles --domain-id-equals d-studiolocal01 \
  --query 'UserProfiles[].UserProfileName' --output text
expect_output NotifyOffboarded stepfunctions get-execution-history --execution-arn "$OFFBOARDING" \
  --reverse-order --no-paginate \
  --query 'events[?type==`TaskStateEntered`] | [0].stateEnteredEventDetails.name' \
  --output text
stop_emulator

# Emulator time runs 600 times faster than real time here, so the bucket must not refill.
cat >"$WORK/faults.json" <<'JSON'
{
  "faults": {
    "throttling": [{"service": "sagemaker", "operation": "ListDomains", "ratePerSecond": 0, "burst": 2}],
    "failures": [{"service": "sts", "operation": "GetCallerIdentity", "error": "ServiceUnavailable", "times": 1}]
  }
}
JSON
start_emulator --scenario "$WORK/faults.json"
export AWS_MAX_ATTEMPTS=1
aws --endpoint-url "$ENDPOINT" sagemaker list-domains >/dev/null
aws --endpoint-url "$ENDPOINT" sagemaker list-domains >/dev/null
expect_error ThrottlingException sagemaker list-domains
expect_error ServiceUnavailable sts get-caller-identity
expect_output 123456789012 sts get-caller-identity --query Account --output text
unset AWS_MAX_ATTEMPTS
stop_emulator

echo "emulator-cli-check: all checks passed"
