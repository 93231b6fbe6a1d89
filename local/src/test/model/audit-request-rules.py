#!/usr/bin/env python3
"""Audits the emulator's request checks against the AWS API models: for each served operation and
each rule the model puts on a top-level input member (required, length, pattern, enum, range, item
count), sends a request through botocore (its own checks off) that breaks only that rule, and
prints each one the emulator takes: answered as it answers the same request without the break, or
with success. AWS refuses every one of them before the operation runs. Start the emulator first:

  java -jar local/target/studio-lifecycle-local.jar emulator --port 4599 &
  python3 local/src/test/model/audit-request-rules.py http://127.0.0.1:4599 [service ...]

Needs boto3. The valid values it fills in come from a list of samples matched against each
member's pattern; where none fits, the baseline is itself refused and the rows for that
operation say less (read "baseline" in them).
"""
import datetime, json, re, sys
import boto3, botocore
from botocore.config import Config

ENDPOINT = sys.argv[1]
OPS = {
 'sns': 'CreateTopic Publish Subscribe ListTopics ListSubscriptionsByTopic',
 'dynamodb': 'GetItem UpdateItem',
 'sagemaker': 'CreateDomain UpdateDomain DeleteDomain DescribeDomain ListDomains CreateUserProfile DescribeUserProfile ListUserProfiles UpdateUserProfile DeleteUserProfile CreateApp DescribeApp ListApps DeleteApp CreateSpace DescribeSpace ListSpaces UpdateSpace DeleteSpace CreatePresignedDomainUrl AddTags DeleteTags ListTags',
 'stepfunctions': 'CreateStateMachine DescribeStateMachine ListStateMachines DeleteStateMachine StartExecution DescribeExecution ListExecutions GetExecutionHistory StopExecution RedriveExecution ValidateStateMachineDefinition ListTagsForResource DescribeMapRun ListMapRuns',
 'identitystore': 'GetUserId DescribeUser ListGroupMembershipsForMember',
 'sso-admin': 'ListInstances CreateApplicationAssignment DeleteApplicationAssignment DescribeApplicationAssignment ListApplicationAssignments',
 'iam': 'CreateRole GetRole DeleteRole UpdateAssumeRolePolicy PutRolePermissionsBoundary AttachRolePolicy DetachRolePolicy ListAttachedRolePolicies PutRolePolicy GetRolePolicy DeleteRolePolicy ListRolePolicies TagRole ListRoleTags ListRoles CreatePolicy GetPolicy ListPolicies',
 'ssm': 'GetParameter PutParameter',
 'sts': 'GetCallerIdentity',
 's3': 'CreateBucket HeadBucket PutObject GetObject HeadObject DeleteObject DeleteBucket',
}
if len(sys.argv) > 2:
    OPS = {k: v for k, v in OPS.items() if k in sys.argv[2:]}
CANDIDATES = [
 'a', 'abc', 'jane-doe', 'd-abcdef123456', 'default', 'JupyterLab', 'ml.t3.medium', '123456789012',
 'arn:aws:iam::123456789012:role/audit', 'arn:aws:iam::123456789012:policy/audit',
 'arn:aws:iam::aws:policy/ReadOnlyAccess',
 'arn:aws:sagemaker:us-east-1:123456789012:domain/d-abcdef123456',
 'arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-abcdef123456/jane-doe',
 'arn:aws:states:us-east-1:123456789012:stateMachine:audit',
 'arn:aws:states:us-east-1:123456789012:execution:audit:run1',
 'arn:aws:states:us-east-1:123456789012:mapRun:audit/m:1',
 'arn:aws:sns:us-east-1:123456789012:audit', 'arn:aws:sqs:us-east-1:123456789012:audit',
 'arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef',
 '12345678-1234-1234-1234-123456789012', 'USER', 'x@example.com', '/', '/audit/',
 '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
 '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
 '{}', 'audit-bucket-1', 'sg-12345678', 'subnet-12345678', 'vpc-12345678', 'audit.param', 'https://example.com',
]
BAD = ['!', '!!', ' a b ', '\u0000x', '#', 'a' * 3]

def fits(shape, s):
    lo = shape.metadata.get('min', 0); hi = shape.metadata.get('max', 10**9)
    if not (lo <= len(s) <= hi): return False
    p = shape.metadata.get('pattern')
    if p:
        try:
            return re.fullmatch(p, s, re.S) is not None
        except re.error:
            return True
    return True

HINTS = [('statemachinearn', ':stateMachine:'), ('resourcearn', ':stateMachine:'), ('executionarn', ':execution:'),
 ('maprunarn', ':mapRun:'), ('topicarn', ':sns:'), ('endpoint', ':sqs:'), ('policyarn', ':policy/'),
 ('permissionsboundary', ':policy/'), ('rolearn', ':role/'), ('executionrole', ':role/'), ('instancearn', ':instance/'), ('applicationarn', ':application/'),
 ('userid', '12345678-1234'), ('memberid', '12345678-1234'), ('identitystoreid', 'd-1234567890'), ('domainid', 'd-abcdef123456'),
 ('bucket', 'audit-bucket'), ('policydocument', 'Statement'), ('assumerolepolicydocument', 'Principal'), ('definition', '{}')]

def valid(shape, depth=0, name=''):
    t = shape.type_name
    if t == 'string':
        if shape.enum: return shape.enum[0]
        for key, marker in HINTS:
            if key == name.lower():
                for c in CANDIDATES:
                    if marker in c and fits(shape, c): return c
        for c in CANDIDATES:
            if fits(shape, c): return c
        lo = shape.metadata.get('min', 1)
        return 'a' * max(lo, 1)
    if t in ('integer', 'long'):
        return max(shape.metadata.get('min', 1), 1) if shape.metadata.get('max', 2) >= 1 else shape.metadata.get('min', 0)
    if t in ('float', 'double'): return float(shape.metadata.get('min', 1))
    if t == 'boolean': return True
    if t == 'timestamp': return datetime.datetime(2026, 1, 1)
    if t == 'blob': return b'x'
    if t == 'list':
        n = shape.metadata.get('min', 0)
        return [valid(shape.member, depth + 1) for _ in range(n)]
    if t == 'map': return {}
    if t == 'structure':
        if depth > 4: return {}
        out = {}
        for name in shape.required_members:
            out[name] = valid(shape.members[name], depth + 1, name)
        return out
    return None

def violations(shape):
    """(what, value) pairs that break one rule of this member's shape."""
    t = shape.type_name; out = []
    if t == 'string':
        if shape.enum: out.append(('enum', 'NOT_A_VALUE_OF_THE_ENUM'))
        hi = shape.metadata.get('max'); lo = shape.metadata.get('min', 0)
        if hi is not None and hi < 100000:
            base = valid(shape, 0, NAME[0]); out.append((f'max {hi}', (base * (hi // max(len(base), 1) + 2))[:hi + 1]))
        if lo > 0: out.append((f'min {lo}', ''))
        p = shape.metadata.get('pattern')
        if p and not shape.enum:
            for b in BAD:
                try:
                    if lo <= len(b) <= (hi or 10**9) and re.fullmatch(p, b, re.S) is None:
                        out.append((f'pattern {p}', b)); break
                except re.error:
                    break
    elif t in ('integer', 'long'):
        if 'max' in shape.metadata: out.append((f'max {shape.metadata["max"]}', shape.metadata['max'] + 1))
        if 'min' in shape.metadata: out.append((f'min {shape.metadata["min"]}', shape.metadata['min'] - 1))
    elif t == 'list':
        if 'max' in shape.metadata and shape.metadata['max'] < 1000:
            out.append((f'max items {shape.metadata["max"]}', [valid(shape.member, 1)] * (shape.metadata['max'] + 1)))
        if shape.metadata.get('min', 0) > 0: out.append((f'min items {shape.metadata["min"]}', []))
    elif t == 'map':
        if 'max' in shape.metadata and shape.metadata['max'] < 1000:
            out.append((f'max entries {shape.metadata["max"]}', {f'k{i}': valid(shape.value, 1) for i in range(shape.metadata['max'] + 1)}))
    return out

def call(client, op, params):
    try:
        getattr(client, botocore.xform_name(op))(**params)
        return 'OK'
    except botocore.exceptions.ClientError as e:
        return e.response['Error']['Code']
    except Exception as e:
        return 'EXC ' + type(e).__name__

def identity_center():
    """The emulator's own instance and identity store, so that lookups reach past them."""
    sso = boto3.client('sso-admin', endpoint_url=ENDPOINT, region_name='us-east-1',
                       aws_access_key_id='AKIAAUDIT', aws_secret_access_key='x')
    for instance in sso.list_instances()['Instances']:
        arn = instance['InstanceArn']
        CANDIDATES.extend([arn.split('/')[-1], arn, instance['IdentityStoreId']])


def members(shape, path=(), depth=0):
    """(path, shape, required) of every member below a structure, down to three levels; a list's
    path step is its first item."""
    for name, member in shape.members.items():
        here = path + (name,)
        yield here, member, name in shape.required_members
        if depth >= 2:
            continue
        target, step = member, here
        if member.type_name == 'list':
            target, step = member.member, here + (0,)
        if target.type_name == 'structure':
            yield from members(target, step, depth + 1)


def with_value(shape, base, path, value):
    """A copy of the request {@code base} with the member at {@code path} set to {@code value}
    (removed when None), the structures and lists on the way filled in as valid()."""
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        items = list(base) if base else [valid(shape.member, 1)]
        items[0] = with_value(shape.member, items[0], rest, value) if rest else value
        return items
    out = dict(base or {})
    member = shape.members[step]
    if not rest:
        if value is None:
            out.pop(step, None)
        else:
            out[step] = value
        return out
    out[step] = with_value(member, out.get(step) or valid(member, 1, step), rest, value)
    return out


identity_center()
gaps = 0; checks = 0; NAME = ['']
for service, ops in OPS.items():
    client = boto3.client(service, endpoint_url=ENDPOINT, region_name='us-east-1',
                          aws_access_key_id='AKIAAUDIT', aws_secret_access_key='x',
                          config=Config(parameter_validation=False, retries={'max_attempts': 1}))
    model = client.meta.service_model
    for op in ops.split():
        shape = model.operation_model(op).input_shape
        if shape is None:
            continue
        base = valid(shape)
        baseline = call(client, op, base)
        for path, member, required in members(shape):
            NAME[0] = path[-1] if isinstance(path[-1], str) else ''
            tests = violations(member)
            if required:
                tests.append(('required', None))
            for what, value in tests:
                got = call(client, op, with_value(shape, base, path, value))
                checks += 1
                if got in ('OK', baseline) and not got.startswith('Validation'):
                    gaps += 1
                    where = '.'.join(str(step) for step in path)
                    print(f'{service} {op}.{where} [{what}] -> {got} (baseline {baseline})'
                          f' value={str(value)[:40]!r}')
print(f'{checks} checks, {gaps} taken', file=sys.stderr)
