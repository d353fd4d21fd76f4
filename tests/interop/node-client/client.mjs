#!/usr/bin/env node
// Cross-language interop client for ProcessorGateway.
//
// Built from protos/processorgateway/v1/*.proto alone (loaded at run time with
// @grpc/proto-loader): no generated C# code, nothing else from the repository,
// and no OAuth library. It gets access tokens with a plain form-encoded HTTP POST
// to the token endpoint (OAuth client credentials, Node's built-in fetch) and
// sends them as `authorization: Bearer <token>` metadata on every gRPC call.
//
// With the operator credentials from the environment it creates a tenant with
// the "students" template and registers a client bound to that tenant. It then
// gets that new client's own token and, as that client, puts a student, reads it
// back and finds it by full_name (a personal_searchable field). It also checks
// that a call without a token is refused with UNAUTHENTICATED, and that the
// tenant client's token does not carry the operator's rights. It prints one JSON
// line with the result; secrets and tokens are never printed.
//
// Usage: PG_CLIENT_ID=<operator client id> PG_CLIENT_SECRET=<its secret> \
//          node client.mjs <grpc-address> <token-endpoint> <tenant-id>
//   grpc-address    e.g. http://127.0.0.1:5080 (plaintext HTTP/2)
//   token-endpoint  e.g. http://127.0.0.1:5081/connect/token
// The operator client needs tenants.admin, records.read, records.write and the
// purpose "administration". Secrets come from the environment only, never from
// the command line (where other users could read them in the process list).
// Exit status: 0 when every step worked and every value round-tripped, 1 otherwise
// (the error goes to stderr).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// tests/interop/node-client -> repository root -> protos/
const PROTO_ROOT = path.resolve(HERE, '..', '..', '..', 'protos');
const PROTO_FILES = ['tenants.proto', 'schemas.proto', 'records.proto', 'values.proto'].map(
    (f) => `processorgateway/v1/${f}`,
);

// One call must not hang the run; the whole run is bounded too, so a gateway
// that accepts the connection but never answers still ends in exit 1.
const CALL_DEADLINE_MS = 15_000;
const RUN_DEADLINE_MS = 50_000;

const PURPOSE = 'administration';
// What the operator grants the tenant client it registers: just enough for this run.
const TENANT_CLIENT_SCOPES = ['records.read', 'records.write'];
const TENANT_CLIENT_PURPOSES = [PURPOSE];
const COLLECTION = 'students';
const RECORD_ID = 'stu-interop-1';
const SUBJECT_ID = 'subj-interop-1';
// Distinctive values, so the C# test can search the stored bytes for them.
// NodeClientInteropTests.cs holds the same values: change both together.
const STUDENT = {
    full_name: 'Zofia Nakamura-Okafor',
    email: 'zofia.nakamura@interop.example',
    date_of_birth: new Date(Date.UTC(2011, 8, 23)), // 2011-09-23T00:00:00Z
    grade_level: '8',
};

function fail(message) {
    process.stderr.write(`interop client: ERROR: ${message}\n`);
    process.exit(1);
}

function statusName(code) {
    return Object.keys(grpc.status).find((k) => grpc.status[k] === code) ?? 'UNKNOWN';
}

function describeError(err) {
    if (err && typeof err.code === 'number') {
        return `gRPC status ${err.code} (${statusName(err.code)}): ${err.details ?? err.message}`;
    }
    // A bug in this client shows its stack; a failed check or call, its message.
    if (err instanceof TypeError || err instanceof ReferenceError) {
        return err.stack;
    }
    return err instanceof Error ? err.message : String(err);
}

// Accepts http://host:port[/], or host:port. https is refused: this client
// speaks plaintext only (grpc.credentials.createInsecure()).
function grpcTarget(address) {
    if (!address.includes('://')) {
        return address;
    }
    const url = new URL(address);
    if (url.protocol !== 'http:') {
        fail(`address ${address}: only http:// (plaintext HTTP/2) is supported`);
    }
    if (!url.port) {
        fail(`address ${address} has no port`);
    }
    return url.host;
}

// The token endpoint: an absolute http:// or https:// URL, with no user name or
// password in it (credentials go in the POST body only).
function tokenUrl(endpoint) {
    let url;
    try {
        url = new URL(endpoint);
    } catch {
        fail(`token endpoint ${endpoint} is not an absolute URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        fail(`token endpoint ${endpoint}: only http:// and https:// are supported`);
    }
    if (url.username || url.password) {
        fail('the token endpoint URL must not hold credentials; set PG_CLIENT_ID and PG_CLIENT_SECRET');
    }
    return url;
}

// OAuth 2.0 client credentials (RFC 6749 section 4.4) by hand: one form-encoded
// POST, the credentials in the body (client_secret_post), the token in the
// JSON reply. Errors name the client and the OAuth error, never the secret.
async function getToken(endpoint, clientId, clientSecret) {
    const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
    });
    let response;
    try {
        response = await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
            body: form.toString(),
            signal: AbortSignal.timeout(CALL_DEADLINE_MS),
        });
    } catch (err) {
        const cause = err?.cause?.message ? ` (${err.cause.message})` : '';
        throw new Error(`token request for ${clientId} to ${endpoint} failed: ${err.message}${cause}`);
    }
    const text = await response.text();
    let body;
    try {
        body = JSON.parse(text);
    } catch {
        throw new Error(`token request for ${clientId}: HTTP ${response.status}, and the reply is not JSON`);
    }
    if (!response.ok) {
        const description = body.error_description ? `: ${body.error_description}` : '';
        throw new Error(`token request for ${clientId} refused: HTTP ${response.status} ${body.error ?? ''}${description}`);
    }
    if (typeof body.access_token !== 'string' || body.access_token.length === 0) {
        throw new Error(`token reply for ${clientId} has no access_token`);
    }
    if (typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer') {
        throw new Error(`token reply for ${clientId} has token_type ${JSON.stringify(body.token_type)}, not Bearer`);
    }
    return body.access_token;
}

// The claims of a JWT access token (the gateway signs its tokens but does not
// encrypt them, so their holder may read them). Only to report which client a
// token names; the gateway, not this client, checks the signature.
function tokenClaims(token) {
    const parts = token.split('.');
    if (parts.length !== 3) {
        throw new Error(`the access token is not a JWS compact JWT (${parts.length} parts)`);
    }
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const list = (value) => (Array.isArray(value) ? value : typeof value === 'string' ? value.split(' ') : []);
    return {
        client_id: claims.sub,
        tenant_id: claims.pg_tenant ?? null,
        scopes: list(claims.scope ?? claims.scp).sort(),
        purposes: list(claims.pg_purpose).sort(),
    };
}

// gRPC metadata carrying a bearer token. Passed per call: grpc-js refuses call
// credentials on an insecure channel, and this client speaks plaintext.
function bearer(token) {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${token}`);
    return metadata;
}

function loadServices() {
    const definition = protoLoader.loadSync(PROTO_FILES, {
        keepCase: true,
        longs: String,
        enums: String,
        defaults: true,
        oneofs: true,
        // The repository's protos/ directory. google/protobuf/timestamp.proto and
        // field_mask.proto need no directory: protobufjs bundles those well-known
        // types and resolves their imports before consulting includeDirs.
        includeDirs: [PROTO_ROOT],
    });
    for (const wellKnown of ['google.protobuf.Timestamp', 'google.protobuf.FieldMask']) {
        if (!definition[wellKnown]) {
            fail(`${wellKnown} did not resolve while loading ${PROTO_ROOT}`);
        }
    }
    const pkg = grpc.loadPackageDefinition(definition).processorgateway.v1;
    return { TenantService: pkg.TenantService, RecordService: pkg.RecordService };
}

// Promisified unary call with a deadline and the given metadata (a bearer
// token, or none); the error names the method.
function call(client, method, request, metadata = new grpc.Metadata()) {
    return new Promise((resolve, reject) => {
        const deadline = new Date(Date.now() + CALL_DEADLINE_MS);
        client[method](request, metadata, { deadline }, (err, response) => {
            if (err) {
                reject(new Error(`${method} failed: ${describeError(err)}`));
            } else {
                resolve(response);
            }
        });
    });
}

// A call that must fail with the given status; resolves to the status code.
function callRefused(client, method, request, metadata, expected, why) {
    return new Promise((resolve, reject) => {
        const deadline = new Date(Date.now() + CALL_DEADLINE_MS);
        client[method](request, metadata, { deadline }, (err) => {
            if (!err) {
                reject(new Error(`${method} ${why} succeeded; expected ${statusName(expected)} (${expected})`));
            } else if (err.code !== expected) {
                reject(new Error(`${method} ${why} failed with ${describeError(err)}; expected ${statusName(expected)} (${expected})`));
            } else {
                resolve(err.code);
            }
        });
    });
}

function sameSet(actual, expected) {
    const a = [...actual].sort();
    const b = [...expected].sort();
    return a.length === b.length && a.every((v, i) => v === b[i]);
}

function toTimestamp(date) {
    const ms = date.getTime();
    return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
}

function fromTimestamp(ts) {
    return new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1_000_000));
}

// A protobuf Value (oneofs: true gives the set member's name in `kind`) as a
// plain JSON value; a masked or unexpected kind is an error here, since the
// administration purpose may read every field this client writes.
function plainValue(field, value) {
    if (!value) {
        throw new Error(`field ${field} is missing from the reply`);
    }
    switch (value.kind) {
        case 'string_value':
            return value.string_value;
        case 'timestamp_value':
            return fromTimestamp(value.timestamp_value).toISOString();
        case 'masked':
            throw new Error(`field ${field} came back masked: ${value.masked.reason}`);
        default:
            throw new Error(`field ${field} came back as ${value.kind ?? 'nothing'}`);
    }
}

function expectedFields() {
    return {
        full_name: STUDENT.full_name,
        email: STUDENT.email,
        date_of_birth: STUDENT.date_of_birth.toISOString(),
        grade_level: STUDENT.grade_level,
    };
}

function checkRecord(step, record, version) {
    const problems = [];
    if (record.tenant_id !== tenantId) problems.push(`tenant_id ${record.tenant_id}`);
    if (record.collection !== COLLECTION) problems.push(`collection ${record.collection}`);
    if (record.record_id !== RECORD_ID) problems.push(`record_id ${record.record_id}`);
    if (record.subject_id !== SUBJECT_ID) problems.push(`subject_id ${record.subject_id}`);
    if (record.version !== version) problems.push(`version ${record.version}, expected ${version}`);
    const fields = {};
    for (const [name, expected] of Object.entries(expectedFields())) {
        fields[name] = plainValue(name, record.fields[name]);
        if (fields[name] !== expected) {
            problems.push(`${name} is ${JSON.stringify(fields[name])}, expected ${JSON.stringify(expected)}`);
        }
    }
    if (problems.length > 0) {
        throw new Error(`${step} returned a different record: ${problems.join('; ')}`);
    }
    return fields;
}

const USAGE =
    'usage: PG_CLIENT_ID=<operator client id> PG_CLIENT_SECRET=<its secret> \\\n' +
    '         node client.mjs <grpc-address, e.g. http://127.0.0.1:5080> ' +
    '<token-endpoint, e.g. http://127.0.0.1:5081/connect/token> <tenant-id>\n';
const [address, tokenEndpoint, tenantId] = process.argv.slice(2);
if (!address || !tokenEndpoint || !tenantId || process.argv.length > 5) {
    process.stderr.write(USAGE);
    process.exit(1);
}
const operatorClientId = process.env.PG_CLIENT_ID;
const operatorClientSecret = process.env.PG_CLIENT_SECRET;
if (!operatorClientId || !operatorClientSecret) {
    process.stderr.write(`interop client: ERROR: set PG_CLIENT_ID and PG_CLIENT_SECRET to an operator client's credentials\n${USAGE}`);
    process.exit(1);
}

setTimeout(() => fail(`no result within ${RUN_DEADLINE_MS} ms`), RUN_DEADLINE_MS).unref();

async function main() {
    const { TenantService, RecordService } = loadServices();
    const target = grpcTarget(address);
    const endpoint = tokenUrl(tokenEndpoint);
    const credentials = grpc.credentials.createInsecure();
    const tenants = new TenantService(target, credentials);
    const records = new RecordService(target, credentials);
    try {
        // (a) The operator's token, by a plain POST to the token endpoint.
        const operator = bearer(await getToken(endpoint, operatorClientId, operatorClientSecret));

        // (b) As the operator: a tenant with the students template ...
        const tenant = await call(
            tenants,
            'CreateTenant',
            {
                tenant_id: tenantId,
                display_name: 'Interop School (Node.js client)',
                templates: [COLLECTION],
            },
            operator,
        );
        if (tenant.tenant_id !== tenantId || !tenant.collections.includes(COLLECTION)) {
            throw new Error(`CreateTenant returned ${JSON.stringify(tenant)}`);
        }

        // ... and a client bound to it. The reply holds its secret, shown this once:
        // kept in memory for the next step, never printed.
        const registered = await call(
            tenants,
            'RegisterClient',
            {
                tenant_id: tenantId,
                display_name: 'Interop school app (Node.js client)',
                scopes: TENANT_CLIENT_SCOPES,
                purposes: TENANT_CLIENT_PURPOSES,
            },
            operator,
        );
        const tenantClient = registered.client;
        if (
            !tenantClient?.client_id ||
            tenantClient.tenant_id !== tenantId ||
            !sameSet(tenantClient.scopes, TENANT_CLIENT_SCOPES) ||
            !sameSet(tenantClient.purposes, TENANT_CLIENT_PURPOSES) ||
            tenantClient.revoked
        ) {
            // The client part only: the reply also holds the secret.
            throw new Error(`RegisterClient returned the client ${JSON.stringify(tenantClient)}`);
        }
        if (!registered.client_secret) {
            throw new Error(`RegisterClient returned no client_secret for ${tenantClient.client_id}`);
        }

        // (c) The new client's own token, by the same POST. Every record call below
        // carries it, not the operator's.
        const tenantToken = await getToken(endpoint, tenantClient.client_id, registered.client_secret);
        const asTenantClient = bearer(tenantToken);
        const claims = tokenClaims(tenantToken);
        if (claims.client_id !== tenantClient.client_id || claims.tenant_id !== tenantId) {
            throw new Error(
                `the token for ${tenantClient.client_id} names client ${claims.client_id} of tenant ${claims.tenant_id}`,
            );
        }

        // (d) Create the student (expected_version 0).
        const written = await call(
            records,
            'PutRecord',
            {
                tenant_id: tenantId,
                collection: COLLECTION,
                record_id: RECORD_ID,
                subject_id: SUBJECT_ID,
                purpose: PURPOSE,
                expected_version: '0',
                fields: {
                    full_name: { string_value: STUDENT.full_name },
                    email: { string_value: STUDENT.email },
                    date_of_birth: { timestamp_value: toTimestamp(STUDENT.date_of_birth) },
                    grade_level: { string_value: STUDENT.grade_level },
                },
            },
            asTenantClient,
        );
        if (written.record_id !== RECORD_ID || written.version === '0') {
            throw new Error(`PutRecord returned ${JSON.stringify(written)}`);
        }

        // (e) Without a token the same read is refused: UNAUTHENTICATED, not data.
        const getRequest = { tenant_id: tenantId, collection: COLLECTION, record_id: RECORD_ID, purpose: PURPOSE };
        const unauthenticatedStatus = await callRefused(
            records,
            'GetRecord',
            getRequest,
            new grpc.Metadata(),
            grpc.status.UNAUTHENTICATED,
            'without a token',
        );

        // (f) With the tenant client's token: read it back.
        const read = await call(records, 'GetRecord', getRequest, asTenantClient);
        const fields = checkRecord('GetRecord', read, written.version);

        // (g) Find it by full_name, a personal_searchable field (blind index).
        const found = await call(
            records,
            'QueryRecords',
            {
                tenant_id: tenantId,
                collection: COLLECTION,
                filters: [{ field: 'full_name', equals: { string_value: STUDENT.full_name } }],
                page_size: 10,
                purpose: PURPOSE,
            },
            asTenantClient,
        );
        const match = found.records.find((r) => r.record_id === RECORD_ID);
        if (!match) {
            throw new Error(`QueryRecords by full_name found ${found.records.length} record(s), not ${RECORD_ID}`);
        }
        checkRecord('QueryRecords', match, written.version);

        // (h) The gateway treats that token as the tenant client's, not the operator's:
        // it has no tenants.admin, so listing the tenant's clients is refused.
        const tenantClientAdminStatus = await callRefused(
            tenants,
            'ListClients',
            { tenant_id: tenantId },
            asTenantClient,
            grpc.status.PERMISSION_DENIED,
            "with the tenant client's token",
        );

        // (i) One JSON line, with no secret and no token. version is a string, as in
        // protobuf's JSON mapping of int64.
        process.stdout.write(
            `${JSON.stringify({
                tenant_id: tenantId,
                tenant_client_id: tenantClient.client_id,
                // The claims of the token PutRecord, GetRecord and QueryRecords carried.
                record_calls_token: claims,
                record_id: written.record_id,
                version: written.version,
                fields,
                query_matches: found.records.length,
                unauthenticated_status: unauthenticatedStatus,
                tenant_client_list_clients_status: tenantClientAdminStatus,
            })}\n`,
        );
    } finally {
        tenants.close();
        records.close();
    }
}

main().then(
    () => {
        process.exitCode = 0;
    },
    (err) => fail(describeError(err)),
);
